/**
 * The journey map: customers by lifecycle stage × band (DOMAIN "Visualize": where customers with
 * each score sit on the journey). Counting only; the scores come from the worker.
 */
import { foldText } from '../shared/fold';

export interface JourneyRow {
  /** The stage as the data writes it (trimmed); `''` for customers with no stage. */
  readonly stage: string;
  /** Customers per band, in band order. */
  readonly counts: readonly number[];
  readonly total: number;
}

/**
 * Stages in the order a customer lives them, in the words of our three languages: the map reads
 * top to bottom as the journey does. Stages not listed follow, alphabetically; no stage comes last.
 */
const JOURNEY_ORDER: readonly (readonly string[])[] = [
  ['lead', 'prospect', 'trial', 'teste', 'prueba'],
  ['onboarding', 'implementation', 'implementacao', 'implantacao', 'implementacion', 'incorporacion'],
  ['activation', 'ativacao', 'activacion'],
  ['adoption', 'adocao', 'adopcion'],
  ['growth', 'expansion', 'expansao', 'crecimiento'],
  ['mature', 'maturity', 'maturidade', 'madurez', 'retention', 'retencao', 'retencion'],
  ['renewal', 'renovacao', 'renovacion'],
  ['at risk', 'em risco', 'en riesgo'],
  ['churned', 'cancelado', 'cancelled', 'canceled'],
];

function journeyRank(stage: string): number {
  const key = foldText(stage);
  const rank = JOURNEY_ORDER.findIndex((words) => words.includes(key));
  return rank < 0 ? JOURNEY_ORDER.length : rank;
}

/**
 * Customers per stage and band. `band[r]` is customer r's band index (< `bandCount`); `stages[r]`
 * its stage. Rows in journey order (see `JOURNEY_ORDER`), then other stages by `locale`'s
 * alphabet, then customers with no stage. The counts of all rows add up to the customers.
 */
export function journeyMap(band: Uint8Array, stages: readonly string[], bandCount: number, locale: string): JourneyRow[] {
  const byStage = new Map<string, number[]>();
  for (let r = 0; r < band.length; r++) {
    const stage = (stages[r] ?? '').trim();
    let counts = byStage.get(stage);
    if (!counts) {
      counts = new Array<number>(bandCount).fill(0);
      byStage.set(stage, counts);
    }
    counts[band[r]!]!++;
  }
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return [...byStage]
    .sort(([a], [b]) => +(a === '') - +(b === '') || journeyRank(a) - journeyRank(b) || collator.compare(a, b))
    .map(([stage, counts]) => ({ stage, counts, total: counts.reduce((sum, n) => sum + n, 0) }));
}
