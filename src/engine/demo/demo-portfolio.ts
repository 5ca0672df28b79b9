/**
 * The demo portfolio: a fictional but plausible B2B SaaS book of customers over several monthly
 * snapshots, for trainers' workshops and for founders' first look at the app.
 *
 * Each customer has a latent health that drifts month to month; the indicators the B2B starter
 * model reads follow it with noise, the way they do in life, and customers leave with a
 * probability that rises steeply as health falls. Pure and deterministic: the same options give
 * the same data, byte for byte, in every JavaScript engine.
 */
import { BOOLEAN_MISSING, TEXT_MISSING, type Column, type EpochDay, type Portfolio } from '../portfolio';
import { seededRandom } from '../random';
import { companyNames } from './company-names';
import { binomial, chance, clamp, deriveSeed, fallingCurve, normal, pick, poisson, uniform, uniformInt, type Random } from './sampling';

export interface DemoPortfolioOptions {
  /** The last snapshot day; the earlier snapshots are the month ends before it. Integer. */
  readonly asOf: EpochDay;
  /** Integer seed (its low 32 bits count); `DEMO_DEFAULTS.seed` if absent. */
  readonly seed?: number;
  /** Number of customers (≥ 1); `DEMO_DEFAULTS.customers` if absent. */
  readonly customers?: number;
  /** Number of monthly snapshots (≥ 1); `DEMO_DEFAULTS.months` if absent. */
  readonly months?: number;
}

export interface DemoPortfolio {
  /** Customer ids in row order: `C0001`, `C0002`… (wider with 10,000 customers or more). */
  readonly ids: readonly string[];
  /** One entry per snapshot day, oldest first; the last is `asOf`. */
  readonly months: readonly EpochDay[];
  /**
   * One portfolio per month, same row order and ids, with:
   * - attributes: `name`, `segment` (`DEMO_SEGMENTS`), `owner` (`DEMO_OWNERS`) and `customer_since` (date),
   *   the same in every snapshot; `stage` (`DEMO_STAGES`), `status` (`active` / `churned`), `mrr` and
   *   `renewal_date` (the next contract anniversary) as of that month;
   * - the indicators the B2B starter model reads, as of that month: `logins_30d`, `active_seats_pct`,
   *   `last_login` (date), `features_adopted`, `meetings_90d`, `events_90d`, `nps` (0–10), `csat` (1–5),
   *   `tickets_30d`, `bug_tickets_30d`, `late_invoices` (last 12 months), `days_overdue`,
   *   `milestones_reached` (0–5), `onboarding_done` (boolean), `csm_sentiment` (text, `DEMO_SENTIMENTS`,
   *   with `observedOn`: it is carried over until the CSM records a new one, so some go stale).
   *
   * A churned customer keeps its attributes (`mrr` is what it paid, `renewal_date` the renewal it
   * did not make) and has every indicator missing. A customer who signed after a snapshot day has
   * only its four fixed attributes in that snapshot: `status`, `stage`, `mrr`, `renewal_date` and
   * every indicator are missing there.
   */
  readonly snapshots: readonly Portfolio[];
  /** Per customer, the day it left; `NaN` for customers still with us at `asOf`. */
  readonly churnedOn: Float64Array;
}

/** The defaults: 300 customers over 6 monthly snapshots, from a fixed seed. */
export const DEMO_DEFAULTS = { seed: 20_240_531, customers: 300, months: 6 } as const;

/** Customer segments, as the `segment` column holds them. */
export const DEMO_SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'] as const;
export type DemoSegment = (typeof DEMO_SEGMENTS)[number];

/** Monthly recurring revenue by segment, lowest and highest, in the portfolio's currency. */
export const DEMO_MRR_RANGES: Readonly<Record<DemoSegment, readonly [number, number]>> = {
  SMB: [300, 2_500],
  'Mid-Market': [2_500, 12_000],
  Enterprise: [12_000, 60_000],
};

/** Lifecycle stages, as the `stage` column holds them (the B2B starter model's segment field). */
export const DEMO_STAGES = ['onboarding', 'adoption', 'expansion', 'renewal'] as const;

/** The five CSMs who own the book. */
export const DEMO_OWNERS = ['Ana', 'Bruno', 'Camila', 'Diego', 'Emma'] as const;

/** CSM sentiment labels, best first (the B2B starter model maps each to points). */
export const DEMO_SENTIMENTS = ['very happy', 'happy', 'neutral', 'unhappy', 'very unhappy'] as const;

