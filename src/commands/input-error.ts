// A command's refusal of its input, naming the field. Commands sit below the HTTP API and the
// CLI: the API answers it as 400 invalid_input, the CLI as a usage error.
export class InputError extends Error {
  readonly field: string;
  /** The message without the field name. */
  readonly detail: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
    this.detail = message;
  }
}
