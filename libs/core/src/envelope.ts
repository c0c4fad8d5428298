import { ErrorDetail } from './errors.js';

/** The body of every `/api/v1` response. */
export interface Envelope<T> {
  success: boolean;
  data: T | null;
  errors: ErrorDetail[];
}

export const ok = <T>(data: T): Envelope<T> => ({ success: true, data, errors: [] });

export const failure = (errors: ErrorDetail[]): Envelope<null> => ({
  success: false,
  data: null,
  errors,
});
