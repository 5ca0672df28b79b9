/**
 * From a file's bytes to text (reading C4): UTF-8 with or without BOM, else Windows-1252 (what
 * Excel's legacy "CSV" save writes); binary files and UTF-16 are refused with a clear error.
 */
import type { CsvFormat, CsvIssue } from './csv-types';
import { fileNotText, fileUtf16 } from './messages';

export interface DecodedText {
  readonly text: string;
  readonly encoding: CsvFormat['encoding'];
  readonly bom: boolean;
}

/** How much of the text the control-character check looks at: enough to judge, cheap on 100 MB. */
const CONTROL_SAMPLE = 65_536;
/** A CSV has almost no control characters; a binary file without NUL bytes has many. */
const CONTROL_SHARE_LIMIT = 0.1;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16_BOMS = [[0xff, 0xfe], [0xfe, 0xff]];
/** .xlsx is a zip file; .xls is an OLE compound document. */
const WORKBOOK_SIGNATURES = [[0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0]];

/**
 * Control characters other than tab, CR and LF, including the C1 range that Windows-1252
 * decoding gives for bytes no text uses.
 */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}

function mostlyControl(text: string): boolean {
  const end = Math.min(text.length, CONTROL_SAMPLE);
  let controls = 0;
  for (let i = 0; i < end; i++) if (isControl(text.charCodeAt(i))) controls++;
  return controls > end * CONTROL_SHARE_LIMIT;
}

function decodeBytes(bytes: Uint8Array, encoding: CsvFormat['encoding'] | undefined): Omit<DecodedText, 'bom'> {
  if (encoding !== undefined) return { text: new TextDecoder(encoding).decode(bytes), encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Decodes a file, or says why it is not a CSV. A string is taken as already decoded
 * (reported as UTF-8; an encoding override does not apply to it). The BOM is removed.
 */
export function decodeCsv(
  input: { readonly name: string; readonly data: Uint8Array | string },
  encoding?: CsvFormat['encoding'],
): DecodedText | { readonly issue: CsvIssue } {
  const { name, data } = input;
  if (typeof data === 'string') {
    const bom = data.startsWith('\uFEFF');
    const text = bom ? data.slice(1) : data;
    if (text.includes('\0') || mostlyControl(text)) return { issue: fileNotText(name, 'binary') };
    return { text, encoding: 'utf-8', bom };
  }
  if (UTF16_BOMS.some((bom) => startsWith(data, bom))) return { issue: fileUtf16(name) };
  if (WORKBOOK_SIGNATURES.some((signature) => startsWith(data, signature))) {
    return { issue: fileNotText(name, 'excel-workbook') };
  }
  if (data.includes(0)) return { issue: fileNotText(name, 'binary') };
  const bom = startsWith(data, UTF8_BOM);
  const decoded = decodeBytes(bom ? data.subarray(UTF8_BOM.length) : data, encoding);
  if (mostlyControl(decoded.text)) return { issue: fileNotText(name, 'binary') };
  return { ...decoded, bom };
}
