/**
 * Compile-time checks that the response schemas of the chain routes (contracts/chains.ts) agree with
 * the types the handlers return (src/domain/chains/types.ts and this module's use cases), so the two
 * cannot drift: every value of the type is a valid answer (no 500 from the serializer) and every key
 * of the type, at any depth, is declared (the serializer would strip an undeclared one silently).
 * The schemas are wider where redaction says so (money keys null, explanations without their value).
 */
import type { z } from 'zod';
import type {
  ZChainHealth,
  ZChainLeader,
  ZGapCandidate,
  ZGapTarget,
  ZLeaderSuppliers,
  ZMappingSuggestion,
  ZMatrix,
  ZNodeFirm,
  ZNodeHealth,
  ZOutsideSupplier,
  ZPlace,
  ZScopeInfo,
  ZSupportingRate,
  ZTemplateDiff,
} from '../../../contracts/chains.js';
import type {
  ChainHealth,
  ChainLeader,
  GapCandidate,
  GapTarget,
  MappingSuggestion,
  NodeFirm,
  NodeHealth,
  SupportingRate,
} from '../../../domain/chains/types.js';
import type { LeaderSuppliers, OutsideSupplier, Place } from './suppliers.js';
import type { TemplateDiff } from './template-diff.js';
import type { MatrixRow, ScopeInfo } from './views.js';

/** T with every readonly array made mutable, as zod infers arrays. */
type Mutable<T> = T extends readonly (infer E)[]
  ? Mutable<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

/** true when every key of D, at any depth (through arrays and nullables), is a key of S. */
type KeysCovered<S, D> = [NonNullable<D>] extends [readonly (infer DE)[]]
  ? [NonNullable<S>] extends [readonly (infer SE)[]]
    ? KeysCovered<SE, DE>
    : false
  : [NonNullable<D>] extends [object]
    ? [Exclude<keyof NonNullable<D>, keyof NonNullable<S>>] extends [never]
      ? false extends {
          [K in keyof NonNullable<D> & keyof NonNullable<S>]-?: KeysCovered<NonNullable<S>[K], NonNullable<D>[K]>;
        }[keyof NonNullable<D> & keyof NonNullable<S>]
        ? false
        : true
      : false
    : true;

/** Resolves to true when the schema S accepts every value of D and declares all its keys. */
export type Agrees<S extends z.ZodType, D> = [Mutable<D>] extends [z.output<S>] ? KeysCovered<z.output<S>, D> : false;

/** Each line fails to compile when its schema and type disagree. */
export const supportingRateAgrees: Agrees<typeof ZSupportingRate, SupportingRate> = true;
export const nodeFirmAgrees: Agrees<typeof ZNodeFirm, NodeFirm> = true;
export const nodeHealthAgrees: Agrees<typeof ZNodeHealth, NodeHealth> = true;
export const chainLeaderAgrees: Agrees<typeof ZChainLeader, ChainLeader> = true;
export const chainHealthAgrees: Agrees<typeof ZChainHealth, ChainHealth> = true;
export const gapCandidateAgrees: Agrees<typeof ZGapCandidate, GapCandidate> = true;
export const gapTargetAgrees: Agrees<typeof ZGapTarget, GapTarget> = true;
export const mappingSuggestionAgrees: Agrees<typeof ZMappingSuggestion, MappingSuggestion> = true;
export const scopeInfoAgrees: Agrees<typeof ZScopeInfo, ScopeInfo> = true;
export const matrixRowAgrees: Agrees<(typeof ZMatrix)['shape']['rows']['element'], MatrixRow> = true;
export const placeAgrees: Agrees<typeof ZPlace, Place> = true;
export const leaderSuppliersAgrees: Agrees<typeof ZLeaderSuppliers, LeaderSuppliers> = true;
export const outsideSupplierAgrees: Agrees<typeof ZOutsideSupplier, OutsideSupplier> = true;
export const templateDiffAgrees: Agrees<typeof ZTemplateDiff, TemplateDiff> = true;