/** The `status` column's labels. */
export const DEMO_STATUSES = ['active', 'churned'] as const;

const SMB = 0;
const MID_MARKET = 1;
const ENTERPRISE = 2;
const ONBOARDING = 0;
const ADOPTION = 1;
const EXPANSION = 2;
const RENEWAL = 3;
const ACTIVE = 0;
const CHURNED = 1;

/** Per segment (SMB, Mid-Market, Enterprise): larger accounts have more users, meet us more, open more tickets. */
const SEGMENT_SHARE = [0.6, 0.3, 0.1];
const MRR_STEP = [10, 50, 100];
const LOGIN_FACTOR = [0.85, 1, 1.2];
const MEETING_RATE = [0.7, 1.4, 2.6];
const TICKET_FACTOR = [0.8, 1.2, 1.8];
const ONBOARDING_DAYS: readonly (readonly [number, number])[] = [
  [30, 60],
  [45, 90],
  [60, 150],
];
/** How often a CSM records a sentiment, per month: big accounts get the attention. */
const SENTIMENT_CADENCE = [0.3, 0.5, 0.75];
/** Enterprise to the two senior CSMs, SMB to the other three, Mid-Market to anyone. */
const OWNERS_BY_SEGMENT: readonly (readonly number[])[] = [
  [0, 1, 2],
  [0, 1, 2, 3, 4],
  [3, 4],
];

const DAY_MS = 86_400_000;
const FEATURES = 12;
const MILESTONES = 5;

/**
 * Generates the demo portfolio. Pure: the same options always give the same data, byte for
 * byte; the first customers' stories do not depend on how many customers are asked for.
 * Throws a `RangeError` on options that are not whole numbers in range.
 */
export function generateDemoPortfolio(options: DemoPortfolioOptions): DemoPortfolio {
  const { asOf, seed = DEMO_DEFAULTS.seed, customers = DEMO_DEFAULTS.customers, months = DEMO_DEFAULTS.months } = options;
  if (!Number.isSafeInteger(asOf)) throw new RangeError(`asOf must be a whole epoch day, not ${asOf}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, not ${seed}`);
  if (!Number.isSafeInteger(customers) || customers < 1) throw new RangeError(`customers must be a whole number ≥ 1, not ${customers}`);
  if (!Number.isSafeInteger(months) || months < 1) throw new RangeError(`months must be a whole number ≥ 1, not ${months}`);

  const days = snapshotDays(asOf, months);
  const width = Math.max(4, String(customers).length);
  const ids = Array.from({ length: customers }, (_, i) => `C${String(i + 1).padStart(width, '0')}`);
  // Names have their own stream so that every customer's story stays its own.
  const names = companyNames(seededRandom(deriveSeed(seed, 0x6e616d65)), customers);
  const book = newBook(customers);
  const perMonth = days.map(() => newMonth(customers));
  const churnedOn = new Float64Array(customers).fill(Number.NaN);
  for (let row = 0; row < customers; row++) {
    churnedOn[row] = simulateCustomer(seededRandom(deriveSeed(seed, row + 1)), days, row, book, perMonth);
  }
  return { ids, months: days, snapshots: perMonth.map((month) => toPortfolio(ids, names, book, month)), churnedOn };
}

/** Month ends going back from `asOf`, oldest first, then `asOf` itself. */
function snapshotDays(asOf: EpochDay, months: number): EpochDay[] {
  const d = new Date(asOf * DAY_MS);
  const days: EpochDay[] = [];
  for (let back = months - 1; back >= 1; back--) days.push(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back + 1, 0) / DAY_MS);
  days.push(asOf);
  return days;
}

/**
 * The contract anniversaries of a customer who signed on `signedOn` (contracts are yearly and renew
 * on that day), from the first after `from` to the first after `to`, ascending.
 */
function anniversaries(signedOn: EpochDay, from: EpochDay, to: EpochDay): Float64Array {
  const s = new Date(signedOn * DAY_MS);
  const found: EpochDay[] = [];
  for (let year = Math.max(new Date(from * DAY_MS).getUTCFullYear(), s.getUTCFullYear() + 1); found.length === 0 || found.at(-1)! <= to; year++) {
    const day = Date.UTC(year, s.getUTCMonth(), s.getUTCDate()) / DAY_MS;
    if (day > from) found.push(day);
  }
  return Float64Array.from(found);
}

