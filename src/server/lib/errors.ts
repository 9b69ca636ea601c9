/** Application errors and their problem+json rendering. */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { $ZodIssue } from 'zod/v4/core';
import {
  type ErrorCode,
  errorMessage,
  type FieldProblem,
  fieldProblem,
  isErrorCode,
  type Problem,
} from '../../contracts/errors.js';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly errors: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(errorMessage(code).en);
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const unauthorized = () => new AppError(401, 'unauthorized');
export const invalid = (errors: FieldProblem[]) => new AppError(422, 'validation_failed', errors);

/** Maps a zod issue to a bilingual field problem. */
export function issueToProblem(issue: $ZodIssue, prefix: (string | number)[] = [], input?: unknown): FieldProblem {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  if (input !== undefined && issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
    return fieldProblem(path, 'required');
  }
  if (issue.code === 'custom' || (issue.message && isErrorCode(issue.message))) {
    return fieldProblem(path, isErrorCode(issue.message) ? issue.message : 'invalid_value');
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? fieldProblem(path, 'required')
        : fieldProblem(path, 'invalid_type', { zh: `应为 ${issue.expected}`, en: `expected ${issue.expected}` });
    case 'too_small':
      return fieldProblem(path, 'too_small', {
        zh: `最小 ${String(issue.minimum)}`,
        en: `minimum ${String(issue.minimum)}`,
      });
    case 'too_big':
      return fieldProblem(path, 'too_big', {
        zh: `最大 ${String(issue.maximum)}`,
        en: `maximum ${String(issue.maximum)}`,
      });
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue
        ? fieldProblem(path, 'invalid_format', {
            zh: `应匹配 ${String(issue.pattern)}`,
            en: `must match ${String(issue.pattern)}`,
          })
        : fieldProblem(path, 'invalid_format', { zh: issue.format, en: issue.format });
    case 'invalid_value':
      return fieldProblem(path, 'invalid_value', {
        zh: `可选：${issue.values.map(String).join('、')}`,
        en: `one of ${issue.values.map(String).join(', ')}`,
      });
    case 'unrecognized_keys':
      return fieldProblem([...path], 'unrecognized_keys', { zh: issue.keys.join('、'), en: issue.keys.join(', ') });
    default:
      return fieldProblem(path, 'invalid_value');
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function problem(
  status: number,
  code: ErrorCode,
  errors?: FieldProblem[],
  extra: Record<string, unknown> = {},
): Problem {
  const m = errorMessage(code);
  return {
    type: `https://parklink.dev/problems/${code}`,
    title: m.en,
    status,
    code,
    detail: `${m.zh} / ${m.en}`,
    message: { zh: m.zh, en: m.en },
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...extra,
  };
}

type DomainProblems = (body: unknown, params: unknown) => Promise<FieldProblem[]>;

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
  detail?: string;
}

/**
 * A database refusal caused by the request's data (SQLSTATE classes 22 data exception and 23
 * integrity violation) as a 4xx with zh/en messages. Contracts should catch these first and name the
 * field; this is the net under them. No SQL, value or server message reaches the client.
 */
function databaseProblem(err: PgError): Problem {
  const field = err.column ? camel(err.column) : undefined;
  const named = (code: ErrorCode) => (field ? [fieldProblem([field], code)] : []);
  switch (err.code) {
    case '23505':
      return problem(409, 'duplicate', [fieldProblem([constraintField(err.constraint)], 'duplicate')]);
    case '23503':
      // An insert or update naming a missing row, or a delete of a row still referenced.
      return /not present in table/.test(err.detail ?? '')
        ? problem(422, 'validation_failed', [fieldProblem([fkField(err.detail)], 'reference_not_found')])
        : problem(409, 'in_use');
    case '23001':
      return problem(409, 'in_use');
    case '23502':
      return problem(422, 'validation_failed', named('required'));
    case '22003':
      return problem(422, 'out_of_range', named('out_of_range'));
    case '22001':
      return problem(422, 'text_too_long', named('text_too_long'));
    case '22021':
    case '22P05':
      return problem(422, 'unsafe_characters', named('unsafe_characters'));
    default:
      // 22P02 invalid text representation, 22007/22008 dates, 23514 check violations, …
      return problem(422, 'invalid_text', named('invalid_text'));
  }
}

/**
 * Error and not-found handling. `spa` serves the web UI's index.html for unknown non-API paths
 * (client-side routes); API paths always get a problem+json 404.
 */
export function registerErrorHandler(app: FastifyInstance, spa?: (reply: FastifyReply) => FastifyReply): void {
  app.setErrorHandler(async (err: FastifyError & PgError, req, reply) => {
    let body: Problem;
    if (err instanceof AppError) {
      body = problem(err.status, err.code, err.errors, err.extra);
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const part = err.validationContext ?? 'body';
      const prefix = part === 'body' ? [] : [part];
      const input = part === 'body' ? req.body : part === 'querystring' ? req.query : req.params;
      body = problem(
        422,
        'validation_failed',
        err.validation.map((v) =>
          issueToProblem(
            {
              ...v.params,
              code: v.keyword,
              message: v.message ?? '',
              path: v.instancePath
                .split('/')
                .filter(Boolean)
                .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            } as unknown as $ZodIssue,
            prefix,
            input,
          ),
        ),
      );
      // Routes that write a resource also report reference and domain problems of the fields that
      // did parse, so a form gets every problem in one answer.
      const extra = (req.routeOptions.config as { domainProblems?: DomainProblems }).domainProblems;
      if (part === 'body' && extra && body.errors) {
        const seen = new Set(body.errors.map((e) => e.path.join('.')));
        for (const p of await extra(req.body, req.params)) if (!seen.has(p.path.join('.'))) body.errors.push(p);
      }
    } else if (typeof err.code === 'string' && /^2[23][0-9A-Z]{3}$/.test(err.code)) {
      body = databaseProblem(err);
    } else if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      body = problem(413, 'payload_too_large');
    } else if (err.statusCode === 429) {
      body = problem(429, 'rate_limited');
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      body = problem(err.statusCode, 'bad_request');
      body.detail = err.message;
    } else {
      req.log.error({ err }, 'unhandled error');
      body = problem(500, 'internal');
    }
    return reply.status(body.status).type('application/problem+json').send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    if (spa && req.method === 'GET' && !req.url.startsWith('/api/')) return spa(reply);
    return reply.status(404).type('application/problem+json').send(problem(404, 'not_found'));
  });
}

const camel = (col: string) => col.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The column of a foreign-key violation, from its detail `Key (park_id)=(9) is not present …` → parkId. */
function fkField(detail: string | undefined): string {
  return camel(/^Key \(([a-z_]+)\)=/.exec(detail ?? '')?.[1] ?? 'id');
}

function constraintField(constraint: string | undefined): string {
  // e.g. parks_code_key → code, enterprises_credit_code_key → creditCode
  const m = /^[a-z_]+?_(.+)_key$/.exec(constraint ?? '');
  const col = m?.[1] ?? 'id';
  return camel(col);
}
