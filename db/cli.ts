/**
 * Migration CLI: `npm run db:migrate`, `npm run db:rollback [-- N [--force]]`,
 * `npm run db:status`. A rollback that would delete data refuses without `--force`.
 * Uses MIGRATION_DATABASE_URL (else DATABASE_URL), or the embedded PostgreSQL of `npm start`.
 */
import { loadToolConfig } from '@app/config';
import {
  migrationLabel as label,
  MigrationError,
  migratorFor,
  openDatabaseServer,
} from '@app/database';

const USAGE = 'usage: db <migrate | rollback [steps] [--force] | status>';

async function run(command: string | undefined, args: string[]): Promise<void> {
  const force = args.includes('--force');
  const arg = args.find((a) => a !== '--force');
  const config = loadToolConfig();
  const server = await openDatabaseServer(config);
  const migrator = migratorFor(server);
  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrator.migrate();
        if (applied.length === 0) console.log('nothing to migrate: the schema is up to date');
        for (const file of applied) console.log(`applied  ${label(file)}`);
        break;
      }
      case 'rollback': {
        const steps = arg === undefined ? 1 : Number(arg);
        if (!Number.isInteger(steps) || steps < 1)
          throw new MigrationError(`bad step count "${arg}"`);
        const undone = await migrator.rollback(steps, { force });
        if (undone.length === 0) console.log('nothing to roll back');
        for (const file of undone) console.log(`rolled back  ${label(file)}`);
        break;
      }
      case 'status': {
        const rows = await migrator.status();
        for (const row of rows) {
          const when = row.appliedAt ? row.appliedAt.toISOString() : '';
          console.log(`${row.state.padEnd(12)} ${label(row)}  ${when}`.trimEnd());
        }
        break;
      }
      default:
        throw new MigrationError(USAGE);
    }
  } finally {
    await server.stop();
  }
}

run(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(`db: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
