import type { Problem } from './types';

export const API_BASE = '/api/v1';

/** An HTTP failure, carrying the problem+json body when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

// ─── session plumbing: the CSRF token and what to do when the server says "sign in first" ───

let csrfToken: string | null = null;
let onUnauthorized: ((path: string) => void) | null = null;

/** The session's CSRF token, sent as x-csrf-token on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called with the request path whenever the API answers 401 (the session ended or never began). */
export function setUnauthorizedHandler(handler: ((path: string) => void) | null): void {
  onUnauthorized = handler;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** RFC 7240: ask a route that starts a job for the job (202) instead of waiting for its result. */
export const RESPOND_ASYNC = { prefer: 'respond-async' };

function headersFor(method: string, json: boolean): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  if (csrfToken && !SAFE_METHODS.has(method)) h['x-csrf-token'] = csrfToken;
  return h;
}

function notifyUnauthorized(status: number, path: string): void {
  if (status === 401) onUnauthorized?.(path);
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export function toQueryString(params: QueryParams = {}): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

async function parse<T>(res: Response, path = ''): Promise<T> {
  const type = res.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await res.json().catch(() => null) : await res.text().catch(() => null);
  if (!res.ok) {
    const problem: Problem =
      body && typeof body === 'object'
        ? (body as Problem)
        : {
            status: res.status,
            title: res.statusText,
            detail: typeof body === 'string' && body ? body.slice(0, 200) : undefined,
          };
    notifyUnauthorized(res.status, path);
    throw new ApiError(res.status, problem);
  }
  return body as T;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  extra: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method,
      signal,
      headers: { ...headersFor(method, body !== undefined), ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'Network error', detail: e instanceof Error ? e.message : String(e) });
  }
  return parse<T>(res, path);
}

export const api = {
  get: <T>(path: string, params?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', `${path}${toQueryString(params)}`, undefined, signal),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  /** Starts work that runs as a job: the server answers 202 with the job at once (see jobs.ts). */
  postAsync: <T>(path: string, body: unknown) => request<T>('POST', path, body, undefined, RESPOND_ASYNC),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * POSTs a multipart form with upload progress (fetch cannot report it), resolving to the JSON
 * answer or rejecting with the same ApiError as the other calls.
 */
export function upload<T>(
  path: string,
  form: FormData,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
  extra: Record<string, string> = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path}`);
    for (const [k, v] of Object.entries({ ...headersFor('POST', false), ...extra })) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress?.(1);
    xhr.onerror = () => reject(new ApiError(0, { title: 'Network error' }));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else {
        notifyUnauthorized(xhr.status, path);
        reject(
          new ApiError(
            xhr.status,
            body && typeof body === 'object'
              ? (body as Problem)
              : { status: xhr.status, title: xhr.statusText, detail: typeof body === 'string' ? body : undefined },
          ),
        );
      }
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/** The file name from a Content-Disposition header (RFC 6266 filename* first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Downloads a file from the API and hands it to the browser as a download. Fetching first (rather
 * than following a link) lets the page show progress and turn a refusal into a readable error.
 */
export async function download(path: string, params: QueryParams = {}, fallbackName = 'download'): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${toQueryString(params)}`);
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: e instanceof Error ? e.message : String(e) });
  }
  if (!res.ok) await parse<never>(res, path);
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
