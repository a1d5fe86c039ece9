// JSON bodies decoded strictly: invalid UTF-8 is an error (Node would silently replace it with
// U+FFFD and store garbage), as is an empty or malformed body. Size is capped by bodyLimit (413).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

export function parseJsonBody(
  _request: FastifyRequest,
  body: Buffer,
  done: (err: Error | null, value?: unknown) => void,
): void {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    done(
      new HttpError(400, 'invalid_utf8', 'The request body is not valid UTF-8; send JSON encoded as UTF-8'),
    );
    return;
  }
  if (text.trim() === '') {
    done(
      new HttpError(400, 'invalid_json', 'The request body is empty; send a JSON value or no Content-Type'),
    );
    return;
  }
  try {
    done(null, JSON.parse(text));
  } catch (err) {
    done(new HttpError(400, 'invalid_json', `The request body is not valid JSON: ${(err as Error).message}`));
  }
}

export function useStrictJson(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJsonBody);
}
