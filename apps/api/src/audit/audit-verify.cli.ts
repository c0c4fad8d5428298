/**
 * `npm run audit:verify [-- --anchor <anchor>] [--require-keyed]`: checks every case's
 * trail (chain, row, query records). Prints what it verified, or the first break (case id,
 * event id) and exits 1; with an anchor from `audit:anchor`, also proves that the history
 * up to the anchor's cutoff is unchanged.
 */
import { parseAnchor } from './domain/anchor.js';
import { runAuditCli } from './audit-cli.js';
import { VerifyAuditTrailUseCase } from './use-cases/verify-audit-trail.use-case.js';

runAuditCli('audit:verify', async (app, args) => {
  const anchorArg = args.includes('--anchor') ? args[args.indexOf('--anchor') + 1] : undefined;
  const anchor = anchorArg === undefined ? undefined : parseAnchor(anchorArg);
  if (anchor === null) throw new Error(`not an anchor printed by audit:anchor: "${anchorArg}"`);
  const report = await app
    .get(VerifyAuditTrailUseCase)
    .execute({ anchor, requireKeyed: args.includes('--require-keyed') });

  if (report.broken) {
    const { caseId, eventId, reason } = report.broken;
    console.error(`BROKEN case ${caseId} event ${eventId ?? '(none)'}: ${reason}`);
    console.error(`verified before the break: ${report.verifiedCases} cases`);
    return 1;
  }
  if (report.anchorMatches === false) {
    console.error(
      `ANCHOR MISMATCH: the history up to ${anchor!.cutoff.toISOString()} is not the one anchored`,
    );
    return 1;
  }
  console.log(
    `OK: verified ${report.verifiedEvents} events in ${report.verifiedCases} cases ` +
      `(${report.verifiedRecords} query records, ${report.keyedEvents} keyed events)` +
      (report.anchorMatches ? '; anchor matches' : ''),
  );
  return 0;
});
