/**
 * The importer: reads a file, checks every row (types, units, references, duplicates within the file
 * and against the registry, the same rules as the API) and writes new and changed rows by natural key,
 * recording old values in change_log. It always runs inside one transaction: a dry run (the preview)
 * and an all-or-nothing import with any error roll back, so nothing is ever half-written; the
 * "valid rows only" mode writes the rows that pass and hands back the rejected ones with reasons.
 */
import { ZodDefault } from 'zod';
import type { ImportMode, ImportReport, RowProblem, SheetSummary } from '../../../contracts/imports.js';
import type { Db } from '../../../db/connect.js';
import { coerceCell, toHalfWidth, type Vocab } from '../../../domain/import/coerce.js';
import { type Column, IMPORT_KINDS, type ImportKind, KINDS, kindBySheet } from '../../../domain/import/kinds.js';
import { issueToProblem } from '../../lib/errors.js';
import { columnLetter, type RawSheet, readTable } from '../../lib/spreadsheet.js';
import { snake } from '../../lib/sql.js';
import type { AuditCtx } from '../../platform/audit.js';
import { enterpriseProblems } from '../registry/specs.js';
import { type Issue, type KindRuntime, normalizeName, type Rec, runtimes } from './resolve.js';
import { writeCreates, writeUpdates } from './write.js';

export type { ImportMode, ImportReport, RowProblem, SheetSummary };

export interface RejectedSheet {
  sheet: string;
  kind: ImportKind;
  headers: string[];
  rows: { row: number; cells: unknown[]; reasons: string }[];
}

export interface ImportOptions {
  fileName: string;
  kind?: ImportKind | undefined;
  mode?: ImportMode;
  dryRun?: boolean;
  /** Recorded in change_log.via, e.g. 'import:12' or 'cli'. */
  via?: string;
  /** Who asked for the import and from where, when a request did (recorded in change_log). */
  actor?: AuditCtx['actor'];
  ip?: string | undefined;
  onProgress?: (p: { sheet: string; phase: 'check' | 'write'; done: number; total: number }) => void;
  /** Runs inside the import's transaction once its rows are written, so bookkeeping commits with them. */
  onCommit?: (tx: Db, report: ImportReport) => Promise<void>;
}

class Rollback extends Error {}

/** Sums the sheets' counts and the problems' severities into the report's totals (from scratch). */
function tally(report: ImportReport): void {
  const t = report.totals;
  t.rows = t.created = t.updated = t.unchanged = t.rejected = 0;
  for (const s of report.sheets) {
    t.rows += s.rows;
    t.created += s.created;
    t.updated += s.updated;
    t.unchanged += s.unchanged;
    t.rejected += s.rejected;
  }
  t.errors = report.problems.filter((p) => p.severity === 'error').length;
  t.warnings = report.problems.length - t.errors;
}

const PROGRESS_STEP = 2000;
const YIELD_STEP = 250;
const norm = (s: string) =>
  toHalfWidth(s).replace(/\s+/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')').toLowerCase();
const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const NOTE_PREFIX = /^(说明|注|note)[:：]/i;

/** Maps a header row to columns by Chinese or English header (or field name). */
function mapHeaders(headerRow: unknown[], columns: Column[]) {
  const byHeader = new Map<string, Column>();
  for (const c of columns) for (const h of [c.zh, c.en, c.field]) byHeader.set(norm(h), c);
  const mapped: { index: number; column: Column; header: string }[] = [];
  const ignored: string[] = [];
  headerRow.forEach((h, index) => {
    const text = String(h ?? '').trim();
    if (!text) return;
    const column = byHeader.get(norm(text));
    if (column && !mapped.some((m) => m.column === column)) mapped.push({ index, column, header: text });
    else ignored.push(text);
  });
  return { mapped, ignored };
}

function comparable(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'null';
  if (Array.isArray(v))
    return JSON.stringify(
      v.map((x) => (typeof x === 'object' ? JSON.stringify(x, Object.keys(x as object).sort()) : x)),
    );
  if (typeof v === 'number') return String(Math.round(v * 1e6) / 1e6);
  return JSON.stringify(v);
}

