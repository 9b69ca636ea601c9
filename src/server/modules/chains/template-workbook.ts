/**
 * A chain template as an Excel workbook (issue 5 item 1) and back. Sheets: 说明 / Info (code,
 * names, description, where the structure comes from, then the sources table), 节点 / Nodes (one row
 * per node) and 供应关系 / Edges (from, to, kind). Headers are written in Chinese (or English) and
 * read in either language; lists are separated by 、 or ;. Reading a workbook collects every problem
 * with its sheet, row, column and field instead of stopping at the first.
 */
import ExcelJS from 'exceljs';
import {
  type BOTTLENECK_KINDS,
  type EDGE_KINDS,
  type NODE_STAGES,
  type TChainNode,
  type TChainTemplate,
  ZChainTemplate,
} from '../../../contracts/chains.js';
import type { RowProblem } from '../../../contracts/imports.js';
import { cellText, columnLetter, FileFormatError, type RawSheet, readTable } from '../../lib/spreadsheet.js';

export type Lang = 'zh' | 'en';
type Label = { zh: string; en: string };

const SHEETS = {
  info: { zh: '说明', en: 'Info' },
  nodes: { zh: '节点', en: 'Nodes' },
  edges: { zh: '供应关系', en: 'Edges' },
} as const;

const STAGE_LABELS: Record<(typeof NODE_STAGES)[number], Label> = {
  upstream: { zh: '上游', en: 'upstream' },
  midstream: { zh: '中游', en: 'midstream' },
  downstream: { zh: '下游', en: 'downstream' },
  branch: { zh: '分支', en: 'branch' },
};
const BOTTLENECK_LABELS: Record<(typeof BOTTLENECK_KINDS)[number], Label> = {
  sourced: { zh: '有来源', en: 'sourced' },
  general_knowledge: { zh: '常识待核', en: 'general_knowledge' },
  localised: { zh: '已国产化', en: 'localised' },
};
const EDGE_LABELS: Record<(typeof EDGE_KINDS)[number], Label> = {
  supplies: { zh: '供应', en: 'supplies' },
  recycles: { zh: '回收', en: 'recycles' },
  signal: { zh: '信号', en: 'signal' },
};

type Kind = 'text' | 'list' | 'bool' | 'stage' | 'bottleneck' | 'classes' | 'edgeKind';
interface Col {
  field: string;
  zh: string;
  en: string;
  kind: Kind;
  required?: boolean;
}

const NODE_COLS: Col[] = [
  { field: 'id', zh: '节点编号', en: 'Node id', kind: 'text', required: true },
  { field: 'nameZh', zh: '中文名称', en: 'Name (zh)', kind: 'text', required: true },
  { field: 'nameEn', zh: '英文名称', en: 'Name (en)', kind: 'text', required: true },
  { field: 'stage', zh: '环节', en: 'Stage', kind: 'stage', required: true },
  { field: 'parent', zh: '上级环节', en: 'Parent segment', kind: 'text' },
  { field: 'group', zh: '分组节点', en: 'Group', kind: 'bool' },
  { field: 'keyLink', zh: '关键环节', en: 'Key link', kind: 'bool' },
  { field: 'bottleneck', zh: '卡脖子', en: 'Bottleneck', kind: 'bottleneck' },
  { field: 'keywords', zh: '关键词', en: 'Keywords', kind: 'list' },
  { field: 'classes', zh: '行业小类（GB/T 4754）', en: 'GB/T 4754 classes', kind: 'classes' },
  { field: 'classNote', zh: '小类说明', en: 'Class note', kind: 'text' },
  { field: 'examples', zh: '典型产品', en: 'Examples', kind: 'text' },
  { field: 'suppliesExternal', zh: '面向链外用户', en: 'Supplies external', kind: 'bool' },
  { field: 'suppliesNote', zh: '供应说明', en: 'Supplies note', kind: 'text' },
  { field: 'refs', zh: '关联', en: 'Refs', kind: 'list' },
  { field: 'note', zh: '备注', en: 'Note', kind: 'text' },
  { field: 'sourceTags', zh: '来源标签', en: 'Source tags', kind: 'list' },
];
const EDGE_COLS: Col[] = [
  { field: 'from', zh: '供应方节点', en: 'From', kind: 'text', required: true },
  { field: 'to', zh: '需求方节点', en: 'To', kind: 'text', required: true },
  { field: 'kind', zh: '类型', en: 'Kind', kind: 'edgeKind' },
];
const INFO_ROWS: Col[] = [
  { field: 'code', zh: '产业链代码', en: 'Chain code', kind: 'text', required: true },
  { field: 'version', zh: '版本', en: 'Version', kind: 'text' },
  { field: 'nameZh', zh: '中文名称', en: 'Name (zh)', kind: 'text', required: true },
  { field: 'nameEn', zh: '英文名称', en: 'Name (en)', kind: 'text', required: true },
  { field: 'description', zh: '链条说明', en: 'Description', kind: 'text', required: true },
  { field: 'basis', zh: '结构来源', en: 'Basis', kind: 'text', required: true },
];
const SOURCE_COLS: Col[] = [
  { field: 'tag', zh: '来源标签', en: 'Tag', kind: 'text', required: true },
  { field: 'title', zh: '来源', en: 'Title', kind: 'text', required: true },
  { field: 'url', zh: '链接', en: 'URL', kind: 'text' },
  { field: 'otherUrls', zh: '其他链接', en: 'Other URLs', kind: 'list' },
  { field: 'tier', zh: '来源等级', en: 'Tier', kind: 'text', required: true },
  { field: 'note', zh: '备注', en: 'Note', kind: 'text' },
];

