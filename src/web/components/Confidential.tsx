import { LockOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** A confidential value the user may not see: a lock and "保密", never a dash or a zero. */
export function Confidential({ compact = false, label }: { compact?: boolean; label?: string }) {
  const { t } = useTranslation();
  const text = label ?? t('confidential.label');
  return (
    <Tooltip title={t('confidential.tip')}>
      {compact ? (
        <span className="confidential" data-testid="confidential">
          <LockOutlined /> {text}
        </span>
      ) : (
        <Tag icon={<LockOutlined />} className="confidential" data-testid="confidential">
          {text}
        </Tag>
      )}
    </Tooltip>
  );
}

export { isRedacted, redactedOf } from '../app/redaction';
