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

/** The confidential fields the server withheld from this row (its `redacted` list). */
export function redactedOf(row: object | undefined): readonly string[] {
  const r = row && 'redacted' in row ? row.redacted : undefined;
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : [];
}

/** Whether the server withheld this field of this row. */
export const isRedacted = (row: object | undefined, field: string) => redactedOf(row).includes(field);
