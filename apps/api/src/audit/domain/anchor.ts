import { createHash } from 'node:crypto';

/**
 * A digest of every case's chain head as of a cutoff, kept outside the database. Each head
 * hash covers its whole chain, so the digest pins the entire history up to the cutoff:
 * recomputed later, it differs if anything before the cutoff was rewritten, deleted or
 * slipped in, even by someone who can write every table.
 */
export interface Anchor {
  cutoff: Date;
  digest: string;
}

/**
 * How far before "now" an anchor's cutoff lies, so that every write dated before it has
 * committed (a request's deadline is seconds) and the digest will not move later.
 */
export const ANCHOR_SETTLE_MS = 60_000;

const PREFIX = 'anchor-v1';
const FORMAT = /^anchor-v1\/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\/([0-9a-f]{64})$/;

export const formatAnchor = ({ cutoff, digest }: Anchor): string =>
  `${PREFIX}/${cutoff.toISOString()}/${digest}`;

export function parseAnchor(text: string): Anchor | null {
  const match = FORMAT.exec(text.trim());
  return match ? { cutoff: new Date(match[1]), digest: match[2] } : null;
}

/** Folds chain heads, fed in case id order, into an anchor digest. */
export class AnchorDigest {
  private readonly sha = createHash('sha256');
  heads = 0;

  /** The digest of `heads`, as they stream in. */
  static async of(heads: AsyncIterable<{ caseId: string; seq: number; hash: string }>) {
    const digest = new AnchorDigest();
    for await (const head of heads) digest.add(head);
    return digest;
  }

  add(head: { caseId: string; seq: number; hash: string }): void {
    this.sha.update(`${head.caseId} ${head.seq} ${head.hash}\n`);
    this.heads += 1;
  }

  digest(): string {
    return this.sha.digest('hex');
  }
}
