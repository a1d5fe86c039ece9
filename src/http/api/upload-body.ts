// Bodies of upload routes (route.upload): the file as sent (e.g. text/csv), read whole into a
// Buffer before the handler runs, refused with 413 past the route's limit — at once when the
// Content-Length says so, else as soon as the bytes read pass it. Other routes keep JSON only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';
import type { ApiRoute, Upload } from './define.ts';

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

const tooLarge = (upload: Upload) =>
  new HttpError(
    413,
    'body_too_large',
    `The file is larger than ${mib(upload.maxBytes)} MiB, the most this operation takes in one request; split it into smaller files`,
    undefined,
    { limit_mib: mib(upload.maxBytes) },
  );

const wrongType = (contentType: string) =>
  new HttpError(
    415,
    'unsupported_media_type',
    `Send the file itself as the request body with Content-Type: ${contentType}`,
    undefined,
    { content_type: contentType },
  );

function readUpload(request: FastifyRequest, payload: NodeJS.ReadableStream): Promise<Buffer> {
  const upload = (request.routeOptions.config as { upload?: Upload }).upload;
  if (!upload) return Promise.reject(wrongType('application/json'));
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > upload.maxBytes) return Promise.reject(tooLarge(upload));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > upload.maxBytes) {
        payload.removeAllListeners('data');
        reject(tooLarge(upload));
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => resolve(Buffer.concat(chunks)));
    payload.on('error', reject);
  });
}

export function useUploads(api: FastifyInstance, routes: readonly ApiRoute[]): void {
  const types = new Set(routes.flatMap((r) => (r.upload ? [r.upload.contentType] : [])));
  for (const type of types) {
    api.addContentTypeParser(type, (request, payload, done) => {
      readUpload(request, payload).then(
        (body) => done(null, body),
        (err: Error) => done(err),
      );
    });
  }
}

/** The uploaded file, or 415 when the body was not sent as the route's file type. */
export function uploadedFile(upload: Upload, body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw wrongType(upload.contentType);
  return body;
}
