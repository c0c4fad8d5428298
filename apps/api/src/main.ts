import 'reflect-metadata';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, packageVersion } from '@app/config';
import { createLogger } from '@app/core';
import { Database, migratorFor, openDatabaseServer } from '@app/database';
import { createApp } from './create-app.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({
    serviceName: config.serviceName,
    version: config.version,
    level: config.logLevel,
    pretty: config.logPretty,
  });

  const databaseServer = await openDatabaseServer(config, () =>
    logger.info({ context: { data_dir: config.embedded.dataDir } }, 'starting embedded PostgreSQL'),
  );
  if (config.migrateOnStart) {
    const applied = await migratorFor(databaseServer).migrate();
    logger.info({ context: { applied: applied.map((m) => m.version) } }, 'migrations applied');
  }

  const database = new Database({
    url: databaseServer.url,
    ...config.db,
    requestTimeoutMs: config.dbRequestTimeoutMs,
    applicationName: config.serviceName,
  });
  const app = await createApp({ config, database, logger });
  await app.listen(config.port, config.host);
  logger.info(
    { context: { host: config.host, port: config.port } },
    'listening; Swagger UI at /docs',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ context: { signal } }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    // Keep-alive connections that finish their request while we drain would otherwise
    // hold the server open until their idle timeout.
    const server = app.getHttpServer() as Server;
    const reaper = setInterval(() => server.closeIdleConnections(), 100);
    // Stops accepting connections, waits for in-flight requests, then closes the pool.
    await app.close();
    clearInterval(reaper);
    await databaseServer.stop();
    logger.info('stopped');
    // The log destination is buffered: write out what is left before exiting.
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

function loadConfigOrExit() {
  try {
    return loadConfig(process.env, packageVersion());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fatal: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
