/** A few records of each kind (ids 1–3 mostly exist), so fuzzed requests reach past the 404. */
import type { FastifyInstance } from 'fastify';
import { makeBuilding, makeEnterprise, makePark } from '../helpers/factories.js';

export async function seedForFuzz(app: FastifyInstance, headers: Record<string, string>): Promise<void> {
  const post = async (url: string, payload: unknown) => {
    const res = await app.inject({ method: 'POST', url, headers, payload: payload as object });
    if (res.statusCode >= 300) throw new Error(`seed ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: number };
  };
  for (let i = 0; i < 3; i++) {
    const park = await post('/api/v1/parks', makePark());
    const b = await post('/api/v1/buildings', makeBuilding(park.id));
    const f = await post('/api/v1/floors', { buildingId: b.id, floorNo: 1 + i });
    const u = await post('/api/v1/units', { floorId: f.id, code: `U${i}` });
    const e = await post('/api/v1/enterprises', makeEnterprise());
    await post('/api/v1/occupancies', { enterpriseId: e.id, unitId: u.id });
    await post('/api/v1/metrics', { enterpriseId: e.id, year: 2024, outputWan: 100 });
    const ev = await post('/api/v1/events', { name: `洽谈会${i}`, kind: 'matchmaking_conference' });
    await post('/api/v1/projects', {
      codeName: `P${i}`,
      investorName: `投资方${i}`,
      parkId: park.id,
      sourceEventId: ev.id,
    });
  }
}
