/// <reference lib="webworker" />
/**
 * The Web Worker: exposes `EngineService` through comlink and holds no logic of its own.
 * Bulk results (typed arrays) are transferred, not copied.
 */
import * as Comlink from 'comlink';
import type { CustomerTable, ScoresView } from './api';
import { buffersOf, EngineService } from './service';

class WorkerService extends EngineService {
  override async scores(): Promise<ScoresView> {
    const scores = await super.scores();
    return Comlink.transfer(scores, buffersOf(scores));
  }

  override async customers(): Promise<CustomerTable> {
    const table = await super.customers();
    return Comlink.transfer(table, buffersOf(table));
  }

  override async backup(): Promise<{ readonly fileName: string; readonly data: Uint8Array }> {
    const file = await super.backup();
    return Comlink.transfer(file, [file.data.buffer as ArrayBuffer]);
  }
}

Comlink.expose(new WorkerService());
