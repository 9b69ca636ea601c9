/**
 * Outputs of a schedule: per-participant agendas and the per-table plan (JSON and Excel), and the
 * check-in list with a QR code per participant. An enterprise user sees its own agenda once the
 * schedule is published, at the published places; organisers see the current schedule.
 */
import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import type { TAgenda, TAgendaItem, TCheckInEntry, TRequest } from '../../../contracts/conferences.js';
import type { Db } from '../../../db/connect.js';
import { forbidden, notFound } from '../../lib/errors.js';
import type { Loaded } from './conference.js';
import { assertManage, assertParticipantVisible } from './policy.js';
import * as repo from './repository.js';

export type Lang = 'zh' | 'en';

const ROLE: Record<string, { zh: string; en: string }> = {
  buyer: { zh: '采购方', en: 'Buyer' },
  seller: { zh: '供应方', en: 'Seller' },
  investor: { zh: '投资方', en: 'Investor' },
  park: { zh: '园区', en: 'Park' },
};
const PRIORITY: Record<number, { zh: string; en: string }> = {
  3: { zh: '必须见', en: 'Must meet' },
  2: { zh: '希望见', en: 'Meet' },
  1: { zh: '可以见', en: 'Nice to meet' },
};

export const checkInUrl = (origin: string, eventId: number, code: string) =>
  `${origin}/events/${eventId}/matchmaking?tab=checkin&code=${code}`;

export const qrOf = async (text: string) =>
  `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(text, { type: 'svg', margin: 1 })).toString('base64')}`;

/** Agendas of the given participants (all visible ones when ids is undefined). */
export async function agendas(db: Db, c: Loaded, origin: string, ids?: number[]): Promise<TAgenda[]> {
  if (!c.access.readAll && c.access.own.length === 0) throw forbidden();
  const wanted = ids ?? (c.access.readAll ? c.participants.map((p) => p.id) : c.access.own);
  for (const id of wanted) {
    if (!c.participants.some((p) => p.id === id)) throw notFound();
    assertParticipantVisible(c.access, id);
  }
  // Participants see the published schedule; organisers the current one.
  const asPublished = !c.access.readAll;
  if (asPublished && !c.settings.publishedAt) {
    return Promise.all(wanted.map(async (id) => agendaOf(c, id, [], origin, false)));
  }
  const meetings = await repo.listRequests(db, c.event.id, { status: 'accepted', participantIds: wanted });
  return Promise.all(wanted.map((id) => agendaOf(c, id, meetings, origin, asPublished)));
}

async function agendaOf(
  c: Loaded,
  id: number,
  meetings: TRequest[],
  origin: string,
  asPublished: boolean,
): Promise<TAgenda> {
  const p = c.participants.find((x) => x.id === id) as repo.ParticipantRow;
  const order = new Map(c.slots.map((s, i) => [s.id, i]));
  const items: TAgendaItem[] = [];
  for (const m of meetings) {
    if (m.fromId !== id && m.toId !== id) continue;
    const slotId = asPublished ? m.publishedSlotId : m.slotId;
    const tableId = asPublished ? m.publishedTableId : m.tableId;
    const slot = c.slots.find((s) => s.id === slotId);
    const table = c.tables.find((t) => t.id === tableId);
    const other = c.participants.find((x) => x.id === (m.fromId === id ? m.toId : m.fromId));
    if (!slot || !table || !other) continue;
    items.push({
      requestId: m.id,
      slotId: slot.id,
      date: slot.date,
      start: slot.start,
      end: slot.end,
      tableId: table.id,
      tableNo: table.no,
      tableLocation: table.location,
      counterpartId: other.id,
      counterpartPerson: other.person,
      counterpartOrganisation: other.organisation,
      counterpartRole: other.role,
      counterpartSynthetic: other.synthetic,
      priority: m.priority,
      locked: m.locked,
      published: m.publishedSlotId === slot.id && m.publishedTableId === table.id,
    });
  }
  items.sort((a, b) => (order.get(a.slotId) ?? 0) - (order.get(b.slotId) ?? 0));
  const { checkinCode, ...participant } = p;
  const url = checkInUrl(origin, c.event.id, checkinCode);
  return { participant, venue: c.settings.venue ?? null, items, checkInUrl: url, qr: await qrOf(url) };
}

/** The per-table plan: for each slot, what each table holds. Organisers and analysts only. */
export async function tablePlan(db: Db, c: Loaded) {
  if (!c.access.readAll) throw forbidden();
  const meetings = await repo.listRequests(db, c.event.id, { status: 'accepted' });
  const name = new Map(c.participants.map((p) => [p.id, p.organisation]));
  return {
    slots: c.slots,
    tables: c.tables,
    cells: meetings
      .filter((m) => m.slotId && m.tableId)
      .map((m) => ({
        slotId: m.slotId as string,
        tableId: m.tableId as string,
        requestId: m.id,
        a: name.get(m.fromId) ?? '',
        b: name.get(m.toId) ?? '',
      })),
  };
}

