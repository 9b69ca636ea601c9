/**
 * Batched writes for the importer: rows travel as one JSON parameter per batch and are unpacked by
 * jsonb_to_recordset, which both PostgreSQL and PGlite run, so 100 k rows take a few hundred
 * statements. Every create and update leaves a change_log row (updates with old and new values),
 * written through the one audit writer, one statement per batch, in the import's transaction.
 */
import type { Db } from '../../../db/connect.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';

const BATCH = 1000;
const typeCache = new Map<string, Map<string, string>>();

async function columnTypes(db: Db, table: string): Promise<Map<string, string>> {
  const cacheKey = `${db.kind}:${table}`;
  const hit = typeCache.get(cacheKey);
  if (hit) return hit;
  const rows = await db.query<{ name: string; type: string }>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped`,
    [table],
  );
  const m = new Map(rows.map((r) => [r.name, r.type]));
  typeCache.set(cacheKey, m);
  return m;
}

function recordDef(types: Map<string, string>, cols: string[]): string {
  return cols
    .map((c) => {
      const t = types.get(c);
      if (!t) throw new Error(`unknown column ${c}`);
      return `${c} ${t}`;
    })
    .join(', ');
}

export async function writeCreates(
  db: Db,
  table: string,
  rows: Record<string, unknown>[],
  audit: AuditCtx,
  onProgress?: (done: number) => void,
): Promise<void> {
  if (rows.length === 0) return;
  const types = await columnTypes(db, table);
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => types.has(c));
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));
    const created = await db.query<{ id: number; row: Record<string, unknown> }>(
      `insert into ${table} as t (${cols.join(', ')})
       select ${cols.join(', ')} from jsonb_to_recordset($1::jsonb) as x(${recordDef(types, cols)})
       returning t.id, to_jsonb(t) - 'created_at' - 'updated_at' - 'version' as row`,
      [JSON.stringify(batch)],
    );
    await writeAudit(
      db,
      audit,
      created.map((c) => ({ entity: table, entityId: c.id, action: 'create' as const, new: c.row })),
    );
    onProgress?.(Math.min(i + BATCH, rows.length));
  }
}

export interface UpdateRow {
  id: number | string;
  cols: Record<string, unknown>;
  oldValues: Record<string, unknown>;
  newValues: Record<string, unknown>;
}

export async function writeUpdates(db: Db, table: string, rows: UpdateRow[], audit: AuditCtx): Promise<void> {
  if (rows.length === 0) return;
  const types = await columnTypes(db, table);
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r.cols)))].filter((c) => types.has(c) && c !== 'id');
  for (let i = 0; i < rows.length; i += BATCH) {
    const slice = rows.slice(i, i + BATCH);
    const batch = slice.map((r) => ({ id: r.id, ...Object.fromEntries(cols.map((c) => [c, r.cols[c] ?? null])) }));
    await db.query(
      `update ${table} t set ${cols.map((c) => `${c} = x.${c}`).join(', ')}, version = t.version + 1, updated_at = now()
         from jsonb_to_recordset($1::jsonb) as x(${recordDef(types, ['id', ...cols])}) where t.id = x.id`,
      [JSON.stringify(batch)],
    );
    await writeAudit(
      db,
      audit,
      slice.map((r) => ({
        entity: table,
        entityId: r.id,
        action: 'update' as const,
        old: r.oldValues,
        new: r.newValues,
      })),
    );
  }
}
