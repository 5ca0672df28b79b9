/** The UI's handle on the worker: every call crosses to `src/worker` through comlink. */
import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/api';

export function connectEngine(): EngineApi {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'pulso-engine' });
  const remote = Comlink.wrap<EngineApi>(worker) as unknown as EngineApi;
  // Functions cannot be cloned into the worker: the ones the API takes go as comlink proxies, so
  // the UI (and its tests, which call the service in-process) passes plain functions.
  return new Proxy(remote, {
    get(target, key, receiver) {
      if (key === 'subscribe') return (listener: Parameters<EngineApi['subscribe']>[0]) => target.subscribe(Comlink.proxy(listener));
      // The file's bytes move to the worker instead of being copied (the page has no use for them).
      if (key === 'openImport') return (file: Parameters<EngineApi['openImport']>[0]) => target.openImport(Comlink.transfer(file, [file.data]));
      if (key === 'commitImport') {
        return (plan: Parameters<EngineApi['commitImport']>[0], onProgress?: Parameters<EngineApi['commitImport']>[1]) =>
          target.commitImport(plan, onProgress && Comlink.proxy(onProgress));
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}
