/**
 * A firm's evaluation letter as a PDF document (platform/pdf), built on the server from the same data
 * as GET /runs/{id}/firms/{enterpriseId}: the firm, the rule-set version with its citation, score and
 * class, each indicator's value, benchmark and contribution, the differentiated policies of its class,
 * year over year, the data's as-of date (the run's completion), and the watermark (who asked, when).
 *
 * Confidential like the figures: a reader outside the firm's scope gets 404 (from the letter), a reader
 * who sees the firm but not its figures 403 — never a document with the figures withheld or shown.
 */
import type { Db } from '../../../db/connect.js';
import { forbidden } from '../../lib/errors.js';
import type { Block, PdfDocument } from '../../platform/pdf/index.js';
import type { Actor } from '../auth/actor.js';
import { letter } from './results.js';

export type Lang = 'zh' | 'en';
const L = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
const num = (v: number | null, lang: Lang, digits = 2) =>
  v === null
    ? '—'
    : v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
/** Units as the reader writes them: tce and MWh in Chinese words (the rule sets keep the symbols). */
const unitOf = (u: string, lang: Lang) => (lang === 'zh' ? u.replace('tce', '吨标准煤').replace('MWh', '兆瓦时') : u);

export async function buildLetterPdf(
  db: Db,
  runId: number,
  enterpriseId: number,
  actor: Actor | undefined,
  lang: Lang,
  watermark: { name: string; at: string },
): Promise<{ doc: PdfDocument; filename: string }> {
  const l = await letter(db, runId, enterpriseId, actor);
  const r = l.result;
  // The letter is the figures: a reader who may not see them gets no document at all.
  if ((r.redacted?.length ?? 0) > 0 || r.class === null) throw forbidden();
  const rsName = lang === 'zh' ? l.ruleSet.name : (l.ruleSet.nameEn ?? l.ruleSet.name);
  const src = l.ruleSet.source;
  const citation = [src.title, src.publisher, src.clause, src.url].filter(Boolean).join(' · ');
  const asOf = (l.run.finishedAt ?? l.run.createdAt).slice(0, 10);
  // Synthetic firms say so (the demo's names carry the mark already).
  const synthetic = r.synthetic && !/示例|synthetic/i.test(r.name) ? L(lang, '（示例数据）', ' (synthetic data)') : '';
  const classText =
    r.class === 'T' ? L(lang, 'T（不参评）', 'T (not assessed)') : L(lang, `${r.class} 类`, `Class ${r.class}`);

  const blocks: Block[] = [
    {
      kind: 'figures',
      items: [
        { label: L(lang, '评价类别', 'Class'), value: classText },
        { label: L(lang, '得分', 'Score'), value: r.score === null ? null : num(r.score, lang) },
        {
          label: L(lang, '组内排名', 'Rank in group'),
          value: r.rank === null ? null : `${r.rank} / ${r.groupSize ?? '—'}`,
        },
        { label: L(lang, '评价年度', 'Year'), value: String(l.run.year) },
      ],
    },
    {
      kind: 'paragraph',
      text: [
        `${L(lang, '规则集', 'Rule set')}: ${rsName} v${l.ruleSet.version}`,
        `${L(lang, '依据', 'Source')}: ${citation}`,
        ...(l.ruleSet.assumption
          ? [L(lang, '（本规则集为假设，未经官方发布）', '(This rule set is an assumption, not a published scheme)')]
          : []),
      ].join('\n'),
    },
    ...(r.notAssessedReason
      ? [
          {
            kind: 'paragraph' as const,
            text: `${L(lang, '不参评原因', 'Not assessed because')}: ${r.notAssessedReason[lang]}`,
          },
        ]
      : []),
    { kind: 'heading', text: L(lang, '指标', 'Indicators') },
    {
      kind: 'table',
      columns: [
        { title: L(lang, '指标', 'Indicator'), width: 3 },
        { title: L(lang, '企业值', 'Value'), width: 2, align: 'right' },
        { title: L(lang, '基准值', 'Benchmark'), width: 2, align: 'right' },
        { title: L(lang, '权重', 'Weight'), align: 'right' },
        { title: L(lang, '得分', 'Points'), align: 'right' },
      ],
      rows: (r.indicators ?? []).map((x) => [
        x.label[lang],
        x.value === null
          ? x.missing === 'average'
            ? L(lang, '缺数（按组平均）', 'missing (group average)')
            : L(lang, '缺数（记 0 分）', 'missing (0 points)')
          : `${num(x.value, lang)} ${unitOf(x.unit, lang)}`,
        x.benchmark === null ? '—' : `${num(x.benchmark, lang)} ${unitOf(x.unit, lang)}`,
        x.weight,
        x.contribution === null ? '—' : num(x.contribution, lang),
      ]),
      empty: L(lang, '不参评，无指标得分', 'Not assessed: no indicator points'),
    },
    ...(r.adjustments && r.adjustments.length > 0
      ? [
          {
            kind: 'paragraph' as const,
            text: `${L(lang, '加减分', 'Bonus and penalty')}: ${r.adjustments
              .map((a) =>
                /[+-]\s*\d|[加减扣]\s*\d/.test(a.label[lang])
                  ? a.label[lang]
                  : `${a.label[lang]} ${a.points > 0 ? '+' : ''}${a.points}`,
              )
              .join(L(lang, '；', '; '))}`,
          },
        ]
      : []),
    { kind: 'heading', text: L(lang, '本类别的差别化政策', 'Differentiated policies of this class') },
    ...(l.policies && l.policies.length > 0
      ? l.policies.map((p) => ({ kind: 'paragraph' as const, text: `• ${p[lang]}` }))
      : [{ kind: 'paragraph' as const, text: L(lang, '无', 'None'), muted: true }]),
    { kind: 'heading', text: L(lang, '历年评价', 'Year over year') },
    {
      kind: 'table',
      columns: [
        { title: L(lang, '年度', 'Year') },
        { title: L(lang, '规则集版本', 'Rule-set version') },
        { title: L(lang, '类别', 'Class') },
        { title: L(lang, '得分', 'Score'), align: 'right' },
      ],
      rows: l.history.map((h) => [
        String(h.year),
        `v${h.ruleSetVersion}`,
        h.class ?? L(lang, '无权查看', 'withheld'),
        h.score === null ? '—' : num(h.score, lang, 1),
      ]),
      empty: L(lang, '无', 'None'),
    },
    ...l.ruleSet.notes.map((n) => ({ kind: 'paragraph' as const, text: n[lang], muted: true })),
  ];
  return {
    doc: {
      title: L(lang, `亩均效益评价告知书 · ${r.name}${synthetic}`, `Per-mu evaluation letter · ${r.name}${synthetic}`),
      subtitle: `${rsName} v${l.ruleSet.version} · ${l.run.year}`,
      asOf,
      lang,
      watermark,
      blocks,
    },
    filename: `parklink-evaluation-letter-${runId}-${enterpriseId}-${lang}.pdf`,
  };
}
