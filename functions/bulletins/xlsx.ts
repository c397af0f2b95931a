import ExcelJS from 'exceljs';
import { RECEPTION_HEADINGS, type ReceptionRow } from '../../shared/domain/reception.ts';
import { EXPORT_COLUMNS } from './exports.ts';

/** The same table as an Excel workbook: Chinese headings, figures as numbers (Excel and WPS sum them). */
export async function receptionXlsx(
  rows: ReceptionRow[],
  range: { from: string; to: string },
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '新华区政务网';
  const sheet = workbook.addWorksheet(`${range.from}至${range.to}`);
  sheet.columns = EXPORT_COLUMNS.map((column) => ({
    header: RECEPTION_HEADINGS[column],
    key: column,
    width: column === 'name' ? 24 : column === 'unitId' ? 20 : 12,
    ...(column === 'unitId' || column === 'name' ? {} : { style: { numFmt: '0' } }),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
