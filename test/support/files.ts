import { crc32 } from 'node:zlib';

/**
 * A ZIP container of stored (uncompressed) parts, as the ZIP specification
 * lays it out: local headers and data, then the central directory and its
 * end record. Enough to make a DOCX, an XLSX or an OFD in a test.
 */
export function zip(parts: Record<string, string | Uint8Array>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const data = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/** Documents as the tests need them: real containers, and impostors. */
export const documents = {
  pdf: Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  ),
  docx: (extra: Record<string, Uint8Array> = {}) =>
    zip({
      '[Content_Types].xml': CONTENT_TYPES,
      '_rels/.rels': '<Relationships/>',
      'word/document.xml':
        '<w:document><w:body><w:p><w:r><w:t>关于防汛工作的报告</w:t></w:r></w:p></w:body></w:document>',
      ...extra,
    }),
  xlsx: zip({
    '[Content_Types].xml': CONTENT_TYPES,
    'xl/workbook.xml': '<workbook><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>',
    'xl/worksheets/sheet1.xml': '<worksheet><sheetData/></worksheet>',
  }),
  ofd: zip({
    'OFD.xml': '<ofd:OFD DocType="OFD" Version="1.0"/>',
    'Doc_0/Document.xml': '<ofd:Document/>',
  }),
  /** A ZIP that claims to be a DOCX but lacks word/document.xml. */
  zipWithoutDocument: zip({ '[Content_Types].xml': CONTENT_TYPES, 'readme.txt': 'hello' }),
  /** A Windows executable renamed .pdf: its MZ header gives it away. */
  exe: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(512)]),
  htmlAsPdf: Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
  /** The OLE compound file signature, as a .doc begins. */
  doc: Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
  ]),
};
