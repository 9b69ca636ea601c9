/**
 * Bulk import of meeting requests from a spreadsheet (.xlsx or CSV), for organisers who collect the
 * wishes elsewhere (a registration form, a matchmaking list): who asks, whom, how much it matters,
 * and whether it is already agreed. Participants are found by organisation, and by person when an
 * organisation sends several. All rows or none: every problem is reported with its row and column,
 * in Chinese and English.
 */
import ExcelJS from 'exceljs';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { invalid } from '../../lib/errors.js';
import { readSheet, rejectRows } from '../../lib/spreadsheet.js';
import type { Loaded } from './conference.js';
import { assertManage } from './policy.js';
import * as repo from './repository.js';

const COLUMNS = [
  { key: 'fromOrganisation', zh: '发起单位', en: 'From organisation' },
  { key: 'fromPerson', zh: '发起人', en: 'From person' },
  { key: 'toOrganisation', zh: '对方单位', en: 'To organisation' },
  { key: 'toPerson', zh: '对方代表', en: 'To person' },
  { key: 'priority', zh: '优先级', en: 'Priority' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'message', zh: '留言', en: 'Message' },
] as const;

const PRIORITIES: Record<string, number> = {
  '3': 3,
  '2': 2,
  '1': 1,
  必须见: 3,
  希望见: 2,
  可以见: 1,
  'must meet': 3,
  meet: 2,
  'nice to meet': 1,
};
const STATUSES: Record<string, 'accepted' | 'pending'> = {
  已接受: 'accepted',
  待回复: 'pending',
  accepted: 'accepted',
  pending: 'pending',
};

export async function importRequests(
  db: Db,
  c: Loaded,
  bytes: Uint8Array,
  fileName: string,
  by: string | null,
): Promise<number> {
  assertManage(c.access);
  const sheet = await readSheet(bytes, fileName, COLUMNS, ['fromOrganisation', 'toOrganisation']);
  const problems: FieldProblem[] = [];

  // participants by organisation, then person
  const byOrg = new Map<string, repo.ParticipantRow[]>();
  for (const p of c.participants) byOrg.set(p.organisation, [...(byOrg.get(p.organisation) ?? []), p]);
  const open = new Set(
    (await repo.listRequests(db, c.event.id))
      .filter((r) => r.status === 'pending' || r.status === 'accepted')
      .map((r) => pairKey(r.fromId, r.toId)),
  );
  const values: Parameters<typeof repo.insertRequest>[2][] = [];
  for (const { row, cell } of sheet.rows) {
    const at = ['rows', row]; // as the spreadsheet numbers rows (the header is row 1)
    const find = (side: 'from' | 'to') => {
      const org = cell(`${side}Organisation`);
      const person = cell(`${side}Person`);
      const field = `${side}Organisation`;
      const all = (byOrg.get(org) ?? []).filter((p) => !person || p.person === person);
      if (all.length === 1) return all[0]!;
      problems.push(
        all.length === 0
          ? fieldProblem([...at, field], 'reference_not_found', {
              zh: `${org}${person ? `（${person}）` : ''} 不是本场参会者`,
              en: `${org}${person ? ` (${person})` : ''} is not a participant of this conference`,
            })
          : fieldProblem([...at, field], 'invalid_value', {
              zh: `${org} 有 ${all.length} 位代表，请填写${side === 'from' ? '发起人' : '对方代表'}`,
              en: `${org} has ${all.length} representatives: fill in the ${side === 'from' ? 'from' : 'to'} person`,
            }),
      );
      return undefined;
    };
    const from = find('from');
    const to = find('to');
    const rawPriority = cell('priority').toLowerCase();
    const priority = rawPriority === '' ? 2 : PRIORITIES[rawPriority];
    if (priority === undefined)
      problems.push(
        fieldProblem([...at, 'priority'], 'invalid_value', {
          zh: '1、2、3 或 必须见、希望见、可以见',
          en: '1, 2, 3 or must meet, meet, nice to meet',
        }),
      );
    const rawStatus = cell('status').toLowerCase();
    const status = rawStatus === '' ? 'accepted' : STATUSES[rawStatus];
    if (status === undefined)
      problems.push(
        fieldProblem([...at, 'status'], 'invalid_value', { zh: '已接受 或 待回复', en: 'accepted or pending' }),
      );
    const message = cell('message');
    if (message.length > 1000) problems.push(fieldProblem([...at, 'message'], 'too_big'));
    if (!from || !to || priority === undefined || status === undefined) continue;
    if (from.id === to.id) {
      problems.push(
        fieldProblem([...at, 'toOrganisation'], 'invalid_value', {
          zh: '不能约见自己',
          en: 'a participant cannot meet itself',
        }),
      );
      continue;
    }
    const key = pairKey(from.id, to.id);
    if (open.has(key)) {
      problems.push(
        fieldProblem([...at, 'toOrganisation'], 'duplicate', {
          zh: `${from.organisation} 与 ${to.organisation} 已有未结束的约见请求`,
          en: `${from.organisation} and ${to.organisation} already have an open request`,
        }),
      );
      continue;
    }
    open.add(key);
    values.push({
      fromId: from.id,
      toId: to.id,
      message: message || null,
      priority,
      status,
      expiryHours: c.settings.requestExpiryHours,
      synthetic: false,
      createdBy: by,
    });
  }
  if (problems.length) throw rejectRows(sheet, problems);
  if (values.length === 0)
    throw invalid([fieldProblem(['file'], 'required', { zh: '没有数据行', en: 'no data rows' })]);
  await db.tx(async (t) => {
    for (const v of values) await repo.insertRequest(t, c.event.id, v);
  });
  return values.length;
}

/** A pair of participants, whoever asked. */
const pairKey = (a: number, b: number) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The import template: one header row in the chosen language and an example row. */
export async function requestTemplate(lang: 'zh' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'zh' ? '约见请求' : 'Requests');
  ws.addRow(COLUMNS.map((c) => c[lang])).font = { bold: true };
  ws.addRow(
    lang === 'zh'
      ? ['示例采购有限公司', '张三', '示例科技有限公司', '', '必须见', '已接受', '希望了解其传感器产品']
      : [
          'Example Buyer Co.',
          'Zhang San',
          'Example Tech Co.',
          '',
          'must meet',
          'accepted',
          'Interested in its sensors',
        ],
  );
  ws.columns = COLUMNS.map(() => ({ width: 20 }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
