/** The header's bell: the unread count of the signed-in user's inbox, polled every minute; opens /inbox. */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../app/session';
import { useUnreadCount } from './queries';

export function InboxBell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const unread = useUnreadCount(user !== null);
  if (!user) return null;
  const n = unread.data ?? 0;
  const label = n > 0 ? t('inbox.bellUnread', { count: n }) : t('inbox.bell');
  return (
    <Tooltip title={label}>
      <Link to="/inbox" aria-label={label} data-testid="inbox-bell" style={{ display: 'inline-flex' }}>
        <Badge count={n} size="small" overflowCount={99} data-testid="inbox-bell-count">
          <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
