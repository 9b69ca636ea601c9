import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { chainColor, stageColor, useLabels } from '../app/labels';

export function SyntheticBadge({ synthetic }: { synthetic: boolean | null | undefined }) {
  const { t } = useTranslation();
  if (!synthetic) return null;
  return (
    <Tooltip title={t('synthetic.tip')}>
      <Tag color="orange" variant="outlined" data-testid="synthetic-badge" style={{ marginInlineEnd: 0 }}>
        {t('synthetic.badge')}
      </Tag>
    </Tooltip>
  );
}

export function ChainTag({ code }: { code: string | null | undefined }) {
  const { label } = useLabels();
  if (!code) return null;
  return (
    <Tag color={chainColor(code)} style={{ marginInlineEnd: 4 }} data-chain={code}>
      {label('chain', code)}
    </Tag>
  );
}

export function ChainTags({ codes }: { codes: readonly string[] | null | undefined }) {
  if (!codes?.length) return null;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', rowGap: 4 }}>
      {codes.map((c) => (
        <ChainTag key={c} code={c} />
      ))}
    </span>
  );
}

export function StageTag({ stage }: { stage: string | null | undefined }) {
  const { label } = useLabels();
  if (!stage) return null;
  return (
    <Tag color={stageColor(stage)} style={{ marginInlineEnd: 4 }}>
      {label('chainStage', stage)}
    </Tag>
  );
}
