/**
 * Between the engine's columns and stored chunks: `encodePortfolio` cuts a portfolio into chunk
 * records (and hashes them); `ColumnBuilder` pours chunks of one or more imports back into one
 * typed column, typed array to typed array, without an object per cell.
 */
import {
  BOOLEAN_MISSING, TEXT_MISSING, type Column, type ColumnKind, type EpochDay, type Portfolio,
} from '../engine/portfolio';
import { ContentHasher } from './content-hash';
import { CHUNK_ROWS, ID_COLUMN, type ChunkRecord, type StoredColumn } from './db';

/** A chunk before its import has an id. */
export type ChunkBody = Omit<ChunkRecord, 'importId'>;

export interface EncodedPortfolio {
  /** In the portfolio's column order. */
  readonly columns: readonly StoredColumn[];
  /** Ids first, then each column's chunks in order. */
  readonly chunks: readonly ChunkBody[];
  /** See `content-hash.ts`: ids, then columns by name (name, kind, stored bytes, labels). */
  readonly contentHash: string;
}

function columnLength(column: Column): number {
  return column.kind === 'text' ? column.codes.length : column.values.length;
}

/** A text chunk with its own dictionary in order of first use, so equal content gives equal bytes whatever the column's label order. */
function encodeText(codes: Int32Array, labels: readonly string[], start: number, end: number): { values: ArrayBuffer; labels: string[] } {
  const out = new Int32Array(end - start);
  const localOf = new Int32Array(labels.length).fill(TEXT_MISSING);
  const used: string[] = [];
  for (let r = start; r < end; r++) {
    const code = codes[r]!;
    if (code < 0 || code >= labels.length) {
      out[r - start] = TEXT_MISSING;
      continue;
    }
    let local = localOf[code]!;
    if (local === TEXT_MISSING) {
      local = used.push(labels[code]!) - 1;
      localOf[code] = local;
    }
    out[r - start] = local;
  }
  return { values: out.buffer, labels: used };
}

function encodeChunk(column: Column, index: number, chunk: number, start: number, end: number): ChunkBody {
  const head = { column: index, chunk, kind: column.kind, rows: end - start };
  const observedOn = column.observedOn ? { observedOn: column.observedOn.slice(start, end).buffer } : {};
  if (column.kind === 'text') return { ...head, ...encodeText(column.codes, column.labels, start, end), ...observedOn };
  return { ...head, values: column.values.slice(start, end).buffer, ...observedOn };
}

function hashChunk(hasher: ContentHasher, chunk: ChunkBody): void {
  hasher.int(chunk.rows);
  if (chunk.values) hasher.bytes(chunk.values);
  for (const label of chunk.labels ?? []) hasher.string(label);
  hasher.int(chunk.observedOn ? 1 : 0);
  if (chunk.observedOn) hasher.bytes(chunk.observedOn);
}

/**
 * Cuts `portfolio` into chunks of `CHUNK_ROWS` rows (copies: the portfolio is not changed) and
 * hashes what will be stored. Throws if the ids, a column or its `observedOn` do not have
 * `portfolio.size` rows.
 */
export function encodePortfolio(portfolio: Portfolio): EncodedPortfolio {
  const { size } = portfolio;
  if (portfolio.ids.length !== size) throw new Error(`encodePortfolio(): ${portfolio.ids.length} ids for ${size} rows`);
  const columns: StoredColumn[] = [];
  const chunks: ChunkBody[] = [];
  const byColumn: ChunkBody[][] = [];
  for (let start = 0, chunk = 0; start < size; start += CHUNK_ROWS, chunk++) {
    const end = Math.min(size, start + CHUNK_ROWS);
    chunks.push({ column: ID_COLUMN, chunk, kind: 'ids', rows: end - start, labels: portfolio.ids.slice(start, end) });
  }
  for (const [name, column] of portfolio.columns) {
    if (columnLength(column) !== size) throw new Error(`encodePortfolio(): column ${name} has ${columnLength(column)} rows for ${size}`);
    if (column.observedOn && column.observedOn.length !== size) throw new Error(`encodePortfolio(): observedOn of ${name} has ${column.observedOn.length} rows for ${size}`);
    const index = columns.push({ name, kind: column.kind, observedOn: column.observedOn !== undefined }) - 1;
    const own: ChunkBody[] = [];
    for (let start = 0, chunk = 0; start < size; start += CHUNK_ROWS, chunk++) {
      own.push(encodeChunk(column, index, chunk, start, Math.min(size, start + CHUNK_ROWS)));
    }
    byColumn.push(own);
    chunks.push(...own);
  }

  // Columns by name, not file order: the same data with columns moved is the same content.
  const hasher = new ContentHasher().int(size);
  for (const id of portfolio.ids) hasher.string(id);
  const order = columns.map((_, i) => i).sort((a, b) => (columns[a]!.name < columns[b]!.name ? -1 : 1));
  for (const i of order) {
    hasher.string(columns[i]!.name).string(columns[i]!.kind);
    for (const chunk of byColumn[i]!) hashChunk(hasher, chunk);
  }
  return { columns, chunks, contentHash: hasher.digest() };
}

