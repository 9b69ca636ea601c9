/**
 * The project stage machine. Rules (DESIGN M3):
 *  - Before signing (lead → contact → site_visit → negotiation) a project may move freely, forward
 *    or back: a firm met at a conference can go straight to negotiation, and a stalled one back to contact.
 *  - `signed` is reachable from any pre-signing stage (deals are often signed on the spot at an event).
 *  - `started` only from `signed`; `in_production` only from `started` or `signed` (a tenant moving
 *    into a ready-built factory floor starts producing without construction). Nothing skips the signing.
 *  - After signing, a step back is a correction of one stage only, and needs a reason.
 *  - `lost` from any stage, with a reason (required).
 *  - Reopening: a lost project goes back into the pipeline at a pre-signing stage (lead … negotiation),
 *    never straight to signed or beyond, and needs a reason; a signing must be recorded again.
 */
import { type AgreementKind, PIPELINE_STAGES, type ProjectStage } from '../../contracts/invest.js';

export type MoveProblem = 'same_stage' | 'skips_signing' | 'reason_required' | 'not_allowed';

export const PRE_SIGNING: readonly ProjectStage[] = ['lead', 'contact', 'site_visit', 'negotiation'];
export const SIGNED_OR_LATER: readonly ProjectStage[] = ['signed', 'started', 'in_production'];

/** Position in the pipeline (lost: -1). */
export const stageRank = (s: ProjectStage): number => (PIPELINE_STAGES as readonly string[]).indexOf(s);

export interface MoveCheck {
  ok: boolean;
  problem?: MoveProblem;
  /** The move needs a reason (and got one). */
  needsReason: boolean;
}

/** Whether a project at `from` may move to `to`, given an optional reason. */
export function checkMove(from: ProjectStage, to: ProjectStage, reason?: string | null): MoveCheck {
  const hasReason = !!reason && reason.trim().length > 0;
  const need = (ok: boolean): MoveCheck =>
    ok
      ? hasReason
        ? { ok: true, needsReason: true }
        : { ok: false, problem: 'reason_required', needsReason: true }
      : { ok: false, problem: 'not_allowed', needsReason: true };
  if (from === to) return { ok: false, problem: 'same_stage', needsReason: false };
  if (to === 'lost') return need(true);
  if (from === 'lost') {
    if (!PRE_SIGNING.includes(to)) return { ok: false, problem: 'skips_signing', needsReason: true };
    return need(true);
  }
  if (PRE_SIGNING.includes(from)) {
    if (PRE_SIGNING.includes(to) || to === 'signed') return { ok: true, needsReason: false };
    return { ok: false, problem: 'skips_signing', needsReason: false };
  }
  // from is signed, started or in_production
  const forward = stageRank(to) > stageRank(from);
  if (forward) {
    if (from === 'signed' && (to === 'started' || to === 'in_production')) return { ok: true, needsReason: false };
    if (from === 'started' && to === 'in_production') return { ok: true, needsReason: false };
    return { ok: false, problem: 'not_allowed', needsReason: false };
  }
  // A step back after signing is a correction of one stage.
  return need(stageRank(from) - stageRank(to) === 1);
}

/** The stages a project at `from` may be moved to (for menus; lost included). */
export function allowedTargets(from: ProjectStage): ProjectStage[] {
  const all: ProjectStage[] = [...PIPELINE_STAGES, 'lost'];
  return all.filter((to) => {
    const c = checkMove(from, to, 'x');
    return c.ok;
  });
}

/** Bilingual explanation of a refused move. */
export const MOVE_MESSAGES: Record<MoveProblem, { zh: string; en: string }> = {
  same_stage: { zh: '项目已处于该阶段', en: 'The project is already at this stage' },
  skips_signing: {
    zh: '未签约的项目不能直接进入开工或投产阶段（须先签约）',
    en: 'A project cannot start or produce without a signing first',
  },
  reason_required: { zh: '须填写原因（流失、回退或重新激活）', en: 'A reason is required (lost, step back or reopen)' },
  not_allowed: {
    zh: '不允许的阶段变更：签约后只能依次推进，或回退一个阶段并说明原因',
    en: 'Not allowed: after signing a project moves one stage on, or back one stage with a reason',
  },
};

/** What a move to a milestone stage carries (the dialog's fields; the API's stage-move body). */
export interface MilestoneInput {
  onDate?: string | null;
  agreementKind?: AgreementKind | null;
  contractedInvestmentWan?: number | null;
}

/** The dates a project has reached its milestones on. */
export interface MilestoneDates {
  signedOn: string | null;
  startedOn: string | null;
}

export type MilestoneField = keyof MilestoneInput;

/**
 * The fields a forward move into a milestone must carry: a signing its date, the kind of agreement and
 * the contracted investment; a start or the start of production its date. A step back (a correction)
 * needs none. Dates must not run backwards (a start before the signing) nor lie in the future.
 */
export function milestoneProblems(
  from: ProjectStage,
  to: ProjectStage,
  move: MilestoneInput,
  dates: MilestoneDates,
  today: string,
): { field: MilestoneField; problem: 'required' | 'before_previous' | 'in_future' }[] {
  if (!SIGNED_OR_LATER.includes(to) || stageRank(to) <= stageRank(from)) return [];
  const out: { field: MilestoneField; problem: 'required' | 'before_previous' | 'in_future' }[] = [];
  if (!move.onDate) out.push({ field: 'onDate', problem: 'required' });
  if (to === 'signed') {
    if (!move.agreementKind) out.push({ field: 'agreementKind', problem: 'required' });
    if (move.contractedInvestmentWan == null) out.push({ field: 'contractedInvestmentWan', problem: 'required' });
  }
  if (move.onDate) {
    if (move.onDate > today) out.push({ field: 'onDate', problem: 'in_future' });
    const previous = to === 'signed' ? null : to === 'started' ? dates.signedOn : (dates.startedOn ?? dates.signedOn);
    if (previous && move.onDate < previous) out.push({ field: 'onDate', problem: 'before_previous' });
  }
  return out;
}

/** Bilingual words for a milestone problem, by field and problem. */
export const MILESTONE_MESSAGES = {
  required: {
    onDate: {
      zh: '须填写日期（签约、开工或投产日期）',
      en: 'The date of the signing, start or production is required',
    },
    agreementKind: {
      zh: '签约须选择协议类型（意向、框架协议、投资协议、正式合同）',
      en: 'A signing names its kind of agreement (intent, framework, investment agreement, contract)',
    },
    contractedInvestmentWan: {
      zh: '签约须填写签约投资额（万元）',
      en: 'A signing records the contracted investment (万元)',
    },
  },
  before_previous: {
    zh: '日期早于上一个节点（签约或开工）',
    en: 'The date is before the previous milestone (signing or start)',
  },
  in_future: { zh: '日期不能晚于今天', en: 'The date cannot be in the future' },
} as const;
