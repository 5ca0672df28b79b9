/** File reading shared by the worker and the CLI. */
export * from './csv';
export * from './write-csv';
export * from './export-scores';
export * from './problem-report';
export * from './column-mapping';
export * from './import-table';
