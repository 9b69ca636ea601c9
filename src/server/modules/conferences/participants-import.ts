/**
 * Bulk import of participants from a spreadsheet (.xlsx or CSV, through the importer's reader):
 * headers in Chinese or English, roles by label or code. All rows or none: every problem is reported
 * with its row number and column, in Chinese and English.
 */
import ExcelJS from 'exceljs';
import { ZParticipantInput } from '../../../contracts/conferences.js';
import { type FieldProblem, fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { invalid, issueToProblem } from '../../lib/errors.js';
import { readSheet, rejectRows } from '../../lib/spreadsheet.js';
import type { Loaded } from './conference.js';
import { assertManage } from './policy.js';
import * as repo from './repository.js';

const COLUMNS = [
  { key: 'organisation', zh: '单位', en: 'Organisation' },
  { key: 'person', zh: '代表', en: 'Person' },
  { key: 'title', zh: '职务', en: 'Title' },
  { key: 'contact', zh: '联系方式', en: 'Contact' },
  { key: 'role', zh: '角色', en: 'Role' },
  { key: 'tableNo', zh: '固定桌号', en: 'Table' },
  { key: 'maxMeetings', zh: '会谈上限', en: 'Meeting cap' },
] as const;

const ROLES: Record<string, string> = {
  采购方: 'buyer',
  供应方: 'seller',
  投资方: 'investor',
  园区: 'park',
  buyer: 'buyer',
  seller: 'seller',
  investor: 'investor',
  park: 'park',
};

/** The roles as the template writes them, for the message of a role that is none of them. */
const ROLE_CHOICES = {
  zh: `应为 ${Object.keys(ROLES)
    .filter((k) => /[^a-z]/.test(k))
    .join('、')} 之一`,
  en: `use one of ${Object.keys(ROLES)
    .filter((k) => /^[a-z]+$/.test(k))
    .join(', ')}`,
};

export async function importParticipants(db: Db, c: Loaded, bytes: Uint8Array, fileName: string): Promise<number> {
  assertManage(c.access);
  const sheet = await readSheet(bytes, fileName, COLUMNS, ['organisation', 'person', 'role']);
  const problems: FieldProblem[] = [];
  const values: repo.ParticipantValues[] = [];
  for (const { row, cell } of sheet.rows) {
    const num = (k: (typeof COLUMNS)[number]['key']) => (cell(k) === '' ? null : Number(cell(k)));
    const input = {
      organisation: cell('organisation'),
      person: cell('person'),
      title: cell('title') || null,
      contact: cell('contact') || null,
      role: ROLES[cell('role')] ?? cell('role'),
      tableNo: num('tableNo'),
      maxMeetings: num('maxMeetings'),
    };
    const r = ZParticipantInput.safeParse(input);
    // Row numbers as the spreadsheet shows them (the header is row 1).
    if (!r.success)
      for (const issue of r.error.issues)
        problems.push(
          // The role as the template writes it (供应方), never as the code it is stored under.
          issue.path[0] === 'role' && cell('role') !== ''
            ? fieldProblem(['rows', row, 'role'], 'invalid_value', ROLE_CHOICES)
            : issueToProblem(issue, ['rows', row], input),
        );
    else
      values.push({
        organisation: r.data.organisation,
        enterpriseId: null,
        person: r.data.person,
        title: r.data.title ?? null,
        contact: r.data.contact ?? null,
        role: r.data.role,
        availability: null,
        tableNo: r.data.tableNo ?? null,
        maxMeetings: r.data.maxMeetings ?? null,
        maxPerSession: null,
        synthetic: false,
      });
  }
  if (problems.length) throw rejectRows(sheet, problems);
  if (values.length === 0)
    throw invalid([fieldProblem(['file'], 'required', { zh: '没有数据行', en: 'no data rows' })]);
  await db.tx(async (t) => {
    for (const v of values) await repo.insertParticipant(t, c.event.id, v);
  });
  return values.length;
}

/** The import template: one header row in the chosen language and an example row. */
export async function participantTemplate(lang: 'zh' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'zh' ? '参会者' : 'Participants');
  ws.addRow(COLUMNS.map((c) => c[lang])).font = { bold: true };
  ws.addRow(['示例科技有限公司', '张三', '总经理', '138-0000-0000', lang === 'zh' ? '供应方' : 'seller', null, 8]);
  ws.columns = COLUMNS.map(() => ({ width: 18 }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
