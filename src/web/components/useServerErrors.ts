import type { FormItemProps } from 'antd';
import { createElement, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../app/problems';
import { ApiError } from '../client/client';
import { messageOf, type NamePath, toNamePath, type Unmatched } from './formErrors';

const keyOf = (name: NamePath) => JSON.stringify(name);

/**
 * Server validation errors for a form, rendered from state on every render, so they always show in
 * the current language and survive antd re-validating on a locale change. An error disappears
 * when its field is edited, and all of them on the next submit.
 */
export function useServerErrors(fields: readonly string[]) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [error, setErrorState] = useState<unknown>(null);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  const { byField, unmatched } = useMemo(() => {
    const byField = new Map<string, string[]>();
    const unmatched: Unmatched[] = [];
    if (error === null) return { byField, unmatched };
    if (!(error instanceof ApiError)) {
      unmatched.push({ path: '', message: error instanceof Error ? error.message : String(error) });
      return { byField, unmatched };
    }
    const errs = error.problem.errors ?? [];
    for (const e of errs) {
      const name = toNamePath(e.path);
      const top = name[0];
      if (typeof top === 'string' && fields.includes(top)) {
        const k = keyOf(name);
        byField.set(k, [...(byField.get(k) ?? []), messageOf(e, lang)]);
      } else unmatched.push({ path: name.join('.'), message: messageOf(e, lang) });
    }
    // No field problems: a refusal (403), a conflict, a lost connection — in the current language.
    if (errs.length === 0) unmatched.push({ path: '', message: problemText(error, lang, t('common.networkError')) });
    return { byField, unmatched };
  }, [error, lang, fields, t]);

  /** Props for a Form.Item: its server error, if any. */
  const itemProps = useCallback(
    (name: NamePath): Pick<FormItemProps, 'validateStatus' | 'help'> => {
      const k = keyOf(name);
      const messages = dismissed.has(k) ? undefined : byField.get(k);
      if (!messages?.length) return {};
      return {
        validateStatus: 'error',
        help: createElement(
          'span',
          { 'data-server-error': k },
          messages.map((m) => createElement('div', { key: m }, m)),
        ),
      };
    },
    [byField, dismissed],
  );

  /** Form onValuesChange: editing a field hides its server error. */
  const onValuesChange = useCallback(
    (changed: Record<string, unknown>) => {
      const tops = Object.keys(changed);
      const hide = [...byField.keys()].filter((k) => tops.some((t) => k.startsWith(`["${t}"`)));
      if (hide.length) setDismissed((prev) => new Set([...prev, ...hide]));
    },
    [byField],
  );

  const setError = useCallback((e: unknown) => {
    setDismissed(new Set());
    setErrorState(e);
  }, []);
  const clear = useCallback(() => setError(null), [setError]);
  const fieldNames = useMemo(() => [...byField.keys()].map((k) => JSON.parse(k) as NamePath), [byField]);

  return { error, setError, clear, unmatched, itemProps, onValuesChange, fieldNames };
}
