// MechanicNET and CARFAX upload: one HTTPS POST of the finished CSV file (the protocol is
// documented in docs/partners.md):
//   POST <endpoint>  Content-Type: text/csv; charset=utf-8   Content-Length: <bytes>
//   Idempotency-Key: <org>-<location>-<partner>-<day>   X-Content-SHA256: <hex>
//   X-Relance-File-Name, X-Relance-Rows, and Authorization: Bearer <token> when one is set.
// 2xx: accepted. 5xx, 429 or a network error: retried with backoff. Other 4xx: failed at
// once with the partner's reason. The same Idempotency-Key on a retry lets the partner drop
// a duplicate when our first attempt was received but its answer was lost.
import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExtractFile } from '../build-extract-file.ts';
import type { Secret } from '../secret.ts';

export interface HttpUploadOptions {
  idempotencyKey: string;
  fileName: string;
  token?: Secret | null;
  /** Tries in all (first one included). */
  tries?: number;
  /** Wait before the 2nd try; doubles after each. */
  backoffMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** An upload the partner refused (4xx): retrying the same file will not help. */
export class PermanentUploadError extends Error {}

interface Answer {
  status: number;
  body: string;
}

function postOnce(endpoint: URL, file: ExtractFile, options: HttpUploadOptions): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': 'text/csv; charset=utf-8',
    'content-length': String(file.bytes),
    'idempotency-key': options.idempotencyKey,
    'x-content-sha256': file.sha256,
    'x-relance-file-name': options.fileName,
    'x-relance-rows': String(file.rows),
  };
  if (options.token) headers.authorization = `Bearer ${options.token.reveal()}`;
  const transport = endpoint.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      endpoint,
      { method: 'POST', headers, timeout: options.timeoutMs ?? 120_000, signal: options.signal },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 2_000) body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer before the timeout')));
    req.on('error', reject);
    const input = createReadStream(file.path);
    input.on('error', (err) => req.destroy(err));
    input.pipe(req);
  });
}

export async function uploadByHttps(
  endpoint: string,
  file: ExtractFile,
  options: HttpUploadOptions,
): Promise<void> {
  const url = new URL(endpoint);
  const tries = options.tries ?? 3;
  let wait = options.backoffMs ?? 2_000;
  let last = '';
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      const answer = await postOnce(url, file, options);
      if (answer.status >= 200 && answer.status < 300) return;
      const reason = `${url.host} answered ${answer.status}${answer.body.trim() ? `: ${answer.body.trim().slice(0, 300)}` : ''}`;
      if (answer.status >= 400 && answer.status < 500 && answer.status !== 429 && answer.status !== 408)
        throw new PermanentUploadError(reason);
      last = reason;
    } catch (err) {
      if (err instanceof PermanentUploadError || options.signal?.aborted) throw err;
      last = `${url.host}: ${(err as Error).message}`;
    }
    if (attempt < tries) {
      await sleep(wait, undefined, { signal: options.signal });
      wait *= 2;
    }
  }
  throw new Error(`upload failed after ${tries} tries (${last})`);
}