/** The first of `dates` (ascending) after `day`; `dates` must reach past it. */
function firstAfter(dates: Float64Array, day: EpochDay): EpochDay {
  let k = 0;
  while (dates[k]! <= day) k++;
  return dates[k]!;
}

/** What stays the same in every snapshot. */
interface Book {
  readonly segment: Int32Array;
  readonly owner: Int32Array;
  readonly customerSince: Float64Array;
}

function newBook(size: number): Book {
  return { segment: new Int32Array(size), owner: new Int32Array(size), customerSince: new Float64Array(size) };
}

/** One snapshot's columns, every value missing until the simulation writes it. */
interface Month {
  readonly stage: Int32Array;
  readonly status: Int32Array;
  readonly mrr: Float64Array;
  readonly renewalDate: Float64Array;
  readonly logins: Float64Array;
  readonly seats: Float64Array;
  readonly lastLogin: Float64Array;
  readonly features: Float64Array;
  readonly meetings: Float64Array;
  readonly events: Float64Array;
  readonly nps: Float64Array;
  readonly csat: Float64Array;
  readonly tickets: Float64Array;
  readonly bugs: Float64Array;
  readonly lateInvoices: Float64Array;
  readonly daysOverdue: Float64Array;
  readonly milestones: Float64Array;
  readonly onboardingDone: Uint8Array;
  readonly sentiment: Int32Array;
  readonly sentimentObservedOn: Float64Array;
}

function newMonth(size: number): Month {
  const numbers = () => new Float64Array(size).fill(Number.NaN);
  const labels = () => new Int32Array(size).fill(TEXT_MISSING);
  return {
    stage: labels(),
    status: labels(),
    mrr: numbers(),
    renewalDate: numbers(),
    logins: numbers(),
    seats: numbers(),
    lastLogin: numbers(),
    features: numbers(),
    meetings: numbers(),
    events: numbers(),
    nps: numbers(),
    csat: numbers(),
    tickets: numbers(),
    bugs: numbers(),
    lateInvoices: numbers(),
    daysOverdue: numbers(),
    milestones: numbers(),
    onboardingDone: new Uint8Array(size).fill(BOOLEAN_MISSING),
    sentiment: labels(),
    sentimentObservedOn: numbers(),
  };
}

/** What a customer is, drawn once: who it is, how it behaves, where its health starts and heads. */
interface Traits {
  readonly segment: number;
  readonly mrr: number;
  readonly owner: number;
  readonly signedOn: EpochDay;
  /** Contract anniversaries from the window's start (or signing) to past its end. */
  readonly renewals: Float64Array;
  readonly health: number;
  /** Uses only the basics: little activity, no tickets, quietly at risk. */
  readonly ghost: boolean;
  /** Known only from billing: no product, engagement or support data. */
  readonly dataPoor: boolean;
  /** Health change per month, before noise and shocks. */
  readonly trend: number;
  readonly onboardingDays: number;
  /** The day onboarding is done; `Infinity` for an onboarding that stalled. */
  readonly onboardedOn: number;
  readonly expansionCandidate: boolean;
  /** Chance of answering the NPS survey in a month. */
  readonly npsRate: number;
  /** Chance of paying a month's invoice late, and of paying an overdue one within a month. */
  readonly lateRate: number;
  readonly payRate: number;
  /** Chance per month that the CSM records a sentiment (0: never does). */
  readonly sentimentCadence: number;
}

