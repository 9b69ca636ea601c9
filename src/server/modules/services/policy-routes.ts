/** The policy library, eligibility, test runs, what-if, 免申即享 lists and pushes (the firms' users are told through the platform inbox). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/limits.js';
import {
  ZCondition,
  ZFirmEligibility,
  ZPolicy,
  ZPolicyInput,
  ZTestRun,
  ZTestRunResult,
  ZWhatIf,
} from '../../../contracts/services.js';
import type { Db } from '../../../db/connect.js';
import { FIELDS, OPERATORS } from '../../../domain/services/conditions.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { fileResponse, XLSX_TYPE } from '../../platform/openapi.js';
import { assertMay } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import {
  beneficiaries,
  beneficiariesXlsx,
  eligibilityOf,
  getPolicy,
  listPolicies,
  policyVersions,
  pushPolicy,
  savePolicy,
  testRun,
} from './policies.js';

const tags = ['Services 企业服务'];
const ZId = z.object({ id: idParam() });
const ZFirm = z.object({ enterpriseId: idParam() });

const attachment = (reply: FastifyReply, name: string) =>
  reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);

export function registerPolicyRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/services/policies',
    {
      schema: {
        tags,
        summary: 'Policies with their current clauses (conditions with citations)',
        querystring: z.object({ current: z.enum(['true', 'false']).optional().describe('Only those valid today') }),
        response: { 200: z.object({ items: z.array(ZPolicy) }) },
      },
    },
    async (req) => ({ items: await listPolicies(db, { current: req.query.current === 'true' }) }),
  );

  r.get(
    '/api/v1/services/policies/fields',
    {
      schema: {
        tags,
        summary: 'What a condition may ask about a firm: fields, their types and operators',
        response: {
          200: z.object({
            fields: z.array(
              z.object({
                field: z.string(),
                type: z.string(),
                zh: z.string(),
                en: z.string(),
                unit: z.string().nullable(),
              }),
            ),
            operators: z.array(z.string()),
          }),
        },
      },
    },
    async () => ({
      fields: Object.entries(FIELDS).map(([field, d]) => ({
        field,
        type: d.type,
        zh: d.zh,
        en: d.en,
        unit: 'unit' in d ? d.unit : null,
      })),
      operators: [...OPERATORS],
    }),
  );

  r.post(
    '/api/v1/services/policies',
    {
      config: { right: 'services.policies' },
      schema: {
        tags,
        summary: 'Add a policy (version 1 of its clauses)',
        description:
          'A condition on an unknown field, with an operator its field lacks or a value of the wrong type is refused, naming conditions.{i}.field / op / value.',
        body: ZPolicyInput,
        response: { 201: ZPolicy, 403: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      assertMay(req, 'services.policies');
      const p = await savePolicy(db, null, req.body, ctxOf(req));
      reply.status(201);
      return p;
    },
  );

  r.post(
    '/api/v1/services/policies/test-run',
    {
      config: { right: 'services.policies' },
      schema: {
        tags,
        summary:
          'Run draft conditions against the firms the caller serves: how many qualify, which condition fails most',
        body: ZTestRun,
        response: { 200: ZTestRunResult, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'services.policies');
      return testRun(db, req.actor, req.body);
    },
  );

  r.get(
    '/api/v1/services/policies/:id',
    { schema: { tags, summary: 'One policy', params: ZId, response: { 200: ZPolicy, 404: ZProblem } } },
    async (req) => getPolicy(db, req.params.id),
  );

  r.put(
    '/api/v1/services/policies/:id',
    {
      config: { right: 'services.policies' },
      schema: {
        tags,
        summary: 'Change a policy: its clauses become a new version (earlier versions are kept)',
        params: ZId,
        body: ZPolicyInput,
        response: { 200: ZPolicy, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'services.policies');
      return savePolicy(db, req.params.id, req.body, ctxOf(req));
    },
  );

  r.get(
    '/api/v1/services/policies/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every version of a policy’s clauses, newest first',
        params: ZId,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                version: z.number(),
                conditions: z.array(ZCondition),
                note: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
          404: ZProblem,
        },
      },
    },
    async (req) => ({ items: await policyVersions(db, req.params.id) }),
  );

  r.get(
    '/api/v1/services/policies/:id/beneficiaries',
    {
      schema: {
        tags,
        summary: '免申即享: firms (in the caller’s scope) that qualify for an auto-granted policy without applying',
        params: ZId,
        response: {
          200: z.object({
            policy: ZPolicy,
            items: z.array(
              z.object({
                enterpriseId: z.number(),
                enterpriseName: z.string(),
                creditCode: z.string().nullable(),
                regionCode: z.string().nullable(),
              }),
            ),
          }),
          403: ZProblem,
          404: ZProblem,
          409: ZProblem,
        },
      },
    },
    async (req) => {
      assertMay(req, 'services.policies');
      return beneficiaries(db, req.actor, req.params.id);
    },
  );

  r.get(
    '/api/v1/services/policies/:id/beneficiaries.xlsx',
    {
      schema: {
        tags,
        summary: '免申即享 list as a workbook, for payment',
        params: ZId,
        querystring: z.object({ lang: z.enum(['zh', 'en']).default('zh') }),
        response: {
          200: fileResponse('The list of qualifying firms', XLSX_TYPE),
          403: ZProblem,
          404: ZProblem,
          409: ZProblem,
        },
      },
    },
    async (req, reply) => {
      assertMay(req, 'services.policies');
      const buf = await beneficiariesXlsx(db, req.actor, req.params.id, req.query.lang);
      return attachment(reply, `parklink-policy-${req.params.id}-beneficiaries.xlsx`).send(buf);
    },
  );

  r.post(
    '/api/v1/services/policies/:id/push',
    {
      config: { right: 'services.policies' },
      schema: {
        tags,
        summary: 'Push an auto-granted policy to its qualifying firms’ users through the inbox (once per version)',
        params: ZId,
        response: {
          200: z.object({
            pushed: z.number().describe('Firms whose users were notified now'),
            alreadyNotified: z.number().describe('Firms whose users had this policy version already'),
            withoutUsers: z.number().describe('Qualifying firms with no active enterprise user to notify'),
          }),
          403: ZProblem,
          404: ZProblem,
          409: ZProblem,
        },
      },
    },
    async (req) => {
      assertMay(req, 'services.policies');
      return pushPolicy(db, req.params.id, ctxOf(req));
    },
  );

  r.get(
    '/api/v1/services/eligibility/:enterpriseId',
    {
      schema: {
        tags,
        summary:
          'Policies a firm qualifies for, and those it nearly qualifies for with the failing condition and value',
        params: ZFirm,
        response: { 200: ZFirmEligibility, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => eligibilityOf(db, req.actor, req.params.enterpriseId),
  );

  r.post(
    '/api/v1/services/eligibility/:enterpriseId/what-if',
    {
      config: { right: 'services.eligibility' },
      schema: {
        tags,
        summary: 'A firm’s what-if: eligibility with some registry values or tiers assumed (nothing is stored)',
        params: ZFirm,
        body: ZWhatIf,
        response: { 200: ZFirmEligibility, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => eligibilityOf(db, req.actor, req.params.enterpriseId, req.body),
  );
}
