import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { AuthConfig } from '@app/config';
import {
  Authenticate,
  configureHttp,
  documentClosedBodies,
  documentErrorCodes,
  EnvelopeExpressAdapter,
} from '@app/core';
import { AppDependencies, AppModule } from './app.module.js';
import { BEARER_SCHEME } from './identity/scopes.js';
import { TokenVerifier } from './identity/token-verifier.js';

/** The Nest application, fully configured but not listening. Used by main.ts and the tests. */
export async function createApp(deps: AppDependencies): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(deps), new EnvelopeExpressAdapter(), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(NestPinoLogger));
  configureHttp(app, deps.config, deps.logger, { authenticate: authenticator(deps.config.auth) });
  if (deps.config.auth.mode === 'jwt' && deps.config.auth.audience === undefined) {
    deps.logger.warn(
      'AUTH_JWT_AUDIENCE is not set: tokens your identity provider issues for other applications are accepted too',
    );
  }
  if (deps.config.auth.mode === 'off') {
    deps.logger.warn(
      'authentication is off (AUTH_MODE=off): anyone who reaches the port may act as anyone',
    );
  }

  const document = buildOpenApiDocument(app, deps.config.version);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'Case Tracker API',
  });
  return app;
}

function authenticator(auth: AuthConfig): Authenticate | undefined {
  if (auth.mode === 'off') return undefined;
  const verifier = new TokenVerifier(auth);
  return (req) => verifier.callerOf(req.headers.authorization);
}

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Case Tracker API')
    .setDescription(
      'Support cases and every SQL query run while working them, with an append-only audit trail. ' +
        'Every /api/v1 response is an envelope: {success, data, errors}. ' +
        'Anywhere in a request, a string holding U+0000 or an unpaired UTF-16 surrogate is refused (422).',
    )
    .setVersion(version)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A JWT whose `email` claim names the caller and whose `scope` claim grants ' +
          '`cases:read` (GET) and `cases:write` (POST). Not needed when the service runs with AUTH_MODE=off.',
      },
      BEARER_SCHEME,
    )
    .addServer('/', 'The host that serves this document')
    .build();
  // package.json says UNLICENSED: no licence is granted.
  config.info.license = { name: 'Proprietary (UNLICENSED)' };
  // No document-wide requirement: each API operation names the bearer scheme itself, and
  // health, metrics and the documents need none (an empty list says so explicitly).
  config.security ??= [];
  return documentClosedBodies(documentErrorCodes(SwaggerModule.createDocument(app, config)));
}
