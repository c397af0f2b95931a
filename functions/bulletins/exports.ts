import {
  RECEPTION_COLUMNS,
  RECEPTION_HEADINGS,
  type ReceptionRow,
} from '../../shared/domain/reception.ts';

/** The table's columns in order: the unit, then its figures. */
export const EXPORT_COLUMNS = ['unitId', 'name', ...RECEPTION_COLUMNS] as const;

const csvField = (value: string | number) => {
  const text = String(value);
  // A cell a spreadsheet would run as a formula is quoted as text (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 CSV with Chinese headings, UTF-8 with a BOM so that Excel and WPS read the Chinese. */
export function receptionCsv(rows: ReceptionRow[]): Uint8Array {
  const lines = [
    EXPORT_COLUMNS.map((column) => csvField(RECEPTION_HEADINGS[column])).join(','),
    ...rows.map((row) => EXPORT_COLUMNS.map((column) => csvField(row[column])).join(',')),
  ];
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}
