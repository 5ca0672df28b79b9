/**
 * What a scoring rule does, in plain words: "0 or less → 0 points, 20 or more → 100 points…".
 * `describeRule` gives message keys and their parameters (numbers already formatted in the
 * user's language); `ruleText` translates them into one paragraph.
 */
import type { ScoringRule } from '../../engine';
import { translate, translateCount, type CountKey, type Locale, type MessageKey } from '../../i18n';

/** One sentence of the description: a message, or a plural message with its count. */
export type RuleSentence =
  | { readonly key: MessageKey; readonly params: Readonly<Record<string, string>> }
  | { readonly countKey: CountKey; readonly count: number; readonly params: Readonly<Record<string, string>> };

/** A number as the user writes it: grouping and decimal mark of the language, up to 2 decimals. */
export function formatRuleNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n).replace('-', '\u2212');
}

/** The sentences that describe `rule` (and, with `maxAgeDays`, when a value is too old). */
export function describeRule(rule: ScoringRule, locale: Locale, options: { readonly maxAgeDays?: number } = {}): RuleSentence[] {
  const n = (x: number) => formatRuleNumber(x, locale);
  const sentences: RuleSentence[] = [];
  switch (rule.type) {
    case 'linear':
      sentences.push(
        rule.worst < rule.best
          ? { key: 'categorize.rule.text.up', params: { worst: n(rule.worst), best: n(rule.best) } }
          : { key: 'categorize.rule.text.down', params: { worst: n(rule.worst), best: n(rule.best) } },
      );
      break;
    case 'range': {
      const [a, b] = rule.ideal;
      const [lo, hi] = rule.zeroAt;
      sentences.push(a === b ? { key: 'categorize.rule.text.rangeOne', params: { a: n(a) } } : { key: 'categorize.rule.text.range', params: { a: n(a), b: n(b) } });
      sentences.push(lo < a ? { key: 'categorize.rule.text.rangeLow', params: { a: n(a), lo: n(lo) } } : { key: 'categorize.rule.text.rangeLowEdge', params: { a: n(a) } });
      sentences.push(hi > b ? { key: 'categorize.rule.text.rangeHigh', params: { b: n(b), hi: n(hi) } } : { key: 'categorize.rule.text.rangeHighEdge', params: { b: n(b) } });
      break;
    }
    case 'steps': {
      let previous: number | undefined;
      for (const step of rule.steps) {
        const points = n(step.points);
        if (step.upTo === undefined) {
          sentences.push(previous === undefined ? { key: 'categorize.rule.text.stepAll', params: { points } } : { key: 'categorize.rule.text.stepLast', params: { from: n(previous), points } });
        } else {
          sentences.push(
            previous === undefined
              ? { key: 'categorize.rule.text.stepFirst', params: { upTo: n(step.upTo), points } }
              : { key: 'categorize.rule.text.step', params: { from: n(previous), upTo: n(step.upTo), points } },
          );
          previous = step.upTo;
        }
      }
      break;
    }
    case 'boolean':
      sentences.push({ key: 'categorize.rule.text.boolean', params: { yes: n(rule.true), no: n(rule.false) } });
      break;
    case 'map': {
      const list = Object.entries(rule.points).map(([label, points]) => `${label} → ${n(points)}`).join(', ');
      sentences.push({ key: 'categorize.rule.text.map', params: { list } });
      break;
    }
  }
  if (options.maxAgeDays !== undefined) sentences.push({ countKey: 'categorize.rule.text.maxAge', count: options.maxAgeDays, params: {} });
  return sentences;
}

/** One sentence in the user's language. */
export function sentenceText(sentence: RuleSentence, locale: Locale): string {
  return 'key' in sentence ? translate(locale, sentence.key, sentence.params) : translateCount(locale, sentence.countKey, sentence.count, sentence.params);
}

/** The whole description as one paragraph. */
export function ruleText(rule: ScoringRule, locale: Locale, options: { readonly maxAgeDays?: number } = {}): string {
  return describeRule(rule, locale, options).map((s) => sentenceText(s, locale)).join(' ');
}
