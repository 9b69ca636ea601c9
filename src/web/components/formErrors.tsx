/**
 * Maps an application/problem+json answer onto an antd form: every `errors[].path` that names a
 * field gets its message under that field, in the current language; the rest are listed above.
 */

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
