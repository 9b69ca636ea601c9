/**
 * The request mix of `npm run bench:load`, drawn from the demo data: what the web pages ask for,
 * by kind — light reads (lists with filters and paging, one record, search), chain health (one
 * chain for a scope, and the all-chains overview) and writes (a follow-up on a project, an edit of
 * an enterprise the client owns, so writers never race each other into 409s).
 *
 * Each client reads as one demo role (clients are spread over the roles); writes are sent as
 * demo-admin. A read a role is refused by policy is dropped from that role's mix when probed, so an
 * error in the run is a real one, not a 403 the page would never ask for.
 */
import type { Req, Session } from './load-client.js';
import { send } from './load-client.js';

/** Share of each kind in the mix (per cent); `--mix list=60,search=40` runs another one. */
export const WEIGHTS = { list: 40, detail: 15, search: 20, chain: 15, write: 10 } as const;
export type Kind = keyof typeof WEIGHTS;
export type Weights = Record<Kind, number>;

/** Parses `list=60,search=40` (kinds left out get 0). */
export function parseWeights(text: string): Weights {
  const w: Weights = { list: 0, detail: 0, search: 0, chain: 0, write: 0 };
  for (const part of text.split(',')) {
    const [k, v] = part.split('=');
    if (!k || !(k in w) || !Number.isFinite(Number(v))) throw new Error(`--mix: bad part "${part}"`);
    w[k as Kind] = Number(v);
  }
  return w;
}

const SEARCH_TERMS = ['光谷', '光电', '江丰', '软件园', '芯片', 'jf', 'guanggu', '生物', '汽车', '武汉', '激光', 'hb'];
const DISTRICTS = ['420102', '420106', '420111', '420112', '420115', '420116'];

interface Ids {
  parks: number[];
  enterprises: { id: number; version: number }[];
  projects: number[];
  chains: string[];
}

type Template = { kind: Kind; route: string; method: Req['method']; path: (r: () => number) => string };

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)] as T;

function readTemplates(ids: Ids): Template[] {
  const t = (kind: Kind, route: string, path: (r: () => number) => string): Template => ({
    kind,
    route: `GET ${route}`,
    method: 'GET',
    path,
  });
  return [
    t('list', '/api/v1/parks', (r) => `/api/v1/parks?limit=20&offset=${Math.floor(r() * 3) * 20}`),
    t('list', '/api/v1/enterprises', (r) => `/api/v1/enterprises?limit=20&regionCode=${pick(DISTRICTS, r)}`),
    t(
      'list',
      '/api/v1/enterprises?q',
      (r) => `/api/v1/enterprises?limit=20&q=${encodeURIComponent(pick(SEARCH_TERMS, r))}`,
    ),
    t('list', '/api/v1/buildings', (r) => `/api/v1/buildings?limit=20&offset=${Math.floor(r() * 3) * 20}`),
    t('list', '/api/v1/projects', (r) => `/api/v1/projects?limit=20&offset=${Math.floor(r() * 3) * 20}`),
    t('list', '/api/v1/events', () => '/api/v1/events?limit=20'),
    t('detail', '/api/v1/parks/:id', (r) => `/api/v1/parks/${pick(ids.parks, r)}`),
    t('detail', '/api/v1/enterprises/:id', (r) => `/api/v1/enterprises/${pick(ids.enterprises, r).id}`),
    t('detail', '/api/v1/projects/:id', (r) => `/api/v1/projects/${pick(ids.projects, r)}`),
    t('search', '/api/v1/search', (r) => `/api/v1/search?q=${encodeURIComponent(pick(SEARCH_TERMS, r))}`),
    t('chain', '/api/v1/chains/:code/health', (r) => `/api/v1/chains/${pick(ids.chains, r)}/health?scope=city`),
    t('chain', '/api/v1/chain-health', () => '/api/v1/chain-health'),
  ];
}

