/**
 * Three monthly exports of one portfolio, generated from one base: the history the worker tests
 * import as three files, as one long file, and cut back by deleting an import.
 *
 * - April (2024-04-30): A–E.
 * - May (2024-05-31): B and C changed, E's NPS answered for the first time; A and D the same; F new.
 * - June (2024-06-30): B and D changed; A's NPS, B's CSAT and F's sentiment left empty (carried
 *   from May); C, E and F otherwise the same.
 */
import { day, type Row } from './support';

export const HEADER = [
  'id', 'name', 'segment', 'stage', 'owner', 'mrr', 'logins_30d', 'active_seats_pct', 'last_login',
  'features_adopted', 'nps', 'csat', 'tickets_30d', 'days_overdue', 'csm_sentiment',
] as const;

export const APRIL = day('2024-04-30');
export const MAY = day('2024-05-31');
export const JUNE = day('2024-06-30');

const BASE: Row[] = [
  { id: 'A', name: 'Alfa', segment: 'Enterprise', stage: 'adoption', owner: 'Ana', mrr: '5000', logins_30d: '18', active_seats_pct: '80', last_login: '2024-04-28', features_adopted: '6', nps: '9', csat: '4.5', tickets_30d: '3', days_overdue: '0', csm_sentiment: 'happy' },
  { id: 'B', name: 'Bravo', segment: 'SMB', stage: 'adoption', owner: 'Bruno', mrr: '900', logins_30d: '4', active_seats_pct: '30', last_login: '2024-03-20', features_adopted: '1', nps: '5', csat: '2.5', tickets_30d: '12', days_overdue: '45', csm_sentiment: 'unhappy' },
  { id: 'C', name: 'Charlie', segment: 'Mid', stage: 'onboarding', owner: 'Carla', mrr: '1500', logins_30d: '10', active_seats_pct: '55', last_login: '2024-04-25', features_adopted: '3', nps: '8', csat: '4', tickets_30d: '2', days_overdue: '0', csm_sentiment: 'neutral' },
  { id: 'D', name: 'Delta', segment: 'Mid', stage: 'renewal', owner: 'Carla', mrr: '2500', logins_30d: '15', active_seats_pct: '70', last_login: '2024-04-29', features_adopted: '5', nps: '7', csat: '3.5', tickets_30d: '6', days_overdue: '10', csm_sentiment: 'happy' },
  { id: 'E', name: 'Echo', segment: 'SMB', stage: 'adoption', owner: 'Bruno', mrr: '600', logins_30d: '0', active_seats_pct: '20', last_login: '2024-01-15', features_adopted: '0', nps: '', csat: '', tickets_30d: '0', days_overdue: '80', csm_sentiment: 'very unhappy' },
];

function changed(rows: readonly Row[], changes: Readonly<Record<string, Row>>): Row[] {
  return rows.map((row) => ({ ...row, ...(changes[row['id']!] ?? {}) }));
}

export const APRIL_ROWS: readonly Row[] = BASE;

export const MAY_ROWS: readonly Row[] = [
  ...changed(BASE, {
    B: { logins_30d: '8', nps: '7', last_login: '2024-05-20' },
    C: { csm_sentiment: 'happy' },
    E: { nps: '6' },
  }),
  { id: 'F', name: 'Foxtrot', segment: 'Enterprise', stage: 'onboarding', owner: 'Ana', mrr: '8000', logins_30d: '12', active_seats_pct: '45', last_login: '2024-05-30', features_adopted: '2', nps: '10', csat: '5', tickets_30d: '4', days_overdue: '0', csm_sentiment: 'very happy' },
];

export const JUNE_ROWS: readonly Row[] = changed(MAY_ROWS, {
  A: { nps: '' },
  B: { logins_30d: '12', csat: '', last_login: '2024-06-27' },
  D: { tickets_30d: '9' },
  F: { csm_sentiment: '' },
});

/** What each import finds, file by file: new, updated, unchanged (an empty cell is not a change). */
export const SUMMARIES = [
  { new: 5, updated: 0, unchanged: 0, skipped: 0 },
  { new: 1, updated: 3, unchanged: 2, skipped: 0 },
  { new: 0, updated: 2, unchanged: 4, skipped: 0 },
] as const;
