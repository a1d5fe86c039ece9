// A business rule refused the input: the HTTP layer answers with `status`, the stable `code`
// and the `field`, translated for the reader; the CLI prints the message. Commands never
// import the HTTP layer.
export class CommandError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly params?: Record<string, string | number>;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}
