/** The method wizard's steps on the demo portfolio, run by the real in-process `EngineService`. */
import { render } from '@testing-library/svelte';
import { vi } from 'vitest';
import { epochDay, type HealthModel } from '../../../src/engine';
import { AppState } from '../../../src/ui/state/app-state.svelte';
import { EngineService } from '../../../src/worker/service';
import StepHarness from './StepHarness.svelte';

export const TODAY = epochDay(2026, 11, 23);
export const SLOW = 30_000;

/** An app state over a service with the demo loaded (the step only asks the worker, it needs no screen). */
export async function demoApp(): Promise<{ app: AppState; service: EngineService }> {
  const service = new EngineService();
  await service.loadDemo({ asOf: TODAY });
  const app = new AppState({ api: service, memory: { read: () => 'demo', write: () => undefined }, today: () => TODAY });
  return { app, service };
}

/** Renders the Categorize step on `initial`; `drafts` are the models it handed back, in order. */
export async function renderStep(initial: HealthModel) {
  const { app, service } = await demoApp();
  const onchange = vi.fn<(draft: HealthModel) => void>();
  render(StepHarness, { props: { app, initial, onchange } });
  return { service, onchange, latest: () => onchange.mock.calls.at(-1)?.[0] };
}
