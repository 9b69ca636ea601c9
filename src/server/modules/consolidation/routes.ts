/** Rail consolidation routes (issue 16): hubs, orders, departures, tariffs, plans, quotes, booking, dashboard. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZDashboard,
  ZDeparture,
  ZDepartureCancel,
  ZDepartureCancelled,
  ZDepartureInput,
  ZDepartureUpdate,
  ZHub,
  ZHubInput,
  ZMemberInput,
  ZOrder,
  ZOrderCancel,
  ZOrderInput,
  ZOrderUpdate,
  ZPlanView,
  ZQuote,
  ZTariff,
  ZTariffInput,
} from '../../../contracts/consolidation.js';
import { ZJob } from '../../../contracts/jobs.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { notFound, unauthorized } from '../../lib/errors.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { readUpload } from '../../lib/upload.js';
import { answerJob, jobsOf } from '../../platform/jobs/index.js';
import { fileResponse, XLSX_TYPE } from '../../platform/openapi.js';
import { PDF_TYPE } from '../../platform/pdf/index.js';
import { assertMay } from '../../platform/policy/index.js';
import { watermarkName } from '../auth/actor.js';
import { auditCtxOf } from '../auth/plugin.js';
import { cancelDeparture, cancelOrder, updateDeparture, updateOrder } from './changes.js';
import { invoiceDocument, invoiceOf, invoicePdf, invoiceXlsx, shipperOf } from './invoice.js';
import { planJob } from './jobs.js';
import { book, dashboard, planView, quote } from './planning.js';
import { assertOperate, assertSees, hubAccess } from './policy.js';
import * as repo from './repository.js';
import { addMember, createDeparture, createHub, createOrder, listOrders, presentOrder, saveTariff } from './service.js';
import { importOrders, invoiceWorkbook, orderTemplate } from './sheets.js';

const tags = ['Consolidation 集拼'];
const BASE = '/api/v1/consolidation/hubs';
const ZHubParams = z.object({ id: idParam() });
const ZOrderParams = ZHubParams.extend({ orderId: idParam() });
const ZDepartureParams = ZHubParams.extend({ departureId: idParam() });
const ZMonth = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'invalid_format')
    .describe('YYYY-MM'),
});

export function registerConsolidationRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    BASE,
    {
      schema: {
        tags,
        summary: 'Logistics hubs with a consolidation centre, and whether the caller operates each',
        response: { 200: z.object({ items: z.array(ZHub) }), 401: ZProblem, 403: ZProblem },
      },
    },
    async (req) => {
      assertMay(req, 'consolidation.view');
      const rows = await repo.hubs(db, req.actor?.userId ?? -1);
      return {
        items: rows.map((h) => ({
          id: h.id,
          name: h.name,
          nameEn: h.name_en,
          station: h.station,
          source: h.source,
          synthetic: h.synthetic,
          organisationId: h.organisation_id,
          member: h.member || req.system === true || req.actor?.role === 'city_admin',
        })),
      };
    },
  );

  r.post(
    BASE,
    {
      config: { right: 'consolidation.administer' },
      schema: {
        tags,
        summary: 'Add a hub (city administrators)',
        body: ZHubInput,
        response: { 201: ZHub, 401: ZProblem, 403: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      assertMay(req, 'consolidation.administer');
      const id = await createHub(db, req.body, auditCtxOf(req));
      const h = (await repo.hub(db, id, req.actor?.userId ?? -1))!;
      return reply.status(201).send({
        id: h.id,
        name: h.name,
        nameEn: h.name_en,
        station: h.station,
        source: h.source,
        synthetic: h.synthetic,
        organisationId: h.organisation_id,
        member: true,
      });
    },
  );

  r.post(
    `${BASE}/:id/members`,
    {
      config: { right: 'consolidation.administer' },
      schema: {
        tags,
        summary: 'Make a user an operator of the hub (city administrators)',
        params: ZHubParams,
        body: ZMemberInput,
        response: {
          201: z.object({ hubId: z.number(), userId: z.number() }),
          401: ZProblem,
          403: ZProblem,
          404: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req, reply) => {
      assertMay(req, 'consolidation.administer');
      const x = await hubAccess(db, req.params.id, req);
      await addMember(db, x.hub, req.body.userId, auditCtxOf(req));
      return reply.status(201).send({ hubId: x.hub.id, userId: req.body.userId });
    },
  );

  r.get(
    `${BASE}/:id/orders`,
    {
      schema: {
        tags,
        summary:
          "A hub's orders the caller may see (a shipper: its own); declared values only to the hub and the shipper",
        params: ZHubParams,
        response: { 200: z.object({ items: z.array(ZOrder) }), 401: ZProblem, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => {
      const x = await hubAccess(db, req.params.id, req);
      assertSees(x);
      return { items: (await listOrders(db, x)).map((o) => presentOrder(o, x)) };
    },
  );

  r.post(
    `${BASE}/:id/orders`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Add an order (hub operators: any shipper; a shipper: its own)',
        params: ZHubParams,
        body: ZOrderInput,
        response: { 201: ZOrder, 401: ZProblem, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      const x = await hubAccess(db, req.params.id, req);
      const id = await createOrder(db, x, req.body, auditCtxOf(req));
      const row = await repo.order(db, id);
      if (!row) throw notFound();
      return reply.status(201).send(presentOrder(row, x));
    },
  );

  r.put(
    `${BASE}/:id/orders/:orderId`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary:
          'Change an order (operators; a shipper its own). A booked order keeps what placed it in its locked container',
        params: ZOrderParams,
        body: ZOrderUpdate,
        response: { 200: ZOrder, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const x = await hubAccess(db, req.params.id, req);
      await updateOrder(db, x, req.params.orderId, req.body, auditCtxOf(req));
      const row = await repo.order(db, req.params.orderId);
      if (!row) throw notFound();
      return presentOrder(row, x);
    },
  );

  r.post(
    `${BASE}/:id/orders/:orderId/cancel`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Cancel an order; a booked one only with confirmBooked (it gives up its locked place)',
        params: ZOrderParams,
        body: ZOrderCancel,
        response: { 200: ZOrder, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const x = await hubAccess(db, req.params.id, req);
      await cancelOrder(db, x, req.params.orderId, req.body, auditCtxOf(req));
      const row = await repo.order(db, req.params.orderId);
      if (!row) throw notFound();
      return presentOrder(row, x);
    },
  );

  r.post(
    `${BASE}/:id/orders/:orderId/book`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Book an order: it keeps the container the latest plan gave it (locked) in every later plan',
        params: ZOrderParams,
        response: { 200: ZOrder, 401: ZProblem, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const x = await hubAccess(db, req.params.id, req);
      await book(db, x, req.params.orderId, auditCtxOf(req));
      const row = await repo.order(db, req.params.orderId);
      if (!row) throw notFound();
      return presentOrder(row, x);
    },
  );

  r.post(
    `${BASE}/:id/orders/import`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Import orders from a spreadsheet (all rows or none; every bad cell named by row and column)',
        description:
          'multipart/form-data with a `file` part (.xlsx or CSV); headers as in the template, Chinese or English. An order no departure of the hub can take (too heavy, ready after every cut-off, destination not served) is named too.',
        consumes: ['multipart/form-data'],
        params: ZHubParams,
        response: {
          201: z.object({ imported: z.number().int() }),
          401: ZProblem,
          403: ZProblem,
          404: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req, reply) => {
      const x = await hubAccess(db, req.params.id, req);
      assertOperate(x); // before reading the upload
      const part = await readUpload(req);
      const imported = await importOrders(db, x, part.bytes, part.filename, auditCtxOf(req));
      return reply.status(201).send({ imported });
    },
  );

  r.get(
    `${BASE}/:id/orders/template.xlsx`,
    {
      schema: {
        tags,
        summary: 'Template for the orders import',
        params: ZHubParams,
        querystring: z.object({ lang: z.enum(['zh', 'en']).default('zh') }),
        response: {
          200: fileResponse('The template workbook', XLSX_TYPE),
          401: ZProblem,
          403: ZProblem,
          404: ZProblem,
        },
      },
    },
    async (req, reply) => {
      const x = await hubAccess(db, req.params.id, req);
      assertOperate(x);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('orders.xlsx')}`)
        .send(await orderTemplate(req.query.lang));
    },
  );

  r.get(
    `${BASE}/:id/orders/:orderId/invoice.xlsx`,
    {
      schema: {
        tags,
        summary:
          "An order's invoice: its share of each container's price by chargeable weight (the hub and the shipper)",
        description:
          "The hub's operators, the city and the order's own shipper; anyone who may not read the order gets 404, as for an unknown order.",
        params: ZOrderParams,
        querystring: z.object({ lang: z.enum(['zh', 'en']).default('zh') }),
        response: { 200: fileResponse('The invoice workbook', XLSX_TYPE), 401: ZProblem, 404: ZProblem },
      },
    },
    async (req, reply) => {
      const x = await hubAccess(db, req.params.id, req);
      const book = await invoiceWorkbook(db, x, req.params.orderId, req.query.lang);
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`invoice-${req.params.orderId}.xlsx`)}`,
        )
        .send(book);
    },
  );

  const ZInvoiceQuery = z.object({
    shipper: idParam()
      .optional()
      .describe("The shipper's enterprise id (a shipper's own users may leave it out: their enterprise)"),
    lang: z.enum(['zh', 'en']).default('zh'),
  });
  for (const format of ['pdf', 'xlsx'] as const) {
    r.get(
      `${BASE}/:id/departures/:departureId/invoice.${format}`,
      {
        schema: {
          tags,
          summary: `A shipper's invoice for its booked orders on a departure, as ${format === 'pdf' ? 'PDF' : 'a workbook'}`,
          description:
            "Each part's container, chargeable weight (with the route's minimum) and share of the container's price, and the total. The shipper's own users, the hub's operators and the city's administrators; anyone else 404. Container prices and shares only to the hub." +
            (format === 'pdf' ? ' Watermarked with your name and the time of the request.' : ''),
          params: ZDepartureParams,
          querystring: ZInvoiceQuery,
          response: {
            200: fileResponse('The invoice', format === 'pdf' ? PDF_TYPE : XLSX_TYPE),
            401: ZProblem,
            403: ZProblem,
            404: ZProblem,
            422: ZProblem,
          },
        },
      },
      async (req, reply) => {
        const x = await hubAccess(db, req.params.id, req);
        const shipper = shipperOf(x, req.query.shipper);
        const inv = await invoiceOf(db, x, req.params.departureId, shipper);
        const lang = req.query.lang;
        const name = `invoice-${inv.departure.code}-${shipper}.${format}`;
        let body: Buffer;
        if (format === 'xlsx') body = await invoiceXlsx(inv, lang);
        else {
          const who = await watermarkName(db, req.actor?.userId);
          body = await invoicePdf(invoiceDocument(inv, lang, { name: who, at: new Date().toISOString() }));
        }
        return reply
          .header('content-type', format === 'pdf' ? PDF_TYPE : XLSX_TYPE)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
          .send(body);
      },
    );
  }

  r.get(
    `${BASE}/:id/departures`,
    {
      schema: {
        tags,
        summary: "A hub's departures (container prices to its operators only)",
        params: ZHubParams,
        response: { 200: z.object({ items: z.array(ZDeparture) }), 401: ZProblem, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => {
      const x = await hubAccess(db, req.params.id, req);
      assertSees(x);
      return { items: (await repo.departures(db, x.hub.id)).map((d) => presentDeparture(d, x.readAll)) };
    },
  );

  r.post(
    `${BASE}/:id/departures`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary:
          'Add a departure: route, destination stations, date, cut-off, containers and prices, payload cap, usable volume',
        params: ZHubParams,
        body: ZDepartureInput,
        response: { 201: ZDeparture, 401: ZProblem, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req, reply) => {
      const x = await hubAccess(db, req.params.id, req);
      const id = await createDeparture(db, x, req.body, auditCtxOf(req));
      const d = (await repo.departures(db, x.hub.id)).find((k) => k.id === id);
      if (!d) throw notFound();
      return reply.status(201).send(presentDeparture(d, true));
    },
  );

  r.put(
    `${BASE}/:id/departures/:departureId`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Change a departure (operators); with booked orders locked on it, what placed them stays',
        params: ZDepartureParams,
        body: ZDepartureUpdate,
        response: { 200: ZDeparture, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const x = await hubAccess(db, req.params.id, req);
      await updateDeparture(db, x, req.params.departureId, req.body, auditCtxOf(req));
      const d = await repo.departure(db, req.params.departureId);
      if (!d) throw notFound();
      return presentDeparture(d, true);
    },
  );

  r.post(
    `${BASE}/:id/departures/:departureId/cancel`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary:
          'Cancel a departure (operators); with booked orders on it only with releaseBooked: they go back to open, to be planned again',
        params: ZDepartureParams,
        body: ZDepartureCancel,
        response: {
          200: ZDepartureCancelled,
          401: ZProblem,
          403: ZProblem,
          404: ZProblem,
          409: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req) => {
      const x = await hubAccess(db, req.params.id, req);
      const released = await cancelDeparture(db, x, req.params.departureId, req.body, auditCtxOf(req));
      const d = await repo.departure(db, req.params.departureId);
      if (!d) throw notFound();
      return { departure: presentDeparture(d, true), released };
    },
  );

  r.get(
    `${BASE}/:id/tariffs`,
    {
      schema: {
        tags,
        summary: 'Chargeable-weight divisor and minimum per route',
        params: ZHubParams,
        response: { 200: z.object({ items: z.array(ZTariff) }), 401: ZProblem, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => {
      const x = await hubAccess(db, req.params.id, req);
      assertSees(x);
      return {
        items: (await repo.tariffs(db, x.hub.id)).map((t) => ({
          id: t.id,
          route: t.route,
          divisorKgPerM3: t.divisor_kg_per_m3,
          minChargeableM3: t.min_chargeable_m3,
          synthetic: t.synthetic,
        })),
      };
    },
  );

  r.put(
    `${BASE}/:id/tariffs`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: "Set a route's chargeable-weight divisor and minimum (hub operators)",
        params: ZHubParams,
        body: ZTariffInput,
        response: { 200: ZTariff, 401: ZProblem, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      const x = await hubAccess(db, req.params.id, req);
      const id = await saveTariff(db, x, req.body, auditCtxOf(req));
      const t = (await repo.tariffs(db, x.hub.id)).find((k) => k.id === id)!;
      return {
        id: t.id,
        route: t.route,
        divisorKgPerM3: t.divisor_kg_per_m3,
        minChargeableM3: t.min_chargeable_m3,
        synthetic: t.synthetic,
      };
    },
  );

  r.get(
    `${BASE}/:id/plan`,
    {
      schema: {
        tags,
        summary:
          'The latest plan: containers per departure with volume and weight fill, charges, bound and gap, unplaceable orders',
        description: 'A shipper sees only the containers holding its orders, its own parts and charges.',
        params: ZHubParams,
        response: { 200: ZPlanView.nullable(), 401: ZProblem, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => {
      const x = await hubAccess(db, req.params.id, req);
      assertSees(x);
      return planView(db, x);
    },
  );

  r.post(
    `${BASE}/:id/plan`,
    {
      config: { right: 'writer' },
      schema: {
        tags,
        summary: 'Plan the open and booked orders (a job; booked orders keep their containers)',
        description: 'Answers the new plan, or 202 with the job when the request says `Prefer: respond-async`.',
        params: ZHubParams,
        response: { 200: ZPlanView, 202: ZJob, 401: ZProblem, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req, reply) => {
      const x = await hubAccess(db, req.params.id, req);
      assertOperate(x);
      const id = await jobsOf(db).send(
        planJob,
        { hubId: x.hub.id, by: req.actor?.userId ?? null, audit: auditCtxOf(req) },
        { ownerUserId: req.actor?.userId ?? null, label: x.hub.name },
      );
      const out = await answerJob(req, reply, db, id, 10 * 60 * 1000);
      if (out.async) return out.job;
      const view = await planView(db, x);
      if (!view) throw notFound();
      return view;
    },
  );

  r.post(
    `${BASE}/:id/quote`,
    {
      config: { right: 'consolidation.view' },
      schema: {
        tags,
        summary: 'Quote an order before booking: its share of the container it would join (writes nothing)',
        params: ZHubParams,
        body: ZOrderInput,
        response: { 200: ZQuote, 401: ZProblem, 403: ZProblem, 404: ZProblem, 422: ZProblem },
      },
    },
    async (req) => {
      if (!req.actor && !req.system) throw unauthorized();
      const x = await hubAccess(db, req.params.id, req);
      return quote(db, x, req.body);
    },
  );

  r.get(
    `${BASE}/:id/dashboard`,
    {
      schema: {
        tags,
        summary: "The hub's month: departures, containers, fill rate, goods value, destinations",
        params: ZHubParams,
        querystring: ZMonth,
        response: { 200: ZDashboard, 401: ZProblem, 403: ZProblem, 404: ZProblem },
      },
    },
    async (req) => {
      const x = await hubAccess(db, req.params.id, req);
      return dashboard(db, x, req.query.month);
    },
  );
}

function presentDeparture(d: repo.DepartureRow, prices: boolean) {
  return {
    id: d.id,
    hubId: d.hub_id,
    code: d.code,
    route: d.route,
    destinations: d.destinations,
    departOn: d.depart_on,
    cutoffOn: d.cutoff_on,
    containers: d.containers.map((c) => ({ type: c.type, count: c.count, priceFen: prices ? c.priceFen : null })),
    payloadCapKg: d.payload_cap_kg,
    usableVolumeFactor: d.usable_volume_factor,
    synthetic: d.synthetic,
    status: d.status,
    version: d.version,
  };
}
