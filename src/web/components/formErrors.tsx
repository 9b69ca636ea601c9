/**
 * Maps an application/problem+json answer onto an antd form: every `errors[].path` that names a
 * field gets its message under that field, in the current language; the rest are listed above.
 */

import type { FormInstance } from 'antd';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../client/client';
import type { ProblemFieldError } from '../client/types';

export type NamePath = (string | number)[];

export function messageOf(e: ProblemFieldError, lang: string): string {
  if (typeof e.message === 'string') return e.message;
  return lang === 'en-US' ? e.message.en : e.message.zh;
}

/** ["body","honours","0","year"] → ["honours",0,"year"] */
export function toNamePath(path: (string | number)[]): NamePath {
  const p = path[0] === 'body' ? path.slice(1) : path;
  return p.map((s) => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s));
}

export interface Unmatched {
  path: string;
  message: string;
}

/** Puts field errors on the form; returns those that name no field of it. */
export function applyServerErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  fields: readonly string[],
  lang: string,
): Unmatched[] {
  if (!(error instanceof ApiError))
    return [{ path: '', message: error instanceof Error ? error.message : String(error) }];
  const errs = error.problem.errors ?? [];
  const byPath = new Map<string, { name: NamePath; errors: string[] }>();
  const unmatched: Unmatched[] = [];
  for (const e of errs) {
    const name = toNamePath(e.path);
    const top = name[0];
    if (typeof top === 'string' && fields.includes(top)) {
      const key = JSON.stringify(name);
      const entry = byPath.get(key) ?? { name, errors: [] };
      entry.errors.push(messageOf(e, lang));
      byPath.set(key, entry);
    } else {
      unmatched.push({ path: name.join('.'), message: messageOf(e, lang) });
    }
  }
  if (errs.length === 0) {
    unmatched.push({ path: '', message: error.problem.detail ?? error.problem.title ?? error.message });
  }
  form.setFields([...byPath.values()].map((x) => ({ name: x.name as never, errors: x.errors })));
  return unmatched;
}

export function hasErrorCode(error: unknown, code: string): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.problem.code === code || (error.problem.errors ?? []).some((e) => e.code === code);
}

/** Problems that belong to no field, shown above the form. */
export function ServerErrorList({ items }: { items: Unmatched[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('form.otherErrors')}
      data-testid="form-errors"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {items.map((x) => (
            <li key={`${x.path}:${x.message}`}>
              {x.path && <code>{x.path}</code>} {x.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
