import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { storageError } from '../../../src/data/storage-error';

const quota = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('storageError: the root cause’s name, whatever Dexie wrapped it in', () => {
  it('a transaction aborted because the disk is full (how browsers report quota)', () => {
    const error = storageError(new Dexie.AbortError('Transaction aborted', quota()));
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'QuotaExceededError', message: 'The quota has been exceeded.' });
    expect(error.cause).toBeInstanceOf(Dexie.AbortError);
  });

  it('a failed bulk write, and Dexie’s own copy of a DOMException', () => {
    expect(storageError(new Dexie.BulkError('1 of 3 failed', { 2: quota() }))).toMatchObject({ name: 'QuotaExceededError' });
    expect(storageError(new Dexie.QuotaExceededError('wrapped', quota()))).toMatchObject({ name: 'QuotaExceededError', message: 'The quota has been exceeded.' });
  });

  it('keeps other names, an abort without a cause included, and copes with what is not an Error', () => {
    expect(storageError(new Dexie.DatabaseClosedError())).toMatchObject({ name: 'DatabaseClosedError' });
    expect(storageError(new Dexie.AbortError('Transaction aborted'))).toMatchObject({ name: 'AbortError' });
    expect(storageError('boom')).toMatchObject({ name: 'Error', message: 'boom' });
  });
});
