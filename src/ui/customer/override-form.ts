/**
 * The "set band by hand" form's rules, apart from its markup: which bands can be chosen, and when
 * a draft is a valid `NewOverride` (every problem by its field, in the user's language).
 */
import type { BandInfo, EpochDay } from '../../engine';
import type { MessageKey } from '../../i18n';
import type { NewOverride, OverrideInfo } from '../../worker/api';
import { parseDay } from './entry-form';

/** Days a band set by hand lasts unless the CSM chooses otherwise. */
export const DEFAULT_OVERRIDE_DAYS = 30;

/** The bands a CSM can set by hand: every band of the model but `insufficient` (the last), with their indexes. */
export function overrideChoices(bands: readonly BandInfo[]): { readonly index: number; readonly band: BandInfo }[] {
  return bands.slice(0, -1).map((band, index) => ({ index, band }));
}

export type OverrideField = 'band' | 'reason' | 'expires';
export type OverrideErrors = Partial<Record<OverrideField, MessageKey>>;

export interface OverrideDraft {
  readonly customerId: string;
  /** A band id, or `null` when none is chosen. */
  readonly band: string | null;
  readonly reason: string;
  /** The date input's `YYYY-MM-DD`. */
  readonly expires: string;
}

export type OverrideCheck = { readonly ok: true; readonly override: NewOverride } | { readonly ok: false; readonly errors: OverrideErrors };

/** The draft as a `NewOverride`, or every field that needs fixing: a band, a non-blank reason, an expiry day today or later. */
export function checkOverride(draft: OverrideDraft, today: EpochDay): OverrideCheck {
  const errors: OverrideErrors = {};
  if (!draft.band) errors.band = 'customer.override.error.band';
  const reason = draft.reason.trim();
  if (!reason) errors.reason = 'customer.override.error.reason';
  const expiresOn = parseDay(draft.expires);
  if (expiresOn === undefined) errors.expires = 'customer.override.error.expires';
  else if (expiresOn < today) errors.expires = 'customer.override.error.past';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, override: { customerId: draft.customerId, band: draft.band!, reason, expiresOn: expiresOn! } };
}

/** The override in force among a customer's (the newest active one), if any. */
export function activeOverride(overrides: readonly OverrideInfo[]): OverrideInfo | undefined {
  return overrides.find((o) => o.active);
}
