/**
 * The rule-set editor (tab 规则集 of /evaluation): every version of the per-mu, tier and renewal rule sets;
 * open one, change it and save it as a new draft version (a published version is never edited in place),
 * edit a draft, publish it. Per-mu documents get forms for what a bureau changes most — indicators with
 * unit, weight, benchmark and missing-data rule; bands; bonus and penalty points — tier and renewal
 * documents a form for each condition's value; the whole document is editable as JSON for the rest. The
 * server checks every version and refuses it with each problem naming rule and field (zh and en).
 */
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
  const out: { key: string; tier: string; req: TRequirement; cond: TCondition }[] = [];
  if (doc.kind !== 'tier') return out;
  const walk = (tier: string, reqs: readonly TRequirement[], path: string) => {
    reqs.forEach((r, i) => {
      if (r.condition) out.push({ key: `${path}.${i}`, tier, req: r, cond: r.condition });
      if (r.of) walk(tier, r.of, `${path}.${i}.of`);
    });
  };
  for (const [i, t] of doc.tiers.entries()) walk(t.label[lang], t.requirements, `t${i}`);
  return out;
}

function PerMuForm({ doc, onChange, lang }: { doc: TPerMuDocument; onChange: () => void; lang: 'zh' | 'en' }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {doc.buckets.map((b, bi) => (
        <Card
          key={b.code}
          size="small"
          title={`${t('evaluation.bucket')}: ${b.label[lang]}`}
          extra={
            <Space>
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
            columns={[
              { title: t('evaluation.indicator'), render: (_, x) => x.label[lang] },
              {
                title: t('evaluation.unit'),
                width: 110,
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
                width: 100,
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
                width: 360,
                render: (_, x) => (
                  <Space.Compact>
                    <Select
                      size="small"
                      style={{ width: 230 }}
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
            ]}
          />
        </Card>
      ))}
      <Card
        size="small"
        title={t('evaluation.bands')}
        extra={
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
        }
      >
        <Table
          size="small"
          rowKey="class"
          pagination={false}
          dataSource={doc.bands.bands}
          columns={[
            { title: t('evaluation.class'), dataIndex: 'class', width: 80 },
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
  const fields: Record<string, { zh: string; en: string }> = FIELDS;
  const fieldLabel = (f: string) =>
    fields[f]?.[lang] ?? (i18n.exists(`evaluation.rf_${f}`) ? t(`evaluation.rf_${f}` as 'evaluation.rf_dSharePct') : f);
  const rows =
    doc.kind === 'tier'
      ? tierConditions(doc, lang).map((r) => ({ key: r.key, group: r.tier, label: r.req.label[lang], cond: r.cond }))
      : doc.kind === 'renewal'
        ? doc.rules.flatMap((r, i) =>
            r.when.map((c, j) => ({ key: `r${i}.${j}`, group: r.label[lang], label: r.clause, cond: c })),
          )
        : [];
  if (rows.length === 0) return null;
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={{ pageSize: 20, showSizeChanger: false }}
      dataSource={rows}
      columns={[
        { title: t('evaluation.rule'), width: 260, render: (_, x) => x.group },
        { title: t('evaluation.condition'), render: (_, x) => x.label },
        { title: t('evaluation.field'), width: 200, render: (_, x) => fieldLabel(x.cond.field) },
        { title: '', width: 50, render: (_, x) => x.cond.op },
        {
          title: t('evaluation.value'),
          width: 130,
          render: (_, x) =>
            typeof x.cond.value === 'boolean' ? (
              t(x.cond.value ? 'evaluation.yes' : 'evaluation.no')
            ) : (
              <InputNumber
                size="small"
                value={x.cond.value}
                onChange={(v) => {
                  x.cond.value = v ?? 0;
                  onChange();
                }}
              />
            ),
        },
        { title: t('evaluation.unit'), width: 80, render: (_, x) => x.cond.unit ?? '' },
      ]}
    />
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
                {lang === 'zh' ? r.name : (r.nameEn ?? r.name)} v{r.version}
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
                    {lang === 'zh' ? x.name : (x.nameEn ?? x.name)}
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
