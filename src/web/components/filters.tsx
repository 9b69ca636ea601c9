import { Button, Flex, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../app/labels';
import { useUrlState } from '../app/useUrlState';
import { useDevzones, useDistricts } from '../client/queries';

export interface Option {
  value: string;
  label: ReactNode;
  title?: string;
}

/** A select bound to one query-string key. */
export function FilterSelect({
  urlKey,
  label,
  options,
  width = 170,
  loading,
  mode,
}: {
  urlKey: string;
  label: string;
  options: Option[];
  width?: number;
  loading?: boolean;
  mode?: 'multiple';
}) {
  const { t } = useTranslation();
  const { get, set } = useUrlState();
  const value = get(urlKey);
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'title' }}
      loading={loading}
      mode={mode}
      prefix={<span style={{ color: '#6b7280' }}>{label}</span>}
      placeholder={t('common.all')}
      value={value}
      onChange={(v) => set({ [urlKey]: v })}
      options={options.map((o) => ({ ...o, title: o.title ?? (typeof o.label === 'string' ? o.label : o.value) }))}
      style={{ width }}
      popupMatchSelectWidth={false}
      data-testid={`filter-${urlKey}`}
      aria-label={label}
    />
  );
}

export function YesNoFilter({
  urlKey,
  label,
  yes,
  no,
  width = 150,
}: {
  urlKey: string;
  label: string;
  yes?: string;
  no?: string;
  width?: number;
}) {
  const { t } = useTranslation();
  return (
    <FilterSelect
      urlKey={urlKey}
      label={label}
      width={width}
      options={[
        { value: 'true', label: yes ?? t('common.yes') },
        { value: 'false', label: no ?? t('common.no') },
      ]}
    />
  );
}

export function DistrictFilter({ urlKey = 'regionCode', label }: { urlKey?: string; label: string }) {
  const districts = useDistricts();
  const { districtName } = useLabels();
  return (
    <FilterSelect
      urlKey={urlKey}
      label={label}
      loading={districts.isPending}
      options={(districts.data?.items ?? []).map((r) => ({ value: r.code, label: districtName(r.code, r.name) }))}
    />
  );
}

/** `?devzone=`: a development zone (东湖高新区, 武汉经开区 …), a dimension beside districts. */
export function DevzoneFilter({ urlKey = 'devzone', label }: { urlKey?: string; label: string }) {
  const zones = useDevzones();
  const { en } = useLabels();
  return (
    <FilterSelect
      urlKey={urlKey}
      label={label}
      loading={zones.isPending}
      options={(zones.data?.items ?? []).map((z) => ({
        value: z.code,
        label: en ? `${z.nameEn} (${z.shortEn})` : `${z.nameZh}（${z.shortZh}）`,
      }))}
    />
  );
}

export function SearchBox({
  width = 220,
  urlKey = 'q',
  placeholder,
  label,
}: {
  width?: number;
  urlKey?: string;
  placeholder?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const { get, set } = useUrlState();
  const q = get(urlKey) ?? '';
  return (
    <Input.Search
      key={q}
      defaultValue={q}
      allowClear
      placeholder={placeholder ?? t('common.searchPlaceholder')}
      onSearch={(v) => set({ [urlKey]: v.trim() || undefined })}
      style={{ width }}
      data-testid={`filter-${urlKey}`}
      aria-label={label ?? placeholder ?? t('common.search')}
    />
  );
}

/** The row of filters above a list, with a reset button when anything is set. */
export function FilterBar({ children, keys }: { children: ReactNode; keys: string[] }) {
  const { t } = useTranslation();
  const { sp, clear } = useUrlState();
  const active = keys.some((k) => sp.has(k));
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} className="filters-bar">
      {children}
      {active && (
        <Button type="link" onClick={() => clear()} data-testid="filter-reset">
          {t('common.reset')}
        </Button>
      )}
    </Flex>
  );
}
