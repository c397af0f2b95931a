import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { AttachmentRef } from '../lib/api-types.ts';
import {
  ACCEPT,
  contentTypeOf,
  downloadAttachment,
  fileSize,
  MAX_BYTES,
  uploadAttachment,
} from '../lib/attachments.ts';
import { StatusTag, type Tone } from './StatusTag.tsx';

/** A file picked for a dispatch or an upward report, as its upload and check go. */
export interface PickedFile {
  key: string;
  name: string;
  size: number;
  state: 'uploading' | 'ready' | 'rejected' | 'failed';
  id?: string;
  /** Why it cannot be attached, in the words shown. */
  problem?: string;
}

const STATE: Record<PickedFile['state'], { text: string; tone: Tone }> = {
  uploading: { text: '上传检查中', tone: 'waiting' },
  ready: { text: '可发送', tone: 'ok' },
  rejected: { text: '未通过检查', tone: 'late' },
  failed: { text: '上传失败', tone: 'late' },
};

/** The form's rule: every file uploaded and checked before the form is sent. */
export const attachmentsRule = {
  validator: (_rule: unknown, files: PickedFile[] | undefined) => {
    if (files?.some((file) => file.state === 'uploading'))
      return Promise.reject(new Error('请等待附件上传和检查完成'));
    if (files?.some((file) => file.state !== 'ready'))
      return Promise.reject(new Error('请移除未通过检查或上传失败的附件'));
    return Promise.resolve();
  },
};

/** The `attachmentIds` of what was picked (all ready, by the rule above). */
export const attachmentIds = (files: PickedFile[] | undefined) =>
  (files ?? []).flatMap((file) => (file.id ? [file.id] : []));

/**
 * 附件: picks files, uploads each to its signed form and waits for the
 * platform's check of its real bytes; a form control (value, onChange).
 */
export function AttachmentPicker({
  id,
  value = [],
  onChange,
}: {
  id?: string;
  value?: PickedFile[];
  onChange?: (files: PickedFile[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  // Uploads finish in any order: each change applies to the newest list, not the one it started from.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const change = (next: PickedFile[]) => {
    latest.current = next;
    onChange?.(next);
  };
  const settle = (key: string, patch: Partial<PickedFile>) => {
    change(latest.current.map((file) => (file.key === key ? { ...file, ...patch } : file)));
  };

  const pick = (files: File[]) => {
    const picked = files.map((file): PickedFile & { file: File } => {
      const key = crypto.randomUUID();
      const base = { key, name: file.name, size: file.size, file };
      if (!contentTypeOf(file))
        return {
          ...base,
          state: 'rejected',
          problem: '不支持的文件类型（PDF、OFD、Word、Excel、图片）',
        };
      if (file.size > MAX_BYTES || file.size === 0)
        return {
          ...base,
          state: 'rejected',
          problem: `文件须大于 0 且不超过 ${fileSize(MAX_BYTES)}`,
        };
      return { ...base, state: 'uploading' };
    });
    change([...latest.current, ...picked.map(({ file: _file, ...rest }) => rest)]);
    for (const { key, file, state } of picked) {
      if (state !== 'uploading') continue;
      uploadAttachment(file).then(
        (checked) => {
          settle(key, {
            id: checked.id,
            state: checked.status === 'ready' ? 'ready' : 'rejected',
            ...(checked.status === 'ready'
              ? {}
              : { problem: `文件内容与类型不符（${checked.reason ?? ''}）` }),
          });
        },
        (error: unknown) => {
          settle(key, {
            state: 'failed',
            problem: error instanceof Error ? error.message : String(error),
          });
        },
      );
    }
  };

  return (
    <div>
      <input
        id={id}
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        tabIndex={-1}
        // Out of sight, still labelled by the form's 附件: the button below opens it.
        style={{
          position: 'absolute',
          width: 1,
          height: 1,
          overflow: 'hidden',
          clipPath: 'inset(50%)',
          whiteSpace: 'nowrap',
        }}
        onChange={(event) => {
          pick([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
      <Button icon={<PaperClipOutlined />} onClick={() => input.current?.click()}>
        添加附件
      </Button>
      <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
        PDF、OFD、Word、Excel 或图片，每个不超过 {fileSize(MAX_BYTES)}
      </Typography.Text>
      {value.length > 0 && (
        <ul aria-label="已选附件" style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}>
          {value.map((file) => (
            <li key={file.key} style={{ padding: '4px 0' }}>
              <Space wrap size={8}>
                <Typography.Text>{file.name}</Typography.Text>
                <Typography.Text type="secondary">{fileSize(file.size)}</Typography.Text>
                <StatusTag tone={STATE[file.state].tone}>{STATE[file.state].text}</StatusTag>
                {file.problem && <Typography.Text type="danger">{file.problem}</Typography.Text>}
                <Button
                  type="link"
                  size="small"
                  aria-label={`移除 ${file.name}`}
                  onClick={() => {
                    change(latest.current.filter((other) => other.key !== file.key));
                  }}
                >
                  移除
                </Button>
              </Space>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The files an item carries, each downloaded under its own name. */
export function AttachmentList({ files }: { files: AttachmentRef[] }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string>();
  if (files.length === 0) return null;
  return (
    <ul aria-label="附件" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {files.map((file) => (
        <li key={file.id} style={{ padding: '4px 0' }}>
          <Space wrap size={8}>
            <Button
              icon={<DownloadOutlined />}
              loading={busy === file.id}
              aria-label={`下载 ${file.name}`}
              onClick={() => {
                setBusy(file.id);
                downloadAttachment(file)
                  .catch((error: unknown) =>
                    message.error(
                      `下载失败：${error instanceof Error ? error.message : String(error)}`,
                    ),
                  )
                  .finally(() => {
                    setBusy(undefined);
                  });
              }}
            >
              {file.name}
            </Button>
            <Typography.Text type="secondary">{fileSize(file.size)}</Typography.Text>
          </Space>
        </li>
      ))}
    </ul>
  );
}
