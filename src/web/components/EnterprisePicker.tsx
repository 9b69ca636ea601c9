import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEnterprise, useEnterprises } from '../client/queries';

/**
 * Picks one enterprise by name, searched on the server as one types (a registry of a million firms is never
 * listed whole); shows the chosen one's name even when it is not among the hits. Used by every form that
 * names a firm: organisations' scopes, report subjects, projects' investor and referrer, plots' holders.
 */
export function EnterprisePicker({
  value,
  onChange,
  testId,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  const found = useEnterprises({ q: q || undefined, limit: 20, sort: 'name' }, q.length > 0);
  const chosen = useEnterprise(value ?? undefined);
  const options = (found.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }));
  if (value && chosen.data && !options.some((o) => o.value === value))
    options.unshift({ value, label: chosen.data.name });
  return (
    <Select<number>
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={found.isFetching}
      placeholder={t('common.enterpriseSearch')}
      notFoundContent={q ? t('common.empty') : t('common.typeToSearch')}
      data-testid={testId}
    />
  );
}