/** A text column's dictionary while columns are being built; several builders may share one. */
export interface LabelDictionary {
  readonly labels: string[];
  readonly codeOf: Map<string, number>;
}

export function newDictionary(): LabelDictionary {
  return { labels: [], codeOf: new Map() };
}

/**
 * One column of a merged portfolio, filled chunk by chunk. A value written later replaces an
 * earlier one; a missing value replaces nothing (what was observed stays observed).
 */
export class ColumnBuilder {
  readonly kind: ColumnKind;
  private readonly values: Float64Array | Uint8Array | Int32Array;
  private readonly observedOn: Float64Array | undefined;
  private readonly dictionary: LabelDictionary;

  /**
   * @param size rows of the merged column
   * @param dated keep the day each value was observed (`observedOn`): the chunk's own where it
   *   has one, else the day of its import
   * @param dictionary for text, a dictionary to share with other builders (same labels, same codes)
   */
  constructor(kind: ColumnKind, size: number, dated: boolean, dictionary: LabelDictionary = newDictionary()) {
    this.kind = kind;
    this.dictionary = dictionary;
    switch (kind) {
      case 'number':
      case 'date':
        this.values = new Float64Array(size).fill(Number.NaN);
        break;
      case 'boolean':
        this.values = new Uint8Array(size).fill(BOOLEAN_MISSING);
        break;
      case 'text':
        this.values = new Int32Array(size).fill(TEXT_MISSING);
        break;
    }
    this.observedOn = dated ? new Float64Array(size).fill(Number.NaN) : undefined;
  }

  /**
   * Writes `chunk` (of this builder's kind) where `rowMap[offset + r]` says (a row of this column,
   * or -1 to leave the chunk's row `r` out). `day` dates values whose chunk has no `observedOn`.
   */
  write(chunk: ChunkRecord, rowMap: Int32Array, offset: number, day: EpochDay): void {
    const observedOn = this.observedOn;
    const from = chunk.observedOn ? new Float64Array(chunk.observedOn) : undefined;
    const n = chunk.rows;
    switch (this.kind) {
      case 'number':
      case 'date': {
        const src = new Float64Array(chunk.values!);
        const dst = this.values as Float64Array;
        for (let r = 0; r < n; r++) {
          const t = rowMap[offset + r]!;
          const v = src[r]!;
          if (t < 0 || Number.isNaN(v)) continue;
          dst[t] = v;
          if (observedOn) observedOn[t] = from ? from[r]! : day;
        }
        return;
      }
      case 'boolean': {
        const src = new Uint8Array(chunk.values!);
        const dst = this.values as Uint8Array;
        for (let r = 0; r < n; r++) {
          const t = rowMap[offset + r]!;
          const v = src[r]!;
          if (t < 0 || v === BOOLEAN_MISSING) continue;
          dst[t] = v;
          if (observedOn) observedOn[t] = from ? from[r]! : day;
        }
        return;
      }
      case 'text': {
        const src = new Int32Array(chunk.values!);
        const dst = this.values as Int32Array;
        const codes = this.translate(chunk.labels ?? []);
        for (let r = 0; r < n; r++) {
          const t = rowMap[offset + r]!;
          const v = src[r]!;
          if (t < 0 || v < 0) continue;
          dst[t] = codes[v]!;
          if (observedOn) observedOn[t] = from ? from[r]! : day;
        }
        return;
      }
    }
  }

  /** The chunk's local codes as codes of this builder's dictionary (labels added as needed). */
  private translate(labels: readonly string[]): Int32Array {
    const { labels: all, codeOf } = this.dictionary;
    return Int32Array.from(labels, (label) => {
      let code = codeOf.get(label);
      if (code === undefined) {
        code = all.push(label) - 1;
        codeOf.set(label, code);
      }
      return code;
    });
  }

  /** The column as the engine reads it. With a shared dictionary, `labels` is that shared array. */
  build(): Column {
    const observedOn = this.observedOn ? { observedOn: this.observedOn } : {};
    switch (this.kind) {
      case 'number':
      case 'date':
        return { kind: this.kind, values: this.values as Float64Array, ...observedOn };
      case 'boolean':
        return { kind: 'boolean', values: this.values as Uint8Array, ...observedOn };
      case 'text':
        return { kind: 'text', codes: this.values as Int32Array, labels: this.dictionary.labels, ...observedOn };
    }
  }
}
