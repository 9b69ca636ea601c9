/**
 * The analysis scope of the chain views (city, district:CODE, devzone:CODE, park:ID, building:ID) and whether strong
 * suggestions count, both kept in the URL; a searchable picker and the scope's display name.
 */
import { Flex, Select, Switch, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../app/labels';
import { useUrlState } from '../../app/useUrlState';
import { useAllParks, useBuildings, useDevzones, useDistricts } from '../../client/queries';
import { type ScopeInfo, useScopeInfo } from './api';

export type ScopeKind = 'city' | 'district' | 'devzone' | 'park' | 'building';
const SCOPE_RE = /^(city|district:\d{6}|devzone:[a-z][a-z0-9-]{0,31}|park:\d+|building:\d+)$/;

export const kindOf = (scope: string): ScopeKind => (scope.split(':')[0] as ScopeKind) || 'city';

/** `scope` and `suggested` from the URL (`scope=park:3`, `confirmed=1` to count confirmed mappings only). */
export function useChainScope(param = 'scope') {
  const { get, set } = useUrlState();
  const raw = get(param) ?? 'city';
  const scope = SCOPE_RE.test(raw) ? raw : 'city';
  const suggested = get('confirmed') !== '1';
  return {
    scope,
    suggested,
    setScope: (s: string) => set({ [param]: s === 'city' ? undefined : s }),
    setSuggested: (on: boolean) => set({ confirmed: on ? undefined : '1' }),
  };
}

/** The scope's name in the current language. */
export function useScopeName(scope: string): string {
  const { t } = useTranslation();
  const { districtName, en } = useLabels();
  const info = useScopeInfo(scope);
  return scopeDisplayName(info.data, scope, t('chains.city'), en, districtName);
}

export function scopeDisplayName(
  info: ScopeInfo | undefined,
  scope: string,
  city: string,
  en: boolean,
  districtName: (code: string | null | undefined, zh: string | null | undefined) => string,
): string {
  if (scope === 'city') return city;
  if (!info) return scope;
  if (info.kind === 'district') return districtName(info.regionCode, info.nameZh);
  return en && info.nameEn ? info.nameEn : info.nameZh;
}

/**
 * Scope type + a searchable choice of district, park or building. Without a value nothing is shown as
 * chosen (not even 全市), so a page that still needs the scope does not look as if it had one.
 */
export function ScopePicker({
  value,
  onChange,
  testId = 'scope',
}: {
  value: string | undefined;
  onChange: (scope: string) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { districtName, pickName, en } = useLabels();
  const [kind, setKind] = useState<ScopeKind | undefined>(value ? kindOf(value) : undefined);
  const [q, setQ] = useState('');
  const current = value && kindOf(value) === kind ? value : undefined;
  const districts = useDistricts();
  const devzones = useDevzones();
  const parks = useAllParks();
  const buildings = useBuildings({ q: q || undefined, limit: 50, sort: 'name' }, kind === 'building');
  const info = useScopeInfo(value ?? 'city');

  const options = useMemo(() => {
    if (kind === 'district')
      return (districts.data?.items ?? []).map((d) => ({
        value: `district:${d.code.trim()}`,
        label: districtName(d.code, d.name),
      }));
    if (kind === 'devzone')
      return (devzones.data?.items ?? []).map((z) => ({
        value: `devzone:${z.code}`,
        label: `${en ? `${z.nameEn} (${z.shortEn})` : `${z.nameZh}（${z.shortZh}）`}${
          z.membership.status === 'unverified' ? ` · ${t('chains.devzoneUnverified')}` : ''
        }`,
      }));
    if (kind === 'park')
      return (parks.data?.items ?? []).map((p) => ({ value: `park:${p.id}`, label: pickName(p.name, p.nameEn) }));
    if (kind === 'building') {
      const list = (buildings.data?.items ?? []).map((b) => ({
        value: `building:${b.id}`,
        label: `${pickName(b.name, b.nameEn)}${b.parkName ? ` · ${b.parkName}` : ''}`,
      }));
      // keep the chosen building visible even when the search no longer lists it
      if (current && !list.some((o) => o.value === current) && info.data)
        list.unshift({ value: current, label: info.data.nameZh });
      return list;
    }
    return [];
  }, [
    kind,
    districts.data,
    devzones.data,
    t,
    en,
    parks.data,
    buildings.data,
    districtName,
    pickName,
    current,
    info.data,
  ]);

  return (
    <Flex gap={8} wrap align="center">
      <Typography.Text type="secondary">{t('chains.scope')}</Typography.Text>
      <Select<ScopeKind>
        value={kind}
        style={{ width: 110 }}
        placeholder={t('chains.pickScope')}
        aria-label={t('chains.scopeKind')}
        data-testid={`${testId}-kind`}
        onChange={(k) => {
          setKind(k);
          if (k === 'city') onChange('city');
        }}
        options={(['city', 'district', 'devzone', 'park', 'building'] as const).map((k) => ({
          value: k,
          label: t(`chains.kind_${k}`),
        }))}
      />
      {kind && kind !== 'city' && (
        <Select
          showSearch
          value={current}
          style={{ width: 280 }}
          placeholder={t(
            kind === 'district'
              ? 'chains.pickDistrict'
              : kind === 'devzone'
                ? 'chains.pickDevzone'
                : kind === 'park'
                  ? 'chains.pickPark'
                  : 'chains.pickBuilding',
          )}
          aria-label={t('chains.scope')}
          data-testid={`${testId}-value`}
          options={options}
          loading={
            districts.isPending ||
            devzones.isPending ||
            parks.isPending ||
            (kind === 'building' && buildings.isFetching)
          }
          filterOption={
            kind === 'building'
              ? false
              : (input, o) =>
                  String(o?.label ?? '')
                    .toLowerCase()
                    .includes(input.toLowerCase())
          }
          onSearch={kind === 'building' ? setQ : undefined}
          onChange={(v: string) => onChange(v)}
          popupMatchSelectWidth={false}
        />
      )}
    </Flex>
  );
}

export function SuggestedSwitch({ value, onChange }: { value: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('chains.includeSuggestedTip')}>
      <Flex gap={6} align="center">
        <Switch size="small" checked={value} onChange={onChange} data-testid="include-suggested" />
        <Typography.Text>{t('chains.includeSuggested')}</Typography.Text>
      </Flex>
    </Tooltip>
  );
}