function drawTraits(rand: Random, days: readonly EpochDay[]): Traits {
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const u0 = rand();
  const segment = u0 < SEGMENT_SHARE[SMB]! ? SMB : u0 < SEGMENT_SHARE[SMB]! + SEGMENT_SHARE[MID_MARKET]! ? MID_MARKET : ENTERPRISE;
  const [mrrLow, mrrHigh] = DEMO_MRR_RANGES[DEMO_SEGMENTS[segment]!];
  const u1 = rand();
  // Squared: most accounts sit at the low end of their segment, a few near the top.
  const mrr = clamp(Math.round((mrrLow + (mrrHigh - mrrLow) * u1 * u1) / MRR_STEP[segment]!) * MRR_STEP[segment]!, mrrLow, mrrHigh);
  const owner = pick(rand, OWNERS_BY_SEGMENT[segment]!);

  // A growing book: about 2% more customers a month sign during the window (at most 30% of the book);
  // the rest have been with us from weeks to years.
  const newcomer = last - first > 14 && chance(rand, Math.min(0.3, 0.02 * (days.length - 1)));
  const u2 = rand();
  const tenureAtFirst = 20 + Math.floor(800 * u2 * (1 + u2));
  const signedOn = newcomer ? uniformInt(rand, first + 1, last - 7) : first - tenureAtFirst;

  let health = newcomer ? uniform(rand, 0.55, 0.85) : clamp(0.62 + 0.18 * normal(rand), 0.05, 0.97);
  const ghost = chance(rand, 0.08);
  if (ghost) health = Math.min(health, uniform(rand, 0.3, 0.55));
  const dataPoor = chance(rand, 0.03);
  const drift = rand();
  const trend = drift < 0.16 ? -uniform(rand, 0.03, 0.08) : drift < 0.28 ? uniform(rand, 0.02, 0.06) : 0.012 * normal(rand);
  const [onboardLow, onboardHigh] = ONBOARDING_DAYS[segment]!;
  const onboardingDays = uniformInt(rand, onboardLow, onboardHigh);
  const stalled = health < 0.4 && (newcomer || tenureAtFirst < 365) && chance(rand, 0.4);
  const expansionCandidate = chance(rand, 0.45);
  const npsRate = chance(rand, 0.3) ? 0 : uniform(rand, 0.15, 0.45) * (ghost ? 0.3 : 1);
  const payer = rand();
  return {
    segment,
    mrr,
    owner,
    signedOn,
    renewals: anniversaries(signedOn, Math.min(first, signedOn), last),
    health,
    ghost,
    dataPoor,
    trend,
    onboardingDays,
    // Struggling customers take longer to onboard.
    onboardedOn: stalled ? Number.POSITIVE_INFINITY : signedOn + Math.round(onboardingDays * (1 + 2 * Math.max(0, 0.5 - health))),
    expansionCandidate,
    npsRate,
    lateRate: payer < 0.84 ? 0.015 : payer < 0.94 ? 0.22 : 0.5,
    payRate: payer < 0.84 ? 0.9 : payer < 0.94 ? 0.8 : 0.3,
    sentimentCadence: segment === SMB && chance(rand, 0.12) ? 0 : SENTIMENT_CADENCE[segment]!,
  };
}

/**
 * Lives one customer's months (writing its row of `book` and of every month) and returns the day
 * it left, or `NaN`. Everything random comes from `rand`, the customer's own stream.
 */
