import MarkdownIt from 'markdown-it';

/**
 * Articles are written in Markdown and shown as HTML that carries no HTML
 * of the writer's: markdown-it with `html: false` escapes every tag typed
 * into the text, and its link check refuses `javascript:`, `vbscript:`,
 * `file:` and non-image `data:` URLs. Rendered on the server, once, so the
 * pages never run a renderer and the CSP stays as strict as it is.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export const renderMarkdown = (text: string): string => markdown.render(text);

/** The first words of an article, as plain text, for lists and search results. */
export function plainText(text: string, max = 80): string {
  const plain = markdown
    .render(text)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
