// Test files made in the test, so nothing binary is committed.
//
// makeXlsx writes a minimal but valid SpreadsheetML workbook (inline strings, no shared strings
// or styles) zipped with fflate.

import { zipSync, strToU8 } from 'fflate';
import zlib from 'node:zlib';

const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index) {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

function sheetXml(rows) {
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((value, c) => {
          if (value === null || value === undefined || value === '') return '';
          const ref = `${columnName(c)}${r + 1}`;
          if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(value)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${body}</sheetData></worksheet>`
  );
}

/**
 * @param {{name: string, rows: (string|number|null)[][], hidden?: boolean}[]} sheets
 * @returns {Uint8Array} the bytes of an .xlsx file
 */
export function makeXlsx(sheets) {
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        sheets
          .map(
            (s, i) =>
              `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
          )
          .join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        '</Relationships>',
    ),
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s.rows));
  });
  return zipSync(files, { level: 6 });
}

/** A CSV file's bytes (UTF-8; `eol` '\r\n' gives the line ends Excel writes). */
export function makeCsv(rows, { eol = '\n' } = {}) {
  const field = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return strToU8(rows.map((r) => r.map(field).join(',')).join(eol) + eol);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A partial budget: two of the standard tables (two visible sheets) and a hidden note sheet. */
export function sampleWorkbook() {
  return makeXlsx([
    {
      name: '收入总表',
      rows: [
        ['部门收入预算总表', null, null],
        ['项目', '本年预算', '上年预算'],
        ['一般公共预算拨款收入', 1200.5, 1100],
        ['合计', 1200.5, 1100],
      ],
    },
    {
      name: '支出总表',
      rows: [
        ['部门支出预算总表', null],
        ['项目', '金额'],
        ['基本支出', 800],
        ['项目支出', 400.5],
        ['合计', 1200.5],
      ],
    },
    { name: '说明', hidden: true, rows: [['本表为测试数据']] },
  ]);
}

/**
 * An .xlsx whose one sheet inflates to `sheetBytes` of spaces (1 GiB by default) in about 1 MB,
 * made without ever holding it: a fully flushed deflate block of 1 MiB repeats, then an empty
 * final block (the same bomb as crates/core/tests/bad_input.rs). Its sizes and CRC are true.
 */
export function makeZipBomb(sheetBytes = 2 ** 30) {
  const chunk = Buffer.alloc(1 << 20, 0x20);
  const block = zlib.deflateRawSync(chunk, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const copies = Math.floor(sheetBytes / chunk.length);
  let crc = 0;
  for (let i = 0; i < copies; i++) crc = zlib.crc32(chunk, crc);
  const data = Buffer.concat([...Array(copies).fill(block), Buffer.from([0x03, 0x00])]);
  const small = (name, text) => ({ name, body: Buffer.from(text), crc: zlib.crc32(text), size: text.length, method: 0 });
  const entries = [
    small('[Content_Types].xml', '<Types/>'),
    small('xl/workbook.xml', '<workbook/>'),
    { name: 'xl/worksheets/sheet1.xml', body: data, crc, size: copies * chunk.length, method: 8 },
  ];
  const parts = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const header = (central) => {
      const h = Buffer.alloc(central ? 46 : 30);
      let at = 0;
      const u16 = (v) => (at = h.writeUInt16LE(v, at));
      const u32 = (v) => (at = h.writeUInt32LE(v >>> 0, at));
      u32(central ? 0x02014b50 : 0x04034b50);
      if (central) u16(20);
      u16(20); // version needed
      u16(0); // flags
      u16(e.method);
      u32(0); // time and date
      u32(e.crc);
      u32(e.body.length);
      u32(e.size);
      u16(name.length);
      u16(0); // extra
      if (central) {
        u16(0); // comment
        u16(0); // disk
        u16(0); // internal attributes
        u32(0); // external attributes
        u32(offset);
      }
      return Buffer.concat([h, name]);
    };
    const local = header(false);
    central.push(header(true));
    parts.push(local, e.body);
    offset += local.length + e.body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}
