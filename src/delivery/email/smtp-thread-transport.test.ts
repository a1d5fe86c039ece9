// The SMTP thread's own duties: errors come back with the codes the retry rules read, a dead
// thread fails its sends as temporary, and an open mailer never keeps a finished process alive.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/delivery.ts';
import { SmtpThreadTransport } from './smtp-thread-transport.ts';
import { BACKGROUND_NICE } from '../worker/thread-priority.ts';

/** This process's threads and their nice values (Linux: /proc/self/task/<tid>/stat, field 19). */
const niceOfThreads = (): Map<string, number> =>
  new Map(
    readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    }),
  );

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

const options = (port: number) => ({
  pool: true as const,
  maxConnections: 2,
  host: '127.0.0.1',
  port,
  secure: false,
  ignoreTLS: true,
  connectionTimeout: 2_000,
});
const mail = (to: string) => ({
  from: 'shop@garage.test',
  to,
  subject: 'Réparation: ça roule',
  text: 'Bonjour Zoë',
  messageId: `<${to}>`,
});

describe('the SMTP thread', () => {
  it('sends many at once and answers each with its own message id', async () => {
    const thread = new SmtpThreadTransport(options(sink.port));
    const before = sink.received.length;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => thread.send(mail(`c${i}@example.test`))),
    );
    thread.close();
    expect(results.map((r) => r.messageId)).toEqual(
      Array.from({ length: 30 }, (_, i) => `<c${i}@example.test>`),
    );
    expect(sink.received.length - before).toBe(30);
    expect(results.every((r) => r.response.startsWith('250'))).toBe(true);
    // The acceptance time comes from the thread, on this thread's clock: the crash window's start.
    const now = performance.now();
    expect(
      results.every((r) => r.acceptedAt !== undefined && r.acceptedAt <= now && r.acceptedAt > now - 10_000),
    ).toBe(true);
  });

  it('returns the SMTP response code of a refusal, and a connection code when no server answers', async () => {
    const thread = new SmtpThreadTransport(options(sink.port));
    sink.failNext(1, 550, 'no such user');
    const refused = await thread
      .send(mail('gone@example.test'))
      .catch((e: unknown) => e as Error & { responseCode?: number });
    expect(refused).toBeInstanceOf(Error);
    expect(refused).toMatchObject({ responseCode: 550 });
    expect((refused as Error).message).toMatch(/no such user/);
    thread.close();

    const nowhere = new SmtpThreadTransport(options(1));
    const down = (await nowhere.send(mail('x@example.test')).catch((e: unknown) => e)) as Error & {
      code?: string;
      responseCode?: number;
    };
    nowhere.close();
    expect(down.code).toMatch(/^E[A-Z]+$/);
    expect(down.responseCode).toBeUndefined();
  });

  it.skipIf(process.platform !== 'linux')(
    'builds on a thread of lower CPU priority than the one talking to the server',
    async () => {
      const before = niceOfThreads();
      const thread = new SmtpThreadTransport(options(sink.port));
      await thread.send(mail('nice@example.test'));
      const started = [...niceOfThreads()].filter(([tid]) => !before.has(tid)).map(([, n]) => n);
      thread.close();
      // Two threads more: the compose thread lowered itself, the SMTP thread kept the default.
      expect(started.sort()).toEqual([0, BACKGROUND_NICE]);
    },
  );

  it('answers a message that cannot be built with its error, and goes on sending', async () => {
    const thread = new SmtpThreadTransport(options(sink.port));
    const before = sink.received.length;
    const bad = { ...mail('unbuildable@example.test'), attachments: [{ path: '/nonexistent/relance.pdf' }] };
    const err = (await thread.send(bad).catch((e: unknown) => e)) as Error & { code?: string };
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/relance\.pdf/);
    expect((await thread.send(mail('next@example.test'))).messageId).toBe('<next@example.test>');
    thread.close();
    expect(sink.received.length - before).toBe(1);
  });

  it('refuses, as permanent, a message that cannot be handed to the thread', async () => {
    const thread = new SmtpThreadTransport(options(sink.port));
    const bad = { ...mail('fn@example.test'), headers: { 'X-Fn': (() => 'x') as unknown as string } };
    const err = (await thread.send(bad).catch((e: unknown) => e)) as Error & { responseCode?: number };
    expect(err.message).toMatch(/could not hand the message to the SMTP thread/);
    expect(err.responseCode).toBe(554);
    // The thread still works afterwards.
    expect((await thread.send(mail('after@example.test'))).messageId).toBe('<after@example.test>');
    thread.close();
  });

  it('fails sends as temporary (no response code) once the thread is gone', async () => {
    const thread = new SmtpThreadTransport(options(sink.port));
    await thread.send(mail('first@example.test'));
    thread.close();
    await new Promise((r) => setTimeout(r, 200));
    const after = (await thread.send(mail('late@example.test')).catch((e: unknown) => e)) as Error & {
      code?: string;
      responseCode?: number;
    };
    expect(after.code).toBe('ETHREAD');
    expect(after.responseCode).toBeUndefined();
  });

  it('does not keep a process alive once its sends are done, even if never closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relance-smtp-thread-'));
    const script = join(dir, 'send-and-leave.ts');
    const transport = new URL('./smtp-thread-transport.ts', import.meta.url).pathname;
    writeFileSync(
      script,
      `import { SmtpThreadTransport } from ${JSON.stringify(transport)};
       const t = new SmtpThreadTransport(${JSON.stringify(options(sink.port))});
       const r = await t.send(${JSON.stringify(mail('leave@example.test'))});
       console.log(r.messageId);`,
    );
    const started = Date.now();
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [script], { timeout: 20_000 }, (err, stdout) =>
        err ? reject(err) : resolve(stdout),
      ),
    );
    expect(out.trim()).toBe('<leave@example.test>');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('the SMTP thread recording "sent" itself (PostgreSQL)', () => {
  it('records each accepted message before answering, and leaves rows not in sending alone', async () => {
    const { createTestDatabase } = await import('../../../test/helpers/db.ts');
    const { makeCustomer, makeShop } = await import('../../../test/helpers/factories.ts');
    const t = await createTestDatabase();
    try {
      const shop = await makeShop(t.db);
      const row = async (n: number, status: 'sending' | 'cancelled') =>
        (
          await t.db
            .insertInto('messages')
            .values({
              org_id: shop.orgId,
              location_id: shop.locationId,
              kind: 'THANK_YOU',
              channel: 'email',
              customer_id: (await makeCustomer(t.db, shop)).id,
              due_on: '2026-01-01',
              dedupe_key: `thread-${n}`,
              payload: '{}',
              status,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const ids = [await row(1, 'sending'), await row(2, 'sending'), await row(3, 'cancelled')];
      const thread = new SmtpThreadTransport(options(sink.port), t.url);
      const results = await Promise.all(
        ids.map((id, i) => thread.send(mail(`rec${i}@example.test`), { orgId: shop.orgId, id })),
      );
      // Without a row to record, the thread only sends.
      const plain = await thread.send(mail('plain@example.test'));
      thread.close();
      expect(results.map((r) => r.recorded)).toEqual([true, true, true]);
      expect(plain.recorded).toBe(false);
      const rows = await t.db
        .selectFrom('messages')
        .select(['id', 'status', 'provider_id'])
        .where('org_id', '=', shop.orgId)
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.status, r.provider_id])).toEqual([
        ['sent', '<rec0@example.test>'],
        ['sent', '<rec1@example.test>'],
        ['cancelled', null],
      ]);
    } finally {
      await t.close();
    }
  });
});
