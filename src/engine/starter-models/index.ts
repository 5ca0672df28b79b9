/**
 * The starter models the app offers when a user builds a first health score. Each is an
 * ordinary `health-model/v1` file beside this module (users can download and edit it); the
 * columns each one expects are listed in docs/model-format.md.
 */
import type { HealthModel } from '../model';
import { formatProblem, parseModel } from '../model-file';
import b2bSaas from './b2b-saas.json';
import subscription from './subscription.json';
import services from './services.json';

export interface StarterModel {
  /** Stable id, also the file's base name. */
  readonly id: string;
  readonly model: HealthModel;
}

/**
 * Reads a bundled file through the same checks as a user's file, which also gives it its type
 * (a JSON import is typed loosely: `"type": string`, not the rule's literal).
 * A test holds every starter model valid, so the throw marks a build that must not ship.
 */
function starter(id: string, file: unknown): StarterModel {
  const { model, problems } = parseModel(file);
  if (model === null || problems.length > 0) {
    throw new Error(`starter model ${id} is not a valid model: ${problems.map(formatProblem).join('; ')}`);
  }
  return { id, model };
}

/** The starter models, in the order the app offers them. */
export const STARTER_MODELS: readonly StarterModel[] = [
  starter('b2b-saas', b2bSaas),
  starter('subscription', subscription),
  starter('services', services),
];
