// The HTTP layer's names for the one application error (src/errors/app-error.ts), and the JSON
// shape every error response has: { error: { code, message, field? } }. Never a stack trace.
export { AppError as HttpError, notFound, badRequest, type ErrorParams } from '../errors/app-error.ts';

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
