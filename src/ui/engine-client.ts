/** The UI's handle on the worker: every call crosses to `src/worker` through comlink. */
import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/api';

export function connectEngine(): EngineApi {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'pulso-engine' });
  return Comlink.wrap<EngineApi>(worker) as unknown as EngineApi;
}
