// Print-vendor adapters. A batch (PDF + CSV + manifest) is handed over whole or not at all:
// - folder drop (PRINT_VENDOR_DIR): written under temporary names, then renamed into place;
// - HTTP (PRINT_VENDOR_URL): POST {url}/batches as multipart/form-data (manifest, pdf, csv) with
//   Idempotency-Key = batch id; 2xx or 409 (already have it) = accepted; 5xx/network retried.
// The batch id is durable (postcard_batches): a batch sent again after a crash carries the same
// id and the same cards, so the vendor's idempotency check drops the second copy.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PrintBatch {
  id: string;
  pdf: Buffer;
  csv: string;
  manifest: {
    batch_id: string;
    org_id: number;
    location_id: number;
    run_on: string;
    cards: number;
    return_address: string[];
    message_ids: number[];
  };
}

export interface VendorReceipt {
  vendorRef: string;
}

export interface PrintVendor {
  name: string;
  submit(batch: PrintBatch): Promise<VendorReceipt>;
  /** The longest one submit can take, retries included: the batch's lease covers it. */
  maxSubmitMs?: number;
}

export class VendorError extends Error {
  readonly temporary: boolean;
  constructor(message: string, temporary: boolean) {
    super(message);
    this.temporary = temporary;
  }
}

export function folderVendor(dir: string): PrintVendor {
  return {
    name: 'folder',
    async submit(batch) {
      await mkdir(dir, { recursive: true });
      const files: Array<[string, string | Buffer]> = [
        [`${batch.id}.pdf`, batch.pdf],
        [`${batch.id}.csv`, batch.csv],
        // The manifest last: its presence tells the vendor the batch is complete.
        [`${batch.id}.json`, JSON.stringify(batch.manifest, null, 2)],
      ];
      for (const [name, data] of files) {
        const tmp = join(dir, `.${name}.tmp`);
        await writeFile(tmp, data);
        await rename(tmp, join(dir, name));
      }
      return { vendorRef: join(dir, `${batch.id}.pdf`) };
    },
  };
}

export function httpVendor(
  baseUrl: string,
  options: { retries?: number; retryDelayMs?: number; timeoutMs?: number } = {},
): PrintVendor {
  const retries = options.retries ?? 4;
  const delay = options.retryDelayMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 60_000;
  return {
    name: 'http',
    // Every try timing out, plus the waits between tries (delay, 2 x delay, 4 x delay…).
    maxSubmitMs: (retries + 1) * timeoutMs + delay * (2 ** retries - 1),
    async submit(batch) {
      let last: VendorError | null = null;
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, delay * 2 ** (attempt - 1)));
        const form = new FormData();
        form.set(
          'manifest',
          new Blob([JSON.stringify(batch.manifest)], { type: 'application/json' }),
          'manifest.json',
        );
        form.set(
          'pdf',
          new Blob([new Uint8Array(batch.pdf)], { type: 'application/pdf' }),
          `${batch.id}.pdf`,
        );
        form.set('csv', new Blob([batch.csv], { type: 'text/csv' }), `${batch.id}.csv`);
        let res: Response;
        try {
          res = await fetch(`${baseUrl.replace(/\/$/, '')}/batches`, {
            method: 'POST',
            body: form,
            headers: { 'idempotency-key': batch.id },
            signal: AbortSignal.timeout(timeoutMs),
          });
        } catch (err) {
          last = new VendorError(`print vendor unreachable: ${(err as Error).message}`, true);
          continue;
        }
        const body = await res.text();
        if (res.ok || res.status === 409) {
          let ref = batch.id;
          try {
            ref = String((JSON.parse(body) as { id?: string }).id ?? batch.id);
          } catch {
            /* a vendor answering without JSON still accepted the batch */
          }
          return { vendorRef: ref };
        }
        last = new VendorError(
          `print vendor answered ${res.status}: ${body.slice(0, 200)}`,
          res.status >= 500 || res.status === 429,
        );
        if (!last.temporary) break;
      }
      throw last ?? new VendorError('print vendor failed', true);
    },
  };
}

/** The configured vendor, or a folder in the data directory when none is set (development). */
export function printVendorFromConfig(c: {
  PRINT_VENDOR_URL?: string;
  PRINT_VENDOR_DIR?: string;
  RELANCE_DATA_DIR: string;
}): PrintVendor {
  if (c.PRINT_VENDOR_URL) return httpVendor(c.PRINT_VENDOR_URL);
  return folderVendor(c.PRINT_VENDOR_DIR ?? join(c.RELANCE_DATA_DIR, 'postcards'));
}
