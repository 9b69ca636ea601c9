/**
 * The load generator of `npm run bench:load`: signed-in sessions, one request on a keep-alive
 * loopback connection, a fixed number of clients each sending its next request as soon as the last
 * one is answered (closed loop, like a browser tab that waits), and latency percentiles per kind.
 * Plain node:http rather than a load tool because every request is timed under its own kind and
 * the mix depends on the client's role.
 */
import { Agent, request as httpRequest } from 'node:http';

export interface Session {
  username: string;
  role: string;
  cookie: string;
  csrf: string;
}

export interface Req {
  kind: string;
  /** Route template for the per-route table, e.g. `GET /api/v1/parks`. */
  route: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  body?: unknown;
  session: Session | null;
}

export interface Res {
  status: number;
  ms: number;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** A body sent as it is (multipart uploads), with its content type. */
export interface RawBody {
  bytes: Buffer;
  type: string;
}

/** One request; `timeoutMs` 0 waits as long as it takes (heavy jobs). */
export function send(
  base: string,
  r: Omit<Req, 'kind' | 'route'> & { raw?: RawBody },
  timeoutMs = 120_000,
): Promise<Res> {
  const payload = r.raw ? r.raw.bytes : r.body === undefined ? undefined : JSON.stringify(r.body);
  const headers: Record<string, string> = {};
  if (r.raw) headers['content-type'] = r.raw.type;
  else if (payload !== undefined) headers['content-type'] = 'application/json';
  if (r.session) {
    headers.cookie = r.session.cookie;
    if (r.method !== 'GET') headers['x-csrf-token'] = r.session.csrf;
  }
  const t0 = performance.now();
  return new Promise((resolve) => {
    const opts = { method: r.method, headers, agent, ...(timeoutMs ? { timeout: timeoutMs } : {}) };
    const req = httpRequest(`${base}${r.path}`, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString() }),
      );
      res.on('error', () => resolve({ status: 0, ms: performance.now() - t0, body: 'response error' }));
    });
    // status 0 = the connection failed or timed out: counted as an error
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, body: e.message }));
    req.end(payload);
  });
}

export async function signIn(base: string, username: string, password: string): Promise<Session & { ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`sign-in ${username} → ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const s = (await (await fetch(`${base}/api/v1/auth/session`, { headers: { cookie } })).json()) as {
    user: { role: string };
    csrfToken: string;
  };
  return { username, role: s.user.role, cookie, csrf: s.csrfToken, ms };
}

/** A multipart/form-data body with text fields and one file part named `file`. */
export function multipart(fields: Record<string, string>, fileName: string, file: string): RawBody {
  const boundary = `----parklink-bench-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: text/csv\r\n\r\n`,
    ),
    Buffer.from(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { bytes: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** Latencies by name; percentiles by sorting (a 60 s run holds at most a few hundred thousand). */
export class Recorder {
  readonly times = new Map<string, number[]>();
  readonly statuses = new Map<string, Map<number, number>>();
  add(name: string, ms: number, status: number) {
    const t = this.times.get(name) ?? [];
    t.push(ms);
    this.times.set(name, t);
    const s = this.statuses.get(name) ?? new Map<number, number>();
    s.set(status, (s.get(status) ?? 0) + 1);
    this.statuses.set(name, s);
  }
  summary(name: string) {
    const t = [...(this.times.get(name) ?? [])].sort((a, b) => a - b);
    const errors = [...(this.statuses.get(name) ?? [])].filter(([s]) => s === 0 || s >= 400);
    return {
      n: t.length,
      p50: pct(t, 0.5),
      p99: pct(t, 0.99),
      max: t.at(-1) ?? 0,
      errors: errors.reduce((a, [, n]) => a + n, 0),
      errorStatuses: errors.map(([s, n]) => `${s}×${n}`).join(' '),
    };
  }
}

export const pct = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) : 0;

/**
 * `clients` closed loops for `durationMs`; each asks `next(client)` for its request. Requests still
 * in flight when the time is up are awaited and counted (a slow tail is not cut off).
 */
export async function runClients(
  base: string,
  clients: number,
  durationMs: number,
  next: (client: number) => Req,
  rec: Recorder,
  onResponse?: (client: number, r: Req, res: Res) => void,
): Promise<{ requests: number; wallMs: number }> {
  const t0 = performance.now();
  const end = t0 + durationMs;
  let requests = 0;
  const loop = async (c: number) => {
    while (performance.now() < end) {
      const r = next(c);
      const res = await send(base, r);
      requests += 1;
      rec.add(`kind:${r.kind}`, res.ms, res.status);
      rec.add(`route:${r.route}`, res.ms, res.status);
      rec.add('all', res.ms, res.status);
      onResponse?.(c, r, res);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => loop(c)));
  return { requests, wallMs: performance.now() - t0 };
}

/** Times GET /api/health one call at a time (with `gapMs` between) until `until` settles. */
export async function probeHealth(base: string, until: Promise<unknown>, gapMs = 20) {
  let done = false;
  const settled = until.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  const t: number[] = [];
  let errors = 0;
  while (!done) {
    const res = await send(base, { method: 'GET', path: '/api/health', session: null });
    t.push(res.ms);
    if (res.status !== 200) errors += 1;
    await Promise.race([settled, new Promise((r) => setTimeout(r, gapMs))]);
  }
  await until;
  t.sort((a, b) => a - b);
  return { n: t.length, p50: pct(t, 0.5), p99: pct(t, 0.99), max: t.at(-1) ?? 0, errors };
}
