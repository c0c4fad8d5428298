import { describe, expect, it } from '@jest/globals';
import { CASE_STATUSES, CaseStatus, canTransition } from './case-status.js';

describe('status transitions', () => {
  const allowed: [CaseStatus, CaseStatus][] = [
    ['open', 'in_progress'],
    ['open', 'closed'],
    ['in_progress', 'resolved'],
    ['in_progress', 'closed'],
    ['resolved', 'closed'],
  ];

  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  const refused = CASE_STATUSES.flatMap((from) =>
    CASE_STATUSES.map((to): [CaseStatus, CaseStatus] => [from, to]),
  ).filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to));

  it.each(refused)('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('treats closed as terminal and never goes back to open', () => {
    expect(CASE_STATUSES.filter((to) => canTransition('closed', to))).toEqual([]);
    expect(CASE_STATUSES.filter((from) => canTransition(from, 'open'))).toEqual([]);
  });
});
