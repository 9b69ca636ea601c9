/**
 * The rule-set editor (tab 规则集 of /evaluation): every version of the per-mu, tier and renewal rule sets;
 * open one, change it and save it as a new draft version (a published version is never edited in place),
 * edit a draft, publish it. Per-mu documents get forms for what a bureau changes most — indicators
 * (added and removed) with label, formula fields, unit, weight, benchmark and missing-data rule; bands
 * (added and removed); bonus and penalty points — tier and renewal documents a form for their conditions
 * (added and removed; field, operator, value); the whole document is editable as JSON for the rest. The
 * server checks every version and refuses it with each problem naming rule and field (zh and en).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCondition, TPerMuDocument, TRequirement, TRuleSet, TRuleSetInput } from '../../../contracts/evaluation';
import { FIELDS } from '../../../domain/evaluation/fields';
import { usePermissions } from '../../app/permissions';
import { problemText } from '../../app/problems';
import { ApiError, api } from '../../client/client';
import { QueryView } from '../../components/states';
import { B, useRuleSet, useRuleSets } from './api';
import { OPS, RENEWAL_FIELDS, ruleSetName } from './labels';

type Doc = TRuleSetInput['document'];

/** The input of a new version from a stored one (what the server keeps apart: id, version, status …). */
function toInput(rs: TRuleSet): TRuleSetInput {
  return {
    code: rs.code,
    name: rs.name,
    nameEn: rs.nameEn ?? null,
    regionCode: rs.regionCode ?? null,
    effectiveFrom: rs.effectiveFrom,
    verified: rs.verified,
    assumption: rs.assumption,
    source: rs.source,
    document: structuredClone(rs.document),
  };
}

/** Every condition of a tier document with a setter, requirements nested in any/all included. */
function tierConditions(doc: Doc, lang: 'zh' | 'en') {
  const out: { key: string; tier: string; req: TRequirement; cond: TCondition; remove: () => void }[] = [];
  if (doc.kind !== 'tier') return out;
  const walk = (tier: string, reqs: TRequirement[], path: string) => {
    reqs.forEach((r, i) => {
      if (r.condition)
        out.push({ key: `${path}.${i}`, tier, req: r, cond: r.condition, remove: () => reqs.splice(i, 1) });
      if (r.of) walk(tier, r.of, `${path}.${i}.of`);
    });
  };
  for (const [i, t] of doc.tiers.entries()) walk(t.label[lang], t.requirements, `t${i}`);
  return out;
}

const FIELD_DEFS: Record<string, { zh: string; en: string; unit: string; kind: string }> = FIELDS;
const NUMBER_FIELDS = Object.keys(FIELD_DEFS).filter((k) => FIELD_DEFS[k]?.kind === 'number');

/** A code not yet used in `taken`: prefix1, prefix2 … */
function freshCode(prefix: string, taken: readonly string[]): string {
  for (let i = 1; ; i++) if (!taken.includes(`${prefix}${i}`)) return `${prefix}${i}`;
}

function RemoveButton({ onClick, testId, title }: { onClick: () => void; testId: string; title: string }) {
  return (
    <Button
      size="small"
      danger
      type="text"
      icon={<DeleteOutlined />}
      onClick={onClick}
      data-testid={testId}
      title={title}
      aria-label={title}
    />
  );
}