async function discover(base: string, admin: Session): Promise<Ids> {
  const get = async <T>(path: string): Promise<T> => {
    const res = await send(base, { method: 'GET', path, session: admin });
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${res.body.slice(0, 300)}`);
    return JSON.parse(res.body) as T;
  };
  type Items<T> = { items: T[] };
  const parks = await get<Items<{ id: number }>>('/api/v1/parks?limit=200');
  const ents = await get<Items<{ id: number; version: number }>>('/api/v1/enterprises?limit=200');
  const projects = await get<Items<{ id: number }>>('/api/v1/projects?limit=100');
  const chains = await get<Items<{ code: string }>>('/api/v1/chains');
  return {
    parks: parks.items.map((x) => x.id),
    enterprises: ents.items.map((x) => ({ id: x.id, version: x.version })),
    projects: projects.items.map((x) => x.id),
    chains: chains.items.map((x) => x.code),
  };
}

export interface Mix {
  next(client: number): Req;
  /** Reads refused to a role (dropped from its mix), e.g. `demo-viewer: GET /api/v1/projects 403`. */
  dropped: string[];
  /** Called with the answer to a write so the client keeps the version it owns. */
  written(client: number, body: string): void;
}

/** Builds the mix; `seed` makes the sequence of requests repeatable. */
export async function buildMix(base: string, sessions: Session[], weights: Weights = WEIGHTS, seed = 10): Promise<Mix> {
  const admin = sessions.find((s) => s.role === 'city_admin');
  if (!admin) throw new Error('no city_admin demo account');
  const ids = await discover(base, admin);
  const templates = readTemplates(ids);
  let state = seed >>> 0;
  const r = () => {
    // mulberry32: small, fast, repeatable
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const dropped: string[] = [];
  const allowed = new Map<string, Template[]>();
  for (const s of sessions) {
    const ok: Template[] = [];
    for (const t of templates) {
      // records are picked from demo-admin's lists: a role that cannot read some of them gets none
      let status = 200;
      for (let i = 0; i < (t.kind === 'detail' ? 8 : 1) && status === 200; i++)
        status = (await send(base, { method: 'GET', path: t.path(r), session: s })).status;
      if (status === 200) ok.push(t);
      else dropped.push(`${s.username}: ${t.route} ${status}`);
    }
    allowed.set(s.username, ok);
  }
  // the enterprise each client edits: its own, with the version it last saw
  const owned = new Map<number, { id: number; version: number }>();
  const kinds = Object.entries(weights) as [Kind, number][];
  const total = kinds.reduce((a, [, w]) => a + w, 0);
  const chooseKind = (): Kind => {
    let x = r() * total;
    for (const [k, w] of kinds) {
      x -= w;
      if (x < 0) return k;
    }
    return 'list';
  };
  const write = (client: number): Req => {
    if (r() < 0.5) {
      return {
        kind: 'write',
        route: 'POST /api/v1/projects/:id/follow-ups',
        method: 'POST',
        path: `/api/v1/projects/${pick(ids.projects, r)}/follow-ups`,
        body: { onDate: '2026-12-01', kind: 'call', note: `负载测试回访 ${client}` },
        session: admin,
      };
    }
    const e = owned.get(client) ?? ids.enterprises[client % ids.enterprises.length];
    if (!e) throw new Error('no enterprises in the demo data');
    owned.set(client, e);
    return {
      kind: 'write',
      route: 'PATCH /api/v1/enterprises/:id',
      method: 'PATCH',
      path: `/api/v1/enterprises/${e.id}`,
      body: { version: e.version, description: `负载测试修改 ${client} ${Math.floor(r() * 1e6)}` },
      session: admin,
    };
  };
  return {
    dropped,
    next(client) {
      const s = sessions[client % sessions.length] as Session;
      const kind = chooseKind();
      if (kind === 'write') return write(client);
      const choices = (allowed.get(s.username) ?? []).filter((t) => t.kind === kind);
      const t = choices.length ? pick(choices, r) : pick(allowed.get(admin.username) ?? templates, r);
      return { kind: t.kind, route: t.route, method: t.method, path: t.path(r), session: choices.length ? s : admin };
    },
    written(client, body) {
      const e = owned.get(client);
      if (!e) return;
      try {
        const v = (JSON.parse(body) as { version?: number }).version;
        if (typeof v === 'number') e.version = v;
      } catch {
        // not JSON: the error is counted by the run
      }
    },
  };
}
