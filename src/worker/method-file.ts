/**
 * Method files in the worker: the method in use written out, and a file read, checked and put in
 * use through the service's own doors (`useModel`, `replacePlaybooks`, `setBandActions`), so that
 * a method file changes exactly what those change and is checked the same way.
 */
import { exportMethod, parseMethod, type Method, type ModelProblem, type ParsedMethod, type Playbook } from '../engine';
import type { EngineApi, MethodFileRead, MethodSummary, UseMethodResult } from './api';

/** The service calls a method file goes through. */
export type MethodHost = Pick<EngineApi, 'model' | 'modelFile' | 'playbooks' | 'replacePlaybooks' | 'useModel' | 'bandActions' | 'setBandActions'>;

type FileBytes = { readonly name: string; readonly data: ArrayBuffer };

/** The method in use as a file: its name follows the model's file name. */
export async function methodFile(host: MethodHost, defaults: readonly Playbook[]): Promise<{ fileName: string; text: string }> {
  const [model, file, playbooks, bandActions] = await Promise.all([host.model(), host.modelFile(), host.playbooks(defaults), host.bandActions()]);
  const method: Method = { model, playbooks: playbooks.map((p) => p.playbook), bandActions };
  return { fileName: file.fileName.replace(/\.health-model\.json$/, '.pulso-method.json'), text: exportMethod(method) };
}

function read(file: FileBytes): ParsedMethod {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.data);
  } catch {
    const problem: ModelProblem = { path: '$', message: `${file.name} is not a text file in UTF-8: choose the .json method file`, severity: 'error' };
    return { ok: false, problems: [problem] };
  }
  return parseMethod(text);
}

function summaryOf(method: Method): MethodSummary {
  return { modelName: method.model.name, playbooks: method.playbooks.map((p) => p.name), bandActions: Object.keys(method.bandActions).length };
}

export function readMethodFile(file: FileBytes): MethodFileRead {
  const parsed = read(file);
  return parsed.ok ? { ok: true, summary: summaryOf(parsed.method), warnings: parsed.warnings } : parsed;
}

/**
 * Checks the file in full, then puts it in use. Every playbook run creates tasks, so the order
 * matters: the file's playbooks go in switched off first (the ones they replace never run on the
 * new model, and they themselves never run on the old one), then the model (rescoring; a run
 * with every playbook off creates nothing), then the playbooks as the file has them (running on
 * the new model), then the band actions.
 */
export async function useMethodFile(host: MethodHost, file: FileBytes): Promise<UseMethodResult> {
  const parsed = read(file);
  if (!parsed.ok) return parsed;
  const { method } = parsed;
  await host.replacePlaybooks(method.playbooks.map((p) => ({ ...p, enabled: false })));
  const used = await host.useModel({ model: method.model });
  if (!used.ok) return { ok: false, problems: used.problems.map((p) => ({ ...p, path: p.path === '$' ? 'model' : `model.${p.path}` })) };
  const playbooks = await host.replacePlaybooks(method.playbooks);
  await host.setBandActions(method.bandActions);
  return { ok: true, summary: summaryOf(method), portfolio: used.portfolio, playbooks, warnings: parsed.warnings };
}