function PerMuForm({ doc, onChange, lang }: { doc: TPerMuDocument; onChange: () => void; lang: 'zh' | 'en' }) {
  const { t } = useTranslation();
  const fieldOptions = NUMBER_FIELDS.map((k) => ({ value: k, label: FIELD_DEFS[k]?.[lang] ?? k }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {doc.buckets.map((b, bi) => (
        <Card
          key={b.code}
          size="small"
          title={`${t('evaluation.bucket')}: ${b.label[lang]}`}
          extra={
            <Space>
              <Button
                size="small"
                icon={<PlusOutlined />}
                data-testid={`rs-add-indicator-${bi}`}
                onClick={() => {
                  b.indicators.push({
                    code: freshCode(
                      'indicator_',
                      b.indicators.map((x) => x.code),
                    ),
                    label: { zh: '新指标', en: 'New indicator' },
                    numerator: 'taxWan',
                    denominator: 'landMu',
                    factor: 1,
                    unit: '万元/亩',
                    weight: 0,
                    benchmark: { kind: 'fixed', value: 1 },
                    cap: null,
                    missing: 'zero',
                  });
                  onChange();
                }}
              >
                {t('evaluation.addIndicator')}
              </Button>
              {t('evaluation.weightTotal')}
              <InputNumber
                size="small"
                value={b.weightTotal}
                data-testid={`rs-weight-total-${bi}`}
                onChange={(v) => {
                  b.weightTotal = v ?? 0;
                  onChange();
                }}
              />
            </Space>
          }
        >
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={b.indicators}
            scroll={{ x: 1250 }}
            columns={[
              {
                title: t('evaluation.indicator'),
                width: 170,
                render: (_, x, i) => (
                  <Input
                    size="small"
                    value={x.label[lang]}
                    data-testid={`rs-ind-label-${bi}-${i}`}
                    onChange={(e) => {
                      x.label = { ...x.label, [lang]: e.target.value };
                      onChange();
                    }}
                  />
                ),
              },
              {
                title: t('evaluation.formula'),
                width: 300,
                render: (_, x, i) => (
                  <Space.Compact>
                    <Select
                      size="small"
                      style={{ width: 140 }}
                      showSearch
                      optionFilterProp="label"
                      value={x.numerator}
                      options={fieldOptions}
                      data-testid={`rs-ind-num-${bi}-${i}`}
                      onChange={(v) => {
                        x.numerator = v;
                        onChange();
                      }}
                    />
                    <Select
                      size="small"
                      style={{ width: 140 }}
                      showSearch
                      allowClear
                      optionFilterProp="label"
                      placeholder={t('evaluation.noDenominator')}
                      value={x.denominator ?? undefined}
                      options={fieldOptions}
                      onChange={(v) => {
                        x.denominator = v ?? null;
                        onChange();
                      }}
                    />
                  </Space.Compact>
                ),
              },
              {
                title: t('evaluation.unit'),
                width: 100,
                render: (_, x) => (
                  <Input
                    size="small"
                    value={x.unit}
                    onChange={(e) => {
                      x.unit = e.target.value;
                      onChange();
                    }}
                  />
                ),
              },
              {
                title: t('evaluation.weight'),
                width: 80,
                render: (_, x, i) => (
                  <InputNumber
                    size="small"
                    value={x.weight}
                    data-testid={`rs-weight-${bi}-${i}`}
                    onChange={(v) => {
                      x.weight = v ?? 0;
                      onChange();
                    }}
                  />
                ),
              },
              {
                title: t('evaluation.benchmark'),
                width: 320,
                render: (_, x) => (
                  <Space.Compact>
                    <Select
                      size="small"
                      style={{ width: 200 }}
                      value={x.benchmark.kind}
                      onChange={(k) => {
                        x.benchmark =
                          k === 'fixed'
                            ? { kind: 'fixed', value: 1 }
                            : { kind: 'multiple_of_last_year_average', multiple: 1, average: 'ratio_of_sums' };
                        onChange();
                      }}
                      options={[
                        { value: 'fixed', label: t('evaluation.benchmarkFixed') },
                        { value: 'multiple_of_last_year_average', label: t('evaluation.benchmarkMultiple') },
                      ]}
                    />
                    <InputNumber
                      size="small"
                      style={{ width: 120 }}
                      value={x.benchmark.kind === 'fixed' ? x.benchmark.value : x.benchmark.multiple}
                      onChange={(v) => {
                        if (x.benchmark.kind === 'fixed') x.benchmark.value = v ?? 0;
                        else x.benchmark.multiple = v ?? 0;
                        onChange();
                      }}
                    />
                  </Space.Compact>
                ),
              },
              {
                title: t('evaluation.missingRule'),
                width: 200,
                render: (_, x) => (
                  <Select
                    size="small"
                    style={{ width: 190 }}
                    value={x.missing}
                    onChange={(m) => {
                      x.missing = m;
                      onChange();
                    }}
                    options={(['zero', 'average', 'not_assessed'] as const).map((m) => ({
                      value: m,
                      label: t(`evaluation.missing_${m}`),
                    }))}
                  />
                ),
              },
              {
                title: '',
                width: 44,
                fixed: 'right',
                render: (_, _x, i) => (
                  <RemoveButton
                    title={t('evaluation.remove')}
                    testId={`rs-ind-remove-${bi}-${i}`}
                    onClick={() => {
                      b.indicators.splice(i, 1);
                      onChange();
                    }}
                  />
                ),
              },
            ]}
          />
        </Card>
      ))}
      <Card
        size="small"
        title={t('evaluation.bands')}
        extra={
          <Space>
            <Button
              size="small"
              icon={<PlusOutlined />}
              data-testid="rs-add-band"
              onClick={() => {
                const last = doc.bands.bands[doc.bands.bands.length - 1];
                doc.bands.bands.push({ class: 'D', from: last?.to ?? 0, to: null });
                onChange();
              }}
            >
              {t('evaluation.addBand')}
            </Button>
            <Select
              size="small"
              style={{ width: 160 }}
              value={doc.bands.by}
              onChange={(by) => {
                doc.bands.by = by;
                onChange();
              }}
              options={[
                { value: 'score', label: t('evaluation.bandsByScore') },
                { value: 'share', label: t('evaluation.bandsByShare') },
              ]}
            />
          </Space>
        }
      >
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={doc.bands.bands}
          columns={[
            {
              title: t('evaluation.class'),
              width: 100,
              render: (_: unknown, x: TPerMuDocument['bands']['bands'][number], i: number) => (
                <Select
                  size="small"
                  style={{ width: 80 }}
                  value={x.class}
                  data-testid={`rs-band-class-${i}`}
                  options={(['A', 'B', 'C', 'D'] as const).map((c) => ({ value: c, label: c }))}
                  onChange={(c) => {
                    x.class = c;
                    onChange();
                  }}
                />
              ),
            },
            ...(['from', 'to'] as const).map((k) => ({
              title: t(`evaluation.band_${k}`),
              render: (_: unknown, x: TPerMuDocument['bands']['bands'][number], i: number) => (
                <InputNumber
                  size="small"
                  style={{ width: 130 }}
                  value={x[k]}
                  placeholder={k === 'to' ? t('evaluation.noUpperEnd') : undefined}
                  data-testid={`rs-band-${k}-${i}`}
                  onChange={(v) => {
                    if (k === 'to') x.to = v ?? null;
                    else x.from = v ?? 0;
                    onChange();
                  }}
                />
              ),
            })),
            {
              title: '',
              width: 44,
              render: (_: unknown, _x: unknown, i: number) => (
                <RemoveButton
                  title={t('evaluation.remove')}
                  testId={`rs-band-remove-${i}`}
                  onClick={() => {
                    doc.bands.bands.splice(i, 1);
                    onChange();
                  }}
                />
              ),
            },
          ]}
        />
      </Card>
      {doc.adjustments.length > 0 && (
        <Card size="small" title={t('evaluation.adjustments')}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={doc.adjustments}
            columns={[
              { title: t('evaluation.item'), render: (_, x) => x.label[lang] },
              {
                title: t('evaluation.points'),
                width: 120,
                render: (_, x) => (
                  <InputNumber
                    size="small"
                    value={x.points}
                    onChange={(v) => {
                      x.points = v ?? 0;
                      onChange();
                    }}
                  />
                ),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

function ConditionsForm({ doc, onChange, lang }: { doc: Doc; onChange: () => void; lang: 'zh' | 'en' }) {
  const { t, i18n } = useTranslation();
  const [group, setGroup] = useState(0);
  const renewalLabel = (f: string) =>
    i18n.exists(`evaluation.rf_${f}`) ? t(`evaluation.rf_${f}` as 'evaluation.rf_dSharePct') : f;
  const fieldLabel = (f: string) => FIELD_DEFS[f]?.[lang] ?? renewalLabel(f);
  const fieldNames: string[] = doc.kind === 'tier' ? Object.keys(FIELD_DEFS) : [...RENEWAL_FIELDS];
  const fieldOptions = fieldNames.map((k) => ({ value: k, label: fieldLabel(k) }));
  type Row = {
    key: string;
    group: string;
    label: { zh: string; en: string };
    setLabel?: (l: { zh: string; en: string }) => void;
    clause: string;
    setClause?: (c: string) => void;
    cond: TCondition;
    remove: () => void;
  };
  const rows: Row[] =
    doc.kind === 'tier'
      ? tierConditions(doc, lang).map((r) => ({
          key: r.key,
          group: r.tier,
          label: r.req.label,
          setLabel: (l) => {
            r.req.label = l;
          },
          clause: r.req.clause,
          setClause: (c) => {
            r.req.clause = c;
          },
          cond: r.cond,
          remove: r.remove,
        }))
      : doc.kind === 'renewal'
        ? doc.rules.flatMap((r, i) =>
            r.when.map((c, j) => ({
              key: `r${i}.${j}`,
              group: r.label[lang],
              label: r.label,
              clause: r.clause,
              cond: c,
              remove: () => r.when.splice(j, 1),
            })),
          )
        : [];
  const groups =
    doc.kind === 'tier'
      ? doc.tiers.map((x) => x.label[lang])
      : doc.kind === 'renewal'
        ? doc.rules.map((x) => x.label[lang])
        : [];
  if (groups.length === 0) return null;
  const add = () => {
    const field = doc.kind === 'tier' ? 'rndSharePct' : 'vacancyPct';
    const cond: TCondition = {
      field,
      op: '>=',
      value: 0,
      unit: FIELD_DEFS[field]?.unit || (field === 'vacancyPct' ? '%' : null),
    };
    if (doc.kind === 'tier') {
      const tier = doc.tiers[group];
      if (!tier) return;
      tier.requirements.push({
        kind: 'condition',
        id: freshCode(
          'condition_',
          tier.requirements.map((r) => r.id),
        ),
        label: { zh: '新条件', en: 'New condition' },
        clause: t('evaluation.newClause'),
        condition: cond,
      });
    } else if (doc.kind === 'renewal') doc.rules[group]?.when.push(cond);
    onChange();
  };
  const setField = (c: TCondition, f: string) => {
    c.field = f;
    const def = FIELD_DEFS[f];
    if (def?.kind === 'boolean') {
      c.value = true;
      if (c.op !== '=' && c.op !== '!=') c.op = '=';
      c.unit = null;
    } else {
      if (typeof c.value === 'boolean') c.value = 0;
      c.unit = def
        ? def.unit || null
        : f === 'dSharePct' || f === 'vacancyPct'
          ? '%'
          : f === 'buildingAgeYears'
            ? '年'
            : null;
    }
    onChange();
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          size="small"
          style={{ minWidth: 260 }}
          value={group}
          onChange={setGroup}
          data-testid="rs-cond-group"
          options={groups.map((g, i) => ({ value: i, label: g }))}
        />
        <Button size="small" icon={<PlusOutlined />} onClick={add} data-testid="rs-add-condition">
          {t('evaluation.addCondition')}
        </Button>
      </Space>
      <Table
        size="small"
        rowKey="key"
        pagination={{ pageSize: 20, showSizeChanger: false }}
        dataSource={rows}
        scroll={{ x: 1150 }}
        data-testid="rs-conditions"
        columns={[
          { title: t('evaluation.rule'), width: 200, render: (_, x) => x.group },
          {
            title: t('evaluation.condition'),
            width: 220,
            render: (_, x) =>
              x.setLabel ? (
                <Input
                  size="small"
                  value={x.label[lang]}
                  onChange={(e) => {
                    x.setLabel?.({ ...x.label, [lang]: e.target.value });
                    onChange();
                  }}
                />
              ) : (
                x.clause
              ),
          },
          ...(doc.kind === 'tier'
            ? [
                {
                  title: t('evaluation.clause'),
                  width: 160,
                  render: (_: unknown, x: Row) => (
                    <Input
                      size="small"
                      value={x.clause}
                      onChange={(e) => {
                        x.setClause?.(e.target.value);
                        onChange();
                      }}
                    />
                  ),
                },
              ]
            : []),
          {
            title: t('evaluation.field'),
            width: 200,
            render: (_, x, i) => (
              <Select
                size="small"
                style={{ width: 190 }}
                showSearch
                optionFilterProp="label"
                value={x.cond.field}
                options={
                  fieldNames.includes(x.cond.field)
                    ? fieldOptions
                    : [...fieldOptions, { value: x.cond.field, label: x.cond.field }]
                }
                data-testid={`rs-cond-field-${i}`}
                onChange={(f) => setField(x.cond, f)}
              />
            ),
          },
          {
            title: '',
            width: 70,
            render: (_, x) => (
              <Select
                size="small"
                style={{ width: 64 }}
                value={x.cond.op}
                options={OPS.map((o) => ({ value: o, label: o }))}
                onChange={(o) => {
                  x.cond.op = o;
                  onChange();
                }}
              />
            ),
          },
          {
            title: t('evaluation.value'),
            width: 120,
            render: (_, x, i) =>
              typeof x.cond.value === 'boolean' ? (
                <Select
                  size="small"
                  style={{ width: 90 }}
                  value={x.cond.value}
                  options={[
                    { value: true, label: t('evaluation.yes') },
                    { value: false, label: t('evaluation.no') },
                  ]}
                  onChange={(v) => {
                    x.cond.value = v;
                    onChange();
                  }}
                />
              ) : (
                <InputNumber
                  size="small"
                  value={x.cond.value}
                  data-testid={`rs-cond-value-${i}`}
                  onChange={(v) => {
                    x.cond.value = v ?? 0;
                    onChange();
                  }}
                />
              ),
          },
          { title: t('evaluation.unit'), width: 70, render: (_, x) => x.cond.unit ?? '' },
          {
            title: '',
            width: 44,
            render: (_, x, i) => (
              <RemoveButton
                title={t('evaluation.remove')}
                testId={`rs-cond-remove-${i}`}
                onClick={() => {
                  x.remove();
                  onChange();
                }}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}

function Editor({ id, onOpen }: { id: number; onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const qc = useQueryClient();
  const p = usePermissions();
  const rs = useRuleSet(id);
  const [draft, setDraft] = useState<TRuleSetInput | null>(null);
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (rs.data) {
      const input = toInput(rs.data);
      setDraft(input);
      setJson(JSON.stringify(input.document, null, 2));
    }
  }, [rs.data]);
  const touch = () => {
    if (!draft) return;
    setDraft({ ...draft });
    setJson(JSON.stringify(draft.document, null, 2));
  };
  const act = async (what: 'version' | 'save' | 'publish') => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const out =
        what === 'version'
          ? await api.post<TRuleSet>(`${B}/rule-sets`, draft)
          : what === 'save'
            ? await api.put<TRuleSet>(`${B}/rule-sets/${id}`, draft)
            : await api.post<TRuleSet>(`${B}/rule-sets/${id}/publish`, {});
      await qc.invalidateQueries({ queryKey: ['evaluation'] });
      setSaved(
        t(out.status === 'published' ? 'evaluation.publishedAs' : 'evaluation.savedAs', {
          code: out.code,
          version: out.version,
        }),
      );
      onOpen(out.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const problems = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (
    <QueryView query={rs}>
      {(r) =>
        draft && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="rule-set-editor">
            <Space wrap>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {ruleSetName(r, lang)} v{r.version}
              </Typography.Title>
              <Tag color={r.status === 'published' ? 'green' : 'gold'}>{t(`evaluation.status_${r.status}`)}</Tag>
            </Space>
            {r.status === 'published' && <Alert type="info" message={t('evaluation.publishedImmutable')} />}
            <Space wrap>
              <span>{t('evaluation.name')}</span>
              <Input
                style={{ width: 320 }}
                value={draft.name}
                data-testid="rs-name"
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
              <span>{t('evaluation.nameEn')}</span>
              <Input
                style={{ width: 320 }}
                value={draft.nameEn ?? ''}
                onChange={(e) => setDraft({ ...draft, nameEn: e.target.value || null })}
              />
              <span>{t('evaluation.effectiveFrom')}</span>
              <Input
                style={{ width: 130 }}
                value={draft.effectiveFrom}
                onChange={(e) => setDraft({ ...draft, effectiveFrom: e.target.value })}
              />
            </Space>
            {draft.document.kind === 'per_mu' ? (
              <PerMuForm doc={draft.document} onChange={touch} lang={lang} />
            ) : (
              <ConditionsForm doc={draft.document} onChange={touch} lang={lang} />
            )}
            <Collapse
              items={[
                {
                  key: 'json',
                  label: t('evaluation.documentJson'),
                  children: (
                    <Space direction="vertical" style={{ width: '100%' }}>
                      <Input.TextArea
                        rows={16}
                        value={json}
                        style={{ fontFamily: 'monospace', fontSize: 12 }}
                        onChange={(e) => {
                          setJson(e.target.value);
                          try {
                            setDraft({ ...draft, document: JSON.parse(e.target.value) as Doc });
                            setJsonError(null);
                          } catch {
                            setJsonError(t('evaluation.jsonInvalid'));
                          }
                        }}
                      />
                      {jsonError && <Alert type="error" message={jsonError} />}
                    </Space>
                  ),
                },
              ]}
            />
            {problems.length > 0 ? (
              <Alert
                type="error"
                data-testid="rule-set-errors"
                message={t('evaluation.refused', { n: problems.length })}
                description={
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {problems.map((e) => (
                      <li key={`${e.path.join('.')}-${e.code}`}>
                        {typeof e.message === 'string' ? e.message : e.message[lang]}
                      </li>
                    ))}
                  </ul>
                }
              />
            ) : (
              error !== null && (
                <Alert type="error" data-testid="rule-set-errors" message={problemText(error, i18n.language, '')} />
              )
            )}
            {saved && <Alert type="success" message={saved} data-testid="rule-set-saved" />}
            {p.may('evaluation.rules') && (
              <Space>
                <Button
                  type={r.status === 'published' ? 'primary' : 'default'}
                  loading={busy}
                  disabled={jsonError !== null}
                  onClick={() => void act('version')}
                  data-testid="rs-save-version"
                >
                  {t('evaluation.saveAsNewVersion')}
                </Button>
                {r.status === 'draft' && (
                  <>
                    <Button loading={busy} disabled={jsonError !== null} onClick={() => void act('save')}>
                      {t('evaluation.saveDraft')}
                    </Button>
                    <Button type="primary" loading={busy} onClick={() => void act('publish')} data-testid="rs-publish">
                      {t('evaluation.publish')}
                    </Button>
                  </>
                )}
              </Space>
            )}
          </Space>
        )
      }
    </QueryView>
  );
}

export function RuleSetsTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const sets = useRuleSets();
  const [open, setOpen] = useState<number | undefined>();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <QueryView query={sets}>
        {(d) => (
          <Table
            size="small"
            rowKey="id"
            dataSource={d.items}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            data-testid="rule-sets"
            rowClassName={(x) => (x.id === open ? 'ant-table-row-selected' : '')}
            columns={[
              { title: t('evaluation.kind'), width: 130, render: (_, x) => t(`evaluation.kind_${x.kind}`) },
              {
                title: t('evaluation.ruleSet'),
                render: (_, x) => (
                  <Space>
                    {ruleSetName(x, lang)}
                    {x.assumption && <Tag>{t('evaluation.assumption')}</Tag>}
                  </Space>
                ),
              },
              { title: t('evaluation.version'), width: 80, render: (_, x) => `v${x.version}` },
              {
                title: t('evaluation.status'),
                width: 100,
                render: (_, x) => (
                  <Tag color={x.status === 'published' ? 'green' : 'gold'}>{t(`evaluation.status_${x.status}`)}</Tag>
                ),
              },
              { title: t('evaluation.effectiveFrom'), dataIndex: 'effectiveFrom', width: 120 },
              {
                title: '',
                width: 90,
                render: (_, x) => (
                  <Button size="small" onClick={() => setOpen(x.id)} data-testid={`rs-open-${x.id}`}>
                    {t('evaluation.open')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryView>
      {open !== undefined && <Editor id={open} onOpen={setOpen} />}
    </Space>
  );
}
