/**
 * Printable chain report (/print/chains/:code?scope=): score and its parts, the graph (SVG, so it
 * prints sharp), missing and weak segments with their reasons, leaders and their supporting rates,
 * and the top gap targets. A4 landscape print CSS; the button prints or saves as PDF.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { fmtNumber, listSep, todayInBeijing } from '../../app/format';
import { ErrorState, Loading } from '../../components/states';
import { useChainHealth, useChainTargets, useChainTemplate } from './api';
import { ChainGraph } from './ChainGraph';
import { SupportingRateText } from './LeadersPanel';
import { ScoreParts } from './ScorePanel';
import { useChainScope, useScopeName } from './scope';
import { GraphLegend, scoreColor } from './status';

const PRINT_CSS = `
@page { size: A4 landscape; margin: 12mm; }
@media print {
  .no-print { display: none !important; }
  body { background: #fff !important; }
  .report section { break-inside: avoid; }
}
.report { max-width: 1100px; margin: 0 auto; padding: 24px; background: #fff; color: #1f1f1f; }
.report table.plain { width: 100%; border-collapse: collapse; font-size: 12px; }
.report table.plain th, .report table.plain td { border: 1px solid #d9d9d9; padding: 4px 6px; text-align: left; vertical-align: top; }
.report table.plain th { background: #fafafa; }
`;

export default function ChainReportPrintPage() {
  const { code } = useParams();
  const { t, i18n } = useTranslation();
  const { scope, suggested } = useChainScope();
  const scopeName = useScopeName(scope);
  const tpl = useChainTemplate(code);
  const health = useChainHealth(code, scope, suggested);
  const targets = useChainTargets(code, scope, suggested);
  const en = i18n.language === 'en-US';
  const lang = i18n.language;

  if (tpl.isError) return <ErrorState error={tpl.error} />;
  if (health.isError) return <ErrorState error={health.error} />;
  if (!tpl.data || !health.data) return <Loading rows={12} />;
  const h = health.data;
  const name = en ? h.nameEn : h.nameZh;
  const gaps = h.nodes.filter((n) => !n.group && n.status !== 'strong');
  const nodeName = (id: string) => {
    const n = h.nodes.find((x) => x.nodeId === id);
    return n ? (en ? n.nameEn : n.nameZh) : id;
  };
  return (
    <div className="report" data-testid="chain-report">
      <style>{PRINT_CSS}</style>
      <Flex justify="space-between" align="flex-start">
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('chains.reportTitle', { chain: name })}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('chains.reportScope', { scope: scopeName })} · {t('chains.reportDate', { date: todayInBeijing() })}
            {suggested ? ` · ${t('chains.includeSuggested')}` : ''}
          </Typography.Text>
        </div>
        <Button
          className="no-print"
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="print-now"
        >
          {t('chains.printNow')}
        </Button>
      </Flex>

      <section style={{ marginTop: 16 }}>
        <Flex gap={24} align="center">
          <div style={{ fontSize: 44, fontWeight: 700, color: scoreColor(h.score.value) }} data-testid="report-score">
            {fmtNumber(h.score.value, 1, lang)}
          </div>
          <Typography.Text>
            {t('chains.covered')} {h.summary.covered}/{h.summary.segments} · {t('chains.missing')} {h.summary.missing} ·{' '}
            {t('chains.weak')} {h.summary.weak} · {t('chains.strong')} {h.summary.strong} · {t('chains.localFirms')}{' '}
            {h.summary.localFirms}
          </Typography.Text>
        </Flex>
        <ScoreParts h={h} />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('chains.scoreFormula')}
        </Typography.Paragraph>
      </section>

      <section>
        <Typography.Title level={4}>{t('chains.graph')}</Typography.Title>
        <GraphLegend />
        <div style={{ marginTop: 8 }}>
          <ChainGraph template={tpl.data} health={h} renderer="svg" fixedWidth={1050} />
        </div>
      </section>

      <section>
        <Typography.Title level={4}>{t('chains.gaps')}</Typography.Title>
        <table className="plain">
          <thead>
            <tr>
              <th>{t('chains.node')}</th>
              <th>{t('chains.status')}</th>
              <th>{t('chains.localFirms')}</th>
              <th>{t('chains.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {gaps.map((n) => (
              <tr key={n.nodeId}>
                <td>
                  {n.keyLink ? '★ ' : ''}
                  {en ? n.nameEn : n.nameZh}
                </td>
                <td>{t(`chains.${n.status}`)}</td>
                <td>{n.firms.map((f) => f.name).join(listSep(i18n.language)) || '—'}</td>
                <td>
                  {n.status === 'missing'
                    ? t('chains.whyMissing')
                    : n.reasons.map((r) => (en ? r.en : r.zh)).join(en ? '; ' : '；')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <Typography.Title level={4}>{t('chains.leaders')}</Typography.Title>
        {h.leaders.length === 0 ? (
          <Typography.Text type="secondary">{t('chains.noLeader')}</Typography.Text>
        ) : (
          <table className="plain">
            <thead>
              <tr>
                <th>{t('chains.leaders')}</th>
                <th>{t('chains.node')}</th>
                <th>{t('chains.detectedBy')}</th>
                <th>{t('chains.supportingRate')}</th>
              </tr>
            </thead>
            <tbody>
              {h.leaders.map((l) => (
                <tr key={l.enterpriseId}>
                  <td>{l.name}</td>
                  <td>{l.nodeIds.map(nodeName).join(listSep(i18n.language))}</td>
                  <td>{l.detectedBy.map((r) => (en ? r.en : r.zh)).join(en ? '; ' : '；')}</td>
                  <td>
                    <SupportingRateText s={l.supporting} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6 }}>
          {t('chains.supportingHow')}
        </Typography.Paragraph>
      </section>

      <section>
        <Typography.Title level={4}>{t('chains.topTargets')}</Typography.Title>
        {targets.isPending ? (
          <Loading rows={4} />
        ) : (
          <table className="plain" data-testid="report-targets">
            <thead>
              <tr>
                <th>{t('chains.node')}</th>
                <th>{t('chains.enterprise')}</th>
                <th>{t('chains.candidateScore')}</th>
                <th>{t('chains.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {(targets.data ?? []).flatMap((g) =>
                g.candidates.slice(0, 3).map((c, i) => (
                  <tr key={`${g.nodeId}-${c.enterpriseId}`}>
                    <td>{i === 0 ? (en ? g.nameEn : g.nameZh) : ''}</td>
                    <td>{c.name}</td>
                    <td>{fmtNumber(c.score, 1, lang)}</td>
                    <td>{c.reasons.map((r) => (en ? r.en : r.zh)).join(en ? '; ' : '；')}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )}
      </section>
      <Typography.Paragraph type="secondary" style={{ fontSize: 11, marginTop: 16 }}>
        {t('chains.reportNote')}
      </Typography.Paragraph>
    </div>
  );
}
