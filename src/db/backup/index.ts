/** Backup and restore of the whole database (gzip'd JSON lines; see write.ts for the layout). */
export { BackupError } from './errors.js';
export { type RestoreOptions, type RestoreSummary, restoreDatabase } from './read.js';
export { type BackupSummary, backupDatabase } from './write.js';
