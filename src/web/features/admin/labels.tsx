import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS as CONTRACT_ORG_KINDS, ROLE_LABELS, ROLES } from '../../../contracts/auth';
import type { OrgKind, Role } from '../../client/auth';

/** The organisation kinds, in the contract's order (one list for the server and the web). */
export const ORG_KINDS: readonly OrgKind[] = CONTRACT_ORG_KINDS;

const ROLE_COLORS: Record<Role, string> = {
  city_admin: 'red',
  city_analyst: 'purple',
  district_user: 'geekblue',
  park_operator: 'cyan',
  investment_officer: 'gold',
  enterprise_user: 'green',
  hub_operator: 'orange',
  viewer: 'default',
};

export function useRoleLabel() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return (role: Role) => ROLE_LABELS[role][en ? 'en' : 'zh'];
}

export function useRoleOptions() {
  const label = useRoleLabel();
  return ROLES.map((r) => ({ value: r, label: label(r) }));
}

export function RoleTag({ role }: { role: Role }) {
  const label = useRoleLabel();
  return (
    <Tag color={ROLE_COLORS[role]} data-testid={`role-${role}`}>
      {label(role)}
    </Tag>
  );
}

export function OrgKindTag({ kind }: { kind: OrgKind }) {
  const { t } = useTranslation();
  return <Tag>{t(`admin.orgKind.${kind}`)}</Tag>;
}
