/**
 * 楼层索引 — the floor directory: floors from the top down, each with its specification and its
 * units, tenants drawn as chips coloured by chain stage (or by industry division). A building
 * whose tenants run from chip design on top to application services below reads at a glance.
 */
import { Flex, Segmented, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { floorLabel, fmtNumber, fmtPercent, parseIntParam } from '../../app/format';
import { divisionColor, OTHER_COLOR, stageColor, useLabels } from '../../app/labels';
import { useUrlState } from '../../app/useUrlState';
import { useIndustryClasses } from '../../client/queries';
import type { DirectoryFloor, DirectoryTenant, DirectoryUnit } from '../../client/types';
import { CHAIN_STAGES } from '../../client/types';
import { EmptyState } from '../../components/states';

type ColorMode = 'stage' | 'industry';

const division = (t: DirectoryTenant) => t.industryClassCode?.slice(0, 2) ?? null;
/** A unit is vacant when nobody occupies it, whatever its status says. */
const isVacant = (u: DirectoryUnit) => u.tenants.length === 0 && u.status !== 'reserved';

export function FloorDirectory({ floors }: { floors: DirectoryFloor[] }) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const { get, set } = useUrlState();
  const lang = i18n.language;
  const mode: ColorMode = get('color') === 'industry' ? 'industry' : 'stage';
  const selected = parseIntParam(get('floor'));
  const only = get('only') === '1' && selected !== undefined;
  const selectedUnit = get('unit');
  const divisions = useIndustryClasses({ level: 'division' }, mode === 'industry');
  const divisionName = useMemo(
    () => new Map((divisions.data?.items ?? []).map((d) => [d.code, d.name])),
    [divisions.data],
  );

  // Floors are served top first; keep that order even if a client sorts differently.
  const ordered = useMemo(() => [...floors].sort((a, b) => b.floorNo - a.floorNo), [floors]);
  const shown = only ? ordered.filter((f) => f.floorNo === selected) : ordered;

  useEffect(() => {
    if (selected === undefined) return;
    document
      .querySelector(`[data-testid="floor-${selected}"]`)
      ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected]);

  const tenants = ordered.flatMap((f) => f.units.flatMap((u) => u.tenants));
  const colorOf = (x: DirectoryTenant) => (mode === 'stage' ? stageColor(x.chainStage) : divisionColor(division(x)));

  const legend =
    mode === 'stage'
      ? [
          ...CHAIN_STAGES.map((s) => ({ key: s, color: stageColor(s), text: label('chainStage', s) })),
          ...(tenants.some((x) => !x.chainStage)
            ? [{ key: 'none', color: OTHER_COLOR, text: t('directory.unknownStage') }]
            : []),
        ]
      : [...new Set(tenants.map(division))]
          .sort((a, b) => (a ?? '99').localeCompare(b ?? '99'))
          .map((d) => ({
            key: d ?? 'none',
            color: divisionColor(d),
            text: d ? `${d} ${divisionName.get(d) ?? ''}`.trim() : t('directory.unknownIndustry'),
          }));

  const units = ordered.flatMap((f) => f.units);
  const vacant = units.filter(isVacant).length;
  const anySynthetic = tenants.some((x) => x.synthetic);

  return (
    <div data-testid="floor-directory">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 10 }}>
        <Space wrap>
          <Select<number>
            allowClear
            prefix={<span style={{ color: '#6b7280' }}>{t('directory.floorFilter')}</span>}
            placeholder={t('directory.allFloors')}
            value={selected}
            onChange={(v) => set({ floor: v, only: v === undefined ? undefined : get('only') }, { replace: true })}
            options={ordered.map((f) => ({ value: f.floorNo, label: floorLabel(f.floorNo) }))}
            style={{ width: 160 }}
            data-testid="floor-filter"
            aria-label={t('directory.floorFilter')}
          />
          <Space size={4}>
            <Switch
              size="small"
              checked={only}
              disabled={selected === undefined}
              onChange={(v) => set({ only: v ? '1' : undefined }, { replace: true })}
              data-testid="only-floor"
              aria-label={t('directory.onlyThisFloor')}
            />
            <Typography.Text type={selected === undefined ? 'secondary' : undefined}>
              {t('directory.onlyThisFloor')}
            </Typography.Text>
          </Space>
        </Space>
        <Space wrap>
          <Typography.Text type="secondary">{t('directory.colorBy')}</Typography.Text>
          <Segmented<ColorMode>
            size="small"
            value={mode}
            onChange={(v) => set({ color: v === 'industry' ? 'industry' : undefined }, { replace: true })}
            options={[
              { value: 'stage', label: t('directory.colorByStage') },
              { value: 'industry', label: t('directory.colorByIndustry') },
            ]}
            data-testid="color-mode"
          />
        </Space>
      </Flex>
      <Flex wrap gap={14} align="center" style={{ marginBottom: 10, fontSize: 12 }} data-testid="directory-legend">
        <Typography.Text strong style={{ fontSize: 12 }}>
          {t('directory.legend')}
        </Typography.Text>
        {legend.map((l) => (
          <span key={l.key}>
            <span className="legend-dot" style={{ background: l.color }} />
            {l.text}
          </span>
        ))}
        <span>
          <span className="legend-dot" style={{ background: '#fff', border: '1px dashed #9ca3af' }} />
          {t('directory.vacant')}
        </span>
        {anySynthetic && <span>* {t('synthetic.badge')}</span>}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto' }}>
          {units.length > 0 &&
            `${t('directory.occupancy')} ${fmtPercent((units.length - vacant) / units.length, 0, lang)} · ${t('directory.vacantUnits', { count: vacant })} · `}
          {t('directory.clickTenant')}
        </Typography.Text>
      </Flex>
      {ordered.length === 0 ? (
        <EmptyState description={t('directory.noFloors')} />
      ) : (
        <ul className="dir-list">
          {shown.map((f) => (
            <FloorRow
              key={f.id}
              floor={f}
              colorOf={colorOf}
              selected={selected === f.floorNo}
              dim={selected !== undefined && selected !== f.floorNo}
              selectedUnit={selected === f.floorNo ? selectedUnit : undefined}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function FloorRow({
  floor,
  colorOf,
  selected,
  dim,
  selectedUnit,
}: {
  floor: DirectoryFloor;
  colorOf: (x: DirectoryTenant) => string;
  selected: boolean;
  dim: boolean;
  selectedUnit?: string;
}) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const lang = i18n.language;
  const specs = [
    floor.floorLoadKnM2 != null && `${fmtNumber(floor.floorLoadKnM2, 1, lang)} ${t('units.knm2')}`,
    floor.clearHeightM != null && `${fmtNumber(floor.clearHeightM, 1, lang)} ${t('units.meter')}`,
    floor.powerKva != null && `${fmtNumber(floor.powerKva, 0, lang)} ${t('units.kva')}`,
  ].filter((x): x is string => !!x);
  const specTitle = [
    floor.floorLoadKnM2 != null &&
      `${t('directory.load')} ${fmtNumber(floor.floorLoadKnM2, 1, lang)} ${t('units.knm2')}`,
    floor.clearHeightM != null &&
      `${t('directory.clearHeight')} ${fmtNumber(floor.clearHeightM, 1, lang)} ${t('units.meter')}`,
    floor.powerKva != null && `${t('directory.power')} ${fmtNumber(floor.powerKva, 0, lang)} ${t('units.kva')}`,
    floor.areaM2 != null && `${t('directory.area')} ${fmtNumber(floor.areaM2, 0, lang)} ${t('units.m2')}`,
  ]
    .filter((x): x is string => !!x)
    .join('\n');
  return (
    <li
      className={`dir-row${selected ? ' is-selected' : ''}${dim ? ' is-dim' : ''}`}
      data-testid={`floor-${floor.floorNo}`}
      data-floor={floor.floorNo}
      aria-current={selected ? 'true' : undefined}
    >
      <div className="dir-floor">
        <div className="dir-floor-no">{floorLabel(floor.floorNo)}</div>
        <div className="dir-floor-spec" title={specTitle} data-testid={`floor-spec-${floor.floorNo}`}>
          <div>{specs.join(' · ')}</div>
          {floor.features.length > 0 && <div>{floor.features.map((x) => label('floorFeature', x)).join(' · ')}</div>}
        </div>
      </div>
      <div className="dir-units">
        {floor.units.length === 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12, alignSelf: 'center' }}>
            {t('directory.noUnits')}
          </Typography.Text>
        ) : (
          floor.units.map((u) => (
            <UnitBox key={u.id} unit={u} colorOf={colorOf} highlighted={selectedUnit === u.code} />
          ))
        )}
      </div>
    </li>
  );
}

function UnitBox({
  unit,
  colorOf,
  highlighted,
}: {
  unit: DirectoryUnit;
  colorOf: (x: DirectoryTenant) => string;
  highlighted: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { label } = useLabels();
  const navigate = useNavigate();
  const lang = i18n.language;
  const vacant = isVacant(unit);
  return (
    <div
      className={`dir-unit${vacant ? ' is-vacant' : ''}`}
      data-testid={`unit-${unit.code}`}
      data-status={unit.status}
      style={
        highlighted
          ? { outline: '2px solid #fa8c16', outlineOffset: 1 }
          : unit.status === 'reserved'
            ? { background: '#fffbe6' }
            : undefined
      }
    >
      <span className="dir-unit-code" title={unit.areaM2 != null ? `${fmtNumber(unit.areaM2, 0, lang)} m²` : undefined}>
        {unit.code}
      </span>
      {vacant ? (
        <span style={{ fontSize: 12, paddingInlineEnd: 4 }}>{t('directory.vacant')}</span>
      ) : unit.tenants.length === 0 ? (
        <span style={{ fontSize: 12, color: '#ad8b00', paddingInlineEnd: 4 }}>{label('unitStatus', unit.status)}</span>
      ) : (
        unit.tenants.map((x) => (
          <Tooltip
            key={x.enterpriseId}
            title={
              <div>
                <b>{x.name}</b>
                {x.industryClassCode && (
                  <div>
                    {x.industryClassName} ({x.industryClassCode})
                  </div>
                )}
                <div>
                  {x.chainCode ? label('chain', x.chainCode) : ''}{' '}
                  {x.chainStage ? `· ${label('chainStage', x.chainStage)}` : ''}
                </div>
                {x.areaM2 != null && <div>{fmtNumber(x.areaM2, 0, lang)} m²</div>}
                {x.synthetic && <div>{t('synthetic.badge')}</div>}
              </div>
            }
          >
            <button
              type="button"
              className="tenant-chip"
              style={{ background: colorOf(x) }}
              data-testid={`tenant-${x.enterpriseId}`}
              data-stage={x.chainStage ?? ''}
              onClick={() => navigate(`/enterprises/${x.enterpriseId}`)}
            >
              {x.name}
              {x.synthetic && <sup style={{ marginInlineStart: 3, opacity: 0.85 }}>*</sup>}
            </button>
          </Tooltip>
        ))
      )}
    </div>
  );
}
