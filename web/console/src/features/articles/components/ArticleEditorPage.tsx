import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  AttachmentPicker,
  attachmentIds,
  attachmentsRule,
  type PickedFile,
} from '../../../components/Attachments.tsx';
import { Section } from '../../../components/Section.tsx';
import type { ArticleInput, ArticleView } from '../../../lib/api-types.ts';
import { showApiErrors } from '../../../lib/forms.ts';
import { ARTICLE_COLUMN } from '../../../lib/labels.ts';
import { useMe } from '../../../lib/me.ts';
import { fullTime } from '../../../lib/time.ts';
import { articleQuery, usePublishArticle, useSaveArticle } from '../api/articles.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';

const FIELDS = ['column', 'title', 'body', 'attachments'] as const;

/** What the editor's form holds: the article, and its files as the picker shows them. */
type Fields = Omit<ArticleInput, 'attachmentIds'> & { attachments: PickedFile[] };

const picked = (article: ArticleView): PickedFile[] =>
  article.attachments.map(({ id, name, size }) => ({ key: id, id, name, size, state: 'ready' }));

/**
 * Writes an article in Markdown, 预览 as citizens will see it (the server's
 * rendering, raw HTML shown as text), and 发布 / 撤下 for the district office.
 */
export default function ArticleEditorPage() {
  const { id } = useParams();
  const existing = useQuery({
    ...articleQuery(id ?? ''),
    enabled: id !== undefined && id !== 'new',
  });
  if (id && id !== 'new' && !existing.data) {
    return existing.isError ? (
      <Alert type="error" showIcon title="没有取到这篇文章" />
    ) : (
      <Typography.Paragraph>正在载入…</Typography.Paragraph>
    );
  }
  // One editor across the first save (new → its id): what was previewed stays on screen.
  return <Editor article={existing.data} />;
}

function Editor({ article }: { article: ArticleView | undefined }) {
  const me = useMe();
  const office = me.group === 'district-office';
  const navigate = useNavigate();
  const [form] = Form.useForm<Fields>();
  const save = useSaveArticle(article?.id);
  const publish = usePublishArticle(article?.id ?? '');
  const [message, setMessage] = useState<string>();
  const [preview, setPreview] = useState<ArticleView | undefined>(undefined);
  // Another article opened in the same editor: its own preview, not this one's.
  if (preview && article && preview.id !== article.id) setPreview(undefined);
  const current = publish.data ?? save.data ?? article;
  useEffect(() => {
    if (article)
      form.setFieldsValue({
        column: article.column,
        title: article.title,
        body: article.body,
        attachments: picked(article),
      });
  }, [article, form]);
  const columns = (Object.keys(ARTICLE_COLUMN) as (keyof typeof ARTICLE_COLUMN)[]).filter(
    (column) => office || column === 'local',
  );
  const submit = ({ attachments, ...values }: Fields, then: 'save' | 'preview') => {
    setMessage(undefined);
    save.mutate(
      { ...values, attachmentIds: attachmentIds(attachments) },
      {
        onSuccess: (saved) => {
          if (then === 'preview') setPreview(saved);
          if (!article) void navigate(`/articles/${saved.id}`, { replace: true });
        },
        onError: (error) => {
          setMessage(showApiErrors(form, error, FIELDS));
        },
      },
    );
  };
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {article ? '编辑文章' : '写文章'}{' '}
        {current &&
          (current.status === 'published' ? (
            <StatusTag tone="ok">已发布</StatusTag>
          ) : (
            <StatusTag tone="neutral">草稿</StatusTag>
          ))}
      </Typography.Title>
      {current?.publishedAt && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {current.publishedBy} 发布于 {fullTime(current.publishedAt)}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ column: office ? 'news' : 'local', attachments: [] }}
        onFinish={(values) => {
          submit(values, 'save');
        }}
      >
        <Form.Item name="column" label="栏目" rules={[{ required: true, message: '请选择栏目' }]}>
          <Select
            options={columns.map((column) => ({ value: column, label: ARTICLE_COLUMN[column] }))}
          />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="body"
          label="正文（Markdown）"
          extra="用 ## 写小标题，- 写列表，[文字](网址) 写链接；不支持 HTML。"
          rules={[{ required: true, message: '请填写正文' }]}
        >
          <Input.TextArea rows={12} maxLength={20_000} />
        </Form.Item>
        <Form.Item
          label="图片和附件"
          name="attachments"
          extra="JPG、PNG 图片显示在文章中（发布时去除拍摄信息）；其他文件供群众下载。"
          rules={[attachmentsRule]}
        >
          <AttachmentPicker />
        </Form.Item>
        {message && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
        <Space wrap>
          <Button htmlType="submit" loading={save.isPending}>
            保存草稿
          </Button>
          <Button
            onClick={() => {
              void form.validateFields().then((values) => {
                submit(values, 'preview');
              });
            }}
          >
            预览
          </Button>
          {office && current?.status === 'draft' && (
            <Button
              type="primary"
              loading={publish.isPending}
              onClick={() => {
                publish.mutate('publish', {
                  onError: (error) => {
                    setMessage(error.message);
                  },
                });
              }}
            >
              发布
            </Button>
          )}
          {office && current?.status === 'published' && (
            <Button
              danger
              loading={publish.isPending}
              onClick={() => {
                publish.mutate('unpublish', {
                  onError: (error) => {
                    setMessage(error.message);
                  },
                });
              }}
            >
              撤下
            </Button>
          )}
        </Space>
      </Form>
      {preview && (
        <Section title={`预览：${preview.title}`}>
          <div className="article-preview" dangerouslySetInnerHTML={{ __html: preview.html }} />
        </Section>
      )}
    </Flex>
  );
}
