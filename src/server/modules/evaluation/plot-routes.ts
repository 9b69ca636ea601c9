/**
 * The land register's routes (plots, 地块): record, read, change at the version read, remove, and import a
 * register from a spreadsheet with its template. Gate: `evaluation.plots`; which parks: the 'land-plots'
 * policy (the city any, a district its parks, a park operator its own).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZLandPlot, ZLandPlotInput, ZLandPlotPatch, ZPlotImportResult } from '../../../contracts/evaluation.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { notFound } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { Sql } from '../../lib/sql.js';
import { readUpload } from '../../lib/upload.js';
import { fileResponse, XLSX_TYPE } from '../../platform/openapi.js';
import { assertMay, readScope } from '../../platform/policy/index.js';
import { auditCtxOf } from '../auth/plugin.js';
import { createPlot, deletePlot, plotById, updatePlot } from './plots.js';
import { importPlots, PLOT_IMPORT_MAX_ROWS, plotTemplate } from './plots-import.js';

const tags = ['Evaluation 评价与培育'];
const P = '/api/v1/evaluation/renewal/plots';
const ZId = z.object({ id: idParam() });
const err = { 403: ZProblem, 404: ZProblem, 422: ZProblem };

export function registerPlotRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    P,
    {
      config: { right: 'evaluation.plots' },
      schema: {
        tags,
        summary: 'Record a plot (地块) of a park: outline or point, area in mu, land use, holder, buildings on it',
        body: ZLandPlotInput,
        response: { 201: ZLandPlot, ...err },
      },
    },
    async (req, reply) => {
      assertMay(req, 'evaluation.plots');
      return reply.status(201).send(await createPlot(db, req.body, req.actor, auditCtxOf(req)));
    },
  );

  r.get(
    `${P}/template.xlsx`,
    {
      config: { right: 'evaluation.plots' },
      schema: {
        tags,
        summary: 'The land register (土地台账) import template: headers in Chinese or English, an example row',
        querystring: z.object({ lang: z.enum(['zh', 'en']).default('zh') }),
        response: { 200: fileResponse('Land register template', XLSX_TYPE), ...err },
      },
    },
    async (req, reply) => {
      const a = assertMay(req, 'evaluation.plots');
      const name = req.query.lang === 'zh' ? '土地台账导入模板.xlsx' : 'land-register-template.xlsx';
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await plotTemplate(db, a, req.query.lang));
    },
  );

  r.post(
    `${P}/import`,
    {
      config: { right: 'evaluation.plots' },
      schema: {
        tags,
        summary: 'Import plots from a land register spreadsheet: all rows or none, every bad cell named',
        description: `multipart/form-data with a \`file\` part (.xlsx or CSV; headers as in the template, Chinese or English; at most ${PLOT_IMPORT_MAX_ROWS} rows). Park by name or code (one whose plots the caller may change), area in mu or m², land use by label, holder by firm name or credit code (else kept as a name), outline as WKT / GeoJSON or a longitude and latitude. A plot code the park already has is updated. A refusal is a 422 whose \`report\` lists sheet, row, column, header, value and reason (zh + en).`,
        consumes: ['multipart/form-data'],
        response: { 201: ZPlotImportResult, 401: ZProblem, 413: ZProblem, 415: ZProblem, ...err },
      },
    },
    async (req, reply) => {
      const a = assertMay(req, 'evaluation.plots'); // before reading the upload
      const part = await readUpload(req);
      return reply.status(201).send(await importPlots(db, a, part.bytes, part.filename, auditCtxOf(req)));
    },
  );

  r.get(
    `${P}/:id`,
    {
      schema: {
        tags,
        summary: 'One plot as recorded, with its buildings and version (404 outside the reader’s parks)',
        params: ZId,
        response: { 200: ZLandPlot, ...err },
      },
    },
    async (req) => {
      const q = new Sql();
      const scope = req.actor ? readScope(req.actor, 'land-plots', q) : null;
      const [seen] = await db.query(
        `select t.id from (select id, park_id from land_plots where id = ${q.p(req.params.id)}) t where ${scope ?? 'true'}`,
        q.params,
      );
      const plot = seen ? await plotById(db, req.params.id) : undefined;
      if (!plot) throw notFound();
      return plot;
    },
  );

  r.patch(
    `${P}/:id`,
    {
      config: { right: 'evaluation.plots' },
      schema: {
        tags,
        summary: 'Change a plot: the fields to change and the version read (stale: 409 with the plot as it is)',
        params: ZId,
        body: ZLandPlotPatch,
        response: { 200: ZLandPlot, 409: ZProblem, ...err },
      },
    },
    async (req) => {
      const a = assertMay(req, 'evaluation.plots');
      return updatePlot(db, req.params.id, req.body, a, auditCtxOf(req));
    },
  );

  r.delete(
    `${P}/:id`,
    {
      config: { right: 'evaluation.plots' },
      schema: {
        tags,
        summary: 'Remove a plot from the register (its buildings stand on no plot); audited with the plot as it was',
        params: ZId,
        querystring: z.object({ version: z.coerce.number().int().positive().max(2_147_483_647).optional() }),
        response: { 204: z.null(), 409: ZProblem, ...err },
      },
    },
    async (req, reply) => {
      const a = assertMay(req, 'evaluation.plots');
      await deletePlot(db, req.params.id, req.query.version, a, auditCtxOf(req));
      return reply.status(204).send(null);
    },
  );
}
