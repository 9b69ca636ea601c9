/** buildApp: the Fastify application (no listen), used by the server, the CLI and the tests. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';
import { registerErrorHandler } from './lib/errors.js';
import { registerInputHygiene } from './lib/hygiene.js';
import { registerAuth } from './modules/auth/plugin.js';
import { MODULES } from './modules/index.js';
import { registerInboxRoutes } from './platform/inbox/routes.js';
import { closeJobs, openJobs } from './platform/jobs/index.js';
import { registerJobRoutes } from './platform/jobs/routes.js';
import { registerPermissionRoutes } from './platform/policy/permissions.js';
import { installRouteRights } from './platform/policy/route-rights.js';

export interface AppOptions {
  db: Db;
  /** Folder of the built web UI (dist/web); served with SPA fallback when it exists. */
  webDir?: string | undefined;
  logger?: boolean;
  /** Refuse requests without credentials (default). See registerAuth. */
  requireSignIn?: boolean;
  /** Run queued jobs in this process too (default; `serve --no-worker` leaves them to `parklink worker`). */
  worker?: boolean;
}

export async function buildApp({
  db,
  webDir,
  logger = false,
  requireSignIn = true,
  worker = true,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const hasWeb = Boolean(webDir && existsSync(join(webDir, 'index.html')));
  registerErrorHandler(app, hasWeb ? (reply) => reply.type('text/html').sendFile('index.html') : undefined);
  registerInputHygiene(app);

  // Security headers; the CSP lets the SPA run (Ant Design injects styles at run time).
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ParkLink 园链通 API',
        version: '1',
        description:
          'Registry of parks, buildings, floors, units, enterprises, institutions and supplier links. Errors are application/problem+json with every invalid field in Chinese and English.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { schema: { hide: true } }, async () => {
    await db.query('select 1');
    return { ok: true, db: db.kind };
  });

  await openJobs(db, { work: worker });
  app.addHook('onClose', async () => closeJobs(db));

  installRouteRights(app);
  await registerAuth(app, db, requireSignIn);
  for (const m of MODULES) await m.routes?.(app, db);
  registerJobRoutes(app, db);
  registerInboxRoutes(app, db);
  registerPermissionRoutes(app);

  if (hasWeb) await app.register(fastifyStatic, { root: webDir as string, wildcard: false, index: 'index.html' });
  return app;
}
