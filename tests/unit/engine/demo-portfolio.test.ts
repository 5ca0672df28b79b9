/**
 * The demo portfolio: deterministic, shaped the way the B2B starter model reads it, and realistic
 * where it shows — checked through the public engine (scorePortfolio, explainCustomer), the way
 * the app will show it to a trainer's room.
 */
import { describe, expect, it } from 'vitest';
import {
  BOOLEAN_MISSING,
  TEXT_MISSING,
  columnNeeds,
  explainCustomer,
  formatIsoDay,
  scorePortfolio,
  type Column,
  type CustomerExplanation,
  type Portfolio,
  type PortfolioScores,
} from '../../../src/engine';
import { DEMO_DEFAULTS, DEMO_MRR_RANGES, DEMO_OWNERS, DEMO_SEGMENTS, DEMO_STAGES, generateDemoPortfolio, type DemoPortfolio } from '../../../src/engine/demo';
import { STARTER_MODELS } from '../../../src/engine/starter-models';
import { day } from '../../factories';

const AS_OF = day('2025-05-31');
const B2B = STARTER_MODELS.find((s) => s.id === 'b2b-saas')!.model;
const INDICATORS = [
  'logins_30d', 'active_seats_pct', 'last_login', 'features_adopted', 'meetings_90d', 'events_90d', 'nps', 'csat', 'tickets_30d',
  'bug_tickets_30d', 'late_invoices', 'days_overdue', 'milestones_reached', 'onboarding_done', 'csm_sentiment',
];

const demo = generateDemoPortfolio({ asOf: AS_OF });
const months = demo.months.length;
const LAST = months - 1;
const scores = demo.snapshots.map((p, t) => scorePortfolio(B2B, p, { asOf: demo.months[t]! }));
const lastSnapshot = demo.snapshots[LAST]!;
const explained = Array.from({ length: lastSnapshot.size }, (_, row) => explainCustomer(B2B, lastSnapshot, row, { asOf: AS_OF }));

