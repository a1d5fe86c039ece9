// One error shape for every response: { error: { code, message, field? } }. Never a stack trace.
// `message` is English here; the error handler translates it for the reader (i18n/api-errors.ts)
// from the stable `code`, the `field` and the optional `params`.
export type ErrorParams = Record<string, string | number>;

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly params?: ErrorParams;
  constructor(status: number, code: string, message: string, field?: string, params?: ErrorParams) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.params = params;
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const badRequest = (message: string, field?: string) => new HttpError(400, 'invalid_input', message, field);

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
