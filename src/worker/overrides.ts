/**
 * Bands set by hand (DESIGN "Overrides"), applied over computed bands when the worker builds the
 * scores it shows. Pure: the records come from `src/data` (or the demo's memory).
 *
 * An override applies to the scores of day `asOf` when it was not ended by hand, its band is a
 * band of the model in use (not `insufficient`), `startsOn <= asOf <= expiresOn`, and the expiry
 * day is not past on the device's calendar either (`today <= expiresOn`): with data that stays a
 * month old, a band set "until the 12th" still ends on the 12th.
 */
import type { BandInfo, EpochDay } from '../engine';
import type { OverrideRecord } from '../data';
import type { OverrideInfo, OverrideStatus } from './api';

/** The index of band `id` among `bands` (the last being `insufficient`, never a target), or `-1`. */
export function overrideBandIndex(bands: readonly BandInfo[], id: string): number {
  const index = bands.findIndex((band) => band.id === id);
  return index < 0 || index >= bands.length - 1 ? -1 : index;
}

/** Whether `override` applies to the scores of `asOf`, and if not, why. */
export function overrideStatus(override: OverrideRecord, bands: readonly BandInfo[], asOf: EpochDay, today: EpochDay): OverrideStatus {
  if (override.endedAt !== undefined) return 'ended';
  if (override.expiresOn < asOf || override.expiresOn < today) return 'expired';
  if (override.startsOn > asOf) return 'pending';
  if (overrideBandIndex(bands, override.band) < 0) return 'band-gone';
  return 'active';
}

/** An override as the customer page lists it. */
export function overrideInfo(override: OverrideRecord, bands: readonly BandInfo[], asOf: EpochDay, today: EpochDay): OverrideInfo {
  const status = overrideStatus(override, bands, asOf, today);
  return {
    id: override.id, customerId: override.customerId, band: override.band, bandIndex: overrideBandIndex(bands, override.band),
    reason: override.reason, startsOn: override.startsOn, expiresOn: override.expiresOn, createdAt: override.createdAt,
    ...(override.endedAt !== undefined ? { endedAt: override.endedAt } : {}),
    active: status === 'active', status,
  };
}

/** Newest first (`createdAt`, then id), as lists show them and as the newest active one wins. */
export function newestFirst(a: OverrideRecord, b: OverrideRecord): number {
  return b.createdAt - a.createdAt || b.id - a.id;
}

/**
 * The bands shown for customers `ids` whose computed bands are `computed`: a fresh copy with each
 * active override's band in place (the newest, should a customer have two), and 1 in
 * `overridden` where one applies.
 */
export function applyOverrides(
  ids: readonly string[],
  computed: Uint8Array,
  bands: readonly BandInfo[],
  overrides: readonly OverrideRecord[],
  asOf: EpochDay,
  today: EpochDay,
): { band: Uint8Array; overridden: Uint8Array } {
  const band = computed.slice();
  const overridden = new Uint8Array(computed.length);
  const active = new Map<string, number>();
  for (const override of [...overrides].sort(newestFirst)) {
    if (active.has(override.customerId) || overrideStatus(override, bands, asOf, today) !== 'active') continue;
    active.set(override.customerId, overrideBandIndex(bands, override.band));
  }
  if (active.size === 0) return { band, overridden };
  ids.forEach((id, row) => {
    const index = active.get(id);
    if (index === undefined) return;
    band[row] = index;
    overridden[row] = 1;
  });
  return { band, overridden };
}
