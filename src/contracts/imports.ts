/** The import report, shared by the importer (server), the CLI and the web's import page. */
import type { ImportKind } from '../domain/import/kinds.js';

export type ImportMode = 'all' | 'valid';
export type ImportStatus = 'validated' | 'rejected' | 'committed';

export interface RowProblem {
  sheet: string;
  /** 1-based spreadsheet row; 0 for a problem of the whole file or sheet. */
  row: number;
  /** Column letter (A, B, …); empty when the problem is not about one cell. */
  column: string;
  header: string;
  field: string;
  value: string;
  code: string;
  message: { zh: string; en: string };
  severity: 'error' | 'warning';
}

export interface SheetSummary {
  sheet: string;
  kind: ImportKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  ignoredColumns: string[];
}

export interface ImportReport {
  fileName: string;
  encoding?: string | undefined;
  mode: ImportMode;
  dryRun: boolean;
  committed: boolean;
  sheets: SheetSummary[];
  problems: RowProblem[];
  totals: {
    rows: number;
    created: number;
    updated: number;
    unchanged: number;
    rejected: number;
    errors: number;
    warnings: number;
  };
}
