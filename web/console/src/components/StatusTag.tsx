import { Tag } from 'antd';
import type { ReactNode } from 'react';
import type { Supervision } from '../lib/api-types.ts';
import { SUPERVISION } from '../lib/labels.ts';

/**
 * What a status means, told the same way on every screen: waiting is gold,
 * done is green, late is red. antd's preset tag colours fall short of WCAG
 * AA contrast; these are its darkest shades of the same hues.
 */
export type Tone = 'info' | 'ok' | 'waiting' | 'late' | 'warning' | 'neutral';

const TONES: Record<
  Exclude<Tone, 'neutral'>,
  { color: string; background: string; border: string }
> = {
  info: { color: '#003eb3', background: '#e6f4ff', border: '#91caff' },
  ok: { color: '#135200', background: '#f6ffed', border: '#b7eb8f' },
  waiting: { color: '#613400', background: '#fffbe6', border: '#ffe58f' },
  late: { color: '#a8071a', background: '#fff1f0', border: '#ffa39e' },
  warning: { color: '#871400', background: '#fff2e8', border: '#ffbb96' },
};

export function StatusTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  if (tone === 'neutral') return <Tag>{children}</Tag>;
  const { color, background, border } = TONES[tone];
  return <Tag style={{ color, background, borderColor: border }}>{children}</Tag>;
}

/** An item's supervision colour (催办 / 督办 / 逾期未办), nothing while it has none. */
export function SupervisionTag({ colour }: { colour: Supervision }) {
  if (colour === 'none') return null;
  const { text, tone } = SUPERVISION[colour];
  return <StatusTag tone={tone}>{text}</StatusTag>;
}
