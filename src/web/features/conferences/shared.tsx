/** Small pieces shared by the conference tabs: labels, error text, tags. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../app/problems';
import { ApiError } from '../../client/client';
import type { TConference, TRequest } from './api';

/** Every field message of a failed call in the current language, else its general text. */
export function errorText(e: unknown, lang: string, network: string): string {
  if (e instanceof ApiError && e.problem.errors?.length) {
    return e.problem.errors
      .map((x) => (typeof x.message === 'string' ? x.message : lang === 'en-US' ? x.message.en : x.message.zh))
      .join('；');
  }
  return problemText(e, lang, network);
}

export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (e: unknown) => errorText(e, i18n.language, t('common.networkError'));
}

const ROLE_COLOURS: Record<string, string> = { buyer: 'blue', seller: 'green', investor: 'purple', park: 'gold' };
export function RoleTag({ role }: { role: string }) {
  const { t } = useTranslation();
  return <Tag color={ROLE_COLOURS[role]}>{t(`conference.role_${role}` as 'conference.role_buyer')}</Tag>;
}

const STATUS_COLOURS: Record<string, string> = {
  pending: 'processing',
  accepted: 'success',
  declined: 'default',
  expired: 'warning',
  cancelled: 'default',
};
export function StatusTag({ status }: { status: TRequest['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-status={status}>
      {t(`conference.status_${status}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: number }) {
  const { t } = useTranslation();
  const colour = priority === 3 ? 'red' : priority === 2 ? 'blue' : 'default';
  return <Tag color={colour}>{t(`conference.priority_${priority}` as 'conference.priority_1')}</Tag>;
}

/** "2024-06-06 09:00–09:20" for a slot id. */
export function slotLabel(conf: Pick<TConference, 'slots'>, slotId: string | null | undefined): string {
  const s = conf.slots.find((x) => x.id === slotId);
  return s ? `${s.date.slice(5)} ${s.start}–${s.end}` : (slotId ?? '');
}

export const PARTICIPANT_ROLES = ['buyer', 'seller', 'investor', 'park'] as const;
export const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'cancelled'] as const;
