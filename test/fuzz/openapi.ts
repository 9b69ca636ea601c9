/**
 * A bounded hostile-input fuzzer over the OpenAPI document: for each operation, requests whose
 * path, query and body come from `hostile.ts`, sent through `app.inject` as an administrator
 * (session cookie + CSRF header) and anonymously. Shared by test/fuzz.int.test.ts (fails on any
 * 5xx) and bench/fuzz.ts (counts by status over ≥ 10,000 requests).
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connect.js';
import { createSession, SESSION_COOKIE } from '../../src/server/modules/auth/sessions.js';
import { makeUser } from '../helpers/auth.js';
import { hostileValue, type JsonSchema, plausible } from './hostile.js';

export interface Operation {
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
  body?: JsonSchema;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/**
 * Operations kept bounded rather than skipped: the fuzzer rewrites these parts of every request
 * so one request cannot hold the test for minutes (the solver honours its time limit).
 */
const BOUNDS: Record<string, (body: Record<string, unknown>) => void> = {
  'POST /api/v1/events/{id}/conference/schedule/run': (b) => {
    if (typeof b.timeLimitSeconds !== 'number' || b.timeLimitSeconds > 2) b.timeLimitSeconds = 1;
  },
};

/** Operations not fuzzed, each with why (none today; the list is printed by the test and the bench). */
export const EXCLUDED: Record<string, string> = {};

export async function operations(app: FastifyInstance): Promise<Operation[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: unknown }>>;
  };
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const key = `${method.toUpperCase()} ${path}`;
      if (key in EXCLUDED) continue;
      const body = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content?.[
        'application/json'
      ]?.schema;
      ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], ...(body ? { body } : {}) });
    }
  }
  return ops;
}

export const opKey = (op: Operation) => `${op.method} ${op.path}`;

/** Percent-encodes any string, including lone surrogates (as the bytes a careless client sends). */
function enc(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += ch.length === 1 && c >= 0xd800 && c <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(ch);
  }
  return out;
}

const ids = fc.constantFrom(1, 1, 2, 3, 'root');
const slot = (schema: JsonSchema) =>
  fc.oneof(
    { weight: 3, arbitrary: plausible(schema) },
    { weight: 1, arbitrary: ids },
    { weight: 3, arbitrary: hostileValue },
  );

const RAW_BODIES = [
  '{"a":',
  'null',
  '"\\u0000"',
  '[]',
  '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '{"name":"\\ud800"}',
  '1e999',
];

type BodyKind = 'json' | 'raw' | 'multipart-no-boundary' | 'none';

/** One request to one operation, from a seeded fast-check arbitrary. */
export function requestArb(op: Operation): fc.Arbitrary<Omit<FuzzRequest, 'headers'> & { type?: string }> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const query = op.params.filter((p) => p.in === 'query');
  const mutates = op.method !== 'GET' && op.method !== 'DELETE';
  const bodyKind: fc.Arbitrary<BodyKind> = mutates
    ? fc.constantFrom<BodyKind>('json', 'json', 'json', 'json', 'raw', 'multipart-no-boundary', 'none')
    : fc.constant('none');
  return fc
    .record({
      path: fc.tuple(
        ...pathParams.map((p) =>
          fc.oneof(
            { weight: 3, arbitrary: plausible(p.schema) },
            { weight: 4, arbitrary: ids },
            { weight: 3, arbitrary: hostileValue },
          ),
        ),
      ),
      query: fc.tuple(...query.map((p) => fc.option(slot(p.schema), { freq: 2 }))),
      bodyKind,
      body: op.body ? plausible(op.body) : fc.constant({}),
      mutation: fc.tuple(fc.nat(), hostileValue, fc.nat({ max: 4 })),
      raw: fc.constantFrom(...RAW_BODIES),
    })
    .map(({ path, query: qv, bodyKind: kind, body, mutation, raw }) => {
      let url = op.path;
      pathParams.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, enc(path[i]) || '%20');
      });
      const qs = query
        .map((p, i) => (qv[i] === null ? '' : `${p.name}=${enc(qv[i])}`))
        .filter(Boolean)
        .join('&');
      if (qs) url += `?${qs}`;
      if (kind === 'none') return { method: op.method, url };
      if (kind === 'raw') return { method: op.method, url, payload: raw, type: 'application/json' };
      if (kind === 'multipart-no-boundary')
        return { method: op.method, url, payload: 'file=abc', type: 'multipart/form-data' };
      const b = (body && typeof body === 'object' ? { ...body } : body) as Record<string, unknown>;
      const [pick, bad, how] = mutation;
      const keys = Object.keys(op.body?.properties ?? {});
      // Mostly one field of a plausible body turns hostile; sometimes the whole body does, and
      // sometimes none does (so the use case and the database see plausible writes too).
      let sent: unknown = b;
      if (how === 0) sent = bad;
      else if (how === 1) sent = b;
      else if (keys.length && b && typeof b === 'object') b[keys[pick % keys.length] as string] = bad;
      if (sent === b && b && typeof b === 'object') BOUNDS[opKey(op)]?.(b);
      return { method: op.method, url, payload: JSON.stringify(sent) ?? 'null', type: 'application/json' };
    });
}

