import { ChainedEvent, ChainHead, eventHash } from './hash-chain.js';

export interface ChainBreak {
  caseId: string;
  /** The first event that does not fit, or null when events are missing at the end. */
  eventId: string | null;
  reason: string;
}

/**
 * Checks per-case hash chains from events fed in (case, seq) order: numbering without
 * gaps, each prev_hash equal to the previous hash, each hash recomputed from the content,
 * and the chain ending where the case row says it ends (so a deleted tail is caught too).
 */
export class ChainVerifier {
  verifiedEvents = 0;
  verifiedCases = 0;
  private current: { caseId: string; seq: number; hash: string | null; head: ChainHead } | null =
    null;

  /** Returns the first break found in this event, or null. */
  push(event: ChainedEvent, head: ChainHead): ChainBreak | null {
    if (this.current?.caseId !== event.caseId) {
      const tailBreak = this.finishCase();
      if (tailBreak) return tailBreak;
      this.current = { caseId: event.caseId, seq: 0, hash: null, head };
    }
    const state = this.current;
    const fail = (reason: string) => ({ caseId: event.caseId, eventId: event.id, reason });
    if (event.seq !== state.seq + 1)
      return fail(`expected event #${state.seq + 1}, found #${event.seq}`);
    if (event.prevHash !== state.hash) return fail('prev_hash does not match the previous event');
    if (eventHash(event) !== event.hash) return fail('hash does not match the event content');
    state.seq = event.seq;
    state.hash = event.hash;
    this.verifiedEvents += 1;
    return null;
  }

  /** Call after the last event. */
  finish(): ChainBreak | null {
    return this.finishCase();
  }

  private finishCase(): ChainBreak | null {
    const state = this.current;
    if (!state) return null;
    this.current = null;
    if (state.seq !== state.head.eventsCount || state.hash !== state.head.lastHash) {
      return {
        caseId: state.caseId,
        eventId: null,
        reason: `the case records ${state.head.eventsCount} events but its chain ends at #${state.seq}`,
      };
    }
    this.verifiedCases += 1;
    return null;
  }
}
