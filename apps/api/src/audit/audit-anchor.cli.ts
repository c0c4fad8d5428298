/**
 * `npm run audit:anchor`: prints an anchor, a digest of every case's chain head as of a
 * minute ago. Store it outside the database (a ticket, a signed mail, a WORM bucket);
 * `audit:verify --anchor <anchor>` later proves that nothing before it was rewritten.
 */
import { formatAnchor } from './domain/anchor.js';
import { runAuditCli } from './audit-cli.js';
import { CreateAuditAnchorUseCase } from './use-cases/create-audit-anchor.use-case.js';

runAuditCli('audit:anchor', async (app) => {
  const anchor = await app.get(CreateAuditAnchorUseCase).execute();
  console.error(`${anchor.heads} chains as of ${anchor.cutoff.toISOString()}`);
  console.log(formatAnchor(anchor));
  return 0;
});
