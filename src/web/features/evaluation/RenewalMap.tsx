/**
 * The park renewal map: each located park coloured by its renewal class (改园换企 / 留园换企 / 留园留企),
 * the rule that classified it and its values in the popup; each plot (地块) likewise — drawn as its outline
 * (a filled polygon) when it has one, else as a smaller square at its point. Drawn with the app's offline
 * map (components/GeoScatter and its areas, as the park pages), no map library of its own.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { RENEWAL_MODES } from '../../../contracts/evaluation';
import { fmtFixed } from '../../app/format';
import { useLabels } from '../../app/labels';
import { type GeoGroup, GeoScatter } from '../../components/GeoScatter';
import type { TRenewalView } from './api';

const COLORS: Record<(typeof RENEWAL_MODES)[number], string> = {
  replace_park: '#cf1322',
  replace_firms: '#fa8c16',
  retain: '#389e0d',
};

export function RenewalMap({ view }: { view: TRenewalView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const { pickName } = useLabels();
  const navigate = useNavigate();
  const groups = useMemo<GeoGroup[]>(() => {
    const fieldLabel = (f: string) =>
      i18n.exists(`evaluation.rf_${f}`) ? t(`evaluation.rf_${f}` as 'evaluation.rf_dSharePct') : f;
    const num = (v: number | boolean | null) =>
      v === null
        ? '—'
        : typeof v === 'number'
          ? fmtFixed(v, 2, i18n.language)
          : t(v ? 'evaluation.yes' : 'evaluation.no');
    const because = (r: {
      label: { zh: string; en: string };
      because: TRenewalView['items'][number]['rule']['because'];
    }) => [
      `${t('evaluation.rule')}: ${r.label[lang]}`,
      ...r.because.map((b) => `${fieldLabel(b.field)}: ${num(b.actual)} ${b.op} ${num(b.value)}`),
    ];
    const plotInfo = (x: TRenewalView['plots'][number]) => ({
      id: String(x.parkId),
      name: `${pickName(x.name, x.nameEn)} · ${pickName(x.parkName, x.parkNameEn)}`,
      approximate: x.locationApproximate,
      detail: [
        `${t('evaluation.plotCode')}: ${x.code}`,
        `${t('evaluation.plotArea')}: ${fmtFixed(x.areaMu, 1, i18n.language)}`,
        `${t('evaluation.landUse')}: ${t(`evaluation.lu_${x.landUse}`)}`,
        ...(x.ownerName ? [`${t('evaluation.holder')}: ${x.ownerName}`] : []),
        ...(x.rule ? because(x.rule) : [t('evaluation.withheld')]),
        ...(x.synthetic ? [t('synthetic.badge')] : []),
      ],
    });
    const plotGroups: GeoGroup[] = [...RENEWAL_MODES, null].map((mode) => ({
      key: `plot:${mode ?? 'withheld'}`,
      name: t('evaluation.plotOnMap', { mode: mode ? t(`evaluation.mode_${mode}`) : t('evaluation.withheld') }),
      color: mode ? COLORS[mode] : '#8c8c8c',
      symbol: 'rect' as const,
      size: 8,
      opacity: 0.85,
      focus: false,
      z: 4,
      points: view.plots
        .filter((x) => x.mode === mode && x.outline === null && x.lat !== null && x.lng !== null)
        .map((x) => ({ ...plotInfo(x), lat: x.lat as number, lng: x.lng as number })),
      areas: view.plots
        .filter((x) => x.mode === mode && x.outline !== null && x.outline.length >= 3)
        .map((x) => ({ ...plotInfo(x), ring: x.outline as [number, number][] })),
    }));
    const parkGroups: GeoGroup[] = RENEWAL_MODES.map((mode) => ({
      key: mode,
      name: t(`evaluation.mode_${mode}`),
      color: COLORS[mode],
      size: 13,
      z: mode === 'retain' ? 2 : 3,
      points: view.items
        .filter((x) => x.mode === mode && x.lat !== null && x.lng !== null)
        .map((x) => ({
          id: String(x.parkId),
          name: pickName(x.parkName, x.parkNameEn),
          lat: x.lat as number,
          lng: x.lng as number,
          approximate: x.locationApproximate,
          detail: [
            `${t('evaluation.rule')}: ${x.rule.label[lang]}`,
            ...x.rule.because.map((b) => `${fieldLabel(b.field)}: ${num(b.actual)} ${b.op} ${num(b.value)}`),
            ...(x.rule.because.length === 0
              ? [
                  `${fieldLabel('dSharePct')}: ${num(x.facts.dSharePct)}`,
                  `${fieldLabel('vacancyPct')}: ${num(x.facts.vacancyPct)}`,
                ]
              : []),
            `${t('evaluation.projects')}: ${x.projects}`,
          ],
        })),
    }));
    return [...parkGroups, ...plotGroups.filter((g) => g.points.length > 0 || (g.areas?.length ?? 0) > 0)];
  }, [view, t, i18n, lang, pickName]);
  const unlocated = view.items.filter((x) => x.lat === null || x.lng === null).length;
  const unlocatedPlots = view.plots.filter((x) => x.lat === null || x.lng === null).length;
  return (
    <div data-testid="evaluation-renewal-map" data-outlines={groups.reduce((n, g) => n + (g.areas?.length ?? 0), 0)}>
      <GeoScatter
        groups={groups}
        height={380}
        aspect={2.2}
        testId="evaluation-renewal-geo"
        zoom
        onPointClick={(_g, id) => navigate(`/parks/${id}`)}
      />
      <div style={{ color: '#8c8c8c', fontSize: 12 }} data-testid="evaluation-renewal-map-key">
        {t('evaluation.mapKey', { n: view.plots.length - unlocatedPlots })}
      </div>
      {unlocated > 0 && (
        <div style={{ color: '#8c8c8c', fontSize: 12 }}>{t('evaluation.unlocatedParks', { n: unlocated })}</div>
      )}
      {unlocatedPlots > 0 && (
        <div style={{ color: '#8c8c8c', fontSize: 12 }}>{t('evaluation.unlocatedPlots', { n: unlocatedPlots })}</div>
      )}
    </div>
  );
}
