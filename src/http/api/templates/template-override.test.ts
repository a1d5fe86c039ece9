// A location's template override end to end: saved through the API (unknown fields and code refused
// there), used by the worker for real mail (smtp-server on loopback, parsed back), rendered by the
// API preview and by the real `relance templates preview` process.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, signIn, type Client } from '../../../../test/helpers/api.ts';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../../test/helpers/factories.ts';
import { makeMessage, startSmtpSink, type SmtpSink } from '../../../../test/helpers/delivery.ts';
import { loadConfig } from '../../../config/env.ts';
import type { AppContext } from '../../../context.ts';
import { openDatabase, type Database } from '../../../db/database.ts';
import { migrate } from '../../../db/migrate.ts';
import { buildApp } from '../../app.ts';
import { deriveKeys } from '../../../security/keys.ts';
import { runWorker } from '../../../delivery/worker/run-worker.ts';
import { defaultTemplate } from '../../../delivery/templates/defaults.ts';
import { validateTemplate } from '../../../delivery/templates/validate.ts';
import { createLogger } from '../../../config/logger.ts';
import { KIND_CODES } from '../../../domain/messages/kinds.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../../..');

// The CLI runs in its own process, so the database must be one it can open too: this test's
// PostgreSQL database, or a PGlite folder (closed before the CLI opens it).
let database: Database;
let cliEnv: Record<string, string>;
let closeDatabase: () => Promise<void>;
let dataDir: string | null = null;
let sink: SmtpSink;
let ctx: AppContext;
let app: FastifyInstance;
let shop: Awaited<ReturnType<typeof makeShop>>;
let staff: Client;

const OVERRIDE = {
  subject: 'Merci {{mailing_name}} : votre {{vehicle}} est prêt',
  body: [
    'Bonjour {{mailing_name}},',
    '',
    '<p>TEXTE-PERSONNALISÉ de l’atelier Łódź : merci pour la visite de votre {{vehicle}} ({{plate}}).</p>',
    '',
    '<p>Donnez-nous votre avis : <a href="{{feedback_link}}">formulaire</a> ou appelez le <a href="tel:{{business_phone}}">{{business_phone}}</a>.</p>',
  ].join('\n'),
};

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const t = await createTestDatabase();
    database = t;
    cliEnv = { DATABASE_URL: t.url! };
    closeDatabase = () => t.close();
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'relance-override-'));
    database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    await migrate(database.pool);
    cliEnv = { RELANCE_DATA_DIR: dataDir };
    closeDatabase = () => database.close();
  }
  sink = await startSmtpSink();
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO_DATA: 'off',
    PUBLIC_URL: 'https://relance.test',
    SMTP_URL: sink.url,
    SMTP_POOL_SIZE: '1',
    MAIL_FROM: 'relance@mail.test',
  });
  ctx = {
    config,
    keys: deriveKeys('11'.repeat(32)),
    database,
    db: database.db,
    now: () => new Date(),
    log: createLogger({ LOG_LEVEL: 'warn' }),
  };
  app = await buildApp(ctx);
  shop = await makeShop(database.db, {
    code: `OVR${Date.now() % 100000}`,
    language: 'fr',
    business_name: 'Garage Lévesque',
  });
  const manager = await makeStaff(database.db, shop, [{ locationId: shop.locationId, role: 'manager' }]);
  staff = await signIn(app, manager.email);
});