export interface Outcome {
  op: string;
  /** The server-side error of a 5xx (message and code), which the problem+json body hides. */
  error?: string;
  as: 'admin' | 'anonymous';
  status: number;
  request: FuzzRequest;
  body: string;
}

/** Signs in as a fresh administrator (cookie + CSRF); renewed when a request ends the session. */
export class AdminSession {
  private headers: Record<string, string> | undefined;
  constructor(private readonly db: Db) {}
  async get(): Promise<Record<string, string>> {
    if (!this.headers) {
      const u = await makeUser(this.db, 'city_admin');
      const s = await createSession(this.db, u.userId, '127.0.0.1', 'fuzz');
      this.headers = { cookie: `${SESSION_COOKIE}=${s.raw}`, 'x-csrf-token': s.csrfToken };
    }
    return this.headers;
  }
  renew(): void {
    this.headers = undefined;
  }
}

const lastError = new WeakMap<FastifyInstance, string>();

/** Keeps the error behind each 5xx so a failure names its cause; call before the app is ready. */
export function captureErrors(app: FastifyInstance): void {
  app.addHook('onError', async (_req, _reply, err) => {
    const e = err as Error & { code?: string };
    lastError.set(app, `${e.code ?? ''} ${e.message} ${e.stack?.split('\n').slice(1, 4).join(' ') ?? ''}`);
  });
}

/** Sends `runs` requests per identity to one operation; returns every outcome. */
export async function fuzzOperation(
  app: FastifyInstance,
  op: Operation,
  runs: number,
  seed: number,
  admin: AdminSession,
): Promise<Outcome[]> {
  const samples = fc.sample(requestArb(op), { numRuns: runs, seed: seed ^ hash(opKey(op)) });
  const out: Outcome[] = [];
  for (const [i, s] of samples.entries()) {
    const as = i % 2 === 0 ? 'admin' : 'anonymous';
    const headers: Record<string, string> = as === 'admin' ? { ...(await admin.get()) } : {};
    if (s.type) headers['content-type'] = s.type;
    const request: FuzzRequest = {
      method: s.method,
      url: s.url,
      headers,
      ...(s.payload ? { payload: s.payload } : {}),
    };
    const res = await app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
    if (as === 'admin' && res.statusCode === 401) admin.renew();
    const error = lastError.get(app);
    lastError.delete(app);
    out.push({
      op: opKey(op),
      as,
      status: res.statusCode,
      request,
      body: res.body.slice(0, 400),
      ...(res.statusCode >= 500 && error ? { error } : {}),
    });
  }
  return out;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** A failing request as a line a person can replay. */
export function describeOutcome(o: Outcome): string {
  const payload = o.request.payload === undefined ? '' : ` body=${String(o.request.payload).slice(0, 300)}`;
  return `${o.status} [${o.as}] ${o.request.method} ${o.request.url.slice(0, 300)}${payload}${
    o.request.headers['content-type'] ? ` (${o.request.headers['content-type']})` : ''
  }\n    → ${o.error ?? o.body.slice(0, 300)}`;
}
