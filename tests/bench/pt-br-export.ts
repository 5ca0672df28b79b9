/**
 * A seeded Excel pt-BR export (`;`, decimal commas, dd/mm/yyyy, sim/não, BOM, CRLF) with the B2B
 * starter model's columns plus a few attributes: 21 columns. Shared by the CSV and browser benchmarks.
 */
import { seededRandom } from '../../src/engine';

/** A pt-BR export of `rows` customers with the B2B starter's columns plus a few attributes. */
export function ptBrExport(rows: number): Uint8Array {
  const random = seededRandom(7);
  const header = ['id', 'nome', 'segmento', 'stage', 'owner', 'mrr', 'logins_30d', 'active_seats_pct', 'last_login', 'features_adopted', 'meetings_90d', 'events_90d', 'nps', 'csat', 'tickets_30d', 'bug_tickets_30d', 'late_invoices', 'days_overdue', 'milestones_reached', 'onboarding_done', 'csm_sentiment'];
  const decimal = (x: number) => x.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+,)/g, '.');
  const date = () => `${String(1 + Math.floor(random() * 28)).padStart(2, '0')}/${String(1 + Math.floor(random() * 12)).padStart(2, '0')}/2024`;
  const int = (n: number) => String(Math.floor(random() * n));
  const moods = ['muito satisfeito', 'satisfeito', 'neutro', 'insatisfeito', 'muito insatisfeito'];
  const lines = [header.join(';')];
  for (let i = 0; i < rows; i++) {
    lines.push(
      [
        `C${i}`, `"Cliente ${i}; Ltda"`, ['SMB', 'Mid-Market', 'Enterprise'][i % 3], 'adoption', 'Ana', decimal(random() * 50_000),
        int(40), decimal(random() * 100), date(), int(9), int(5), int(3), random() < 0.3 ? '' : int(11), random() < 0.5 ? '' : decimal(1 + random() * 4),
        int(15), int(6), int(4), int(90), int(6), random() < 0.7 ? 'sim' : 'não', moods[i % 5],
      ].join(';'),
    );
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

