import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Platform } from './context.js';
import type { RouteAccess } from './access.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access declaration, for tests and documentation. */
    declaredRoutes: ReadonlyArray<{ method: string; url: string; access: RouteAccess }>;
  }
}
import { installAuthentication } from './authenticate.js';
import { installErrorHandler } from './error-handler.js';
import { installTextInputCheck } from './text-input.js';
import { installNoStore } from './no-store.js';
import { listenForRevocations } from '../auth/revocation.js';
import { healthRoutes } from '../../modules/health/health.routes.js';
import { setupRoutes } from '../../modules/setup/setup.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { organisationRoutes } from '../../modules/organisation/organisation.routes.js';
import { userRoutes } from '../../modules/user/user.routes.js';
import { personRoutes } from '../../modules/person/person.routes.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { caseRoutes } from '../../modules/case/case.routes.js';
import { caseSearchRoutes } from '../../modules/case/case-search.routes.js';
import { caseRecordRoutes } from '../../modules/case-record/case-record.routes.js';
import { accountRoutes } from '../../modules/account/account.routes.js';
import { prosecutionRoutes } from '../../modules/prosecution/prosecution.routes.js';
import { recommendationRoutes } from '../../modules/recommendations/recommendations.routes.js';
import { referenceSeriesImportRoutes } from '../../modules/recommendations/reference-series.routes.js';
import { prosecutionImportRoutes } from '../../modules/prosecution/prosecution-import.routes.js';
import { networkRoutes } from '../../modules/prosecution/network.routes.js';
import { caseBriefRoutes } from '../../modules/prosecution/case-brief.routes.js';
import { funnelRoutes } from '../../modules/prosecution-funnel/funnel.routes.js';
import { proceedingsRoutes } from '../../modules/proceedings/proceedings.routes.js';
import { documentRoutes } from '../../modules/document/document.routes.js';
import { referralRoutes } from '../../modules/referral/referral.routes.js';
import { screeningRoutes } from '../../modules/screening/screening.routes.js';
import { personProfileRoutes } from '../../modules/person-profile/person-profile.routes.js';
import { personRecordRoutes } from '../../modules/person-record/person-record.routes.js';
import { sopRoutes } from '../../modules/sop/sop.routes.js';
import { directoryRoutes } from '../../modules/directory/directory.routes.js';
import { statisticsRoutes } from '../../modules/statistics/statistics.routes.js';
import { estimationRoutes } from '../../modules/estimation/estimation.routes.js';
import { strataRoutes } from '../../modules/estimation/strata.routes.js';
import { modelAverageRoutes } from '../../modules/estimation/model-average.routes.js';
import { releaseRoutes } from '../../modules/releases/releases.routes.js';
import { importRoutes } from '../../modules/statistical-records/imports.routes.js';
import { notificationRoutes } from '../../modules/notifications/notifications.routes.js';
import { attachJobEngine } from '../jobs/app-jobs.js';
import { homeRoutes } from '../../modules/home/home.routes.js';
import { actionPlanRoutes } from '../../modules/action-plan/action-plan.routes.js';
import { determinantRoutes } from '../../modules/determinants/determinants.routes.js';
import { publicViewRoutes } from '../../modules/public-view/public-view.routes.js';
import { coordinationRoutes } from '../../modules/coordination/coordination.routes.js';
import { planIndicatorRoutes } from '../../modules/action-plan/plan-indicators.routes.js';
import { supervisionRoutes } from '../../modules/supervision/supervision.routes.js';

export const defaultWebDist = join(dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

/** Routes added by plugins (API docs, static files) that are public by nature. */
const pluginRoutePrefixes = ['/api/docs'];

export interface AppOptions {
  readonly platform: Omit<Platform, 'log'>;
  /** pino options, or false for no logging (tests). */
  readonly logger?: boolean | Record<string, unknown>;
  /** The built web app to serve; omitted when it has not been built. */
  readonly webDist?: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: options.platform.config.logLevel,
            // Never log what could identify a person: no bodies, no query strings, no cookies.
            serializers: {
              req: (req: { method: string; routeOptions?: { url?: string }; url: string; id: string }) => ({
                id: req.id,
                method: req.method,
                route: req.routeOptions?.url ?? req.url.split('?')[0],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'],
            ...(typeof options.logger === 'object' ? options.logger : {}),
          },
    bodyLimit: 256 * 1024,
  });
  app.decorate('platform', { ...options.platform, log: app.log });
  attachJobEngine(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const declared: Array<{ method: string; url: string; access: RouteAccess }> = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    const record = (access: RouteAccess) => {
      for (const method of [route.method].flat()) declared.push({ method, url: route.url, access });
    };
    if (route.config?.access) {
      record(route.config.access);
      return;
    }
    if (pluginRoutePrefixes.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, access: { kind: 'public', reason: 'API documentation' } };
      record(route.config.access as RouteAccess);
      return;
    }
    if (route.url === '/*' || route.url === '/') {
      route.config = { ...route.config, access: { kind: 'public', reason: 'the web app' } };
      record(route.config.access as RouteAccess);
      return;
    }
    throw new Error(`Route ${route.method.toString()} ${route.url} declares no access rule`);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    // HSTS only where the operator says the server is reached over HTTPS.
    hsts: options.platform.config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Palermo API',
        version: '0.1.0',
        description: 'Generated from the zod contracts in packages/contracts.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const webDist = options.webDist ?? defaultWebDist;
  const serveWeb = existsSync(join(webDist, 'index.html'));
  installErrorHandler(app, serveWeb);
  installAuthentication(app);
  installTextInputCheck(app);
  installNoStore(app);
  const revocations = listenForRevocations(options.platform.database.kind, options.platform.config.databaseUrl, app.log);
  if (revocations) app.addHook('onClose', () => revocations.close());

  await app.register(healthRoutes);
  await app.register(setupRoutes);
  await app.register(authRoutes);
  await app.register(organisationRoutes);
  await app.register(userRoutes);
  await app.register(personRoutes);
  await app.register(auditRoutes);
  await app.register(homeRoutes);
  await app.register(actionPlanRoutes);
  await app.register(planIndicatorRoutes);
  await app.register(caseRoutes);
  await app.register(caseSearchRoutes);
  await app.register(caseRecordRoutes);
  await app.register(supervisionRoutes);
  await app.register(accountRoutes);
  await app.register(prosecutionRoutes);
  await app.register(recommendationRoutes);
  await app.register(determinantRoutes);
  await app.register(publicViewRoutes);
  await app.register(coordinationRoutes);
  await app.register(referenceSeriesImportRoutes);
  await app.register(prosecutionImportRoutes);
  await app.register(networkRoutes);
  await app.register(caseBriefRoutes);
  await app.register(funnelRoutes);
  await app.register(proceedingsRoutes);
  await app.register(documentRoutes);
  await app.register(referralRoutes);
  await app.register(screeningRoutes);
  await app.register(personProfileRoutes);
  await app.register(personRecordRoutes);
  await app.register(sopRoutes);
  await app.register(directoryRoutes, { staleAfterDays: options.platform.config.directoryStaleDays });
  await app.register(statisticsRoutes);
  await app.register(estimationRoutes);
  await app.register(strataRoutes);
  await app.register(modelAverageRoutes);
  await app.register(releaseRoutes);
  await app.register(importRoutes);
  await app.register(notificationRoutes);

  if (serveWeb) await app.register(fastifyStatic, { root: webDist, index: ['index.html'] });
  return app;
}