const yes = (v: boolean, lang: Lang) => (v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no');
const classText = (c: TChainNode['classes'][number]) =>
  `${c.approximate ? '≈' : ''}${c.code}${c.note ? `（${c.note}）` : ''}`;

function nodeCell(n: TChainNode, col: Col, lang: Lang): string | null {
  const v = (n as unknown as Record<string, unknown>)[col.field];
  switch (col.kind) {
    case 'bool':
      return yes(Boolean(v), lang);
    case 'stage':
      return STAGE_LABELS[n.stage][lang];
    case 'bottleneck':
      return n.bottleneck ? BOTTLENECK_LABELS[n.bottleneck][lang] : null;
    case 'list':
      return v === undefined ? null : (v as string[]).join('、');
    case 'classes':
      return n.classes.map(classText).join('、');
    default:
      return typeof v === 'string' ? v : null;
  }
}

function header(ws: ExcelJS.Worksheet, cols: Col[], lang: Lang) {
  const row = ws.addRow(cols.map((c) => c[lang]));
  row.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The template as an .xlsx workbook (Chinese or English sheet names and headers). */
export async function templateWorkbook(t: TChainTemplate, lang: Lang = 'zh'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParkLink';
  const info = wb.addWorksheet(SHEETS.info[lang]);
  info.columns = [{ width: 16 }, { width: 60 }, { width: 40 }, { width: 30 }, { width: 10 }, { width: 40 }];
  const top = info.addRow(lang === 'zh' ? ['项目', '内容'] : ['Field', 'Value']);
  top.font = { bold: true };
  const values: Record<string, string> = {
    code: t.code,
    version: String(t.version),
    nameZh: t.nameZh,
    nameEn: t.nameEn,
    description: t.description,
    basis: t.basis,
  };
  for (const r of INFO_ROWS) info.addRow([r[lang], values[r.field]]);
  info.addRow([]);
  info.addRow(SOURCE_COLS.map((c) => c[lang])).font = { bold: true };
  for (const s of t.sources) {
    info.addRow([s.tag, s.title, s.url ?? null, s.otherUrls?.join('、') ?? null, s.tier, s.note ?? null]);
  }

  const nodes = wb.addWorksheet(SHEETS.nodes[lang]);
  header(nodes, NODE_COLS, lang);
  for (const n of t.nodes) nodes.addRow(NODE_COLS.map((c) => nodeCell(n, c, lang)));
  nodes.columns.forEach((c, i) => {
    c.width = [14, 18, 24, 8, 14, 8, 8, 10, 36, 24][i] ?? 20;
  });

  const edges = wb.addWorksheet(SHEETS.edges[lang]);
  header(edges, EDGE_COLS, lang);
  for (const e of t.edges) edges.addRow([e.from, e.to, EDGE_LABELS[e.kind][lang]]);
  edges.columns.forEach((c) => {
    c.width = 20;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ─── reading ───

const norm = (s: string) => s.toLowerCase().replace(/[\s（）()/]/g, '');
const splitList = (s: string) =>
  s
    .split(/[、;；\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

function fromLabel<K extends string>(labels: Record<K, Label>, s: string): K | undefined {
  const x = norm(s);
  for (const [k, l] of Object.entries(labels) as [K, Label][]) {
    if (norm(k) === x || norm(l.zh) === x || norm(l.en) === x) return k;
  }
  return undefined;
}
const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '★']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', '×', '']);

export interface ParsedTemplate {
  template?: TChainTemplate;
  problems: RowProblem[];
  /** Sheet, row, column and header of a path into the template (e.g. ['nodes', 3, 'classes']). */
  locate: (path: readonly (string | number)[]) => Pick<RowProblem, 'sheet' | 'row' | 'column' | 'header'>;
  format: 'json' | 'xlsx';
}

const nowhere = (path: readonly (string | number)[]) => ({ sheet: '', row: 0, column: '', header: path.join('.') });

class Collector {
  problems: RowProblem[] = [];
  add(sheet: string, row: number, col: number | null, header: string, field: string, value: string, m: Label) {
    this.problems.push({
      sheet,
      row,
      column: col === null ? '' : columnLetter(col),
      header,
      field,
      value,
      code: 'invalid_value',
      message: m,
      severity: 'error',
    });
  }
}

function findSheet(sheets: RawSheet[], key: keyof typeof SHEETS): RawSheet | undefined {
  const names = [SHEETS[key].zh, SHEETS[key].en].map(norm);
  return sheets.find((s) => names.includes(norm(s.name)));
}

/** Column index of each field, from a header row in either language. */
function columnsOf(row: unknown[], cols: Col[]): Map<string, number> {
  const at = new Map<string, number>();
  row.forEach((cell, i) => {
    const h = norm(cellText(cell));
    const col = cols.find((c) => norm(c.zh) === h || norm(c.en) === h || norm(c.field) === h);
    if (col && !at.has(col.field)) at.set(col.field, i);
  });
  return at;
}

function readRows(sheet: RawSheet, cols: Col[], start: number, out: Collector) {
  const at = columnsOf(sheet.rows[start] ?? [], cols);
  for (const c of cols) {
    if (c.required && !at.has(c.field)) {
      out.add(sheet.name, start + 1, null, c.zh, c.field, '', {
        zh: `缺少列“${c.zh}”`,
        en: `Missing column "${c.en}"`,
      });
    }
  }
  const rows: { row: number; get: (f: string) => string; col: (f: string) => number | null }[] = [];
  for (let r = start + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    if (cells.every((c) => cellText(c) === '')) continue;
    rows.push({
      row: r + 1,
      get: (f) => {
        const i = at.get(f);
        return i === undefined ? '' : cellText(cells[i]);
      },
      col: (f) => at.get(f) ?? null,
    });
  }
  return rows;
}

function readCell(
  c: Col,
  raw: string,
  report: (m: Label) => void,
): string | string[] | boolean | TChainNode['classes'] | null | undefined {
  switch (c.kind) {
    case 'bool': {
      const x = raw.toLowerCase();
      if (TRUE.has(x)) return true;
      if (FALSE.has(x)) return false;
      report({ zh: '应为“是”或“否”', en: 'must be yes or no' });
      return false;
    }
    case 'stage': {
      const k = fromLabel(STAGE_LABELS, raw);
      if (!k) report({ zh: '应为 上游、中游、下游 或 分支', en: 'must be upstream, midstream, downstream or branch' });
      return k;
    }
    case 'bottleneck': {
      if (!raw) return null;
      const k = fromLabel(BOTTLENECK_LABELS, raw);
      if (!k)
        report({
          zh: '应为 有来源、常识待核、已国产化 或留空',
          en: 'must be sourced, general_knowledge, localised or empty',
        });
      return k ?? null;
    }
    case 'edgeKind': {
      if (!raw) return 'supplies';
      const k = fromLabel(EDGE_LABELS, raw);
      if (!k) report({ zh: '应为 供应、回收 或 信号', en: 'must be supplies, recycles or signal' });
      return k;
    }
    case 'list':
      return splitList(raw);
    case 'classes':
      return splitList(raw).flatMap((s) => {
        const m = /^([≈~])?\s*(\d{4})\s*(?:[（(](.*)[)）])?$/.exec(s);
        if (!m) {
          report({
            zh: `“${s}”不是 4 位行业小类代码（近似的写 ≈3254）`,
            en: `"${s}" is not a 4-digit class code (write ≈3254 for an approximate one)`,
          });
          return [];
        }
        return [{ code: m[2] as string, approximate: Boolean(m[1]), ...(m[3] ? { note: m[3] } : {}) }];
      });
    default:
      return raw;
  }
}

/** Builds a template from an uploaded workbook; the template is absent when a cell could not be read. */
function fromWorkbook(sheets: RawSheet[]): ParsedTemplate {
  const out = new Collector();
  const info = findSheet(sheets, 'info');
  const nodesSheet = findSheet(sheets, 'nodes');
  const edgesSheet = findSheet(sheets, 'edges');
  for (const [key, s] of [
    ['info', info],
    ['nodes', nodesSheet],
    ['edges', edgesSheet],
  ] as const) {
    if (!s) {
      const l = SHEETS[key];
      out.add(l.zh, 0, null, '', key, '', {
        zh: `缺少工作表“${l.zh}”（或“${l.en}”）`,
        en: `Missing sheet "${l.en}" (or "${l.zh}")`,
      });
    }
  }
  if (!info || !nodesSheet || !edgesSheet) return { problems: out.problems, locate: nowhere, format: 'xlsx' };

  const t: Record<string, unknown> = {};
  let sourcesAt = -1;
  info.rows.forEach((cells, r) => {
    const key = norm(cellText(cells[0]));
    const field = INFO_ROWS.find((c) => norm(c.zh) === key || norm(c.en) === key || norm(c.field) === key);
    if (field && sourcesAt < 0) t[field.field] = cellText(cells[1]);
    const isSourceHeader = SOURCE_COLS.slice(0, 2).every((c) =>
      cells.some((x) => [norm(c.zh), norm(c.en)].includes(norm(cellText(x)))),
    );
    if (isSourceHeader && sourcesAt < 0) sourcesAt = r;
  });
  t.version = Number(t.version) || 1;
  for (const f of INFO_ROWS) {
    if (f.required && !t[f.field]) {
      out.add(info.name, 0, 1, f.zh, f.field, '', { zh: `缺少“${f.zh}”`, en: `Missing "${f.en}"` });
    }
  }
  const sources: Record<string, unknown>[] = [];
  if (sourcesAt < 0) {
    out.add(info.name, 0, null, '', 'sources', '', {
      zh: '缺少来源表（表头“来源标签、来源……”）',
      en: 'Missing the sources table (headers "Tag, Title, …")',
    });
  } else {
    for (const r of readRows(info, SOURCE_COLS, sourcesAt, out)) {
      const s: Record<string, unknown> = {};
      for (const c of SOURCE_COLS) {
        const raw = r.get(c.field);
        if (!raw) continue;
        s[c.field] = c.kind === 'list' ? splitList(raw) : raw;
      }
      sources.push(s);
    }
  }
  t.sources = sources;

  const nodeRows: number[] = [];
  const nodes: Record<string, unknown>[] = [];
  for (const r of readRows(nodesSheet, NODE_COLS, 0, out)) {
    const n: Record<string, unknown> = {};
    for (const c of NODE_COLS) {
      const raw = r.get(c.field);
      const report = (m: Label) =>
        out.add(nodesSheet.name, r.row, r.col(c.field), c.zh, c.field, raw, {
          zh: `${c.zh}：${m.zh}`,
          en: `${c.en}: ${m.en}`,
        });
      if (c.required && !raw) {
        report({ zh: '必填', en: 'required' });
        continue;
      }
      const v = readCell(c, raw, report);
      const optionalText = c.kind === 'text' && !c.required && !raw;
      if (c.field === 'parent') n.parent = raw || null;
      else if (optionalText || (c.field === 'refs' && !raw)) continue;
      else n[c.field] = v;
    }
    nodes.push(n);
    nodeRows.push(r.row);
  }
  t.nodes = nodes;

  const edgeRows: number[] = [];
  const edges: Record<string, unknown>[] = [];
  for (const r of readRows(edgesSheet, EDGE_COLS, 0, out)) {
    const e: Record<string, unknown> = {};
    for (const c of EDGE_COLS) {
      const raw = r.get(c.field);
      const report = (m: Label) =>
        out.add(edgesSheet.name, r.row, r.col(c.field), c.zh, c.field, raw, {
          zh: `${c.zh}：${m.zh}`,
          en: `${c.en}: ${m.en}`,
        });
      if (c.required && !raw) report({ zh: '必填', en: 'required' });
      e[c.field] = readCell(c, raw, report);
    }
    edges.push(e);
    edgeRows.push(r.row);
  }
  t.edges = edges;

  const parsed = ZChainTemplate.safeParse(t);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, i, field] = issue.path as (string | number)[];
      const where =
        top === 'nodes' && typeof i === 'number'
          ? { sheet: nodesSheet, row: nodeRows[i] ?? 0, cols: NODE_COLS, field: String(field ?? '') }
          : top === 'edges' && typeof i === 'number'
            ? { sheet: edgesSheet, row: edgeRows[i] ?? 0, cols: EDGE_COLS, field: String(field ?? '') }
            : { sheet: info, row: 0, cols: INFO_ROWS, field: String(top ?? '') };
      const col = where.cols.find((c) => c.field === where.field);
      // cells already reported above (required, unreadable) are not reported twice
      const dup = out.problems.some(
        (p) => p.sheet === where.sheet.name && p.row === where.row && p.field === where.field,
      );
      if (dup) continue;
      const colIndex = col ? columnsOf(where.sheet.rows[0] ?? [], where.cols).get(col.field) : undefined;
      out.add(where.sheet.name, where.row, colIndex ?? null, col?.zh ?? '', issue.path.join('.'), '', {
        zh: `${col?.zh ?? issue.path.join('.')}：${issue.message}`,
        en: `${col?.en ?? issue.path.join('.')}: ${issue.message}`,
      });
    }
  }
  const nodeAt = columnsOf(nodesSheet.rows[0] ?? [], NODE_COLS);
  const edgeAt = columnsOf(edgesSheet.rows[0] ?? [], EDGE_COLS);
  const locate = (path: readonly (string | number)[]) => {
    const [top, i, field] = path;
    if ((top === 'nodes' || top === 'edges') && typeof i === 'number') {
      const [sheet, rows, at, cols] =
        top === 'nodes' ? [nodesSheet, nodeRows, nodeAt, NODE_COLS] : [edgesSheet, edgeRows, edgeAt, EDGE_COLS];
      const col = cols.find((c) => c.field === field);
      const x = col ? at.get(col.field) : undefined;
      return {
        sheet: sheet.name,
        row: rows[i] ?? 0,
        column: x === undefined ? '' : columnLetter(x),
        header: col?.zh ?? '',
      };
    }
    const row = INFO_ROWS.findIndex((c) => c.field === top);
    return { sheet: info.name, row: 0, column: row >= 0 ? 'B' : '', header: INFO_ROWS[row]?.zh ?? String(top ?? '') };
  };
  return {
    ...(parsed.success && out.problems.length === 0 ? { template: parsed.data } : {}),
    problems: out.problems,
    locate,
    format: 'xlsx',
  };
}

function fromJson(bytes: Uint8Array): ParsedTemplate {
  const base = { locate: nowhere, format: 'json' as const };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch (err) {
    return {
      ...base,
      problems: [
        {
          sheet: '',
          row: 0,
          column: '',
          header: '',
          field: '',
          value: '',
          code: 'bad_file',
          message: { zh: `JSON 格式有误：${(err as Error).message}`, en: `Malformed JSON: ${(err as Error).message}` },
          severity: 'error',
        },
      ],
    };
  }
  const parsed = ZChainTemplate.safeParse(value);
  if (parsed.success) return { ...base, template: parsed.data, problems: [] };
  return {
    ...base,
    problems: parsed.error.issues.map((i) => ({
      sheet: '',
      row: 0,
      column: '',
      header: '',
      field: i.path.join('.'),
      value: '',
      code: 'invalid_value',
      message: { zh: `${i.path.join('.')}：${i.message}`, en: `${i.path.join('.')}: ${i.message}` },
      severity: 'error' as const,
    })),
  };
}

/** Reads an uploaded template: `.json` (as exported) or `.xlsx` (as `templateWorkbook` writes it). */
export async function parseTemplateFile(bytes: Uint8Array, fileName: string): Promise<ParsedTemplate> {
  if (fileName.toLowerCase().endsWith('.json')) return fromJson(bytes);
  if (!/\.xls[xm]?$/i.test(fileName)) {
    throw new FileFormatError('只接受 .json 或 .xlsx 文件', 'Only .json and .xlsx files are accepted');
  }
  const { sheets } = await readTable(bytes, fileName);
  return fromWorkbook(sheets);
}

export const SHEET_NAMES = SHEETS;
