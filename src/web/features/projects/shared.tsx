/** Shared bits of the investment pages: labels, stage tags, the stage-move dialog, error text. */
import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGREEMENT_KINDS,
  type AgreementKind,
  PIPELINE_STAGES,
  type ProjectStage,
  ZStageMove,
} from '../../../contracts/invest';
import { numberBounds } from '../../../contracts/limits';
import { checkMove, milestoneProblems } from '../../../domain/invest/stages';
import { problemText } from '../../app/problems';
import { ApiError } from '../../client/client';
import { messageOf } from '../../components/formErrors';
import { moveProject, type TProject, useInvestMutation } from './api';

export const ALL_STAGES: ProjectStage[] = [...PIPELINE_STAGES, 'lost'];

export const STAGE_COLORS: Record<ProjectStage, string> = {
  lead: 'default',
  contact: 'cyan',
  site_visit: 'blue',
  negotiation: 'geekblue',
  signed: 'green',
  started: 'lime',
  in_production: 'gold',
  lost: 'red',
};

export function ProjectStageTag({ stage }: { stage: ProjectStage }) {
  const { t } = useTranslation();
  return (
    <Tag color={STAGE_COLORS[stage]} data-stage={stage}>
      {t(`invest.stage_${stage}`)}
    </Tag>
  );
}

/** The message of a failed call, with its field problems (e.g. why a stage move was refused). */
export function errorText(e: unknown, lang: string, network: string): string {
  if (e instanceof ApiError && e.problem.errors?.length) {
    return e.problem.errors.map((x) => messageOf(x, lang)).join('；');
  }
  return problemText(e, lang, network);
}

/**
 * Moving a project: asks for a reason when the stage machine needs one (lost, a step back after
 * signing, reopening), and for the milestone's facts on a move forward into signing (date, kind of
 * agreement, contracted investment), start or production (date); then posts the move. Refusals are
 * shown in the current language.
 */
export function useStageMove() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [pending, setPending] = useState<{ project: TProject; to: ProjectStage; kind: 'reason' | 'milestone' } | null>(
    null,
  );
  const [form] = Form.useForm<MoveValues>();
  const mutation = useInvestMutation((b: { project: TProject; to: ProjectStage; v: MoveValues }) =>
    moveProject(b.project.id, {
      version: b.project.version,
      stage: b.to,
      reason: b.v.reason ?? null,
      onDate: b.v.onDate ? b.v.onDate.format('YYYY-MM-DD') : null,
      agreementKind: b.v.agreementKind ?? null,
      contractedInvestmentWan: b.v.contractedInvestmentWan ?? null,
    }),
  );
  const run = async (project: TProject, to: ProjectStage, v: MoveValues = {}) => {
    try {
      await mutation.mutateAsync({ project, to, v });
      void message.success(t('invest.moved', { stage: t(`invest.stage_${to}`) }));
      return true;
    } catch (e) {
      void message.error(
        e instanceof ApiError && e.status === 409
          ? t('invest.staleVersion')
          : errorText(e, i18n.language, t('common.networkError')),
      );
      return false;
    }
  };
  const move = (project: TProject, to: ProjectStage) => {
    if (project.stage === to) return;
    const c = checkMove(project.stage, to, null);
    // A move the stage machine refuses goes to the server as it is, which says why in the user's language.
    const allowed = c.ok || c.problem === 'reason_required';
    const milestone = allowed && milestoneProblems(project.stage, to, {}, project, '9999-12-31').length > 0;
    if (c.problem === 'reason_required' || milestone) {
      form.resetFields();
      if (milestone)
        form.setFieldsValue({
          onDate: dayjs(),
          contractedInvestmentWan: project.contractedInvestmentWan ?? project.investmentWan ?? undefined,
        });
      setPending({ project, to, kind: milestone ? 'milestone' : 'reason' });
      return;
    }
    void run(project, to);
  };
  const to = pending?.to;
  const dialog = (
    <Modal
      open={pending !== null}
      title={
        pending?.kind === 'milestone'
          ? t(k(`invest.milestoneTitle_${to}`))
          : to === 'lost'
            ? t('invest.lostReasonTitle')
            : t('invest.reasonTitle')
      }
      okText={pending ? t('invest.moveToStage', { stage: t(`invest.stage_${pending.to}`) }) : ''}
      cancelText={t('invest.cancel')}
      confirmLoading={mutation.isPending}
      onCancel={() => setPending(null)}
      onOk={() => {
        void form.validateFields().then(
          async (v) => {
            if (pending && (await run(pending.project, pending.to, v))) setPending(null);
          },
          // A missing field: the form already shows what is missing, nothing else to do.
          () => undefined,
        );
      }}
      destroyOnHidden
      data-testid={pending?.kind === 'milestone' ? 'milestone-dialog' : 'reason-dialog'}
    >
      <Form form={form} layout="vertical">
        {pending?.kind === 'milestone' ? (
          <>
            <Form.Item
              name="onDate"
              label={t(k(`invest.milestoneDate_${to}`))}
              rules={[{ required: true, message: t('invest.milestoneRequired') }]}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                data-testid="milestone-date"
              />
            </Form.Item>
            {to === 'signed' && (
              <>
                <Form.Item
                  name="agreementKind"
                  label={t('invest.agreementKind')}
                  rules={[{ required: true, message: t('invest.milestoneRequired') }]}
                >
                  <Select
                    options={AGREEMENT_KINDS.map((a) => ({ value: a, label: t(k(`invest.agreement_${a}`)) }))}
                    data-testid="milestone-agreement"
                  />
                </Form.Item>
                <Form.Item
                  name="contractedInvestmentWan"
                  label={t('invest.contractedInvestmentWan')}
                  rules={[{ required: true, message: t('invest.milestoneRequired') }]}
                >
                  <InputNumber
                    {...numberBounds(ZStageMove.shape.contractedInvestmentWan)}
                    style={{ width: '100%' }}
                    data-testid="milestone-investment"
                  />
                </Form.Item>
              </>
            )}
          </>
        ) : (
          <Form.Item
            name="reason"
            label={t('invest.reason')}
            rules={[{ required: true, whitespace: true, message: t('invest.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="reason-input" autoFocus />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
  return { move, dialog, busy: mutation.isPending };
}

interface MoveValues {
  reason?: string;
  onDate?: dayjs.Dayjs;
  agreementKind?: AgreementKind;
  contractedInvestmentWan?: number;
}

/** Stages the project may move to (for menus and drop targets). */
export const movableTo = (from: ProjectStage) => ALL_STAGES.filter((to) => to !== from && checkMove(from, to, 'x').ok);

/** A message key built at run time (stage, source, region codes from the API). */
export const k = (s: string) => s as 'invest.title';
