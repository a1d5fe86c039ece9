// One error shape for every response: { error: { code, message, field? } }. Never a stack trace.
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const badRequest = (message: string, field?: string) => new HttpError(400, 'invalid_input', message, field);

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