export async function runImport(
  db: Db,
  bytes: Uint8Array,
  opts: ImportOptions,
): Promise<{ report: ImportReport; rejected: RejectedSheet[] }> {
  const mode = opts.mode ?? 'all';
  const dryRun = opts.dryRun ?? false;
  const { sheets, encoding } = await readTable(bytes, opts.fileName);
  const report: ImportReport = {
    fileName: opts.fileName,
    encoding,
    mode,
    dryRun,
    committed: false,
    sheets: [],
    problems: [],
    totals: { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, errors: 0, warnings: 0 },
  };
  const rejected: RejectedSheet[] = [];

  // Which sheet is which kind: by --kind for a single-sheet file, otherwise by sheet name.
  const work: { sheet: RawSheet; kind: ImportKind }[] = [];
  for (const sheet of sheets) {
    const byName = kindBySheet(sheet.name)?.kind;
    const kind = byName ?? (opts.kind && (sheets.length === 1 || sheets.indexOf(sheet) === 0) ? opts.kind : undefined);
    if (opts.kind && kind !== opts.kind && byName) continue;
    if (kind) work.push({ sheet, kind });
    else if (sheet.rows.some((r) => r.some((c) => !isBlank(c)))) {
      report.problems.push(
        fileProblem(
          sheet.name,
          'unknown_sheet',
          `无法识别工作表"${sheet.name}"的数据类型，已跳过`,
          `sheet "${sheet.name}" names no known kind and was skipped`,
          'warning',
        ),
      );
    }
  }
  if (work.length === 0) {
    report.problems.push(
      fileProblem(
        '',
        'no_kind',
        '请指定导入类型（如 企业）或使用模板中的工作表名',
        'say which kind to import (e.g. enterprises) or use the template sheet names',
        'error',
      ),
    );
  }
  work.sort((a, b) => IMPORT_KINDS.indexOf(a.kind) - IMPORT_KINDS.indexOf(b.kind));

  try {
    await db.tx(async (t) => {
      const rt = runtimes(t);
      const vocab: Vocab = {
        tiers: await t.query<{ code: string; nameZh: string; nameEn: string }>(
          'select code, name_zh as "nameZh", name_en as "nameEn" from tiers',
        ),
      };
      const known = {
        classCodes: new Set(
          (await t.query<{ code: string }>(`select code from industry_classes where level = 'class'`)).map(
            (r) => r.code,
          ),
        ),
        tierCodes: new Set(vocab.tiers.map((x) => x.code)),
        sources: new Set((await t.query<{ id: string }>('select id from sources')).map((r) => r.id)),
      };
      for (const { sheet, kind } of work) {
        const summary = await importSheet(t, sheet, kind, rt[kind], vocab, known, report, rejected, opts);
        report.sheets.push(summary);
        if (kind === 'sources')
          for (const r of await t.query<{ id: string }>('select id from sources')) known.sources.add(r.id);
      }
      tally(report);
      if (dryRun || (mode === 'all' && report.totals.errors > 0)) throw new Rollback();
      report.committed = true;
      await opts.onCommit?.(t, report);
    });
  } catch (err) {
    report.committed = false;
    if (!(err instanceof Rollback)) throw err;
  }
  tally(report);
  return { report, rejected };
}

function fileProblem(sheet: string, code: string, zh: string, en: string, severity: 'error' | 'warning'): RowProblem {
  return { sheet, row: 0, column: '', header: '', field: '', value: '', code, message: { zh, en }, severity };
}

