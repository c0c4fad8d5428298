import { AppError, defineErrorCodes } from '@app/core';

export const AnalysisErrors = defineErrorCodes('analysis', {
  FINGERPRINT_NOT_FOUND: 404,
});

export class FingerprintNotFoundError extends AppError {
  constructor(readonly fingerprint: string) {
    super(
      AnalysisErrors.FINGERPRINT_NOT_FOUND,
      `no query record has the fingerprint ${fingerprint}`,
      'fingerprint',
    );
  }
}