function simulateCustomer(rand: Random, days: readonly EpochDay[], row: number, book: Book, perMonth: readonly Month[]): number {
  const traits = drawTraits(rand, days);
  const { segment, mrr, signedOn, renewals, ghost, dataPoor, trend, onboardingDays, onboardedOn, expansionCandidate, npsRate, lateRate, payRate, sentimentCadence } =
    traits;
  book.segment[row] = segment;
  book.owner[row] = traits.owner;
  book.customerSince[row] = signedOn;
  let health = traits.health;

  let started = false;
  let stage = ADOPTION;
  let features = 0;
  let milestones = 0;
  let lastLogin = Number.NaN;
  let overdueSince = Number.NaN;
  let daysOverdue = 0;
  let sentiment = TEXT_MISSING;
  let sentimentOn = Number.NaN;
  // Whether each of the last 12 monthly invoices was paid late, oldest overwritten first.
  const lateFlags = new Uint8Array(12);
  let lateAt = 0;
  let lateCount = 0;

  for (let t = 0; t < days.length; t++) {
    const day = days[t]!;
    const month = perMonth[t]!;
    if (day < signedOn) continue;
    const tenure = day - signedOn;
    if (!started) {
      started = true;
      const tenureMonths = tenure / 30;
      features = clamp(Math.round((10 * health * tenureMonths) / (tenureMonths + 3) + normal(rand)), 0, ghost ? 3 : FEATURES);
      milestones = clamp(Math.round((5 * tenureMonths) / (tenureMonths + 2 + 6 * (1 - health)) - 1.5 * (1 - health) + 0.5 * normal(rand)), 0, MILESTONES);
      for (let k = 12 - Math.min(12, Math.floor(tenureMonths)); k < 12; k++) {
        lateFlags[k] = +chance(rand, lateRate);
        lateCount += lateFlags[k]!;
      }
      if (lateRate > 0.2 && chance(rand, lateRate)) {
        const since = day - uniformInt(rand, 1, lateRate > 0.4 ? 75 : 25);
        if (since > signedOn + 30) overdueSince = since;
      }
      const recorded = day - 28 - Math.floor(150 * rand() * rand());
      if (sentimentCadence > 0 && recorded >= signedOn + 14) recordSentiment(recorded);
    } else {
      const previous = days[t - 1]!;
      health = clamp(health + trend + 0.03 * normal(rand) + shock(), 0.02, 0.98);
      const left = leaves(previous, day);
      if (!Number.isNaN(left)) {
        for (let k = t; k < days.length; k++) {
          const m = perMonth[k]!;
          m.status[row] = CHURNED;
          m.stage[row] = stage;
          m.mrr[row] = mrr;
          m.renewalDate[row] = firstAfter(renewals, left - 1);
        }
        return left;
      }
      // Most features are taken up in the first months.
      if (chance(rand, 0.25 * health + (tenure < 240 ? 0.3 : 0))) features = Math.min(ghost ? 3 : FEATURES, features + 1);
      else if (chance(rand, 0.06 * (1 - health))) features = Math.max(0, features - 1);
    }

    const renewal = firstAfter(renewals, day);
    const onboarded = day >= onboardedOn;
    stage =
      !onboarded && tenure < onboardingDays + 90
        ? ONBOARDING
        : renewal - day <= 90
          ? RENEWAL
          : expansionCandidate && health > 0.68 && tenure >= 180
            ? EXPANSION
            : ADOPTION;
    const onboarding = stage === ONBOARDING;
    month.status[row] = ACTIVE;
    month.stage[row] = stage;
    month.mrr[row] = mrr;
    month.renewalDate[row] = renewal;

    if (!dataPoor) {
      let logins = Math.max(0, Math.round(24 * health * Math.sqrt(health) * LOGIN_FACTOR[segment]! * (ghost ? 0.35 : 1) * (1 + 0.2 * normal(rand))));
      // Logins and the last login agree: a login in the last 30 days counts, none means the last one is older.
      if (logins === 0 && day - lastLogin <= 30) logins = 1;
      else if (logins > 0) lastLogin = Math.max(signedOn, day - Math.min(30, Math.floor((60 * rand()) / (logins + 1))));
      else if (Number.isNaN(lastLogin)) {
        const candidate = day - 31 - Math.floor(60 * rand());
        // A customer who signed weeks ago and never logged in has no last login at all.
        if (candidate >= signedOn) lastLogin = candidate;
      }
      month.logins[row] = logins;
      month.seats[row] = Math.round(100 * clamp(0.12 + 0.85 * health + 0.05 * normal(rand), 0.03, 1) * (ghost ? 0.6 : 1));
      month.lastLogin[row] = lastLogin;
      month.features[row] = features;
      const meetingRate = (MEETING_RATE[segment]! * (0.4 + health) + (onboarding ? 2.5 : 0) + (stage === RENEWAL ? 1 : 0)) * (ghost ? 0.3 : 1);
      month.meetings[row] = poisson(rand, meetingRate);
      month.events[row] = poisson(rand, 1.6 * health * Math.sqrt(health) * (ghost ? 0.2 : 1) + (onboarding ? 0.6 : 0));
      const struggle = Math.max(0, 0.6 - health);
      const tickets = ghost
        ? poisson(rand, 0.15)
        : poisson(rand, TICKET_FACTOR[segment]! * (1.8 + 22 * struggle * Math.sqrt(struggle)) + (onboarding ? 5 : 0));
      month.tickets[row] = tickets;
      month.bugs[row] = binomial(rand, tickets, 0.08 + 0.45 * (1 - health) * (1 - health));
      if (tickets > 0 && chance(rand, 0.45)) month.csat[row] = clamp(Math.round(1 + 4 * health + 0.6 * normal(rand)), 1, 5);
    }
    if (chance(rand, npsRate)) month.nps[row] = clamp(Math.round(1 + 10 * health + 1.3 * normal(rand)), 0, 10);

    if (!Number.isNaN(overdueSince) && chance(rand, payRate)) overdueSince = Number.NaN;
    if (Number.isNaN(overdueSince) && chance(rand, lateRate * (0.6 + 0.8 * (1 - health)))) overdueSince = Math.max(signedOn, day - uniformInt(rand, 1, 25));
    const late = +(!Number.isNaN(overdueSince) || chance(rand, lateRate / 2));
    lateCount += late - lateFlags[lateAt]!;
    lateFlags[lateAt] = late;
    lateAt = (lateAt + 1) % lateFlags.length;
    month.lateInvoices[row] = lateCount;
    daysOverdue = Number.isNaN(overdueSince) ? 0 : day - overdueSince;
    month.daysOverdue[row] = daysOverdue;

    if (milestones < MILESTONES && chance(rand, 0.1 + 0.3 * health + (onboarding ? 0.25 : 0))) milestones++;
    if (onboarded) milestones = Math.max(milestones, 2);
    month.milestones[row] = milestones;
    month.onboardingDone[row] = +onboarded;

    // CSMs look at accounts in trouble more often; between looks the last sentiment stands, and ages.
    if (sentimentCadence > 0 && chance(rand, sentimentCadence + (health < 0.4 ? 0.25 : 0))) {
      recordSentiment(Math.max(signedOn, day - uniformInt(rand, 0, t > 0 ? Math.min(27, day - days[t - 1]! - 1) : 27)));
    }
    month.sentiment[row] = sentiment;
    month.sentimentObservedOn[row] = sentimentOn;
  }
  return Number.NaN;

  function recordSentiment(on: EpochDay): void {
    const felt = health + 0.12 * normal(rand);
    // An index into DEMO_SENTIMENTS, best first.
    sentiment = felt > 0.8 ? 0 : felt > 0.62 ? 1 : felt > 0.45 ? 2 : felt > 0.28 ? 3 : 4;
    sentimentOn = on;
  }

  /** A sudden turn: a champion leaves, or a new sponsor takes the product up. */
  function shock(): number {
    const u = rand();
    return u < 0.025 ? -uniform(rand, 0.15, 0.3) : u < 0.045 ? uniform(rand, 0.1, 0.2) : 0;
  }

  /**
   * The day the customer leaves within (`from`, `to`], or `NaN`. Most leave at their renewal, with
   * a probability that rises steeply as health falls; a few leave mid-contract, more of them when
   * an invoice was long overdue at the last snapshot.
   */
  function leaves(from: EpochDay, to: EpochDay): number {
    const renewal = firstAfter(renewals, from);
    if (renewal <= to && chance(rand, fallingCurve(health, 0.42, 0.9, 6))) return renewal;
    if (chance(rand, fallingCurve(health, 0.22, 0.08, 6) + (daysOverdue > 60 ? 0.15 : 0))) return uniformInt(rand, from + 1, to);
    return Number.NaN;
  }
}

