import fs from 'node:fs';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { CentralContext } from './services/context';
import { installErrorHandlers } from './http/errors';
import { installJsonParser } from './http/json';
import { installAuthentication } from './http/auth';
import { installLingeringClose } from './http/linger';
import { healthRoutes } from './routes/health';
import { stationRoutes } from './routes/stations';
import { syncRoutes } from './routes/sync';
import { uploadRoutes } from './routes/uploads';
import { adminStationRoutes } from './routes/admin-stations';
import { adminCaseRoutes } from './routes/admin-cases';
import { adminDataRoutes } from './routes/admin-data';
import { adminAccountRoutes } from './routes/admin-accounts';
import { bundleRoutes } from './routes/bundles';

import { auditRoutes } from './routes/audit';
declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered (method, url), for the check that the OpenAPI document covers them all. */
    centralRoutes: readonly { method: string; url: string }[];
  }
}

/**
 * The central server's HTTP face: the sync protocol (/v1/…) and the back office (/v1/admin/…). Every body in
 * and out is checked against the zod schemas of shared/sync; every request is logged once with its station.
 */
export function buildApp(ctx: CentralContext): FastifyInstance {
  const { config } = ctx;
  const options = {
    logger: { level: config.logLevel, ...(config.logStream ? { stream: config.logStream } : {}) },
    bodyLimit: config.limits.maxBodyBytes,
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
  };
  // HTTPS when central has a certificate of its own (config.tls); else HTTP, for loopback or behind a TLS proxy.
  const app = (
    config.tls ? Fastify({ ...options, https: { cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) } }) : Fastify(options)
  ) as unknown as FastifyInstance;
  app.decorateRequest('station', null);
  app.decorateRequest('actor', null);
  const routes: { method: string; url: string }[] = [];
  app.decorate('centralRoutes', routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });
  installJsonParser(app);
  installErrorHandlers(app);

  installLingeringClose(app);
  installAuthentication(app, ctx);
  // One line per request, with the station it came from (no bodies, no credentials).
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        stationId: req.station?.id ?? null,
        stationCode: req.station?.code ?? null,
        method: req.method,
        route: req.routeOptions.url ?? null,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });

  healthRoutes(app, ctx);
  stationRoutes(app, ctx);
  syncRoutes(app, ctx);
  uploadRoutes(app, ctx);
  adminStationRoutes(app, ctx);
  auditRoutes(app, ctx);
  adminCaseRoutes(app, ctx);
  adminDataRoutes(app, ctx);
  adminAccountRoutes(app, ctx);
  bundleRoutes(app, ctx);
  return app;
}
