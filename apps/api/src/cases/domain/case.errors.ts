import { AppError, defineErrorCodes } from '@app/core';
import { CaseStatus } from './case-status.js';

export const CaseErrors = defineErrorCodes('cases', {
  CASE_NOT_FOUND: 404,
  INVALID_STATUS_TRANSITION: 409,
});

export class CaseNotFoundError extends AppError {
  constructor(readonly caseId: string) {
    super(CaseErrors.CASE_NOT_FOUND, `case ${caseId} does not exist`);
  }
}

export class InvalidStatusTransitionError extends AppError {
  constructor(
    readonly from: CaseStatus,
    readonly to: CaseStatus,
  ) {
    super(
      CaseErrors.INVALID_STATUS_TRANSITION,
      `a case cannot move from ${from} to ${to}`,
      'status',
    );
  }
}
