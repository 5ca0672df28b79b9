/**
 * Storage: the only code that touches IndexedDB (Dexie). The worker opens one `PulsoDb` and calls
 * these functions; each read or write is one transaction, and every failure rejects with an
 * `Error` named after its cause (`storage-error.ts`).
 */
export * from './db';
export { saveImport, saveImports, listImports, deleteImport, loadHistory } from './imports-repo';
export type { SaveImportInput, SaveImportResult, SaveImportsOptions } from './imports-repo';
export { addEntry, listEntries, allEntries, deleteEntry, entryProblem, type NewEntryRecord, type EntryProblem } from './entries-repo';
export {
  addOverride, listOverrides, allOverrides, endOverride, clearOverrides, overrideProblem,
  type NewOverrideRecord, type OverrideProblem,
} from './overrides-repo';
export {
  saveScoreSnapshot, listScoreSnapshots, loadScoreSnapshot, deleteScoreSnapshots,
  type ScoreSnapshot, type ScoreSnapshotInput, type ScoreSnapshotSelection,
} from './snapshots-repo';
export { dataStamp, clearData } from './dataset';
export {
  listPlaybooks, playbooksSeeded, seedPlaybooks, putPlaybook, replacePlaybooks, deletePlaybook, addTasks, listTasks, getTask, updateTask, taskProblem,
  PLAYBOOKS_SEEDED_SETTING, type NewTaskRecord, type TaskProblem,
} from './tasks-repo';
export {
  listOutcomes, getOutcome, putOutcomes, deleteOutcome, clearOutcomes, outcomeProblem, outcomeFieldProblem, type OutcomeFieldProblem,
} from './outcomes-repo';
export { getSetting, putSetting, rememberMapping, recallMapping, mappingKey, MODEL_SETTING, recallModel, METHOD_SETTING, BAND_ACTIONS_SETTING } from './settings';
export {
  BACKUP_FORMAT, BACKUP_TABLES, BACKUP_UPGRADES, CURRENT_SCHEMA_VERSION, createBackup, readBackup, restoreBackup,
  type Backup, type BackupTable, type RawTables, type ReadBackupResult, type RestoreCounts,
} from './backup';
export { storageError } from './storage-error';
export { estimateStorage, requestPersistence, type StorageEstimateBytes } from './storage';