let closed = false;
async function closeAll() {
  if (closed) return;
  closed = true;
  await app.close();
  await closeDatabase();
}
afterAll(async () => {
  await closeAll();
  await sink.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const templateUrl = (kind: string, channel: string, language: string) =>
  `/api/v1/locations/${shop.locationId}/templates/${kind}/${channel}/${language}`;
const save = (
  kind: string,
  channel: string,
  language: string,
  payload: { subject?: string | null; body: string },
) => staff.request({ method: 'PUT', url: templateUrl(kind, channel, language), payload });

describe('saving an override through the API', () => {
  it('refuses an unknown merge field, naming it, and saves nothing', async () => {
    const res = await save('THANK_YOU', 'email', 'fr', {
      subject: 'Merci',
      body: 'Bonjour {{mailing_name}}, votre {{vehicule}} est prêt.',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'unknown_merge_field',
        message: 'In the body: Unknown merge field "vehicule"',
        field: 'body',
      },
    });
    const inSubject = await save('THANK_YOU', 'email', 'fr', {
      subject: 'Merci {{prenom}}',
      body: 'Bonjour',
    });
    expect(inSubject.json()).toEqual({
      error: {
        code: 'unknown_merge_field',
        message: 'In the subject: Unknown merge field "prenom"',
        field: 'subject',
      },
    });
    const rows = await database.db
      .selectFrom('templates')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses markup that could run code, naming what and where', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['body', '<p>Bonjour</p><script>alert(1)</script>', /In the body: <script> is not allowed/],
      ['body', '<p>Bonjour</p><SCRIPT src="https://evil.example/x.js"></SCRIPT>', /<script> is not allowed/],
      [
        'body',
        '<img src="https://x.example/a.png" onerror="alert(1)">',
        /the onerror attribute is not allowed/,
      ],
      ['body', '<svg/onload=alert(1)>', /the onload attribute is not allowed/],
      [
        'body',
        '<a href="javascript:alert(1)">clic</a>',
        /javascript: links are not allowed \(in the href attribute\)/,
      ],
      ['body', '<a href="jav&#x09;ascript&colon;alert(1)">clic</a>', /javascript: links are not allowed/],
      ['body', '<a href=" JaVaScRiPt:alert(1)">clic</a>', /javascript: links are not allowed/],
      ['body', '<mj-button href="javascript:alert(1)">Go</mj-button>', /javascript: links are not allowed/],
      ['body', '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', /data: links are not allowed/],
      ['body', '<iframe src="https://evil.example"></iframe>', /<iframe> is not allowed/],
      ['body', '<mj-include path="/etc/passwd" type="html" />', /<mj-include> is not allowed/],
      ['body', '<scr<!-- x -->ipt>alert(1)</script>', /<script> is not allowed/],
      [
        'body',
        '<div style="width:expression(alert(1))">x</div>',
        /"expression\(" is not allowed in the style attribute/,
      ],
      [
        'body',
        '<a href="{{business_phone}}">appelez</a>',
        /the href attribute may start with a link field .* not \{\{business_phone\}\}/,
      ],
      [
        'body',
        '<a href="java{{coupon_code}}script:x">x</a>',
        /a merge field in the href attribute must follow https:\/\//,
      ],
      [
        'body',
        '<img src=x title={{mailing_name}}>',
        /put the merge field of the title attribute inside quotes/,
      ],
      ['body', '<{{coupon_code}}>x', /a merge field cannot be used as a tag name/],
      [
        'body',
        '<img src="https://x.example/a.png" o{{coupon_code}}="x">',
        /a merge field cannot be used as an attribute name/,
      ],
      ['subject', 'Bonjour <script>alert(1)</script>', /In the subject: <script> is not allowed/],
      // What only the allow-list (sanitize-html) refuses: not on the scanner's list, still not safe.
      ['body', '<video src="https://evil.example/v.mp4"></video>', /<video> is not allowed in a template/],
      ['body', '<svg><a xlink:href="https://evil.example">x</a></svg>', /<svg> is not allowed/],
      ['body', '<mj-font name="x" href="https://evil.example/f.css" />', /<mj-font> is not allowed/],
      ['body', '<p foo="1">x</p>', /the foo attribute is not allowed on <p>/],
      ['body', '<a href="ftp://files.example/x">x</a>', /ftp: links are not allowed/],
      ['body', '<a href="//evil.example/x">x</a>', /may only be https:\/\/, http:\/\/, mailto:, tel:/],
    ];
    for (const [part, source, message] of cases) {
      const payload =
        part === 'body' ? { subject: 'Merci', body: source } : { subject: source, body: 'Bonjour' };
      const res = await save('THANK_YOU', 'email', 'fr', payload);
      expect(res.statusCode, source).toBe(400);
      const error = (res.json() as { error: { code: string; message: string; field: string } }).error;
      expect(error.code, source).toBe('invalid_template');
      expect(error.field, source).toBe(part);
      expect(error.message, source).toMatch(message);
    }
    // The live preview of a draft refuses the same way.
    const draft = await staff.request({
      method: 'POST',
      url: `/api/v1/locations/${shop.locationId}/templates/preview`,
      payload: {
        kind: 'THANK_YOU',
        channel: 'email',
        language: 'fr',
        subject: 'x',
        body: '<a href="javascript:alert(1)">x</a>',
      },
    });
    expect(draft.statusCode).toBe(400);
    expect(draft.json().error).toMatchObject({ code: 'invalid_template', field: 'body' });
    expect(
      await database.db.selectFrom('templates').selectAll().where('org_id', '=', shop.orgId).execute(),
    ).toEqual([]);
  });

  it('accepts ordinary markup, links and every shipped template', () => {
    const ok = [
      '<p style="font-size:18px"><strong>{{appointment_date}}</strong></p><a href="{{portal_link}}">Portail</a>',
      '<a href="mailto:{{business_email}}?subject=RDV%20{{plate}}">écrire</a> <a href="tel:{{business_phone}}">appeler</a>',
      '<a href="https://garage.example/rdv?plaque={{plate}}" title="{{vehicle}}">réserver</a> Prix < 100 $ et 3 > 2',
      '{{#each survey_ratings}}<a href="{{url}}">{{rating}}</a>{{/each}}',
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="{{business_name}}"><!--[if mso]><p>Outlook</p><![endif]-->',
      '<mj-section><mj-column><mj-button href="{{portal_link}}">Portail</mj-button></mj-column></mj-section>',
    ];
    for (const body of ok)
      expect(validateTemplate({ kind: 'E03', channel: 'email', subject: 'Bonjour', body }), body).toEqual({
        ok: true,
      });
    for (const language of ['en', 'fr', 'es'] as const) {
      for (const kind of KIND_CODES) {
        const t = defaultTemplate(kind, 'email', language);
        expect(
          validateTemplate({ kind, channel: 'email', subject: t.subject, body: t.body }),
          `${kind} ${language}`,
        ).toEqual({ ok: true });
      }
    }
  });
});

