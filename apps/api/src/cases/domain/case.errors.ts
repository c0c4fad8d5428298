import { AppError } from '@app/core';
import { CaseStatus } from './case-status.js';

export class CaseNotFoundError extends AppError {
  constructor(readonly caseId: string) {
    super('CASE_NOT_FOUND', `case ${caseId} does not exist`);
  }
}

export class InvalidStatusTransitionError extends AppError {
  constructor(
    readonly from: CaseStatus,
    readonly to: CaseStatus,
  ) {
    super('INVALID_STATUS_TRANSITION', `a case cannot move from ${from} to ${to}`, 'status');
  }
}
