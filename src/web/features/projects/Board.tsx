/**
 * Kanban board by stage. Cards are dragged with native HTML5 drag and drop (no library is installed);
 * every card also has a "Move to…" menu, reachable with the keyboard. Columns refuse drops the stage
 * machine forbids, and moving to lost asks for the reason.
 */
import { ExclamationCircleOutlined, LockOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Dropdown, Flex, Tag, Typography } from 'antd';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ProjectStage } from '../../../contracts/invest';
import { fmtPercent, fmtWan } from '../../app/format';
import { SyntheticBadge } from '../../components/tags';
import type { TProject } from './api';
import { ALL_STAGES, k, movableTo, STAGE_COLORS, useStageMove } from './shared';

const MIME = 'application/x-parklink-project';

function ProjectCard({
  p,
  onMove,
  onDragStart,
}: {
  p: TProject;
  onMove: (p: TProject, to: ProjectStage) => void;
  onDragStart: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const targets = movableTo(p.stage);
  return (
    <Card
      size="small"
      draggable={p.canEdit}
      onDragStart={(e: DragEvent) => {
        onDragStart(p.id);
        e.dataTransfer.setData(MIME, String(p.id));
        e.dataTransfer.setData('text/plain', p.codeName);
        e.dataTransfer.effectAllowed = 'move';
      }}
      style={{ marginBottom: 8, cursor: p.canEdit ? 'grab' : 'default' }}
      data-testid={`card-${p.codeName}`}
      data-project-id={p.id}
    >
      <Flex justify="space-between" align="start" gap={4}>
        <Link to={`/projects/${p.id}`} style={{ fontWeight: 600 }}>
          {p.codeName}
        </Link>
        {p.canEdit && targets.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: targets.map((s) => ({ key: s, label: t(`invest.stage_${s}`) })),
              onClick: ({ key }) => onMove(p, key as ProjectStage),
            }}
          >
            <Button
              size="small"
              type="text"
              aria-label={`${t('invest.moveTo')} ${p.codeName}`}
              data-testid={`move-${p.codeName}`}
            >
              {t('invest.moveTo')}
            </Button>
          </Dropdown>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {p.redacted ? (
          <span title={t('invest.confidentialInvestor')}>
            <LockOutlined /> {t('confidential.label')}
          </span>
        ) : (
          (p.investorEnterpriseName ?? p.investorName)
        )}
      </Typography.Text>
      <Flex gap={4} wrap style={{ marginTop: 4 }}>
        {p.agreementKind && p.stage !== 'lost' && (
          <Tag color="green" data-testid="agreement-tag">
            {t(k(`invest.agreement_${p.agreementKind}`))}
          </Tag>
        )}
        {p.contractedInvestmentWan != null && p.stage !== 'lost' ? (
          <Tag title={t('invest.contractedInvestmentWan')}>
            {fmtWan(p.contractedInvestmentWan, i18n.language)}
            {p.fundsInPlaceWan != null &&
              p.contractedInvestmentWan > 0 &&
              ` · ${t('invest.fundsShort')} ${fmtPercent(p.fundsInPlaceWan / p.contractedInvestmentWan, 0)}`}
          </Tag>
        ) : (
          p.investmentWan != null && <Tag>{fmtWan(p.investmentWan, i18n.language)}</Tag>
        )}
        {p.statsOn ? (
          <Tag color="blue">{t('invest.inStats')}</Tag>
        ) : (
          p.libraryOn && <Tag color="cyan">{t('invest.inLibrary')}</Tag>
        )}
        {p.parkName && <Tag style={{ maxWidth: 150, overflow: 'hidden', textOverflow: 'ellipsis' }}>{p.parkName}</Tag>}
        {p.overdue && (
          <Tag color="red" icon={<ExclamationCircleOutlined />} data-testid="overdue-tag">
            {t('invest.overdue')} {p.nextFollowUpOn}
          </Tag>
        )}
        {p.openOrders > 0 && (
          <Tag color="volcano">
            {t('invest.openOrders')} {p.openOrders}
          </Tag>
        )}
        <SyntheticBadge synthetic={p.synthetic} />
      </Flex>
    </Card>
  );
}

export function Board({ items }: { items: TProject[] }) {
  const { t } = useTranslation();
  const { move, dialog } = useStageMove();
  const [dragOver, setDragOver] = useState<ProjectStage | null>(null);
  const byId = new Map(items.map((p) => [p.id, p]));
  // The dragged card is remembered here too: some browsers hide custom drag data until the drop.
  const draggingId = useRef<number | null>(null);
  const dragged = (e: DragEvent) => byId.get(Number(e.dataTransfer.getData(MIME)) || (draggingId.current ?? -1));
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('invest.dragHint')}
      </Typography.Paragraph>
      <div style={{ display: 'flex', gap: 8, overflowX: 'auto', alignItems: 'flex-start' }} data-testid="board">
        {ALL_STAGES.map((stage) => {
          const cards = items.filter((p) => p.stage === stage);
          return (
            <section
              key={stage}
              aria-label={t(`invest.stage_${stage}`)}
              data-testid={`column-${stage}`}
              onDragOver={(e) => {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                setDragOver(stage);
              }}
              onDragLeave={() => setDragOver((s) => (s === stage ? null : s))}
              onDrop={(e) => {
                e.preventDefault();
                setDragOver(null);
                const p = dragged(e);
                if (p && p.stage !== stage) move(p, stage);
              }}
              style={{
                flex: '1 0 180px',
                background: dragOver === stage ? '#e6f4ff' : '#f5f5f5',
                borderRadius: 8,
                padding: 8,
                minHeight: 240,
                maxHeight: '75vh',
                overflowY: 'auto',
                borderTop: `3px solid ${STAGE_COLORS[stage] === 'default' ? '#d9d9d9' : `var(--ant-${STAGE_COLORS[stage]}-6, #1677ff)`}`,
              }}
            >
              <Flex justify="space-between" style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t(`invest.stage_${stage}`)}</Typography.Text>
                <Badge count={cards.length} showZero color="#8c8c8c" />
              </Flex>
              {cards.length === 0 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('invest.emptyColumn')}
                </Typography.Text>
              ) : (
                cards.map((p) => (
                  <ProjectCard key={p.id} p={p} onMove={move} onDragStart={(id) => (draggingId.current = id)} />
                ))
              )}
            </section>
          );
        })}
      </div>
      {dialog}
    </>
  );
}
