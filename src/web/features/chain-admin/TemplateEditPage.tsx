/**
 * One chain template: read-only for most roles; city administrators edit names, nodes and edges and
 * publish a new version. Problems come back under their fields; a stale base (someone published in
 * between) is a 409 with a clear message and a reload.
 */
import { Alert, App, Button, Card, Col, Input, Row, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useLabels } from '../../app/labels';
import { usePermissions } from '../../app/permissions';
import { problemCode, problemText } from '../../app/problems';
import { useUrlState } from '../../app/useUrlState';
import { ApiError } from '../../client/client';
import { messageOf } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/states';
import { type TChainTemplate, useAllTemplates, usePublishTemplate, useTemplate, useTemplateList } from './api';
import { CitedText } from './Cited';
import { EdgesEditor } from './EdgesEditor';
import { type ErrorMap, FieldError } from './FieldError';
import { NodesEditor } from './NodesEditor';
import { SourcesEditor } from './SourcesEditor';

export default function TemplateEditPage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { en } = useLabels();
  const perms = usePermissions();
  const { get, set } = useUrlState();
  const query = useTemplate(code);
  const list = useTemplateList();
  const otherCodes = useMemo(
    () => (list.data?.items ?? []).map((x) => x.code).filter((c) => c !== code),
    [list.data, code],
  );
  const others = useAllTemplates(otherCodes);
  const publish = usePublishTemplate(code);
  const [draft, setDraft] = useState<TChainTemplate | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ErrorMap>(new Map());
  const [failure, setFailure] = useState<unknown>(null);
  const base = query.data;
  useEffect(() => {
    if (base && (!draft || draft.code !== base.code)) setDraft(base);
  }, [base, draft]);
  const baseIds = useMemo(() => new Set(base?.nodes.map((n) => n.id) ?? []), [base]);
  const editable = perms.isAdmin;
  const dirty = Boolean(draft && base && JSON.stringify(draft) !== JSON.stringify(base));

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!draft || !base) return <Loading />;
  const name = en ? base.nameEn : base.nameZh;

  const reload = async () => {
    const fresh = await query.refetch();
    if (fresh.data) setDraft(fresh.data);
    setErrors(new Map());
    setFailure(null);
  };
  const submit = async () => {
    setErrors(new Map());
    setFailure(null);
    try {
      const out = await publish.mutateAsync({ baseVersion: base.version, note: note || undefined, template: draft });
      void message.success(t('chainAdmin.published', { version: out.version }));
      setNote('');
      setDraft(out);
    } catch (e) {
      setFailure(e);
      if (e instanceof ApiError && e.problem.errors) {
        const m = new Map<string, string[]>();
        for (const p of e.problem.errors) {
          const path = (p.path[0] === 'template' ? p.path.slice(1) : p.path).join('.');
          const text = messageOf(p, i18n.language);
          m.set(path, [...(m.get(path) ?? []), text]);
        }
        setErrors(m);
      }
    }
  };
  const stale = problemCode(failure) === 'stale_version';
  const staleVersion =
    failure instanceof ApiError ? (failure.problem as { current?: { version?: number } }).current?.version : undefined;
  const change = (patch: Partial<TChainTemplate>) => setDraft({ ...draft, ...patch });
  const tab = get('tab') === 'edges' ? 'edges' : get('tab') === 'info' ? 'info' : 'nodes';

  return (
    <div>
      <PageHeader
        crumbs={[{ title: t('chainAdmin.title'), to: '/chain-admin/templates' }, { title: name }]}
        title={editable ? t('chainAdmin.editTitle', { name }) : t('chainAdmin.viewTitle', { name })}
        tags={
          <>
            <Tag>v{base.version}</Tag>
            {dirty && <Tag color="orange">{t('chainAdmin.unsaved')}</Tag>}
          </>
        }
        extra={
          editable && (
            <Space wrap>
              <Input
                style={{ width: 260 }}
                placeholder={t('chainAdmin.publishNote')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                aria-label={t('chainAdmin.publishNote')}
                data-testid="publish-note"
              />
              <Button disabled={!dirty} onClick={() => setDraft(base)}>
                {t('chainAdmin.discard')}
              </Button>
              <Button
                type="primary"
                disabled={!dirty || stale}
                loading={publish.isPending}
                onClick={() => void submit()}
                data-testid="publish"
              >
                {t('chainAdmin.publish')}
              </Button>
            </Space>
          )
        }
      />
      {!editable && <Alert type="info" showIcon title={t('chainAdmin.readOnly')} style={{ marginBottom: 12 }} />}
      {failure != null && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="publish-error"
          title={
            stale
              ? t('chainAdmin.stale', { version: staleVersion ?? '?' })
              : errors.size
                ? t('chainAdmin.errorsFound', { count: [...errors.values()].flat().length })
                : problemText(failure, i18n.language, t('common.networkError'))
          }
          action={
            stale && (
              <Button size="small" onClick={() => void reload()} data-testid="reload">
                {t('chainAdmin.reload')}
              </Button>
            )
          }
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k === 'nodes' ? undefined : k })}
          items={[
            {
              key: 'nodes',
              label: `${t('chainAdmin.nodes')} (${draft.nodes.length})`,
              children: (
                <NodesEditor
                  template={draft}
                  baseIds={baseIds}
                  editable={editable}
                  errors={errors}
                  onChange={setDraft}
                />
              ),
            },
            {
              key: 'edges',
              label: `${t('chainAdmin.edges')} (${draft.edges.length})`,
              children: (
                <EdgesEditor
                  template={draft}
                  others={others.data ?? []}
                  editable={editable}
                  errors={errors}
                  onChange={setDraft}
                />
              ),
            },
            {
              key: 'info',
              label: t('chainAdmin.header'),
              children: (
                <Row gutter={[16, 12]}>
                  {(['nameZh', 'nameEn'] as const).map((f) => (
                    <Col key={f} xs={24} md={12}>
                      <Typography.Text strong>{t(`chainAdmin.${f}`)}</Typography.Text>
                      {editable ? (
                        <Input
                          value={draft[f]}
                          onChange={(e) => change({ [f]: e.target.value })}
                          aria-label={t(`chainAdmin.${f}`)}
                        />
                      ) : (
                        <div>{draft[f]}</div>
                      )}
                      <FieldError errors={errors} path={f} />
                    </Col>
                  ))}
                  {(['description', 'basis'] as const).map((f) => (
                    <Col key={f} span={24}>
                      <Typography.Text strong>{t(`chainAdmin.${f}`)}</Typography.Text>
                      {editable && (
                        <Input.TextArea
                          autoSize={{ minRows: 2, maxRows: 8 }}
                          value={draft[f]}
                          onChange={(e) => change({ [f]: e.target.value })}
                          aria-label={t(`chainAdmin.${f}`)}
                        />
                      )}
                      {editable && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          <Tooltip title={t('chainAdmin.citeHelp')}>{t('chainAdmin.readerView')}</Tooltip>
                        </Typography.Text>
                      )}
                      <Typography.Paragraph style={{ whiteSpace: 'pre-line' }} data-testid={`template-${f}`}>
                        <CitedText text={draft[f]} sources={draft.sources} />
                      </Typography.Paragraph>
                      <FieldError errors={errors} path={f} />
                    </Col>
                  ))}
                  <Col span={24}>
                    <Typography.Text strong>{t('chainAdmin.sourcesTitle')}</Typography.Text>
                    <SourcesEditor
                      template={draft}
                      editable={editable}
                      errors={errors}
                      onChange={(sources) => change({ sources })}
                    />
                  </Col>
                </Row>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