function toPortfolio(ids: readonly string[], names: readonly string[], book: Book, month: Month): Portfolio {
  const size = ids.length;
  const text = (codes: Int32Array, labels: readonly string[]): Column => ({ kind: 'text', codes, labels });
  const number = (values: Float64Array): Column => ({ kind: 'number', values });
  const date = (values: Float64Array): Column => ({ kind: 'date', values });
  // Each snapshot gets its own buffers, so that transferring one to a worker leaves the others whole.
  const columns = new Map<string, Column>([
    ['name', text(Int32Array.from({ length: size }, (_, i) => i), names)],
    ['segment', text(book.segment.slice(), DEMO_SEGMENTS)],
    ['owner', text(book.owner.slice(), DEMO_OWNERS)],
    ['customer_since', date(book.customerSince.slice())],
    ['stage', text(month.stage, DEMO_STAGES)],
    ['status', text(month.status, DEMO_STATUSES)],
    ['mrr', number(month.mrr)],
    ['renewal_date', date(month.renewalDate)],
    ['logins_30d', number(month.logins)],
    ['active_seats_pct', number(month.seats)],
    ['last_login', date(month.lastLogin)],
    ['features_adopted', number(month.features)],
    ['meetings_90d', number(month.meetings)],
    ['events_90d', number(month.events)],
    ['nps', number(month.nps)],
    ['csat', number(month.csat)],
    ['tickets_30d', number(month.tickets)],
    ['bug_tickets_30d', number(month.bugs)],
    ['late_invoices', number(month.lateInvoices)],
    ['days_overdue', number(month.daysOverdue)],
    ['milestones_reached', number(month.milestones)],
    ['onboarding_done', { kind: 'boolean', values: month.onboardingDone }],
    ['csm_sentiment', { kind: 'text', codes: month.sentiment, labels: DEMO_SENTIMENTS, observedOn: month.sentimentObservedOn }],
  ]);
  return { size, ids, columns };
}
