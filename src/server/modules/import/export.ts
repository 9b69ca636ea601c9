/**
 * Rows of each kind in import format (codes instead of ids), for exports: a filtered list view, or
 * the whole dataset as one workbook that the importer takes back unchanged (round trip).
 */
import type { Db } from '../../../db/connect.js';
import type { ImportKind } from '../../../domain/import/kinds.js';
import { present } from '../../lib/sql.js';

type Rec = Record<string, unknown>;

const SQL: Record<ImportKind, string> = {
  sources: 'select s.* from sources s',
  parks: `select p.*, pp.code as parent_code from parks p left join parks pp on pp.id = p.parent_id`,
  buildings: `select b.*, p.code as park_code from buildings b join parks p on p.id = b.park_id`,
  floors: `select f.*, b.code as building_code, p.code as park_code from floors f
             join buildings b on b.id = f.building_id join parks p on p.id = b.park_id`,
  units: `select u.*, f.floor_no, b.code as building_code, p.code as park_code from units u join floors f on f.id = u.floor_id
            join buildings b on b.id = f.building_id join parks p on p.id = b.park_id`,
  enterprises: `select e.* from enterprises e`,
  occupancies: `select o.*, e.credit_code, e.name as enterprise_name, p.code as park_code, b.code as building_code,
                  f.floor_no, u.code as unit_code
                from occupancies o join enterprises e on e.id = o.enterprise_id join units u on u.id = o.unit_id
                join floors f on f.id = u.floor_id join buildings b on b.id = f.building_id join parks p on p.id = b.park_id`,
  metrics: `select m.*, e.credit_code, e.name as enterprise_name from enterprise_metrics m join enterprises e on e.id = m.enterprise_id`,
  'supply-links': `select l.*, s.credit_code as supplier_credit_code, s.name as supplier_name,
                    c.credit_code as customer_credit_code, c.name as customer_name
                  from supply_links l join enterprises s on s.id = l.supplier_id join enterprises c on c.id = l.customer_id`,
};

/** Parents before children, so the file imports in one pass. */
const ORDER: Record<ImportKind, string> = {
  sources: 'order by s.id',
  parks: 'order by p.parent_id nulls first, p.id',
  buildings: 'order by b.id',
  floors: 'order by f.building_id, f.floor_no desc',
  units: 'order by u.floor_id, u.code',
  enterprises: 'order by e.id',
  occupancies: 'order by o.id',
  metrics: 'order by m.enterprise_id, m.year',
  'supply-links': 'order by l.id',
};

const ALIAS: Record<ImportKind, string> = {
  sources: 's',
  parks: 'p',
  buildings: 'b',
  floors: 'f',
  units: 'u',
  enterprises: 'e',
  occupancies: 'o',
  metrics: 'm',
  'supply-links': 'l',
};

/** Rows of a kind, optionally only these ids (in the given order). */
export async function exportRows(db: Db, kind: ImportKind, ids?: number[]): Promise<Rec[]> {
  const a = ALIAS[kind];
  if (ids) {
    const rows = await db.query(`${SQL[kind]} where ${a}.id = any($1::int[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.id as number, present<Rec>(r)]));
    return ids.map((id) => byId.get(id)).filter((r): r is Rec => r !== undefined);
  }
  return (await db.query(`${SQL[kind]} ${ORDER[kind]}`)).map((r) => present<Rec>(r));
}
