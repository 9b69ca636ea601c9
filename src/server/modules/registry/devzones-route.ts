/** GET /api/v1/devzones: the development zones with their districts, source and counts (issue 11). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type TDevzone, ZDevzone } from '../../../contracts/registry.js';
import type { Db } from '../../../db/connect.js';
import { Sql } from '../../lib/sql.js';
import { devzoneEnterprises, devzoneParks, devzones, devzoneTenants } from '../../platform/policy/index.js';

/** Every zone with its counts; counts are aggregates of public registry rows, the same for every role. */
export async function listDevzones(db: Db): Promise<TDevzone[]> {
  const names = new Map(
    (await db.query<{ code: string; name: string }>(`select code, name from regions where level = 'district'`)).map(
      (r) => [r.code.trim(), r.name],
    ),
  );
  const out: TDevzone[] = [];
  for (const z of devzones()) {
    const q = new Sql();
    const [c] = await db.query<{ parks: number; enterprises: number; tenants: number }>(
      `select (select count(*)::int from ${devzoneParks(z, q)} p) as parks,
              (select count(*)::int from ${devzoneEnterprises(z, q)} e) as enterprises,
              (select count(distinct enterprise_id)::int from ${devzoneTenants(z, q)} t) as tenants`,
      q.params,
    );
    out.push({
      code: z.code,
      nameZh: z.nameZh,
      nameEn: z.nameEn,
      shortZh: z.shortZh,
      shortEn: z.shortEn,
      level: z.level,
      districts: z.districts.map((d) => ({ code: d.code, name: names.get(d.code) ?? null, whole: d.whole })),
      membership: z.membership,
      source: z.source,
      parks: c?.parks ?? 0,
      enterprises: c?.enterprises ?? 0,
      tenants: c?.tenants ?? 0,
    });
  }
  return out;
}

export function registerDevzoneRoutes(app: FastifyInstance, db: Db): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/devzones',
    {
      schema: {
        tags: ['Reference 参考数据'],
        summary:
          'Development zones (东湖高新区, 武汉经开区, 临空港经开区, 长江新区) with their parks and enterprises counted',
        response: { 200: z.object({ items: z.array(ZDevzone) }) },
      },
    },
    async () => ({ items: await listDevzones(db) }),
  );
}