async function importSheet(
  db: Db,
  sheet: RawSheet,
  kind: ImportKind,
  rt: KindRuntime,
  vocab: Vocab,
  known: { classCodes: Set<string>; tierCodes: Set<string>; sources: Set<string> },
  report: ImportReport,
  rejectedOut: RejectedSheet[],
  opts: ImportOptions,
): Promise<SheetSummary> {
  const def = KINDS[kind];
  const summary: SheetSummary = {
    sheet: sheet.name,
    kind,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    ignoredColumns: [],
  };
  const headerIdx = sheet.rows.findIndex((r) => r.some((c) => !isBlank(c)));
  if (headerIdx < 0) return summary;
  const headerRow = sheet.rows[headerIdx] ?? [];
  const { mapped, ignored } = mapHeaders(headerRow, def.columns);
  summary.ignoredColumns = ignored;
  const push = (p: Omit<RowProblem, 'sheet'>) => report.problems.push({ sheet: sheet.name, ...p });
  for (const h of ignored) {
    push({
      row: headerIdx + 1,
      column: '',
      header: h,
      field: '',
      value: h,
      code: 'unknown_column',
      message: { zh: `未知列"${h}"，已忽略`, en: `unknown column "${h}" ignored` },
      severity: 'warning',
    });
  }
  // Only the columns that identify a row are needed in every file; other required columns are
  // needed for new rows, which then fail one by one (a file may update a few columns of existing rows).
  const keyFields = new Set(def.key.flatMap((k) => k.split('|')));
  const missing = def.columns.filter(
    (c) => c.required && keyFields.has(c.field) && !mapped.some((m) => m.column === c),
  );
  const anyOf =
    kind === 'occupancies' || kind === 'metrics'
      ? [['creditCode', 'enterpriseName']]
      : kind === 'supply-links'
        ? [
            ['supplierCreditCode', 'supplierName'],
            ['customerCreditCode', 'customerName'],
          ]
        : [];
  for (const group of anyOf) {
    if (!mapped.some((m) => group.includes(m.column.field)))
      missing.push(def.columns.find((c) => c.field === group[1]) as Column);
  }
  for (const c of missing) {
    push({
      row: headerIdx + 1,
      column: '',
      header: c.zh,
      field: c.field,
      value: '',
      code: 'missing_column',
      message: { zh: `缺少必需的列"${c.zh}"`, en: `required column "${c.en}" is missing` },
      severity: 'error',
    });
  }
  if (missing.length) return summary;

  // 1. Cells to typed records.
  const letterOf = new Map(
    mapped.map((m) => [m.column.field, { letter: columnLetter(m.index), header: m.header, index: m.index }]),
  );
  interface Row {
    rowNo: number;
    cells: unknown[];
    rec: Rec;
    errors: RowProblem[];
  }
  const rows: Row[] = [];
  for (let i = headerIdx + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i] ?? [];
    const present = mapped.filter((m) => !isBlank(cells[m.index]));
    if (present.length === 0) continue;
    if (present.every((m) => NOTE_PREFIX.test(String(cells[m.index] ?? '').trim()))) continue; // the template's notes row
    const row: Row = { rowNo: i + 1, cells, rec: {}, errors: [] };
    for (const m of mapped) {
      const r = coerceCell(m.column, cells[m.index], vocab);
      const value = String(cells[m.index] ?? '');
      if (r.ok) {
        row.rec[m.column.field] = r.value;
        if (r.notice)
          push({
            row: row.rowNo,
            column: columnLetter(m.index),
            header: m.header,
            field: m.column.field,
            value,
            code: r.notice.code,
            message: { zh: r.notice.zh, en: r.notice.en },
            severity: 'warning',
          });
      } else {
        row.errors.push({
          sheet: sheet.name,
          row: row.rowNo,
          column: columnLetter(m.index),
          header: m.header,
          field: m.column.field,
          value,
          code: r.reason.code,
          message: { zh: r.reason.zh, en: r.reason.en },
          severity: 'error',
        });
      }
    }
    rows.push(row);
  }
  summary.rows = rows.length;

  const problemAt = (row: Row, field: string, code: string, zh: string, en: string): RowProblem => {
    const col = letterOf.get(field);
    return {
      sheet: sheet.name,
      row: row.rowNo,
      column: col?.letter ?? '',
      header: col?.header ?? def.columns.find((c) => c.field === field)?.zh ?? field,
      field,
      value: col ? String(row.cells[col.index] ?? '') : '',
      code,
      message: { zh, en },
      severity: 'error',
    };
  };
  const fromIssue = (row: Row, i: Issue) => problemAt(row, i.field, i.code, i.zh, i.en);
  // API input fields that stand for file columns (ids resolved from codes).
  const fieldAlias: Record<string, string> = {
    parkId: 'parkCode',
    buildingId: 'buildingCode',
    floorId: 'floorNo',
    unitId: 'unitCode',
    enterpriseId: 'creditCode',
    supplierId: 'supplierName',
    customerId: 'customerName',
    parentId: 'parentCode',
  };

  // 2. Resolve references, validate with the API schema, check duplicates.
  await rt.prepare(
    db,
    rows.map((r) => r.rec),
  );
  const resolved = rows.map((row) => ({ row, res: rt.resolve(row.rec) }));
  const keys = [...new Set(resolved.map((x) => x.res.key))];
  const existing = await rt.existing(db, keys);
  const firstRowOfKey = new Map<string, number>();
  const nameOwners =
    kind === 'enterprises'
      ? await nearIdenticalNames(
          db,
          resolved.map((x) => x.row.rec),
        )
      : new Map<string, { id: number; name: string; creditCode: string | null }>();
  const presentFields = new Set(mapped.map((m) => m.column.field));
  const parkCodesInFile = kind === 'parks' ? new Set(rows.map((r) => String(r.rec.code ?? ''))) : new Set<string>();
  const parksInDb =
    kind === 'parks'
      ? new Set((await db.query<{ code: string }>('select code from parks')).map((r) => r.code))
      : new Set<string>();

  type Plan = { row: Row; input: Rec; old?: Rec; changed?: string[]; key: string };
  const creates: Plan[] = [];
  const updates: Plan[] = [];
  const schemaKeys = Object.keys(rt.schema.shape);
  let done = 0;
  for (const { row, res } of resolved) {
    const errs = [...row.errors, ...res.issues.map((i) => fromIssue(row, i))];
    const first = firstRowOfKey.get(res.key);
    if (first !== undefined) {
      const f = def.key[0]?.split('|')[0] ?? '';
      errs.push(
        problemAt(
          row,
          kind === 'enterprises' ? (row.rec.creditCode ? 'creditCode' : 'name') : f,
          'duplicate_in_file',
          `与第 ${first} 行重复`,
          `duplicates row ${first}`,
        ),
      );
    } else firstRowOfKey.set(res.key, row.rowNo);
    const old = existing.get(res.key);
    let input: Rec | undefined;
    if (res.input) {
      // Columns the file lacks keep their current values on update and take defaults on create.
      const base: Rec = {};
      if (old) for (const k of schemaKeys) if (old[k] !== undefined) base[k] = old[k];
      const given: Rec = {};
      for (const [k, v] of Object.entries(res.input)) {
        if (old && !presentFields.has(fieldAlias[k] ?? k) && !(k in fieldAlias)) continue;
        // An empty cell clears a nullable field; it never clears a field that has a default.
        if (v === null && (!old || rt.schema.shape[k] instanceof ZodDefault)) continue;
        given[k] = v;
      }
      const parsed = rt.schema.safeParse({ ...base, ...given });
      if (!parsed.success) {
        for (const zi of parsed.error.issues) {
          const p = issueToProblem(zi, [], { ...base, ...given });
          const field = fieldAlias[String(p.path[0])] ?? String(p.path[0]);
          if (!errs.some((e) => e.field === field))
            errs.push(problemAt(row, field, p.code, p.message.zh, p.message.en));
        }
      } else input = parsed.data as Rec;
      if (kind === 'enterprises') {
        // Credit code, class and tiers are checked even when other fields failed, so one pass finds all.
        const candidate = (input ?? { ...base, ...given }) as Parameters<typeof enterpriseProblems>[0];
        for (const p of enterpriseProblems(candidate, known)) {
          const field = String(p.path[0]);
          // In a file the confirmation is a column, not a tick box: say which.
          const msg =
            p.code === 'credit_code_check_failed'
              ? {
                  zh: `${p.message.zh.split('；')[0]}；校验位不符，如确认代码无误，请在"校验位已确认"列填"是"`,
                  en: `${p.message.en.split(';')[0]}; the check character fails: if the code is right, put "yes" in the "Check confirmed" column`,
                }
              : p.message;
          if (!errs.some((e) => e.field === field)) errs.push(problemAt(row, field, p.code, msg.zh, msg.en));
        }
      }
    }
    if (input) {
      if ('sourceId' in rt.schema.shape && !known.sources.has(String(input.sourceId)))
        errs.push(
          problemAt(
            row,
            'sourceId',
            'reference_not_found',
            `数据来源"${String(input.sourceId)}"不存在`,
            `source "${String(input.sourceId)}" does not exist`,
          ),
        );
      if (kind === 'enterprises') {
        const owner = nameOwners.get(normalizeName(String(input.name)));
        if (!old && owner) {
          errs.push(
            problemAt(
              row,
              'name',
              'possible_duplicate',
              `与已有企业"${owner.name}"${owner.creditCode ? `（${owner.creditCode}）` : ''}名称几乎相同；如为同一企业请填写其统一社会信用代码`,
              `nearly the same name as existing "${owner.name}"${owner.creditCode ? ` (${owner.creditCode})` : ''}; give its credit code if it is the same firm`,
            ),
          );
        }
      }
      if (
        kind === 'parks' &&
        row.rec.parentCode &&
        !parkCodesInFile.has(String(row.rec.parentCode)) &&
        !parksInDb.has(String(row.rec.parentCode))
      ) {
        errs.push(
          problemAt(
            row,
            'parentCode',
            'reference_not_found',
            `上级园区"${String(row.rec.parentCode)}"不存在`,
            `parent park "${String(row.rec.parentCode)}" does not exist`,
          ),
        );
      }
      const check = rt.spec.check;
      if ((kind === 'occupancies' || kind === 'supply-links') && check) {
        for (const p of await check(input as never, db))
          errs.push(
            problemAt(row, fieldAlias[String(p.path[0])] ?? String(p.path[0]), p.code, p.message.zh, p.message.en),
          );
      }
    }
    if (errs.length || !input) {
      row.errors = errs;
      report.problems.push(...errs);
    } else if (old) {
      const changed = schemaKeys.filter((k) => comparable(input[k]) !== comparable(old[k]));
      const parentChanged =
        kind === 'parks' &&
        presentFields.has('parentCode') &&
        comparable(row.rec.parentCode) !== comparable(old.parentCode);
      if (changed.length || parentChanged) updates.push({ row, input, old, changed, key: res.key });
      else summary.unchanged++;
    } else creates.push({ row, input, key: res.key });
    if (++done % YIELD_STEP === 0) {
      if (done % PROGRESS_STEP === 0)
        opts.onProgress?.({ sheet: sheet.name, phase: 'check', done, total: rows.length });
      // Let timers run between batches of checks: the job's heartbeat and cancel poll, other requests.
      await new Promise((r) => setImmediate(r));
    }
  }
  opts.onProgress?.({ sheet: sheet.name, phase: 'check', done: rows.length, total: rows.length });

  const bad = rows.filter((r) => r.errors.length > 0);
  summary.rejected = bad.length;
  if (bad.length) {
    rejectedOut.push({
      sheet: sheet.name,
      kind,
      headers: headerRow.map((h) => String(h ?? '')),
      rows: bad.map((r) => ({
        row: r.rowNo,
        cells: r.cells,
        reasons: r.errors.map((e) => `${e.column}${e.row} ${e.header}: ${e.message.zh} / ${e.message.en}`).join('；'),
      })),
    });
  }
  // In all-or-nothing mode the valid rows are still written inside the transaction, so later sheets
  // are checked against them; the transaction is rolled back at the end if anything failed.
  // 3. Write.
  const audit: AuditCtx = { actor: opts.actor, ip: opts.ip, via: opts.via ?? 'import' };
  const toCols = async (input: Rec) => {
    const cols = rt.spec.toColumns ? await rt.spec.toColumns(input as never, db) : input;
    const out: Rec = {};
    for (const [k, v] of Object.entries(cols)) if (v !== undefined) out[snake(k)] = v;
    return out;
  };
  const createRows = [];
  for (const p of creates) createRows.push(await toCols(p.input));
  await writeCreates(db, rt.spec.table, createRows, audit, (n) =>
    opts.onProgress?.({ sheet: sheet.name, phase: 'write', done: n, total: creates.length + updates.length }),
  );
  summary.created = creates.length;
  const updateRows = [];
  for (const p of updates) {
    const cols = await toCols(p.input);
    const oldValues: Rec = {};
    const newValues: Rec = {};
    for (const k of p.changed ?? []) {
      oldValues[k] = p.old?.[k] ?? null;
      newValues[k] = p.input[k] ?? null;
    }
    if (kind === 'parks' && presentFields.has('parentCode')) {
      oldValues.parentCode = p.old?.parentCode ?? null;
      newValues.parentCode = p.row.rec.parentCode ?? null;
    }
    updateRows.push({ id: p.old?.id as number, cols, oldValues, newValues });
  }
  await writeUpdates(db, rt.spec.table, updateRows, audit);
  summary.updated = updates.length;
  if (kind === 'parks' && presentFields.has('parentCode')) {
    const links = [...creates, ...updates].map((p) => ({
      code: p.input.code,
      parent_code: p.row.rec.parentCode ?? null,
    }));
    await db.query(
      `update parks c set parent_id = p.id from jsonb_to_recordset($1::jsonb) as x(code text, parent_code text)
         left join parks p on p.code = x.parent_code where c.code = x.code and c.parent_id is distinct from p.id`,
      [JSON.stringify(links)],
    );
  }
  opts.onProgress?.({
    sheet: sheet.name,
    phase: 'write',
    done: creates.length + updates.length,
    total: creates.length + updates.length,
  });
  return summary;
}

/** Existing enterprises whose normalised name equals one in the file, keyed by that normal form. */
async function nearIdenticalNames(db: Db, recs: Rec[]) {
  const names = [...new Set(recs.map((r) => normalizeName(String(r.name ?? ''))).filter(Boolean))];
  const out = new Map<string, { id: number; name: string; creditCode: string | null }>();
  if (names.length === 0) return out;
  const rows = await db.query<{ id: number; name: string; credit_code: string | null }>(
    `select id, name, credit_code from enterprises
      where lower(regexp_replace(regexp_replace(translate(name, '（）', '()'), '[[:space:]　]', '', 'g'),
            '(股份有限公司|有限责任公司|有限公司|集团|公司)$', '')) = any($1::text[])`,
    [names],
  );
  for (const r of rows)
    out.set(normalizeName(r.name), { id: r.id, name: r.name, creditCode: r.credit_code?.trim() ?? null });
  return out;
}