function column(p: Portfolio, name: string): Column {
  const c = p.columns.get(name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

function label(p: Portfolio, name: string, row: number): string | null {
  const c = column(p, name);
  if (c.kind !== 'text') throw new Error(`${name} is ${c.kind}, not text`);
  const code = c.codes[row]!;
  return code === TEXT_MISSING ? null : c.labels[code]!;
}

/** A number or date cell (`NaN` missing). */
function value(p: Portfolio, name: string, row: number): number {
  const c = column(p, name);
  if (c.kind !== 'number' && c.kind !== 'date') throw new Error(`${name} is ${c.kind}`);
  return c.values[row]!;
}

function isMissing(c: Column, row: number): boolean {
  switch (c.kind) {
    case 'number':
    case 'date':
      return Number.isNaN(c.values[row]!);
    case 'boolean':
      return c.values[row] === BOOLEAN_MISSING;
    case 'text':
      return c.codes[row] === TEXT_MISSING;
  }
}

/** A non-text cell as a number (booleans 0/1/`BOOLEAN_MISSING`). */
function cellNumber(c: Column, row: number): number {
  return c.kind === 'text' ? Number.NaN : c.values[row]!;
}

const bandOf = (s: PortfolioScores, row: number): string => s.bands[s.band[row]!]!.id;
const active = (t: number): number[] => demo.ids.flatMap((_, row) => (label(demo.snapshots[t]!, 'status', row) === 'active' ? [row] : []));
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** FNV-1a over the bytes of every column (values, codes, observedOn, labels): equal fingerprints mean equal data. */
function fingerprint(d: DemoPortfolio): string[] {
  const hash = (bytes: Uint8Array): string => {
    let h = 0x811c9dc5;
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
    return (h >>> 0).toString(16);
  };
  const view = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  return [
    hash(text(d.ids.join('|'))),
    hash(text(d.months.join('|'))),
    hash(view(d.churnedOn)),
    ...d.snapshots.flatMap((p) =>
      [...p.columns].map(([name, c]) => {
        const parts = [c.kind === 'text' ? hash(view(c.codes)) + hash(text(c.labels.join('|'))) : hash(view(c.values))];
        if (c.observedOn) parts.push(hash(view(c.observedOn)));
        return `${name}:${c.kind}:${parts.join('.')}`;
      }),
    ),
  ];
}

describe('generateDemoPortfolio: deterministic', () => {
  it('gives the same data, byte for byte, for the same options', () => {
    const again = generateDemoPortfolio({ asOf: AS_OF, seed: DEMO_DEFAULTS.seed, customers: 300, months: 6 });
    expect(fingerprint(again)).toEqual(fingerprint(demo));
  });

  it('gives different data for a different seed', () => {
    const other = generateDemoPortfolio({ asOf: AS_OF, seed: DEMO_DEFAULTS.seed + 1 });
    const [a, b] = [fingerprint(demo), fingerprint(other)];
    const same = a.filter((x, i) => x === b[i]);
    // Only the ids and the snapshot days stay (and the label lists inside the hashes).
    expect(same).toEqual([a[0], a[1]]);
    expect(label(other.snapshots[LAST]!, 'name', 0)).not.toBe(label(lastSnapshot, 'name', 0));
  });

  it('moves every date with asOf: snapshots are the month ends before it, and the data lives in that window', () => {
    const asOf = day('2030-01-15');
    const moved = generateDemoPortfolio({ asOf });
    expect(moved.months.map(formatIsoDay)).toEqual(['2029-08-31', '2029-09-30', '2029-10-31', '2029-11-30', '2029-12-31', '2030-01-15']);
    const outside: string[] = [];
    const check = (ok: boolean, what: string, t: number, row: number) => {
      if (!ok) outside.push(`${what} of ${moved.ids[row]} at ${formatIsoDay(moved.months[t]!)}`);
    };
    moved.snapshots.forEach((p, t) => {
      const today = moved.months[t]!;
      for (let row = 0; row < p.size; row++) {
        const status = label(p, 'status', row);
        const since = value(p, 'customer_since', row);
        check(status === null ? since > today : since <= today, 'customer_since', t, row);
        if (status !== 'active') continue;
        const renewal = value(p, 'renewal_date', row);
        check(renewal > today && renewal <= today + 366, 'renewal_date', t, row);
        check(!(value(p, 'last_login', row) > today), 'last_login', t, row);
        check(!(column(p, 'csm_sentiment').observedOn![row]! > today), 'csm_sentiment observedOn', t, row);
      }
    });
    expect(outside).toEqual([]);
    const churned = Array.from(moved.churnedOn).filter((d) => !Number.isNaN(d));
    expect(churned.length).toBeGreaterThan(0);
    for (const d of churned) expect(d > moved.months[0]! && d <= asOf).toBe(true);
  });

  it('keeps the first customers the same when more customers are asked for', () => {
    const small = generateDemoPortfolio({ asOf: AS_OF, customers: 50 });
    expect(small.ids).toEqual(demo.ids.slice(0, 50));
    const differ: string[] = [];
    small.snapshots.forEach((p, t) => {
      for (const [name, c] of p.columns) {
        const big = column(demo.snapshots[t]!, name);
        for (let row = 0; row < 50; row++) {
          const same =
            c.kind === 'text' ? label(p, name, row) === label(demo.snapshots[t]!, name, row) : Object.is(cellNumber(c, row), cellNumber(big, row));
          if (!same) differ.push(`${name}[${row}] at ${t}`);
        }
      }
    });
    expect(differ).toEqual([]);
  });

  it('refuses options that are not whole numbers in range', () => {
    expect(() => generateDemoPortfolio({ asOf: AS_OF + 0.5 })).toThrow(RangeError);
    expect(() => generateDemoPortfolio({ asOf: AS_OF, customers: 0 })).toThrow(RangeError);
    expect(() => generateDemoPortfolio({ asOf: AS_OF, months: 0 })).toThrow(RangeError);
    expect(() => generateDemoPortfolio({ asOf: AS_OF, seed: 1.5 })).toThrow(RangeError);
  });
});

describe('generateDemoPortfolio: shape', () => {
  it('is 300 customers × 6 month-end snapshots by default, the last on asOf', () => {
    expect(demo.ids).toHaveLength(300);
    expect(demo.ids.slice(0, 2)).toEqual(['C0001', 'C0002']);
    expect(demo.ids.at(-1)).toBe('C0300');
    expect(demo.months.map(formatIsoDay)).toEqual(['2024-12-31', '2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31']);
    expect(demo.snapshots).toHaveLength(6);
    expect(demo.churnedOn).toHaveLength(300);
  });

  it('has the same rows and ids in every snapshot, every column the B2B model reads with the right kind, and the attributes', () => {
    const needs = columnNeeds(B2B);
    expect([...needs.keys()].sort()).toEqual([...INDICATORS, 'stage'].sort());
    const attributes = { name: 'text', segment: 'text', stage: 'text', owner: 'text', mrr: 'number', renewal_date: 'date', status: 'text' };
    for (const p of demo.snapshots) {
      expect(p.size).toBe(300);
      expect(p.ids).toEqual(demo.ids);
      for (const [name, kind] of [...needs, ...Object.entries(attributes)]) expect(column(p, name).kind, name).toBe(kind);
      for (const c of p.columns.values()) expect(c.kind === 'text' ? c.codes.length : c.values.length).toBe(300);
    }
  });

  it('labels CSM sentiment with words the starter model maps, dated by observedOn', () => {
    const rule = B2B.categories.flatMap((c) => c.metrics).find((m) => m.id === 'csm_sentiment')!.scoring;
    const sentiment = column(lastSnapshot, 'csm_sentiment');
    expect(rule.type === 'map' && sentiment.kind === 'text').toBe(true);
    if (rule.type !== 'map' || sentiment.kind !== 'text') return;
    for (const l of sentiment.labels) expect(rule.points[l], l).toBeDefined();
    expect(sentiment.observedOn).toBeDefined();
    expect(explained.filter((e) => e.metrics.find((m) => m.metricId === 'csm_sentiment')!.status === 'scored').length).toBeGreaterThan(100);
  });

  it('marks customers churned from the snapshot after they leave, with every indicator missing; active before', () => {
    demo.ids.forEach((_, row) => {
      const left = demo.churnedOn[row]!;
      demo.snapshots.forEach((p, t) => {
        const status = label(p, 'status', row);
        if (status === null) return; // not a customer yet
        const gone = !Number.isNaN(left) && left <= demo.months[t]!;
        expect(status).toBe(gone ? 'churned' : 'active');
        if (gone) for (const name of INDICATORS) expect(isMissing(column(p, name), row), name).toBe(true);
      });
    });
  });

  it('has customers who signed during the window, with nothing but their fixed attributes before', () => {
    const newcomers = demo.ids.flatMap((_, row) => (label(demo.snapshots[0]!, 'status', row) === null ? [row] : []));
    expect(newcomers.length).toBeGreaterThan(5);
    for (const row of newcomers) {
      const since = value(lastSnapshot, 'customer_since', row);
      expect(since).toBeGreaterThan(demo.months[0]!);
      demo.snapshots.forEach((p, t) => {
        if (demo.months[t]! >= since) return;
        for (const name of [...INDICATORS, 'stage', 'status', 'mrr', 'renewal_date']) expect(isMissing(column(p, name), row), name).toBe(true);
        for (const name of ['name', 'segment', 'owner']) expect(label(p, name, row)).not.toBeNull();
      });
    }
  });
});

describe('generateDemoPortfolio: a realistic B2B book, through the B2B starter model', () => {
  it('shows all three bands and some insufficient data among active customers at the last snapshot, green at most 70%', () => {
    const rows = active(LAST);
    const count = (band: string) => rows.filter((row) => bandOf(scores[LAST]!, row) === band).length;
    expect(count('red')).toBeGreaterThanOrEqual(rows.length * 0.08);
    expect(count('yellow')).toBeGreaterThanOrEqual(rows.length * 0.15);
    expect(count('green')).toBeGreaterThanOrEqual(rows.length * 0.25);
    expect(count('green')).toBeLessThanOrEqual(rows.length * 0.7);
    expect(count('insufficient')).toBeGreaterThanOrEqual(3);
  });

  it('moves some customers between bands from one month to the next', () => {
    for (let t = 1; t < months; t++) {
      const both = active(t).filter((row) => label(demo.snapshots[t - 1]!, 'status', row) === 'active');
      const moved = both.filter((row) => bandOf(scores[t - 1]!, row) !== bandOf(scores[t]!, row));
      expect(moved.length, formatIsoDay(demo.months[t]!)).toBeGreaterThanOrEqual(both.length * 0.05);
      const up = moved.filter((row) => scores[t]!.score[row]! > scores[t - 1]!.score[row]!);
      expect(up.length).toBeGreaterThan(0);
      expect(up.length).toBeLessThan(moved.length);
    }
  });

  it('has stale CSM sentiments (older than 90 days) at the last snapshot', () => {
    const stale = explained.filter((e) => e.metrics.find((m) => m.metricId === 'csm_sentiment')!.status === 'stale');
    expect(stale.length).toBeGreaterThanOrEqual(5);
  });

  it('fires the overdue adjustment and the overdue cap, and the cap holds someone down', () => {
    const applied = (e: CustomerExplanation, id: string) => e.adjustments.find((a) => a.adjustmentId === id)!.applied;
    expect(explained.filter((e) => applied(e, 'overdue_30')).length).toBeGreaterThanOrEqual(3);
    const capped = explained.filter((e) => applied(e, 'overdue_60'));
    expect(capped.length).toBeGreaterThanOrEqual(1);
    expect(capped.some((e) => e.cap === 50 && e.weightedScore! + e.adjustmentPoints > 50 && e.raw === 50)).toBe(true);
  });

  it('exercises the onboarding segment: onboarding customers, whose tickets do not count, hold most unfinished onboardings', () => {
    const onboarding = explained.filter((e) => e.segment === 'onboarding');
    expect(onboarding.length).toBeGreaterThanOrEqual(5);
    for (const e of onboarding) expect(e.metrics.find((m) => m.metricId === 'tickets_30d')!.status).toBe('unweighted');
    const notDone = active(LAST).filter((row) => {
      const c = column(lastSnapshot, 'onboarding_done');
      return c.kind === 'boolean' && c.values[row] === 0;
    });
    const inOnboarding = notDone.filter((row) => label(lastSnapshot, 'stage', row) === 'onboarding');
    expect(inOnboarding.length).toBeGreaterThan(notDone.length / 2);
  });

  it('has tickets on both sides of the sweet spot, and surveys answered by some customers only', () => {
    const rows = active(LAST);
    const tickets = rows.map((row) => value(lastSnapshot, 'tickets_30d', row)).filter((n) => !Number.isNaN(n));
    expect(tickets.filter((n) => n === 0).length).toBeGreaterThanOrEqual(5);
    expect(tickets.filter((n) => n > 5).length).toBeGreaterThanOrEqual(5);
    for (const survey of ['nps', 'csat']) {
      const answered = rows.filter((row) => !Number.isNaN(value(lastSnapshot, survey, row))).length;
      expect(answered, survey).toBeGreaterThan(rows.length * 0.05);
      expect(answered, survey).toBeLessThan(rows.length * 0.6);
    }
    expect(new Set(rows.map((row) => scores[LAST]!.coverage[row]!.toFixed(3))).size).toBeGreaterThanOrEqual(4);
  });

  it('loses 8–15% of customers over the six months, most of them at renewal', () => {
    const churned = demo.ids.flatMap((_, row) => (Number.isNaN(demo.churnedOn[row]!) ? [] : [row]));
    expect(churned.length).toBeGreaterThanOrEqual(300 * 0.08);
    expect(churned.length).toBeLessThanOrEqual(300 * 0.15);
    const atRenewal = churned.filter((row) => value(lastSnapshot, 'renewal_date', row) === demo.churnedOn[row]);
    expect(atRenewal.length).toBeGreaterThan(churned.length / 2);
  });

  it('scored churned customers lower three months before they left than the customers who stayed', () => {
    const leftAt = (row: number) => demo.months.findIndex((m) => m >= demo.churnedOn[row]!);
    const churners = demo.ids.flatMap((_, row) => {
      const t = leftAt(row) - 3;
      return !Number.isNaN(demo.churnedOn[row]!) && t >= 0 && !Number.isNaN(scores[t]!.score[row]!) ? [{ row, t }] : [];
    });
    expect(churners.length).toBeGreaterThanOrEqual(10);
    const stayedMean = (t: number) =>
      mean(demo.ids.flatMap((_, row) => (Number.isNaN(demo.churnedOn[row]!) && !Number.isNaN(scores[t]!.score[row]!) ? [scores[t]!.score[row]!] : [])));
    const churnerMean = mean(churners.map(({ row, t }) => scores[t]!.score[row]!));
    const stayerMean = mean(churners.map(({ t }) => stayedMean(t)));
    expect(churnerMean).toBeLessThan(stayerMean - 10);
  });

  it('churns red more than yellow, and yellow more than green, measured three months before the end', () => {
    const t = LAST - 3;
    const rate = (band: string) => {
      const rows = active(t).filter((row) => bandOf(scores[t]!, row) === band);
      return rows.filter((row) => !Number.isNaN(demo.churnedOn[row]!)).length / rows.length;
    };
    expect(rate('red')).toBeGreaterThan(rate('yellow'));
    expect(rate('yellow')).toBeGreaterThan(rate('green'));
  });

  it('names every company differently, also in a large portfolio', () => {
    const names = demo.ids.map((_, row) => label(lastSnapshot, 'name', row));
    expect(new Set(names).size).toBe(300);
    const big = generateDemoPortfolio({ asOf: AS_OF, customers: 5000, months: 1 });
    const bigNames = big.ids.map((_, row) => label(big.snapshots[0]!, 'name', row));
    expect(new Set(bigNames).size).toBe(5000);
    expect(big.ids.at(-1)).toBe('C5000');
  });

  it('keeps MRR within its segment range, with segments, owners and stages all present', () => {
    const [smb, mid, ent] = DEMO_SEGMENTS.map((s) => DEMO_MRR_RANGES[s]);
    expect(smb![1]).toBeLessThanOrEqual(mid![0]);
    expect(mid![1]).toBeLessThanOrEqual(ent![0]);
    for (const p of demo.snapshots) {
      for (let row = 0; row < p.size; row++) {
        const mrr = value(p, 'mrr', row);
        if (Number.isNaN(mrr)) continue;
        const [lo, hi] = DEMO_MRR_RANGES[DEMO_SEGMENTS.find((s) => s === label(p, 'segment', row))!];
        expect(mrr).toBeGreaterThanOrEqual(lo);
        expect(mrr).toBeLessThanOrEqual(hi);
      }
    }
    const rows = active(LAST);
    const distinct = (name: string) => new Set(rows.map((row) => label(lastSnapshot, name, row)));
    expect(distinct('segment')).toEqual(new Set(DEMO_SEGMENTS));
    expect(distinct('owner')).toEqual(new Set(DEMO_OWNERS));
    expect(distinct('stage')).toEqual(new Set(DEMO_STAGES));
  });

  it('spreads renewals over the next 12 months, some within 90 days', () => {
    const untilRenewal = active(LAST).map((row) => value(lastSnapshot, 'renewal_date', row) - AS_OF);
    expect(Math.min(...untilRenewal)).toBeGreaterThan(0);
    expect(Math.max(...untilRenewal)).toBeLessThanOrEqual(366);
    expect(untilRenewal.filter((d) => d <= 90).length).toBeGreaterThanOrEqual(untilRenewal.length * 0.1);
    expect(untilRenewal.filter((d) => d > 270).length).toBeGreaterThanOrEqual(untilRenewal.length * 0.1);
  });
});
