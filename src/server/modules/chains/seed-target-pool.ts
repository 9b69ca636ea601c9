/**
 * The demo's outside-city target pool (issue 11 item 4): firms registered outside Wuhan that the
 * investment team would approach to fill a chain's gaps, one or two per segment of every chain
 * (data/demo/target-pool.json). No reference file names a real national firm as such a target with a
 * source, so every one is synthetic and flagged（示例）. Each is validated by the registry's schemas,
 * created like any firm, and confirmed on its segment, so gap targets rank it without guessing.
 * They hold no unit in the city, so scopes, park lists, the map and the city's counts leave them out.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ZEnterpriseInput, ZMetricInput } from '../../../contracts/registry.js';
import type { Db } from '../../../db/connect.js';
import { readJson } from '../../../db/reference.js';
import { AppError } from '../../lib/errors.js';
import { createResource } from '../../lib/resource.js';
import { DEMO_DIR, type DemoSeedContext, SeedError } from '../../platform/module.js';
import { enterprises } from '../registry/specs.js';

export const TARGET_POOL_FILE = 'target-pool.json';

interface PoolFile {
  note: string;
  sourceId: string;
  asOf: string;
  firms: (Record<string, unknown> & {
    key: string;
    nodeId: string;
    metrics: Record<string, unknown>[];
  })[];
}

/** The pool's records as in the file (empty when the file is absent). */
export function readTargetPool(): PoolFile['firms'] {
  const path = join(DEMO_DIR, TARGET_POOL_FILE);
  return existsSync(path) ? readJson<PoolFile>(path).firms : [];
}

function parsed<T>(r: { success: true; data: T } | { success: false; error: { message: string } }, where: string): T {
  if (!r.success) throw new SeedError(`Invalid demo record: ${where}: ${r.error.message}`);
  return r.data;
}

/** Loads the pool inside the demo's transaction; counts the firms as `targetPool`. */
export async function seedTargetPool(t: Db, ctx: DemoSeedContext): Promise<void> {
  const path = join(DEMO_DIR, TARGET_POOL_FILE);
  if (!existsSync(path)) return;
  const file = readJson<PoolFile>(path);
  const stamp = { sourceId: file.sourceId, asOf: file.asOf, synthetic: true };
  // Firms one by one through the registry's resource (its checks, credit-code and search keys);
  // their figures and segments in one statement each, validated by the same schemas.
  const figures: { id: number; year: number; revenueWan: number | null; outputWan: number | null }[] = [];
  const segments: { id: number; nodeId: string }[] = [];
  for (const [i, f] of file.firms.entries()) {
    const where = `${TARGET_POOL_FILE}.firms[${i}] (${f.key})`;
    const { key: _key, nodeId, province: _p, city: _c, metrics: rows, ...rest } = f;
    if (!String(rest.name).endsWith('（示例）')) throw new SeedError(`${where}: a synthetic name ends in （示例）`);
    const input = parsed(ZEnterpriseInput.safeParse({ ...rest, ...stamp, lifecycleStage: 'park' }), where);
    let id: number;
    try {
      id = ((await createResource(t, enterprises, input)) as { id: number }).id;
    } catch (err) {
      if (err instanceof AppError) {
        const lines = err.errors.map((p) => `  ${where} › ${p.path.join('.')}: ${p.message.zh} / ${p.message.en}`);
        throw new SeedError(`Demo record rejected (${err.code}):\n${lines.join('\n')}`);
      }
      throw err;
    }
    for (const [j, m] of rows.entries()) {
      const metric = parsed(ZMetricInput.safeParse({ ...m, ...stamp, enterpriseId: id }), `${where}.metrics[${j}]`);
      figures.push({
        id,
        year: metric.year,
        revenueWan: metric.revenueWan ?? null,
        outputWan: metric.outputWan ?? null,
      });
    }
    segments.push({ id, nodeId });
  }
  await t.query(
    `insert into enterprise_metrics (enterprise_id, year, revenue_wan, output_wan, source_id, as_of, synthetic)
     select e, y, r, o, $5, $6::date, true from unnest($1::int[], $2::int[], $3::numeric[], $4::numeric[]) as x(e, y, r, o)`,
    [
      figures.map((m) => m.id),
      figures.map((m) => m.year),
      figures.map((m) => m.revenueWan),
      figures.map((m) => m.outputWan),
      file.sourceId,
      file.asOf,
    ],
  );
  const evidence = JSON.stringify([
    { kind: 'source', detail: '市外招商目标库（示例）/ Outside-city target pool (synthetic)' },
  ]);
  await t.query(
    `insert into chain_mappings (enterprise_id, node_id, status, evidence, decided_by)
     select e, n, 'confirmed', $3::jsonb, 'demo data' from unnest($1::int[], $2::text[]) as x(e, n)
     on conflict (enterprise_id, node_id) do nothing`,
    [segments.map((s) => s.id), segments.map((s) => s.nodeId), evidence],
  );
  const n = segments.length;
  ctx.counts.targetPool = n;
}
