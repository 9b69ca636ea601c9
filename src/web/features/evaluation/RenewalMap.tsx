/**
 * The park renewal map: each located park coloured by its renewal class (改园换企 / 留园换企 / 留园留企),
 * the rule that classified it and its values in the popup. Drawn with the app's offline map
 * (components/GeoScatter, as the park pages), no map library of its own.
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
    return RENEWAL_MODES.map((mode) => ({
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
  }, [view, t, i18n, lang, pickName]);
  const unlocated = view.items.filter((x) => x.lat === null || x.lng === null).length;
  return (
    <div data-testid="evaluation-renewal-map">
      <GeoScatter groups={groups} height={380} aspect={2.2} onPointClick={(_g, id) => navigate(`/parks/${id}`)} />
      {unlocated > 0 && (
        <div style={{ color: '#8c8c8c', fontSize: 12 }}>{t('evaluation.unlocatedParks', { n: unlocated })}</div>
      )}
    </div>
  );
}
