// A decrypted partner password held in memory only. It prints as [redacted] everywhere
// (String, JSON, console.log / util.inspect), so a log line or an API response built from a
// settings object can never carry it; reveal() is called only by the transport that logs in.
import { inspect } from 'node:util';

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}
