// Commands refuse input with the one application error (src/errors/app-error.ts); this older name
// stays so existing commands read as before. The HTTP layer answers with its status, code and
// field, translated for the reader; the CLI prints the message.
export { AppError as CommandError } from '../errors/app-error.ts';
