/// <reference lib="webworker" />
/**
 * The Web Worker: exposes `EngineService` through comlink and holds no logic of its own.
 * Bulk results (typed arrays) are transferred, not copied.
 */
import * as Comlink from 'comlink';
import type { EngineApi } from './api';
import { buffersOf, EngineService } from './service';

const service = new EngineService();

const api: EngineApi = {
  loadDemo: (options) => service.loadDemo(options),
  clear: (options) => service.clear(options),
  summary: () => service.summary(),
  scores: async () => {
    const scores = await service.scores();
    return Comlink.transfer(scores, buffersOf(scores));
  },
  customers: async () => {
    const table = await service.customers();
    return Comlink.transfer(table, buffersOf(table));
  },
  explain: (row) => service.explain(row),
};

Comlink.expose(api);
