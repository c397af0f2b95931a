import type { FormInstance } from 'antd';
import { ApiError } from './api.ts';

/**
 * Puts the API's refusal on the fields it names (`body.title` on 标题), so
 * a classified marking or a bad phone number shows where it was typed.
 * Returns the message for what no field carries.
 */
export function showApiErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
): string | undefined {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const onFields = fields
    .map((name) => ({
      name,
      errors: error.body.details.filter(
        (detail) => detail.field === name || detail.field === `body.${name}`,
      ),
    }))
    .filter(({ errors }) => errors.length > 0);
  form.setFields(
    onFields.map(({ name, errors }) => ({
      name,
      errors: errors.map((detail) =>
        error.body.code === 'CLASSIFIED_CONTENT'
          ? '含有密级标志：本平台不得处理涉密内容'
          : detail.message,
      ),
    })),
  );
  return onFields.length > 0 ? undefined : error.message;
}
