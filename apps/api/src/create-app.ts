import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { configureHttp, documentClosedBodies, documentErrorCodes } from '@app/core';
import { AppDependencies, AppModule } from './app.module.js';

/** The Nest application, fully configured but not listening. Used by main.ts and the tests. */
export async function createApp(deps: AppDependencies): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(deps), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(NestPinoLogger));
  configureHttp(app, deps.config, deps.logger);

  const document = buildOpenApiDocument(app, deps.config.version);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'Case Tracker API',
  });
  return app;
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
    .addServer('/', 'The host that serves this document')
    .build();
  // package.json says UNLICENSED: no licence is granted.
  config.info.license = { name: 'Proprietary (UNLICENSED)' };
  // Nothing is authenticated yet: an empty list says so, where leaving it out says nothing.
  config.security ??= [];
  return documentClosedBodies(documentErrorCodes(SwaggerModule.createDocument(app, config)));
}
