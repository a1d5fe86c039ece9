// The one application error: commands, tenancy, accounts and routes all throw it; the HTTP error
// handler turns it into { error: { code, message, field? } } with `status`. `code` is stable and is
// also the message key: i18n/api-errors.ts writes the reader's language from it, the `field` and
// the optional `params`. `message` is the English text. Lives below http/ so any layer may throw it.
export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
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

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const badRequest = (message: string, field?: string) =>
  new AppError(400, 'invalid_input', message, field);
