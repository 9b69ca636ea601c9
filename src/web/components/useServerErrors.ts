import type { FormInstance } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors, type Unmatched } from './formErrors';

/**
 * Keeps the last failed submission and (re)applies its errors to the form, so switching the
 * language re-renders them in the new language.
 */
export function useServerErrors<T>(form: FormInstance<T>, fields: readonly string[]) {
  const { i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<Unmatched[]>([]);
  useEffect(() => {
    if (error === null) {
      setUnmatched([]);
      return;
    }
    setUnmatched(applyServerErrors(form, error, fields, i18n.language));
  }, [error, i18n.language, form, fields]);
  const clear = useCallback(() => setError(null), []);
  return { error, setError, clear, unmatched };
}
