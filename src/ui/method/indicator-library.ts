/**
 * The indicators most customer-success teams score (DOMAIN.md, "Indicators people score"), ready
 * to add to a model: a name and a one-line description in the user's language, the category they
 * usually belong to, the column they read (the names the starter models and the demo use, so the
 * demo has data for most), a transform where the column holds a date, and a sensible first rule.
 */
import type { ColumnKind, ScoringRule, Transform } from '../../engine';
import type { Locale, MessageKey } from '../../i18n';

/** The categories the library suggests, with the ids the starter models use. */
export const LIBRARY_CATEGORIES = ['usage', 'engagement', 'satisfaction', 'support', 'financial', 'journey', 'retention', 'advocacy', 'csm'] as const;

export type LibraryCategory = (typeof LIBRARY_CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<LibraryCategory, MessageKey>> = {
  usage: 'categorize.library.category.usage',
  engagement: 'categorize.library.category.engagement',
  satisfaction: 'categorize.library.category.satisfaction',
  support: 'categorize.library.category.support',
  financial: 'categorize.library.category.financial',
  journey: 'categorize.library.category.journey',
  retention: 'categorize.library.category.retention',
  advocacy: 'categorize.library.category.advocacy',
  csm: 'categorize.library.category.csm',
};

export interface LibraryIndicator {
  /** The metric id it gets (made unique when the model has it already). */
  readonly id: string;
  readonly label: MessageKey;
  readonly description: MessageKey;
  readonly category: LibraryCategory;
  /** The column it reads. */
  readonly source: string;
  /** The kind of values the column holds (a date column is read through `daysSince`). */
  readonly kind: ColumnKind;
  readonly transform?: Transform;
  /** Days after which a value counts as missing (a judgement from last year is not today's). */
  readonly maxAgeDays?: number;
  /** The first rule; labels of a `map` rule come from `sentimentLabels` for the user's language. */
  readonly rule: ScoringRule;
}

/** The five sentiment labels in each language, happiest first. */
const SENTIMENT: Readonly<Record<Locale, readonly string[]>> = {
  en: ['very happy', 'happy', 'neutral', 'unhappy', 'very unhappy'],
  'pt-BR': ['muito satisfeito', 'satisfeito', 'neutro', 'insatisfeito', 'muito insatisfeito'],
  es: ['muy satisfecho', 'satisfecho', 'neutral', 'insatisfecho', 'muy insatisfecho'],
};
const SENTIMENT_POINTS = [100, 80, 50, 20, 0] as const;

/** Sentiment labels and points in the user's language, then English (as exports from most tools say it), each label once. */
export function sentimentRule(locale: Locale): ScoringRule {
  const entries: [string, number][] = [];
  for (const labels of locale === 'en' ? [SENTIMENT.en] : [SENTIMENT[locale], SENTIMENT.en]) {
    labels.forEach((label, k) => {
      if (!entries.some(([known]) => known === label)) entries.push([label, SENTIMENT_POINTS[k]!]);
    });
  }
  return { type: 'map', points: Object.fromEntries(entries) };
}

const linear = (worst: number, best: number): ScoringRule => ({ type: 'linear', worst, best });

export const INDICATOR_LIBRARY: readonly LibraryIndicator[] = [
  { id: 'logins_30d', label: 'categorize.library.logins.label', description: 'categorize.library.logins.description', category: 'usage', source: 'logins_30d', kind: 'number', rule: linear(0, 20) },
  { id: 'active_seats_pct', label: 'categorize.library.seats.label', description: 'categorize.library.seats.description', category: 'usage', source: 'active_seats_pct', kind: 'number', rule: linear(20, 90) },
  { id: 'features_adopted', label: 'categorize.library.features.label', description: 'categorize.library.features.description', category: 'usage', source: 'features_adopted', kind: 'number', rule: linear(0, 8) },
  { id: 'usage_trend_pct', label: 'categorize.library.trend.label', description: 'categorize.library.trend.description', category: 'usage', source: 'usage_trend_pct', kind: 'number', rule: linear(-30, 10) },
  {
    id: 'days_since_login', label: 'categorize.library.lastLogin.label', description: 'categorize.library.lastLogin.description', category: 'usage', source: 'last_login', kind: 'date', transform: 'daysSince',
    rule: { type: 'steps', steps: [{ upTo: 7, points: 100 }, { upTo: 14, points: 70 }, { upTo: 30, points: 30 }, { points: 0 }] },
  },
  { id: 'meetings_90d', label: 'categorize.library.meetings.label', description: 'categorize.library.meetings.description', category: 'engagement', source: 'meetings_90d', kind: 'number', rule: linear(0, 3) },
  { id: 'events_90d', label: 'categorize.library.events.label', description: 'categorize.library.events.description', category: 'engagement', source: 'events_90d', kind: 'number', rule: linear(0, 2) },
  {
    id: 'nps', label: 'categorize.library.nps.label', description: 'categorize.library.nps.description', category: 'satisfaction', source: 'nps', kind: 'number',
    rule: { type: 'steps', steps: [{ upTo: 6, points: 0 }, { upTo: 8, points: 60 }, { points: 100 }] },
  },
  { id: 'csat', label: 'categorize.library.csat.label', description: 'categorize.library.csat.description', category: 'satisfaction', source: 'csat', kind: 'number', rule: linear(1, 5) },
  { id: 'tickets_30d', label: 'categorize.library.tickets.label', description: 'categorize.library.tickets.description', category: 'support', source: 'tickets_30d', kind: 'number', rule: { type: 'range', ideal: [1, 5], zeroAt: [-1, 15] } },
  { id: 'bug_tickets_30d', label: 'categorize.library.bugs.label', description: 'categorize.library.bugs.description', category: 'support', source: 'bug_tickets_30d', kind: 'number', rule: linear(5, 0) },
  { id: 'late_invoices', label: 'categorize.library.lateInvoices.label', description: 'categorize.library.lateInvoices.description', category: 'financial', source: 'late_invoices', kind: 'number', rule: linear(3, 0) },
  {
    id: 'days_overdue', label: 'categorize.library.overdue.label', description: 'categorize.library.overdue.description', category: 'financial', source: 'days_overdue', kind: 'number',
    rule: { type: 'steps', steps: [{ upTo: 0, points: 100 }, { upTo: 15, points: 70 }, { upTo: 30, points: 40 }, { points: 0 }] },
  },
  { id: 'onboarding_done', label: 'categorize.library.onboarding.label', description: 'categorize.library.onboarding.description', category: 'journey', source: 'onboarding_done', kind: 'boolean', rule: { type: 'boolean', true: 100, false: 30 } },
  { id: 'milestones_reached', label: 'categorize.library.milestones.label', description: 'categorize.library.milestones.description', category: 'journey', source: 'milestones_reached', kind: 'number', rule: linear(0, 5) },
  { id: 'tenure_days', label: 'categorize.library.tenure.label', description: 'categorize.library.tenure.description', category: 'retention', source: 'customer_since', kind: 'date', transform: 'daysSince', rule: linear(0, 730) },
  { id: 'renewals', label: 'categorize.library.renewals.label', description: 'categorize.library.renewals.description', category: 'retention', source: 'renewals', kind: 'number', rule: linear(0, 3) },
  { id: 'referrals_12m', label: 'categorize.library.referrals.label', description: 'categorize.library.referrals.description', category: 'advocacy', source: 'referrals_12m', kind: 'number', rule: linear(0, 2) },
  { id: 'csm_sentiment', label: 'categorize.library.sentiment.label', description: 'categorize.library.sentiment.description', category: 'csm', source: 'csm_sentiment', kind: 'text', maxAgeDays: 90, rule: sentimentRule('en') },
];

/** The library entry's first rule for the user's language (sentiment labels in that language). */
export function libraryRule(entry: LibraryIndicator, locale: Locale): ScoringRule {
  return entry.rule.type === 'map' && entry.id === 'csm_sentiment' ? sentimentRule(locale) : entry.rule;
}
