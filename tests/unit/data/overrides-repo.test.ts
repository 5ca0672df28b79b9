import { describe, expect, it } from 'vitest';
import { addOverride, allOverrides, clearOverrides, endOverride, listOverrides, overrideProblem } from '../../../src/data/overrides-repo';
import { day } from '../../factories';
import { freshDb } from './support';

const JAN = day('2024-01-31');
const ok = { customerId: 'açaí-1', band: 'red', reason: 'Champion left', startsOn: JAN, expiresOn: JAN + 30 };

describe('overrides', () => {
  it('stores an override (reason trimmed), lists a customer’s newest first, and all of them', async () => {
    const db = freshDb();
    const first = await addOverride(db, { ...ok, reason: '  Champion left \n', createdAt: 1_000 });
    const second = await addOverride(db, { ...ok, band: 'green', reason: 'Renewed early', createdAt: 2_000 });
    await addOverride(db, { ...ok, customerId: 'other', createdAt: 3_000 });
    const listed = await listOverrides(db, 'açaí-1');
    expect(listed.map((o) => [o.id, o.band, o.reason])).toEqual([[second, 'green', 'Renewed early'], [first, 'red', 'Champion left']]);
    expect(listed[1]).toEqual({ id: first, ...ok, createdAt: 1_000 });
    expect((await allOverrides(db)).map((o) => o.customerId)).toEqual(['other', 'açaí-1', 'açaí-1']);
  });

  it('ends an override once (the first end stays), and says when there is no such override', async () => {
    const db = freshDb();
    const id = await addOverride(db, ok);
    expect(await endOverride(db, id, 5_000)).toBe(true);
    expect(await endOverride(db, id, 9_000)).toBe(true);
    expect((await listOverrides(db, ok.customerId))[0]!.endedAt).toBe(5_000);
    expect(await endOverride(db, 999)).toBe(false);
    await clearOverrides(db);
    expect(await db.overrides.count()).toBe(0);
  });

  it.each([
    [{ reason: '  ' }, /reason is missing/],
    [{ reason: undefined }, /reason is missing/],
    [{ band: '' }, /band should be a band id/],
    [{ band: 'insufficient' }, /band cannot be “insufficient”/],
    [{ customerId: ' ' }, /customerId should be/],
    [{ startsOn: 1.5 }, /startsOn should be a day/],
    [{ expiresOn: JAN - 1 }, /expiresOn should be on or after the day the override starts/],
  ])('refuses %j, writing nothing', async (change, message) => {
    const db = freshDb();
    await expect(addOverride(db, { ...ok, ...change } as typeof ok)).rejects.toThrow(message);
    expect(await db.overrides.count()).toBe(0);
  });

  it('accepts an override of a single day (expiry = start)', () => {
    expect(overrideProblem({ ...ok, expiresOn: JAN })).toBeUndefined();
  });
});
