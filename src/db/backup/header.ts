/** The first line of a backup: what it is, which schema it was taken from, and its tables. */
import { z } from 'zod';
import type { Migration } from '../migrate.js';
import { FORMAT, FORMAT_VERSION } from './catalog.js';
import { BackupError } from './errors.js';

const ZHeader = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int().positive(),
  createdAt: z.string(),
  engine: z.string(),
  schema: z.object({ version: z.number().int().positive(), name: z.string() }),
  migrations: z.array(z.tuple([z.number().int(), z.string()])),
  excluded: z.array(z.string()),
  tables: z.array(
    z.object({
      name: z.string(),
      key: z.array(z.string()),
      columns: z.array(z.tuple([z.string(), z.string()])),
    }),
  ),
});
export type Header = z.infer<typeof ZHeader>;

const label = (version: number, name: string) => `${String(version).padStart(4, '0')}_${name}`;

/**
 * Reads and checks the header against the migrations this ParkLink knows: a backup from a newer
 * schema is refused (naming both versions), and so is one whose migrations are not this ParkLink's.
 */
export function parseHeader(line: string, known: Migration[]): Header {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    raw = null;
  }
  const r = ZHeader.safeParse(raw);
  if (!r.success)
    throw new BackupError(
      '这不是 ParkLink 备份文件',
      'This is not a ParkLink backup file (parklink backup writes one)',
    );
  const h = r.data;
  if (h.formatVersion > FORMAT_VERSION)
    throw new BackupError(
      `备份文件格式版本 ${h.formatVersion} 高于本程序支持的 ${FORMAT_VERSION}，请先升级 ParkLink`,
      `The backup's file format ${h.formatVersion} is newer than this ParkLink reads (${FORMAT_VERSION}); upgrade ParkLink first`,
    );
  const latest = known.at(-1);
  if (!latest || h.schema.version > latest.version) {
    const ours = latest ? label(latest.version, latest.name) : 'none';
    throw new BackupError(
      `备份来自更新的表结构 ${label(h.schema.version, h.schema.name)}，本程序只到 ${ours}；请先升级 ParkLink 再恢复`,
      `The backup comes from a newer schema, ${label(h.schema.version, h.schema.name)}; this ParkLink knows up to ${ours}. Upgrade ParkLink, then restore`,
    );
  }
  const expected = known.filter((m) => m.version <= h.schema.version).map((m) => label(m.version, m.name));
  const theirs = h.migrations.map(([v, n]) => label(v, n));
  if (expected.join() !== theirs.join()) {
    const i = expected.findIndex((m, k) => m !== theirs[k]);
    const at = i < 0 ? expected.length : i;
    throw new BackupError(
      `备份的迁移与本程序不同：${theirs[at] ?? '（无）'} ≠ ${expected[at] ?? '（无）'}`,
      `The backup's migrations differ from this ParkLink's: ${theirs[at] ?? '(none)'} vs ${expected[at] ?? '(none)'}`,
    );
  }
  return h;
}
