/** Shared bits of the investment pages: labels, stage tags, the stage-move dialog, error text. */
import { App, Form, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PIPELINE_STAGES, type ProjectStage } from '../../../contracts/invest';
import { checkMove } from '../../../domain/invest/stages';
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
 * signing, reopening), then posts the move; refusals are shown in the current language.
 */
export function useStageMove() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [pending, setPending] = useState<{ project: TProject; to: ProjectStage } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const mutation = useInvestMutation((b: { project: TProject; to: ProjectStage; reason?: string }) =>
    moveProject(b.project.id, { version: b.project.version, stage: b.to, reason: b.reason ?? null }),
  );
  const run = async (project: TProject, to: ProjectStage, reason?: string) => {
    try {
      await mutation.mutateAsync({ project, to, reason });
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
    if (c.problem === 'reason_required') {
      form.resetFields();
      setPending({ project, to });
      return;
    }
    void run(project, to);
  };
  const dialog = (
    <Modal
      open={pending !== null}
      title={pending?.to === 'lost' ? t('invest.lostReasonTitle') : t('invest.reasonTitle')}
      okText={pending ? t('invest.moveToStage', { stage: t(`invest.stage_${pending.to}`) }) : ''}
      cancelText={t('invest.cancel')}
      confirmLoading={mutation.isPending}
      onCancel={() => setPending(null)}
      onOk={() => {
        void form.validateFields().then(
          async (v) => {
            if (pending && (await run(pending.project, pending.to, v.reason))) setPending(null);
          },
          // An empty reason: the form already shows what is missing, nothing else to do.
          () => undefined,
        );
      }}
      destroyOnHidden
      data-testid="reason-dialog"
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('invest.reason')}
          rules={[{ required: true, whitespace: true, message: t('invest.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="reason-input" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
  return { move, dialog, busy: mutation.isPending };
}

/** Stages the project may move to (for menus and drop targets). */
export const movableTo = (from: ProjectStage) => ALL_STAGES.filter((to) => to !== from && checkMove(from, to, 'x').ok);

/** A message key built at run time (stage, source, region codes from the API). */
export const k = (s: string) => s as 'invest.title';
