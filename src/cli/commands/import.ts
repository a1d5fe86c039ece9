// relance import customers|vehicles|repair-orders|appointments FILE.csv --location CODE
import { createReadStream, createWriteStream, statSync, unlinkSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { importCsv } from '../../import/import-csv.ts';
import { IMPORT_KINDS, ImportError, ImportInterrupted, type ImportKind } from '../../import/types.ts';
import { UsageError, type Command } from '../command.ts';
import { progressBar } from '../progress.ts';

/** The location by its code; --org (name or id) only when the code exists in several organizations. */
export async function findLocation(
  db: Kysely<DB>,
  code: string,
  org?: string,
): Promise<{ orgId: number; locationId: number; name: string }> {
  const rows = await sql<{ org_id: number; id: number; name: string; org_name: string }>`
    SELECT l.org_id, l.id, l.name, o.name AS org_name FROM locations l JOIN organizations o ON o.id = l.org_id
    WHERE l.code = ${code} ${org ? sql`AND (o.name = ${org} OR o.id::text = ${org})` : sql``} ORDER BY l.org_id`.execute(
    db,
  );
  if (rows.rows.length === 0)
    throw new Error(`no location with code "${code}"${org ? ` in organization "${org}"` : ''}`);
  if (rows.rows.length > 1) {
    throw new UsageError(
      `location code "${code}" exists in several organizations (${rows.rows.map((r) => `${r.org_id} "${r.org_name}"`).join(', ')}): add --org NAME or --org ID`,
    );
  }
  const r = rows.rows[0]!;
  return { orgId: Number(r.org_id), locationId: Number(r.id), name: r.name };
}

/** Where an interrupted import got to, and what to do: the report of what was settled is kept. */
function interruptedMessage(file: string, err: ImportInterrupted, rejectsPath: string | null): string {
  const p = err.progress;
  const settled =
    p.settledThrough > 0
      ? `Rows up to line ${p.settledThrough} were dealt with: ${p.imported} new, ${p.updated} updated, ${p.unchanged} unchanged, ${p.rejected} rejected` +
        `${rejectsPath ? ` (${p.rejectedLines} lines, ${p.warnings} warnings, in ${rejectsPath})` : ''}; nothing after line ${p.settledThrough} was written.`
      : 'Nothing was written.';
  return (
    `${file}: the import stopped part-way: ${err.message}\n${settled}\n` +
    'Fix the cause and run the same command again: rows already imported are left unchanged, the rest is imported.'
  );
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a CSV file of customers, vehicles, repair orders or appointments into a location',
  usage:
    'relance import customers|vehicles|repair-orders|appointments FILE.csv --location CODE [--org NAME|ID] [--rejects PATH] [--encoding utf-8|windows-1252|utf-16le] [--batch-size 500]',
  needsDatabase: true,
  options: {
    location: { type: 'string' },
    org: { type: 'string' },
    rejects: { type: 'string' },
    encoding: { type: 'string' },
    'batch-size': { type: 'string' },
  },
  async run(args, ctx) {
    if (!ctx) throw new Error('import needs the database');
    const [kind, file, ...extra] = args.positionals;
    if (!kind || !IMPORT_KINDS.includes(kind as ImportKind))
      throw new UsageError(`the first argument must be one of ${IMPORT_KINDS.join(', ')}`);
    if (!file) throw new UsageError('give the CSV file to import');
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    if (typeof args.values.location !== 'string') throw new UsageError('--location CODE is required');
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new UsageError(`cannot read ${file}`);
    }
    const batchSize = args.values['batch-size'] === undefined ? 500 : Number(args.values['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new UsageError('--batch-size must be a whole number ≥ 1');
    const encoding = typeof args.values.encoding === 'string' ? args.values.encoding : undefined;
    if (encoding !== undefined && !iconv.encodingExists(encoding)) {
      throw new UsageError(
        `--encoding "${encoding}" is not an encoding this import knows (e.g. utf-8, windows-1252, latin1, utf-16le)`,
      );
    }
    const rejectsPath =
      typeof args.values.rejects === 'string'
        ? args.values.rejects
        : file.replace(/(\.csv)?$/i, '.rejects.csv');
    if (resolve(rejectsPath) === resolve(file))
      throw new UsageError('--rejects must not be the file being imported');
    const location = await findLocation(
      ctx.db,
      args.values.location,
      typeof args.values.org === 'string' ? args.values.org : undefined,
    );
    const rejects = createWriteStream(rejectsPath);
    // The report is kept only when it has something in it.
    const closeRejects = async (): Promise<boolean> => {
      rejects.end();
      await finished(rejects);
      if (statSync(rejectsPath).size > 0) return true;
      unlinkSync(rejectsPath);
      return false;
    };
    const bar = progressBar(`import ${kind}`, size);
    let result;
    try {
      result = await importCsv(ctx.db, {
        orgId: location.orgId,
        locationId: location.locationId,
        kind: kind as ImportKind,
        input: createReadStream(file),
        encoding,
        rejects,
        batchSize,
        now: ctx.now(),
        fileName: basename(file),
        onProgress: (bytes) => bar.update(bytes),
      });
    } catch (err) {
      bar.stop();
      const kept = await closeRejects();
      if (err instanceof ImportError) throw new Error(`${file}: ${err.message}`, { cause: err });
      if (err instanceof ImportInterrupted)
        throw new Error(interruptedMessage(file, err, kept ? rejectsPath : null), { cause: err });
      throw err;
    }
    bar.stop();
    await closeRejects();
    const problems = result.rejectedLines + result.warnings;
    const delimiter =
      result.delimiter === ',' ? '' : result.delimiter === '\t' ? ', tab-separated' : ', semicolon-separated';
    console.log(
      `${file} → ${location.name}: ${result.imported} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected` +
        ` (${result.rejectedLines} lines), ${result.warnings} warnings; encoding ${result.encoding}${delimiter}`,
    );
    if (result.encodingNote) console.error(`Note: ${result.encodingNote}`);
    if (problems > 0) {
      console.error(`Problems by reason (all of them, with line numbers, in ${rejectsPath}):`);
      for (const [reason, count] of result.byReason.slice(0, 12))
        console.error(`  ${String(count).padStart(6)}  ${reason}`);
      if (result.byReason.length > 12) console.error(`  … and ${result.byReason.length - 12} other reasons`);
    }
    if (result.stoppedAt) {
      console.error(
        `The file could not be read to its end (${result.stoppedAt}); the rows before were imported.`,
      );
      return 1;
    }
    return result.rejectedLines > 0 ? 3 : 0;
  },
};
