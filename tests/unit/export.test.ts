import { BOM, toCsv } from '@sillat/shared/export/csv';
import { fileSlug, neutralise } from '@sillat/shared/export/table';
import { columnName, sheetNames, xlsxParts } from '@sillat/shared/export/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { xlsxFile } from '../../functions/src/export/xlsx-zip';
import { parseCsv } from '../setup/csv';

describe('formula-injection neutralisation', () => {
  it.each(['=SUM(1)', '+1', '-1', '@x', '\tcmd', '\r=1', '=HYPERLINK("http://x","y")'])('prefixes %j', (text) => {
    expect(neutralise(text)).toBe(`'${text}`);
  });
  it.each(['SUM(1)', ' =1', 'a=b', '', "'quoted", 'Kävin kerhossa'])('leaves %j alone', (text) => {
    expect(neutralise(text)).toBe(text);
  });
});

describe('CSV (RFC 4180)', () => {
  const table = {
    columns: ['text', 'n', 'ok', 'empty'],
    rows: [
      ['a, b', 3, true, null],
      ['say "hi"', -1.5, false, undefined],
      ['two\r\nlines', 0, null, ''],
      ['=SUM(1)', 7, null, null],
      ['@x', Number.NaN, null, null],
      ['-1', 1, null, null],
      ['\tlead', 2, null, null],
      ['Åbo ääkköset', 2, null, null],
    ],
  };
  const text = toCsv(table);

  it('starts with a BOM and ends every record with CRLF', () => {
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(table.rows.length + 2 + 1 /* inside the quoted field */);
  });

  it('quotes commas, quotes and line breaks, and reads back to the same cells', () => {
    expect(text).toContain('"a, b"');
    expect(text).toContain('"say ""hi"""');
    expect(text).toContain('"two\r\nlines"');
    const { bom, rows } = parseCsv(text);
    expect(bom).toBe(true);
    expect(rows).toEqual([
      ['text', 'n', 'ok', 'empty'],
      ['a, b', '3', 'true', ''],
      ['say "hi"', '-1.5', 'false', ''],
      ['two\r\nlines', '0', '', ''],
      ["'=SUM(1)", '7', '', ''],
      ["'@x", '', '', ''],
      ["'-1", '1', '', ''],
      ["'\tlead", '2', '', ''],
      ['Åbo ääkköset', '2', '', ''],
    ]);
  });

  it('keeps negative numbers as numbers (only text is neutralised)', () => {
    expect(parseCsv(text).rows[2]![1]).toBe('-1.5');
  });
});

/** Every start tag closed in order, attributes quoted, entities known: enough to catch broken XML. */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  let roots = 0;
  while ((m = tag.exec(body))) {
    if (m[6]) return false; // a < that starts no tag
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[5])) return false;
      if (stack.length === 0 && m[5].trim()) return false;
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (close) {
      if (stack.pop() !== name) return false;
    } else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) roots++;
  }
  return stack.length === 0 && roots === 1;
}

describe('XLSX', () => {
  const tables = [
    {
      name: 'cards: [draft]/*?',
      columns: ['text', 'n'],
      rows: [
        ['=HYPERLINK("http://evil","click")', 3],
        ['@SUM(A1)', 4.25],
        ['<b>&"quoted"</b>\u0001\u000b', -2],
        ['+1', null],
      ],
    },
    { name: 'a'.repeat(40), columns: ['x'], rows: [[true]] },
  ];
  const zip = unzipSync(xlsxFile(tables, new Date('2026-01-01T00:00:00Z')));
  const part = (path: string) => strFromU8(zip[path]!);

  it('zips the parts of a minimal workbook, each well-formed XML', () => {
    expect(Object.keys(zip).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    for (const [path, bytes] of Object.entries(zip)) expect(wellFormed(strFromU8(bytes)), path).toBe(true);
    expect(wellFormed('<a><b></a></b>')).toBe(false);
    expect(wellFormed('<a>x & y</a>')).toBe(false);
  });

  it('writes neutralised, escaped inline strings and numbers as numbers', () => {
    const sheet = part('xl/worksheets/sheet1.xml');
    expect(sheet).toContain(
      '<c r="A2" t="inlineStr"><is><t xml:space="preserve">\'=HYPERLINK(&quot;http://evil&quot;,&quot;click&quot;)</t></is></c><c r="B2"><v>3</v></c>',
    );
    expect(sheet).toContain('<t xml:space="preserve">\'@SUM(A1)</t>');
    expect(sheet).toContain('<c r="B3"><v>4.25</v></c>');
    expect(sheet).toContain('<t xml:space="preserve">&lt;b&gt;&amp;&quot;quoted&quot;&lt;/b&gt;</t>');
    expect(sheet).toContain('<c r="B4"><v>-2</v></c>');
    expect(sheet).toContain('<t xml:space="preserve">\'+1</t></is></c></row>');
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr">');
    expect(part('xl/worksheets/sheet2.xml')).toContain('<c r="A2" t="b"><v>1</v></c>');
  });

  it('names sheets as Excel allows', () => {
    const workbook = part('xl/workbook.xml');
    expect(workbook).toContain('<sheet name="cards   draft" sheetId="1" r:id="rId1"/>');
    expect(workbook).toContain(`<sheet name="${'a'.repeat(31)}" sheetId="2" r:id="rId2"/>`);
    expect(sheetNames(['x', 'X', '', "'q'"])).toEqual(['x', 'X 2', 'Sheet3', 'q']);
    expect(part('[Content_Types].xml')).toContain('PartName="/xl/worksheets/sheet2.xml"');
    expect(part('xl/_rels/workbook.xml.rels')).toContain('Id="rId3"');
  });

  it('names columns A…Z, AA…', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('refuses an empty workbook', () => {
    expect(() => xlsxParts([])).toThrow(RangeError);
  });
});

describe('file names', () => {
  it('are ASCII slugs', () => {
    expect(fileSlug('Kevät 2026 – Östra/Åbo')).toBe('kevat-2026-ostra-abo');
    expect(fileSlug('ääää', 'round')).toBe('aaaa');
    expect(fileSlug('–––', 'round')).toBe('round');
  });
});
