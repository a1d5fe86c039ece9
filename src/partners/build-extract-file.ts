// Writes an extract to a local file page by page (memory stays flat whatever the size) and
// computes its SHA-256 and byte count on the way, so the upload can announce both and the
// partner only ever receives a finished file.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { csvLine } from '../domain/csv.ts';
import { DEFAULT_PAGE_SIZE, type Extract, type ExtractScope } from './extracts/extract.ts';
import type { Partner } from './partners.ts';

export interface ExtractFile {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export async function buildExtractFile<P extends Partner>(
  db: Kysely<DB>,
  extract: Extract<P>,
  scope: ExtractScope<P>,
  path: string,
  pageSize = DEFAULT_PAGE_SIZE,
): Promise<ExtractFile> {
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  const write = async (text: string) => {
    const chunk = Buffer.from(text, 'utf8');
    hash.update(chunk);
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  };
  try {
    await write(csvLine(extract.columns));
    for await (const page of extract.pages(db, scope, pageSize)) {
      let text = '';
      for (const line of page) text += `${line}\r\n`;
      rows += page.length;
      await write(text);
    }
    out.end();
    await once(out, 'finish');
  } catch (err) {
    out.destroy();
    throw err;
  }
  return { path, rows, bytes, sha256: hash.digest('hex') };
}
