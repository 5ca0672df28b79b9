/**
 * The scoring engine: pure TypeScript, no DOM, storage, UI or worker code. It runs unchanged in
 * the Web Worker, in Node (the headless scorer, tests, benchmarks) and anywhere else.
 */
export * from './model';
export * from './portfolio';
export type * from './results';
export { scorePortfolio, explainCustomer } from './score';
export { preparePoints, reweighPortfolio, pointsKey, newCategoryCache, type PreparedPoints, type CategoryCache } from './reweigh';
export { modelDifferences, describeRule, describeBands, type ModelDifference, type ModelDifferenceKind } from './model-diff';
export { explainChange, describeChange, apportion } from './change';
export { pointsFor } from './rules';
export { roundScore, roundTo, round6, roundHalfAway } from './rounding';
export { bandInfos, INSUFFICIENT_BAND } from './bands';
export { columnNeeds } from './needs';
export { normalizeLabel, parseBooleanToken } from './values';
export { parseModel, exportModel, formatProblem, readJsonText, type ModelProblem, type ParsedModel } from './model-file';
export { parseMethod, exportMethod, METHOD_FORMAT, type Method, type ParsedMethod } from './method-file';
export { seededRandom } from './random';
export { isMissing, latestObservations, applyObservations, extendTo, type Observation, type Snapshot } from './history';
export {
  playbookMatches, playbookProblems, previousRows, linkDays, type DayLinks, defaultPlaybooks, DEFAULT_PLAYBOOK_IDS, TRIGGER_KINDS, TASK_PRIORITIES, FIELD_COLUMNS, RENEWAL_COLUMN,
  type Playbook, type PlaybookTrigger, type PlaybookTriggerKind, type PlaybookAction, type TaskAction, type TaskPriority, type IndicatorOp,
  type PlaybookField, type PlaybookDay, type PlaybookMatch, type DefaultPlaybookId, type DefaultPlaybookTexts,
} from './playbooks';
export { rocAuc, rocCurve, proportion, fitLogistic, linearPredictor, stratifiedFolds, type AucResult, type RocCurve, type Proportion, type LogisticFit } from './calibration/stats';
