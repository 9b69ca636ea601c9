/**
 * Audit fixtures of the chains module: template publishing (whole template, edited version, file
 * import), mapping decisions (one and in bulk), chain leaders and the shortlist.
 */
import type { TChainTemplate } from '../../src/contracts/chains.js';
import { currentTemplates } from '../../src/server/modules/chains/templates-store.js';
import type { Fixture, State } from '../audit-fixtures.js';
import { multipart } from '../helpers/multipart.js';

const NONE = 2_000_000_000;
const CODE = 'oe';

async function made(s: State, url: string, payload: unknown): Promise<number> {
  const res = await s.call({ method: 'POST', url, payload });
  if (res.status >= 300) throw new Error(`setup ${url}: ${res.status} ${res.body}`);
  return res.json().id as number;
}
const enterprise = (s: State) => made(s, '/api/v1/enterprises', s.makeEnterprise());

async function template(s: State): Promise<TChainTemplate> {
  const [t] = await currentTemplates(s.db, CODE);
  if (!t) throw new Error(`no ${CODE} template`);
  return t;
}
/** A node of the chain to map firms to. */
const nodeId = async (s: State) => (await template(s)).nodes.at(-1)!.id;
/** The template as published, as a JSON file. */
const file = (t: TChainTemplate) => ({
  name: `${CODE}.json`,
  bytes: new TextEncoder().encode(JSON.stringify(t)),
  type: 'application/json',
});

export const FIXTURES: Record<string, Fixture> = {
  'PUT /api/v1/chains/{code}': {
    ok: async (s) => ({
      method: 'PUT',
      url: `/api/v1/chains/${CODE}`,
      payload: { ...(await template(s)), note: '审计' },
    }),
    // edited from a version that is not the current one: 409 stale_version
    fail: async (s) => {
      const t = await template(s);
      return { method: 'PUT', url: `/api/v1/chains/${CODE}`, payload: { ...t, version: t.version + 50, note: '审计' } };
    },
  },
  'POST /api/v1/chains/{code}/versions': {
    ok: async (s) => {
      const t = await template(s);
      return {
        method: 'POST',
        url: `/api/v1/chains/${CODE}/versions`,
        payload: { baseVersion: t.version, note: '审计', template: t },
      };
    },
    fail: async (s) => {
      const t = await template(s);
      return {
        method: 'POST',
        url: `/api/v1/chains/${CODE}/versions`,
        payload: { baseVersion: t.version + 50, note: '审计', template: t },
      };
    },
  },
  'POST /api/v1/chains/{code}/import': {
    ok: async (s) => {
      const t = await template(s);
      return {
        method: 'POST',
        url: `/api/v1/chains/${CODE}/import`,
        multipart: multipart(file(t), { publish: 'true', baseVersion: String(t.version), note: '审计' }),
      };
    },
    fail: async (s) => {
      const t = await template(s);
      return {
        method: 'POST',
        url: `/api/v1/chains/${CODE}/import`,
        multipart: multipart(file(t), { publish: 'true', baseVersion: String(t.version + 50), note: '审计' }),
      };
    },
  },
  'POST /api/v1/chain-mappings': {
    ok: async (s) => ({
      method: 'POST',
      url: '/api/v1/chain-mappings',
      payload: { enterpriseId: await enterprise(s), nodeId: await nodeId(s), status: 'confirmed' },
    }),
    fail: async (s) => ({
      method: 'POST',
      url: '/api/v1/chain-mappings',
      payload: { enterpriseId: await enterprise(s), nodeId: `${CODE}.no_such_node`, status: 'confirmed' },
    }),
  },
  'POST /api/v1/chain-mappings/bulk': {
    ok: async (s) => {
      const node = await nodeId(s);
      return {
        method: 'POST',
        url: '/api/v1/chain-mappings/bulk',
        payload: {
          decisions: [
            { enterpriseId: await enterprise(s), nodeId: node, status: 'confirmed' },
            { enterpriseId: await enterprise(s), nodeId: node, status: 'rejected' },
          ],
        },
      };
    },
    // one bad decision refuses the whole batch
    fail: async (s) => ({
      method: 'POST',
      url: '/api/v1/chain-mappings/bulk',
      payload: {
        decisions: [
          { enterpriseId: await enterprise(s), nodeId: await nodeId(s), status: 'confirmed' },
          { enterpriseId: await enterprise(s), nodeId: `${CODE}.no_such_node`, status: 'confirmed' },
        ],
      },
    }),
  },
  'POST /api/v1/chain-leaders': {
    ok: async (s) => ({
      method: 'POST',
      url: '/api/v1/chain-leaders',
      payload: { enterpriseId: await enterprise(s), chainCode: CODE, status: 'confirmed' },
    }),
    fail: async () => ({
      method: 'POST',
      url: '/api/v1/chain-leaders',
      payload: { enterpriseId: NONE, chainCode: CODE, status: 'confirmed' },
    }),
  },
  'POST /api/v1/chain-shortlist': {
    ok: async (s) => ({
      method: 'POST',
      url: '/api/v1/chain-shortlist',
      payload: { chainCode: CODE, nodeId: await nodeId(s), enterpriseId: await enterprise(s), score: 50 },
    }),
    fail: async (s) => ({
      method: 'POST',
      url: '/api/v1/chain-shortlist',
      payload: {
        chainCode: CODE,
        nodeId: await nodeId(s),
        enterpriseId: await enterprise(s),
        scope: 'planet:1', // none of city, district, park or building
      },
    }),
  },
};
