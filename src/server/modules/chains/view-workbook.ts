/**
 * Excel files of the chain views (atlas, one chain, matrix, comparison, a leader's suppliers): one
 * sheet per table, Chinese or English headers, a title row naming the scope and the date, frozen
 * headers and number formats. Figures withheld from the caller stay empty cells.
 */
import ExcelJS from 'exceljs';
import { ENUM_LABELS } from '../../../contracts/labels.js';
import type { ChainHealth, GapTarget, NodeStatus } from '../../../domain/chains/types.js';
import type { LeaderSuppliers, SupplierOfLeader } from './suppliers.js';
import type { MatrixRow, ScopeInfo } from './views.js';

export type Lang = 'zh' | 'en';
type Cell = string | number | null;

export interface Col<R> {
  zh: string;
  en: string;
  width?: number;
  fmt?: string;
  value: (r: R) => Cell;
}

const STATUS: Record<NodeStatus, { zh: string; en: string }> = {
  missing: { zh: '缺链', en: 'Missing' },
  weak: { zh: '弱链', en: 'Weak' },
  strong: { zh: '强链', en: 'Strong' },
};
const STAGES = ENUM_LABELS.chainStage as Record<string, { zh: string; en: string }>;

export const statusLabel = (s: NodeStatus, lang: Lang) => STATUS[s][lang];
export const stageLabel = (s: string, lang: Lang) => STAGES[s]?.[lang] ?? s;
export const scopeName = (s: ScopeInfo, lang: Lang) => (lang === 'en' && s.nameEn ? s.nameEn : s.nameZh);
export const yesNo = (b: boolean, lang: Lang) => (b ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no');
export const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
const MONEY = '#,##0.0';
export const PCT = '0.0%';

/** Adds a sheet: a title line, then the header row (frozen) and the rows. */
export function addTable<R>(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  cols: readonly Col<R>[],
  rows: readonly R[],
  lang: Lang,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.getRow(1).getCell(1).value = title;
  ws.getRow(1).font = { bold: true, size: 12 };
  const header = ws.getRow(2);
  cols.forEach((c, i) => {
    header.getCell(i + 1).value = c[lang];
    ws.getColumn(i + 1).width = c.width ?? Math.min(40, Math.max(10, c.zh.length * 2 + 4));
    if (c.fmt) ws.getColumn(i + 1).numFmt = c.fmt;
  });
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
  for (const r of rows) ws.addRow(cols.map((c) => c.value(r)));
  return ws;
}

export const stamp = () => new Date().toISOString().slice(0, 10);
export const titleOf = (what: string, scope: ScopeInfo | null, lang: Lang) =>
  `${what}${scope ? ` · ${scopeName(scope, lang)}` : ''} · ${stamp()}`;

const T = {
  atlas: { zh: '产业链健康总览', en: 'Chain health overview' },
  chains: { zh: '产业链', en: 'Chains' },
  parts: { zh: '得分构成', en: 'Score parts' },
  nodes: { zh: '环节', en: 'Segments' },
  firms: { zh: '本地企业', en: 'Local firms' },
  leaders: { zh: '链主', en: 'Leaders' },
  targets: { zh: '补链目标', en: 'Gap targets' },
};

const chainCols: Col<ChainHealth>[] = [
  { zh: '产业链代码', en: 'Chain code', value: (h) => h.chainCode },
  { zh: '产业链', en: 'Chain', width: 24, value: (h) => h.nameZh },
  { zh: '产业链（英文）', en: 'Chain (English)', width: 28, value: (h) => h.nameEn },
  { zh: '健康得分', en: 'Health score', fmt: '0.0', value: (h) => h.score.value },
  { zh: '环节数', en: 'Segments', value: (h) => h.summary.segments },
  { zh: '已覆盖', en: 'Covered', value: (h) => h.summary.covered },
  { zh: '缺链', en: 'Missing', value: (h) => h.summary.missing },
  { zh: '弱链', en: 'Weak', value: (h) => h.summary.weak },
  { zh: '强链', en: 'Strong', value: (h) => h.summary.strong },
  { zh: '本地企业数', en: 'Local firms', value: (h) => h.summary.localFirms },
  { zh: '本地产值（万元）', en: 'Local output (10k CNY)', fmt: MONEY, value: (h) => h.summary.localOutputWan },
  { zh: '链主', en: 'Leaders', width: 30, value: (h) => h.leaders.map((l) => l.name).join('、') },
];

type PartRow = { chain: ChainHealth; part: ChainHealth['score']['parts'][number] };
const partCols: Col<PartRow>[] = [
  { zh: '产业链', en: 'Chain', width: 20, value: (r) => r.chain.nameZh },
  { zh: '得分项', en: 'Part', width: 24, value: (r) => r.part.zh },
  { zh: '得分项（英文）', en: 'Part (English)', width: 30, value: (r) => r.part.en },
  { zh: '权重', en: 'Weight', fmt: '0.00', value: (r) => r.part.weight },
  { zh: '取值', en: 'Value', fmt: PCT, value: (r) => r.part.value },
  { zh: '得分', en: 'Points', fmt: '0.0', value: (r) => r.part.points },
  { zh: '计算', en: 'Computed as', width: 28, value: (r) => r.part.detail },
];

/** The atlas: one row per chain, and every chain's score parts. */
export async function atlasXlsx(health: readonly ChainHealth[], scope: ScopeInfo, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  addTable(wb, T.chains[lang], titleOf(T.atlas[lang], scope, lang), chainCols, health, lang);
  const parts = health.flatMap((chain) => chain.score.parts.map((part) => ({ chain, part })));
  addTable(wb, T.parts[lang], titleOf(T.parts[lang], scope, lang), partCols, parts, lang);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type NodeRow = ChainHealth['nodes'][number];
export function nodeCols(lang: Lang): Col<NodeRow>[] {
  return [
    { zh: '环节代码', en: 'Node id', width: 16, value: (n) => n.nodeId },
    { zh: '环节', en: 'Segment', width: 22, value: (n) => (lang === 'en' ? n.nameEn : n.nameZh) },
    { zh: '所属环节组', en: 'Group', width: 14, value: (n) => n.parent },
    { zh: '环节段', en: 'Stage', value: (n) => stageLabel(n.stage, lang) },
    { zh: '关键环节', en: 'Key link', value: (n) => yesNo(n.keyLink, lang) },
    { zh: '状态', en: 'Status', value: (n) => statusLabel(n.status, lang) },
    { zh: '本地企业数', en: 'Local firms', value: (n) => n.firmCount },
    { zh: '本地产值（万元）', en: 'Local output (10k CNY)', fmt: MONEY, value: (n) => n.outputWan },
    { zh: '本地企业', en: 'Firms', width: 40, value: (n) => n.firms.map((f) => f.name).join('、') },
    {
      zh: '原因',
      en: 'Reasons',
      width: 50,
      value: (n) =>
        n.status === 'missing'
          ? lang === 'zh'
            ? '范围内无本地企业'
            : 'No local firm in the scope'
          : n.reasons.map((r) => r[lang]).join('；'),
    },
    { zh: '本地配套率', en: 'Local supporting rate', fmt: PCT, value: (n) => pct(n.supporting.rate) },
  ];
}

/** One chain in one scope: segments, firms, leaders, score parts and gap targets. */
export async function chainXlsx(
  h: ChainHealth,
  targets: readonly GapTarget[],
  scope: ScopeInfo,
  lang: Lang,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const chain = lang === 'en' ? h.nameEn : h.nameZh;
  addTable(wb, T.nodes[lang], titleOf(chain, scope, lang), nodeCols(lang), h.nodes, lang);
  const firms = h.nodes.filter((n) => !n.group).flatMap((n) => n.firms.map((f) => ({ n, f })));
  addTable(
    wb,
    T.firms[lang],
    titleOf(`${chain} · ${T.firms[lang]}`, scope, lang),
    [
      { zh: '环节', en: 'Segment', width: 22, value: (r) => (lang === 'en' ? r.n.nameEn : r.n.nameZh) },
      { zh: '企业', en: 'Enterprise', width: 30, value: (r) => r.f.name },
      {
        zh: '规模',
        en: 'Scale',
        value: (r) => (r.f.scale ? (ENUM_LABELS.scale[r.f.scale]?.[lang] ?? r.f.scale) : null),
      },
      { zh: '产值（万元）', en: 'Output (10k CNY)', fmt: MONEY, value: (r) => r.f.outputWan },
      { zh: '梯度与荣誉', en: 'Tiers', width: 24, value: (r) => r.f.tiers.join('、') },
      {
        zh: '归属',
        en: 'Mapping',
        value: (r) =>
          r.f.via === 'confirmed' ? (lang === 'zh' ? '已确认' : 'confirmed') : lang === 'zh' ? '推荐' : 'suggested',
      },
    ],
    firms,
    lang,
  );
  addTable(
    wb,
    T.leaders[lang],
    titleOf(`${chain} · ${T.leaders[lang]}`, scope, lang),
    [
      { zh: '链主', en: 'Leader', width: 24, value: (l) => l.name },
      { zh: '环节', en: 'Segments', width: 20, value: (l) => l.nodeIds.join('、') },
      { zh: '产值（万元）', en: 'Output (10k CNY)', fmt: MONEY, value: (l) => l.outputWan },
      { zh: '本链伙伴', en: 'In-chain partners', value: (l) => l.chainPartners },
      {
        zh: '本地配套率（按金额）',
        en: 'Local supporting rate (by amount)',
        fmt: PCT,
        value: (l) => pct(l.supporting.rate),
      },
      { zh: '采购额（万元）', en: 'Purchases (10k CNY)', fmt: MONEY, value: (l) => l.supporting.purchaseWan },
      { zh: '其中本地（万元）', en: 'Local (10k CNY)', fmt: MONEY, value: (l) => l.supporting.localWan },
      {
        zh: '本地供应商占比（按家数）',
        en: 'Local share of suppliers (by count)',
        fmt: PCT,
        value: (l) => {
          const all = l.supporting.links + l.supporting.unknownAmountLinks;
          return all ? pct((l.supporting.localLinks + l.supporting.unknownAmountLocalLinks) / all) : null;
        },
      },
      { zh: '金额未知的供货关系', en: 'Links of unknown amount', value: (l) => l.supporting.unknownAmountLinks },
      { zh: '识别依据', en: 'Detected by', width: 40, value: (l) => l.detectedBy.map((r) => r[lang]).join('；') },
    ],
    h.leaders,
    lang,
  );
  addTable(
    wb,
    T.parts[lang],
    titleOf(`${chain} · ${T.parts[lang]}`, scope, lang),
    partCols,
    h.score.parts.map((part) => ({ chain: h, part })),
    lang,
  );
  // candidates from outside the city first; relocations within the city (when asked for) apart, flagged
  const rows = [
    ...targets.flatMap((g) => g.candidates.map((c, i) => ({ g, c, rank: i + 1 }))),
    ...targets.flatMap((g) => g.relocations.map((c, i) => ({ g, c, rank: i + 1 }))),
  ];
  addTable(
    wb,
    T.targets[lang],
    titleOf(`${chain} · ${T.targets[lang]}`, scope, lang),
    [
      { zh: '环节', en: 'Segment', width: 22, value: (r) => (lang === 'en' ? r.g.nameEn : r.g.nameZh) },
      { zh: '状态', en: 'Status', value: (r) => statusLabel(r.g.status, lang) },
      { zh: '排名', en: 'Rank', value: (r) => r.rank },
      { zh: '候选企业', en: 'Candidate', width: 30, value: (r) => r.c.name },
      { zh: '所在地', en: 'Location', width: 22, value: (r) => r.c.regionName ?? '' },
      {
        zh: '市内迁移',
        en: 'Relocation within the city',
        value: (r) => (r.c.relocation ? (lang === 'en' ? 'Yes' : '是') : lang === 'en' ? 'No' : '否'),
      },
      { zh: '得分', en: 'Score', fmt: '0.0', value: (r) => r.c.score },
      { zh: '理由', en: 'Reasons', width: 60, value: (r) => r.c.reasons.map((x) => x[lang]).join('；') },
    ],
    rows,
    lang,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The chains × scopes matrix: one row per district, development zone or park, per chain its score, coverage and gaps. */
export async function matrixXlsx(
  m: { by: 'district' | 'park' | 'devzone'; rows: MatrixRow[] },
  chains: readonly { code: string; nameZh: string; nameEn: string }[],
  lang: Lang,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const rowName = {
    park: { zh: '园区', en: 'Park', ens: 'parks' },
    district: { zh: '区', en: 'District', ens: 'districts' },
    devzone: { zh: '开发区', en: 'Development zone', ens: 'development zones' },
  }[m.by];
  const what = lang === 'zh' ? `产业链 × ${rowName.zh}` : `Chains × ${rowName.ens}`;
  const head: Col<MatrixRow>[] = [
    {
      zh: rowName.zh,
      en: rowName.en,
      width: 30,
      value: (r) => scopeName(r, lang),
    },
    { zh: '范围代码', en: 'Scope', width: 14, value: (r) => r.scope },
    { zh: '本地企业数', en: 'Local enterprises', value: (r) => r.enterprises },
  ];
  const name = (c: { nameZh: string; nameEn: string }) => (lang === 'en' ? c.nameEn : c.nameZh);
  const cell = (r: MatrixRow, code: string) => r.cells.find((c) => c.chainCode === code);
  const scores: Col<MatrixRow>[] = chains.map((c) => ({
    zh: c.nameZh,
    en: c.nameEn,
    width: 14,
    fmt: '0.0',
    value: (r) => cell(r, c.code)?.score ?? null,
  }));
  addTable(
    wb,
    lang === 'zh' ? '健康得分' : 'Health score',
    titleOf(what, null, lang),
    [...head, ...scores],
    m.rows,
    lang,
  );
  const coverage: Col<MatrixRow>[] = chains.map((c) => ({
    zh: c.nameZh,
    en: c.nameEn,
    width: 14,
    value: (r) => {
      const x = cell(r, c.code);
      return x ? `${x.covered}/${x.segments}` : null;
    },
  }));
  addTable(
    wb,
    lang === 'zh' ? '环节覆盖' : 'Segments covered',
    titleOf(what, null, lang),
    [...head, ...coverage],
    m.rows,
    lang,
  );
  const detail = m.rows.flatMap((r) => r.cells.map((c) => ({ r, c })));
  const chainName = new Map(chains.map((c) => [c.code, name(c)]));
  addTable(
    wb,
    lang === 'zh' ? '明细' : 'Detail',
    titleOf(what, null, lang),
    [
      { zh: '范围', en: 'Scope', width: 30, value: (x) => scopeName(x.r, lang) },
      { zh: '产业链', en: 'Chain', width: 22, value: (x) => chainName.get(x.c.chainCode) ?? x.c.chainCode },
      { zh: '健康得分', en: 'Health score', fmt: '0.0', value: (x) => x.c.score },
      { zh: '环节数', en: 'Segments', value: (x) => x.c.segments },
      { zh: '已覆盖', en: 'Covered', value: (x) => x.c.covered },
      { zh: '缺链', en: 'Missing', value: (x) => x.c.missing },
      { zh: '弱链', en: 'Weak', value: (x) => x.c.weak },
      { zh: '强链', en: 'Strong', value: (x) => x.c.strong },
      { zh: '本地企业数', en: 'Local firms', value: (x) => x.c.localFirms },
      { zh: '本地产值（万元）', en: 'Local output (10k CNY)', fmt: MONEY, value: (x) => x.c.localOutputWan },
    ],
    detail,
    lang,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Side {
  scope: ScopeInfo;
  health: ChainHealth;
}

/** Two scopes side by side: per segment firms, output and status, then the score parts. */
export async function compareXlsx(a: Side, b: Side, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const chain = lang === 'en' ? a.health.nameEn : a.health.nameZh;
  const an = scopeName(a.scope, lang);
  const bn = scopeName(b.scope, lang);
  const title = titleOf(`${chain} · ${an} ↔ ${bn}`, null, lang);
  const bNode = new Map(b.health.nodes.map((n) => [n.nodeId, n]));
  const side = (label: string, pick: (n: NodeRow) => NodeRow | undefined): Col<NodeRow>[] => [
    {
      zh: `${label} 状态`,
      en: `${label} status`,
      width: 14,
      value: (n) => {
        const x = pick(n);
        return x ? statusLabel(x.status, lang) : null;
      },
    },
    { zh: `${label} 企业数`, en: `${label} firms`, width: 12, value: (n) => pick(n)?.firmCount ?? null },
    {
      zh: `${label} 产值（万元）`,
      en: `${label} output (10k CNY)`,
      width: 16,
      fmt: MONEY,
      value: (n) => pick(n)?.outputWan ?? null,
    },
    {
      zh: `${label} 企业`,
      en: `${label} firms (names)`,
      width: 36,
      value: (n) =>
        pick(n)
          ?.firms.map((f) => f.name)
          .join('、') ?? null,
    },
  ];
  addTable(
    wb,
    T.nodes[lang],
    title,
    [
      { zh: '环节', en: 'Segment', width: 22, value: (n) => (lang === 'en' ? n.nameEn : n.nameZh) },
      { zh: '环节段', en: 'Stage', value: (n) => stageLabel(n.stage, lang) },
      { zh: '关键环节', en: 'Key link', value: (n) => yesNo(n.keyLink, lang) },
      ...side(an, (n) => n),
      ...side(bn, (n) => bNode.get(n.nodeId)),
    ],
    a.health.nodes,
    lang,
  );
  const bPart = new Map(b.health.score.parts.map((p) => [p.code, p]));
  const parts = addTable(
    wb,
    T.parts[lang],
    title,
    [
      { zh: '得分项', en: 'Part', width: 24, value: (p) => p[lang] },
      { zh: '权重', en: 'Weight', fmt: '0.00', value: (p) => p.weight },
      { zh: `${an} 取值`, en: `${an} value`, fmt: PCT, value: (p) => p.value },
      { zh: `${an} 得分`, en: `${an} points`, fmt: '0.0', value: (p) => p.points },
      { zh: `${bn} 取值`, en: `${bn} value`, fmt: PCT, value: (p) => bPart.get(p.code)?.value ?? null },
      { zh: `${bn} 得分`, en: `${bn} points`, fmt: '0.0', value: (p) => bPart.get(p.code)?.points ?? null },
    ],
    a.health.score.parts,
    lang,
  );
  const total = parts.addRow([
    lang === 'zh' ? '合计' : 'Total',
    null,
    null,
    a.health.score.value,
    null,
    b.health.score.value,
  ]);
  total.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A leader's supplier links: local or not, where, amount. */
export async function suppliersXlsx(s: LeaderSuppliers, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const where = (x: SupplierOfLeader) =>
    x.place?.parkName
      ? `${x.place.parkName}${x.place.buildingName ? ` · ${x.place.buildingName}` : ''}`
      : (x.regionName ?? (lang === 'zh' ? '未知' : 'unknown'));
  addTable(
    wb,
    lang === 'zh' ? '供应商' : 'Suppliers',
    titleOf(`${s.leader.name} · ${lang === 'zh' ? '供应商' : 'suppliers'}`, s.scope, lang),
    [
      { zh: '供应商', en: 'Supplier', width: 30, value: (x) => x.name },
      { zh: '产品', en: 'Product', width: 30, value: (x) => x.product },
      { zh: '年采购额（万元）', en: 'Annual amount (10k CNY)', fmt: MONEY, value: (x) => x.amountWan },
      { zh: '范围内（本地）', en: 'Inside the scope (local)', value: (x) => yesNo(x.local, lang) },
      { zh: '武汉市内', en: 'In Wuhan', value: (x) => yesNo(x.inCity, lang) },
      { zh: '位置', en: 'Location', width: 30, value: where },
      { zh: '所属区域', en: 'Region', value: (x) => x.regionName },
      { zh: '本链环节', en: 'Chain segments', width: 20, value: (x) => x.nodeIds.join('、') },
      { zh: '合成数据', en: 'Synthetic', value: (x) => yesNo(x.synthetic, lang) },
      { zh: '来源', en: 'Source', value: (x) => x.sourceId },
    ],
    s.suppliers,
    lang,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
