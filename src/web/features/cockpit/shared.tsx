/** Shared pieces of the cockpit pages: the scope picker and a figure card. */
import { Card, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { englishAmounts } from '../../app/format';
import { useUrlState } from '../../app/useUrlState';
import { useAllParks, useDevzones, useDistricts, useEnterprise } from '../../client/queries';
import type { TFigure, TTargetProgress } from './api';
import { useEventOptions } from './api';

/** A cockpit message key (typed as one of them, as the other features do). */
export const k = (key: string) => `cockpit.${key}` as 'cockpit.title';

/** The scope in the URL (?scope=city | district:420111 | park:ID). */
export function useScope(): [string, (s: string) => void] {
  const { get, set } = useUrlState();
  return [get('scope') ?? 'city', (s) => set({ scope: s === 'city' ? undefined : s })];
}

export function ScopePicker({
  value,
  onChange,
  parks = true,
}: {
  value: string;
  onChange: (s: string) => void;
  parks?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const districts = useDistricts();
  const all = useAllParks();
  const zones = useDevzones();
  const en = i18n.language.startsWith('en');
  const options = [
    { label: t(k('city')), value: 'city' },
    {
      label: t(k('district')),
      options: (districts.data?.items ?? []).map((d) => ({ label: d.name, value: `district:${d.code}` })),
    },
    {
      label: t(k('devzone')),
      options: (zones.data?.items ?? []).map((z) => ({ label: en ? z.nameEn : z.nameZh, value: `devzone:${z.code}` })),
    },
    ...(parks
      ? [
          {
            label: t(k('park')),
            options: (all.data?.items ?? [])
              .filter((p) => p.parentId === null)
              .map((p) => ({ label: p.name, value: `park:${p.id}` })),
          },
        ]
      : []),
  ];
  return (
    <Space>
      <Typography.Text>{t(k('scope'))}</Typography.Text>
      <Select
        data-testid="cockpit-scope"
        showSearch
        optionFilterProp="label"
        style={{ width: 260 }}
        value={value}
        onChange={onChange}
        options={options}
      />
    </Space>
  );
}

/** A target's unit in the reader's language: the figure's own unit when the target states it in that unit. */
export function targetUnit(tp: TTargetProgress, en: boolean): string {
  return en && tp.figureUnit && tp.unit === tp.figureUnit.zh ? tp.figureUnit.en : tp.unit;
}

/**
 * A target's value (and its progress, when given) with its unit, as the reader counts: in English a target of
 * "200 万m²" reads "2 million m²" and its progress shares that scale.
 */
export function targetAmounts(tp: TTargetProgress, en: boolean, withCurrent: boolean): string {
  const values = withCurrent && tp.current !== null && tp.current !== undefined ? [tp.current, tp.value] : [tp.value];
  const unitEn = targetUnit(tp, en);
  const a = en ? englishAmounts(values, tp.unit, unitEn) : { texts: values.map(String), unit: tp.unit };
  const shown = withCurrent ? (values.length === 2 ? a.texts.join(' / ') : `— / ${a.texts[0]}`) : (a.texts[0] ?? '');
  return a.unit ? `${shown} ${a.unit}` : shown;
}

/** A target's progress figure alone: a bare number in Chinese (the value column has the unit), with its unit in English. */
export function targetCurrent(tp: TTargetProgress, en: boolean): string {
  if (tp.current === null || tp.current === undefined) return '—';
  if (!en) return String(tp.current);
  const a = englishAmounts([tp.current], tp.unit, targetUnit(tp, en));
  return a.unit ? `${a.texts[0]} ${a.unit}` : (a.texts[0] ?? '—');
}

export function FigureCard({ f, big = false }: { f: TFigure; big?: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const label = en ? f.label.en : f.label.zh;
  // English counts in thousands, millions and billions, not in 万 and 亿.
  const amount = en && f.value !== null ? englishAmounts([f.value], f.unit.zh, f.unit.en) : null;
  const unit = amount ? amount.unit : f.unit.zh;
  const body = (
    <Card size="small" hoverable={!!f.link} data-testid={`figure-${f.key}`} style={{ height: '100%' }}>
      <Statistic
        title={label}
        // A withheld figure shows a dash; the tag below says why.
        value={f.redacted ? '—' : f.value === null ? t(k('unknown')) : (amount?.texts[0] ?? f.value)}
        suffix={f.redacted || f.value === null ? undefined : unit}
        valueStyle={{ fontSize: big ? 40 : 24 }}
      />
      <Space size={4} wrap>
        {f.redacted && <Tag>{t(k('withheld'))}</Tag>}
        {f.asOf && (
          <Typography.Text type="secondary" style={{ fontSize: big ? 14 : 12 }}>
            {t(k('asOf'), { date: f.asOf })}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
  return f.link ? <Link to={f.link}>{body}</Link> : body;
}

/** A scope or subject by name — city, district, zone, park, enterprise or event — never its code. */
export function ScopeLabel({ v }: { v: string }) {
  const { t, i18n } = useTranslation();
  const [kind, id] = v.split(':');
  const districts = useDistricts();
  const parks = useAllParks();
  const zones = useDevzones();
  const firm = useEnterprise(kind === 'enterprise' ? Number(id) : undefined);
  const events = useEventOptions(kind === 'event');
  const en = i18n.language.startsWith('en');
  if (kind === 'city') return <>{t(k('city'))}</>;
  if (kind === 'district') return <>{districts.data?.items.find((d) => d.code === id)?.name ?? '…'}</>;
  if (kind === 'devzone') {
    const z = zones.data?.items.find((x) => x.code === id);
    return <>{z ? (en ? z.nameEn : z.nameZh) : '…'}</>;
  }
  if (kind === 'park') return <>{parks.data?.items.find((p) => p.id === Number(id))?.name ?? '…'}</>;
  if (kind === 'enterprise') return <>{firm.data?.name ?? (firm.isError ? t(k('withheld')) : '…')}</>;
  if (kind === 'event') return <>{events.data?.find((e) => e.id === Number(id))?.name ?? '…'}</>;
  return <>{'—'}</>;
}
