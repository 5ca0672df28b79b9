import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getSetting, putSetting, recallMapping, rememberMapping } from '../../../src/data/settings';
import { freshDb } from './support';

describe('getSetting and putSetting', () => {
  it('store JSON values under a key, replacing the previous one', async () => {
    const db = freshDb();
    expect(await getSetting(db, 'locale')).toBeUndefined();
    await putSetting(db, 'locale', 'pt-BR');
    await putSetting(db, 'locale', 'es');
    await putSetting(db, 'wizard', { step: 2, chosen: ['nps', 'city'], skipped: null, done: false, optional: undefined });
    expect(await getSetting<string>(db, 'locale')).toBe('es');
    expect(await getSetting(db, 'wizard')).toEqual({ step: 2, chosen: ['nps', 'city'], skipped: null, done: false });
    expect(await db.settings.count()).toBe(2);
  });

  it('refuse values a backup could not carry as JSON', async () => {
    const db = freshDb();
    for (const value of [undefined, Number.NaN, new Map(), new Date(0), { nested: [Number.POSITIVE_INFINITY] }, () => 1]) {
      await expect(putSetting(db, 'bad', value)).rejects.toThrow(/not a JSON value/);
    }
    expect(await db.settings.count()).toBe(0);
  });
});

describe('rememberMapping and recallMapping', () => {
  it('keep one mapping per file layout, under mapping:<layout>', async () => {
    const db = freshDb();
    const mapping = { fields: { id: 0, name: 1 }, metrics: { nps: 3 } };
    await rememberMapping(db, 'id|name|plan|nps', mapping);
    expect(await recallMapping(db, 'id|name|plan|nps')).toEqual(mapping);
    expect(await recallMapping(db, 'id|nps')).toBeUndefined();
    expect(await getSetting(db, 'mapping:id|name|plan|nps')).toEqual(mapping);
  });
});