export async function checkInList(db: Db, c: Loaded, origin: string): Promise<TCheckInEntry[]> {
  assertManage(c.access);
  const fresh = await repo.listParticipants(db, c.event.id);
  return Promise.all(
    fresh.map(async (p) => {
      const url = checkInUrl(origin, c.event.id, p.checkinCode);
      return {
        participantId: p.id,
        organisation: p.organisation,
        person: p.person,
        role: p.role,
        code: p.checkinCode,
        url,
        qr: await qrOf(url),
        checkedInAt: p.checkedInAt,
        synthetic: p.synthetic,
      };
    }),
  );
}

const H = {
  time: { zh: '时间', en: 'Time' },
  table: { zh: '桌号', en: 'Table' },
  location: { zh: '桌位区域', en: 'Table location' },
  venue: { zh: '会场', en: 'Venue' },
  organisation: { zh: '对方单位', en: 'Organisation' },
  person: { zh: '对方联系人', en: 'Person' },
  role: { zh: '对方角色', en: 'Role' },
  priority: { zh: '优先级', en: 'Priority' },
  slot: { zh: '时段', en: 'Slot' },
  agenda: { zh: '会谈日程', en: 'Meeting agenda' },
  none: { zh: '暂无会谈', en: 'No meetings yet' },
  tableNo: { zh: '号桌', en: 'Table ' },
  demo: { zh: '（示例）', en: ' (demo)' },
};

const sheetName = (s: string, used: Set<string>) => {
  const base = s.replace(/[*?:\\/[\]]/g, ' ').slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 25)}-${i}`;
  used.add(name);
  return name;
};
const tableLabel = (no: number, lang: Lang) => (lang === 'zh' ? `${no}${H.tableNo.zh}` : `${H.tableNo.en}${no}`);

/** One sheet per participant: a title row, then time, table, counterpart, role, priority. */
export async function agendasXlsx(list: TAgenda[], eventName: string, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const a of list) {
    const ws = wb.addWorksheet(sheetName(a.participant.organisation, used));
    const venue = a.venue ? ` · ${H.venue[lang]}${lang === 'zh' ? '：' : ': '}${a.venue}` : '';
    ws.addRow([`${eventName} · ${H.agenda[lang]}${venue}`]).font = { bold: true, size: 13 };
    // Demo records carry the mark once, whether or not their invented name already ends with it.
    const demo = (synthetic: boolean, name = '') =>
      synthetic && !name.endsWith(H.demo.zh) && !name.endsWith(H.demo.en.trim()) ? H.demo[lang] : '';
    ws.addRow([
      `${a.participant.organisation}${demo(a.participant.synthetic, a.participant.organisation)} · ${a.participant.person}`,
    ]);
    const head = ws.addRow(
      ['time', 'table', 'location', 'organisation', 'person', 'role', 'priority'].map(
        (k) => H[k as keyof typeof H][lang],
      ),
    );
    head.font = { bold: true };
    for (const i of a.items) {
      ws.addRow([
        `${i.date} ${i.start}–${i.end}`,
        tableLabel(i.tableNo, lang),
        i.tableLocation ?? '',
        `${i.counterpartOrganisation}${demo(i.counterpartSynthetic, i.counterpartOrganisation)}`,
        i.counterpartPerson,
        ROLE[i.counterpartRole]?.[lang] ?? i.counterpartRole,
        PRIORITY[i.priority]?.[lang] ?? String(i.priority),
      ]);
    }
    if (a.items.length === 0) ws.addRow([H.none[lang]]);
    ws.columns = [22, 10, 20, 36, 14, 10, 10].map((width) => ({ width }));
  }
  if (list.length === 0) wb.addWorksheet(H.agenda[lang]).addRow([H.none[lang]]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One sheet: a row per slot, a column per table, each cell "A × B". */
export async function tablePlanXlsx(plan: Awaited<ReturnType<typeof tablePlan>>, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'zh' ? '桌位安排' : 'Table plan');
  ws.addRow([
    H.slot[lang],
    ...plan.tables.map((t) => (t.location ? `${tableLabel(t.no, lang)}\n${t.location}` : tableLabel(t.no, lang))),
  ]).font = { bold: true };
  for (const s of plan.slots) {
    ws.addRow([
      `${s.date} ${s.start}–${s.end}`,
      ...plan.tables.map((t) =>
        plan.cells
          .filter((x) => x.slotId === s.id && x.tableId === t.id)
          .map((x) => `${x.a} × ${x.b}`)
          .join('\n'),
      ),
    ]);
  }
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  ws.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  ws.columns = [{ width: 22 }, ...plan.tables.map(() => ({ width: 30 }))];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
