/**
 * Results of investment promotion, pure: the stage funnel, signings and investment grouped by event,
 * officer, park, chain and origin region, and conversion from intention to signed to started.
 *
 * A project counts as "reached" a stage when its current stage (or, if lost, the stage it was lost
 * from) is at or after it. A signing is a project at signed, started or in_production.
 */
import {
  AGREEMENT_KINDS,
  type AgreementKind,
  type OriginRegion,
  PIPELINE_STAGES,
  type ProjectStage,
} from '../../contracts/invest.js';
import { stageRank } from './stages.js';

export interface ResultRow {
  id: number;
  stage: ProjectStage;
  lostFromStage: ProjectStage | null;
  investmentWan: number | null;
  owner: { id: number; name: string } | null;
  park: { id: number; name: string } | null;
  chainCode: string | null;
  originRegion: OriginRegion;
  /** Events where it was signed (or its source event, when signed). */
  events: { id: number; name: string }[];
  /** It was an intention at some event. */
  intention: boolean;
  /** The signing's agreement and money (null when not recorded). */
  agreementKind?: AgreementKind | null;
  contractedInvestmentWan?: number | null;
  fundsInPlaceWan?: number | null;
  /** 入库 and 纳统: recorded (the date is not needed here). */
  inLibrary?: boolean;
  inStats?: boolean;
}

export interface Group {
  key: string;
  label: string;
  projects: number;
  signings: number;
  investmentWan: number;
  /** 签约投资额 and 到位资金 of its signings, 万元. */
  contractedWan: number;
  fundsInPlaceWan: number;
  started: number;
}

export interface Results {
  total: number;
  funnel: { stage: ProjectStage; current: number; reached: number }[];
  lost: number;
  byEvent: Group[];
  byOfficer: Group[];
  byPark: Group[];
  byChain: Group[];
  byRegion: Group[];
  conversion: { intentions: number; signed: number; started: number };
  /** The signings' facts: by kind of agreement, contracted investment, funds in place, 入库 and 纳统. */
  signings: {
    count: number;
    byAgreement: { kind: AgreementKind | 'unknown'; count: number; contractedWan: number }[];
    contractedWan: number;
    fundsInPlaceWan: number;
    /** Funds in place over contracted investment (null without any contracted investment). */
    fundsRate: number | null;
    inLibrary: number;
    inStats: number;
  };
}

const reachedRank = (r: ResultRow) => stageRank(r.stage === 'lost' ? (r.lostFromStage ?? 'lead') : r.stage);
export const isSigning = (r: Pick<ResultRow, 'stage'>) =>
  r.stage === 'signed' || r.stage === 'started' || r.stage === 'in_production';
const isStarted = (r: Pick<ResultRow, 'stage'>) => r.stage === 'started' || r.stage === 'in_production';

function groupBy(rows: ResultRow[], keys: (r: ResultRow) => { key: string; label: string }[]): Group[] {
  const m = new Map<string, Group>();
  for (const r of rows) {
    for (const k of keys(r)) {
      const g = m.get(k.key) ?? {
        key: k.key,
        label: k.label,
        projects: 0,
        signings: 0,
        investmentWan: 0,
        contractedWan: 0,
        fundsInPlaceWan: 0,
        started: 0,
      };
      g.projects++;
      if (isSigning(r)) {
        g.signings++;
        g.investmentWan += r.investmentWan ?? 0;
        g.contractedWan += r.contractedInvestmentWan ?? 0;
        g.fundsInPlaceWan += r.fundsInPlaceWan ?? 0;
      }
      if (isStarted(r)) g.started++;
      m.set(k.key, g);
    }
  }
  return [...m.values()].sort(
    (a, b) => b.signings - a.signings || b.investmentWan - a.investmentWan || a.key.localeCompare(b.key),
  );
}

export function aggregateResults(rows: ResultRow[]): Results {
  const funnel = PIPELINE_STAGES.map((stage) => ({
    stage,
    current: rows.filter((r) => r.stage === stage).length,
    reached: rows.filter((r) => reachedRank(r) >= stageRank(stage)).length,
  }));
  const none = { key: 'none', label: '' };
  const intentions = rows.filter((r) => r.intention);
  const signed = rows.filter(isSigning);
  const sum = (f: (r: ResultRow) => number | null | undefined) => signed.reduce((a, r) => a + (f(r) ?? 0), 0);
  const contractedWan = sum((r) => r.contractedInvestmentWan);
  const fundsInPlaceWan = sum((r) => r.fundsInPlaceWan);
  const kinds = [...AGREEMENT_KINDS, 'unknown'] as const;
  return {
    total: rows.length,
    funnel,
    lost: rows.filter((r) => r.stage === 'lost').length,
    byEvent: groupBy(rows, (r) => r.events.map((e) => ({ key: String(e.id), label: e.name }))),
    byOfficer: groupBy(rows, (r) => [r.owner ? { key: String(r.owner.id), label: r.owner.name } : none]),
    byPark: groupBy(rows, (r) => [r.park ? { key: String(r.park.id), label: r.park.name } : none]),
    byChain: groupBy(rows, (r) => [r.chainCode ? { key: r.chainCode, label: r.chainCode } : none]),
    byRegion: groupBy(rows, (r) => [{ key: r.originRegion, label: r.originRegion }]),
    conversion: {
      intentions: intentions.length,
      signed: intentions.filter((r) => reachedRank(r) >= stageRank('signed')).length,
      started: intentions.filter((r) => reachedRank(r) >= stageRank('started')).length,
    },
    signings: {
      count: signed.length,
      byAgreement: kinds.map((kind) => {
        const of = signed.filter((r) => (r.agreementKind ?? 'unknown') === kind);
        return { kind, count: of.length, contractedWan: of.reduce((a, r) => a + (r.contractedInvestmentWan ?? 0), 0) };
      }),
      contractedWan,
      fundsInPlaceWan,
      fundsRate: contractedWan > 0 ? fundsInPlaceWan / contractedWan : null,
      inLibrary: signed.filter((r) => r.inLibrary).length,
      inStats: signed.filter((r) => r.inStats).length,
    },
  };
}
