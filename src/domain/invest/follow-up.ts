/**
 * Follow-up discipline, pure: ISO weeks, overdue follow-ups and orders, reminder buckets, and the
 * weekly digest rendered as Markdown (the body of an e-mail).
 */
import type { ProjectStage } from '../../contracts/invest.js';

const DAY = 86_400_000;
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (iso: string, n: number) => toIso(new Date(toDate(iso).getTime() + n * DAY));

/** Open projects (not lost, not yet producing) are the ones that need following up. */
export const isOpenStage = (s: ProjectStage) => s !== 'lost' && s !== 'in_production';

export function isOverdue(nextOn: string | null | undefined, stage: ProjectStage, today: string): boolean {
  return !!nextOn && isOpenStage(stage) && nextOn < today;
}

/** ISO week (YYYY-Www) of a date. */
export function isoWeekOf(iso: string): string {
  const d = toDate(iso);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY);
  const year = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((thursday.getTime() - jan4.getTime()) / DAY - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week (YYYY-Www), or null when malformed. */
export function weekRange(week: string): { from: string; to: string } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const w = Number(m[2]);
  if (w < 1 || w > 53) return null;
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday1 = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY);
  const from = new Date(monday1.getTime() + (w - 1) * 7 * DAY);
  if (isoWeekOf(toIso(from)) !== week) return null;
  return { from: toIso(from), to: toIso(new Date(from.getTime() + 6 * DAY)) };
}

export type ReminderBucket = 'overdue' | 'today' | 'this_week' | 'later';

/** Which reminder list a follow-up date falls in, seen from today. */
export function reminderBucket(nextOn: string, today: string): ReminderBucket {
  if (nextOn < today) return 'overdue';
  if (nextOn === today) return 'today';
  if (nextOn <= addDays(today, 7)) return 'this_week';
  return 'later';
}

export interface DigestMove {
  projectId: number;
  codeName: string;
  fromStage: string | null;
  toStage: string | null;
  at: string;
}
export interface DigestFollowUp {
  projectId: number;
  codeName: string;
  onDate: string;
  kind: string;
  note: string;
}
export interface DigestOverdue {
  projectId: number;
  codeName: string;
  nextFollowUpOn: string;
  daysOverdue: number;
}
export interface DigestOrder {
  id: number;
  projectId: number;
  codeName: string;
  instruction: string;
  dueOn: string;
  status: string;
  overdue: boolean;
}
export interface Digest {
  week: string;
  from: string;
  to: string;
  officer: { id: number; displayName: string };
  projects: number;
  moves: DigestMove[];
  followUps: DigestFollowUp[];
  overdue: DigestOverdue[];
  orders: DigestOrder[];
}

export const daysBetween = (a: string, b: string) => Math.round((toDate(b).getTime() - toDate(a).getTime()) / DAY);

const STAGE_ZH: Record<string, string> = {
  lead: '线索',
  contact: '接洽',
  site_visit: '考察',
  negotiation: '洽谈',
  signed: '签约',
  started: '开工',
  in_production: '投产',
  lost: '流失',
};
const STAGE_EN: Record<string, string> = {
  lead: 'lead',
  contact: 'contact',
  site_visit: 'site visit',
  negotiation: 'negotiation',
  signed: 'signed',
  started: 'started',
  in_production: 'in production',
  lost: 'lost',
};

const KIND: Record<string, [string, string]> = {
  visit: ['走访', 'visit'],
  call: ['电话', 'call'],
  meeting: ['会谈', 'meeting'],
  other: ['其他', 'other'],
};
const STATUS: Record<string, [string, string]> = {
  open: ['待答复', 'awaiting response'],
  responded: ['已答复', 'responded'],
  closed: ['已办结', 'closed'],
};

/** The digest as Markdown, in Chinese or English, ready to be sent as an e-mail body. */
export function digestMarkdown(d: Digest, lang: 'zh' | 'en' = 'zh'): string {
  const zh = lang === 'zh';
  const st = (s: string | null) => (s ? ((zh ? STAGE_ZH[s] : STAGE_EN[s]) ?? s) : '—');
  const L: string[] = [];
  L.push(
    zh
      ? `# 招商周报 ${d.week}（${d.from} 至 ${d.to}）— ${d.officer.displayName}`
      : `# Weekly digest ${d.week} (${d.from} to ${d.to}) — ${d.officer.displayName}`,
  );
  L.push('');
  L.push(
    zh
      ? `负责或参与项目 ${d.projects} 个；本周阶段变更 ${d.moves.length} 次，跟进 ${d.followUps.length} 次；逾期跟进 ${d.overdue.length} 个；未办结督办 ${d.orders.length} 件。`
      : `${d.projects} projects owned or on the team; ${d.moves.length} stage moves and ${d.followUps.length} follow-ups this week; ${d.overdue.length} overdue follow-ups; ${d.orders.length} open supervision orders.`,
  );
  const section = (title: string, lines: string[], none: string) => {
    L.push('', `## ${title}`, '');
    if (lines.length === 0) L.push(none);
    else L.push(...lines);
  };
  const none = zh ? '无。' : 'None.';
  const tr = (m: Record<string, [string, string]>, v: string) => m[v]?.[zh ? 0 : 1] ?? v;
  section(
    zh ? '阶段变更' : 'Stage moves',
    d.moves.map((m) => `- ${m.at.slice(0, 10)} **${m.codeName}**: ${st(m.fromStage)} → ${st(m.toStage)}`),
    none,
  );
  section(
    zh ? '本周跟进' : 'Follow-ups this week',
    d.followUps.map((f) => `- ${f.onDate} **${f.codeName}** (${tr(KIND, f.kind)}): ${f.note}`),
    none,
  );
  section(
    zh ? '逾期跟进' : 'Overdue follow-ups',
    d.overdue.map((o) =>
      zh
        ? `- **${o.codeName}**：应于 ${o.nextFollowUpOn} 跟进，已逾期 ${o.daysOverdue} 天`
        : `- **${o.codeName}**: due ${o.nextFollowUpOn}, ${o.daysOverdue} days overdue`,
    ),
    none,
  );
  section(
    zh ? '督办事项' : 'Supervision orders',
    d.orders.map(
      (o) =>
        `- **${o.codeName}**: ${o.instruction} (${zh ? '期限' : 'due'} ${o.dueOn}${o.overdue ? (zh ? '，已逾期' : ', overdue') : ''}; ${tr(STATUS, o.status)})`,
    ),
    none,
  );
  return `${L.join('\n')}\n`;
}