describe('a saved override', () => {
  it('is what the worker sends, with a customer named <script> escaped in HTML and plain in text', async () => {
    const saved = await save('THANK_YOU', 'email', 'fr', OVERRIDE);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ kind: 'THANK_YOU', channel: 'email', language: 'fr', version: 1 });

    const customer = await makeCustomer(database.db, shop, {
      mailing_name: '<script>alert(1)</script>',
      email: 'script@example.test',
      language: 'fr',
    });
    const other = await makeCustomer(database.db, shop, {
      mailing_name: 'John Smith',
      email: 'john@example.test',
      language: 'en',
    });
    const vehicles = [{ id: 1, year: 2019, make: 'Škoda', model: 'Octavia', plate: 'ŁÓD 123' }];
    await makeMessage(database.db, shop, {
      kind: 'THANK_YOU',
      customer_id: customer.id,
      language: 'fr',
      payload: { vehicles },
    });
    await makeMessage(database.db, shop, {
      kind: 'THANK_YOU',
      customer_id: other.id,
      language: 'en',
      payload: { vehicles },
    });
    const totals = await runWorker(ctx, { once: true, concurrency: 1 });
    expect(totals.sent).toBe(2);
    expect(sink.received).toHaveLength(2);

    const byRecipient = new Map(
      await Promise.all(
        sink.received.map(async (_, i) => [sink.received[i]!.envelopeTo[0], await sink.parse(i)] as const),
      ),
    );
    const fr = byRecipient.get('script@example.test')!;
    expect(fr.subject).toBe('Merci <script>alert(1)</script> : votre 2019 Škoda Octavia est prêt');
    const html = String(fr.html);
    expect(html).toContain(
      'TEXTE-PERSONNALISÉ de l’atelier Łódź : merci pour la visite de votre 2019 Škoda Octavia (ŁÓD 123).',
    );
    expect(html).toContain('Bonjour &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('href="https://garage.test/feedback"');
    expect(html).toContain('href="tel:514-555-0100"');
    // The layout around an override still carries the signature and the unsubscribe footer.
    expect(html).toMatch(/href="https:\/\/relance\.test\/u\/[^"]+"/);
    expect(fr.text).toContain('Bonjour <script>alert(1)</script>,');
    expect(fr.text).toContain(
      'TEXTE-PERSONNALISÉ de l’atelier Łódź : merci pour la visite de votre 2019 Škoda Octavia (ŁÓD 123).',
    );
    expect(fr.text).toContain('formulaire: https://garage.test/feedback');
    expect(fr.text).not.toContain('&lt;');
    expect(fr.text).toMatch(/Pour ne plus recevoir nos messages, ouvrez https:\/\/relance\.test\/u\//);

    // The override is for French only: the English customer gets the shipped English template.
    const en = byRecipient.get('john@example.test')!;
    expect(en.text).not.toContain('TEXTE-PERSONNALISÉ');
    expect(en.text).toContain('John Smith');
  });

  it('is what the API preview renders (and a draft wins over it)', async () => {
    const url = `/api/v1/locations/${shop.locationId}/templates/preview`;
    const res = await staff.request({
      method: 'POST',
      url,
      payload: { kind: 'THANK_YOU', channel: 'email', language: 'fr' },
    });
    expect(res.statusCode).toBe(200);
    const r = res.json() as { subject: string; html: string; text: string };
    expect(r.subject).toBe('Merci Marie-Ève Lévesque : votre 2021 Toyota RAV4 est prêt');
    expect(r.html).toContain('TEXTE-PERSONNALISÉ de l’atelier Łódź');
    expect(r.html).toMatch(/^<!doctype html>/i);
    expect(r.text).toContain(
      'TEXTE-PERSONNALISÉ de l’atelier Łódź : merci pour la visite de votre 2021 Toyota RAV4 (FXR 482).',
    );
    const draft = await staff.request({
      method: 'POST',
      url,
      payload: {
        kind: 'THANK_YOU',
        channel: 'email',
        language: 'fr',
        subject: 'Brouillon',
        body: 'BROUILLON {{mailing_name}}',
      },
    });
    expect((draft.json() as { text: string }).text).toContain('BROUILLON Marie-Ève Lévesque');
    // Another language still previews the shipped template.
    const es = await staff.request({
      method: 'POST',
      url,
      payload: { kind: 'THANK_YOU', channel: 'email', language: 'es' },
    });
    expect((es.json() as { text: string }).text).not.toContain('TEXTE-PERSONNALISÉ');
  });

  it('is what `relance templates preview THANK_YOU --lang fr --location CODE` prints and writes', async () => {
    const card = await save('THANK_YOU', 'postcard', 'fr', {
      subject: 'Merci, {{mailing_name}} !',
      body: 'CARTE-PERSONNALISÉE pour {{vehicle}} : Şahin vous dit merci.',
    });
    expect(card.statusCode).toBe(200);
    // PGlite allows one process per folder: hand the database over to the CLI.
    if (dataDir) await closeAll();
    const env: NodeJS.ProcessEnv = { ...process.env, ...cliEnv, DEMO_DATA: 'off', NODE_ENV: 'test' };
    if (!cliEnv.DATABASE_URL) delete env.DATABASE_URL;
    const bin = join(root, 'bin/relance');
    const printed = await run(
      bin,
      ['templates', 'preview', 'THANK_YOU', '--lang', 'fr', '--location', shop.location.code],
      { env, cwd: root },
    );
    expect(printed.stdout).toMatch(/^Subject: Merci Marie-Ève Lévesque : votre 2021 Toyota RAV4 est prêt\n/);
    expect(printed.stdout).toContain(
      'TEXTE-PERSONNALISÉ de l’atelier Łódź : merci pour la visite de votre 2021 Toyota RAV4 (FXR 482).',
    );

    const out = join(mkdtempSync(join(tmpdir(), 'relance-preview-')), 'thank-you.html');
    await run(
      bin,
      ['templates', 'preview', 'THANK_YOU', '--lang', 'fr', '--location', shop.location.code, '--out', out],
      { env, cwd: root },
    );
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('TEXTE-PERSONNALISÉ de l’atelier Łódź');
    expect(html).toContain('<html lang="fr"');

    // The postcard override as the real 6x4 card, with the location's name and return address.
    const pdf = join(dirname(out), 'thank-you.pdf');
    await run(
      bin,
      [
        'templates',
        'preview',
        'THANK_YOU',
        '--lang',
        'fr',
        '--channel',
        'postcard',
        '--location',
        shop.location.code,
        '--out',
        pdf,
      ],
      { env, cwd: root },
    );
    const front = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-']).toString().replace(/\s+/g, ' ');
    expect(front).toContain('Merci, Marie-Ève Lévesque !');
    expect(front).toContain('Garage Lévesque');
    expect(front).toContain('Appelez-nous : 514-555-0100');
    const back = execFileSync('pdftotext', ['-f', '2', '-l', '2', pdf, '-']).toString().replace(/\s+/g, ' ');
    expect(back).toContain('CARTE-PERSONNALISÉE pour 2021 Toyota RAV4 : Şahin vous dit merci.');
    expect(back).toContain('Garage Lévesque 1 Main St Montréal QC H2X 1Y4');
    rmSync(dirname(out), { recursive: true, force: true });

    // Without --location it is the shipped template.
    const shipped = await run(bin, ['templates', 'preview', 'THANK_YOU', '--lang', 'fr'], { env, cwd: root });
    expect(shipped.stdout).not.toContain('TEXTE-PERSONNALISÉ');
    expect(shipped.stdout).toMatch(/^Subject: Merci de votre visite/);
  }, 120_000);
});
