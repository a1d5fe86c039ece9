// The public pages a customer reaches from a message (unsubscribe confirm and done, survey form and
// thanks) are in the customer's language, and the invalid-link page in the browser's
// (Accept-Language). A real Chromium walks through them once; HTTP checks every language.
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import type { AppContext } from '../../context.ts';
import type { Language } from '../../domain/language.ts';
import { surveyUrl, unsubscribeUrl } from '../../delivery/merge/links.ts';
import { runWorker } from '../../delivery/worker/run-worker.ts';
import { languageFromAcceptLanguage } from '../../i18n/delivery-strings.ts';
import { linkSigner } from '../../security/signed-links.ts';
import { buildApp } from '../app.ts';

let t: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let base: string;
let browser: Browser;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = testContext(t); // no SMTP_URL: mail is caught locally
  app = await buildApp(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.close();
});

// What a reader sees on each page, per language (the business is "Garage Test" in the factory).
const SEEN = {
  en: {
    unsubTitle: 'Unsubscribe',
    unsubQuestion: (email: string) => `Stop all messages from Garage Test to ${email}?`,
    unsubButton: 'Yes, unsubscribe me',
    unsubMarketingOnly:
      'Or keep only the messages about your appointments and your vehicle’s service: Stop offers and promotions only',
    unsubDone: 'Done. Garage Test will not send you any more messages.',
    surveyTitle: 'How did we do?',
    surveyQuestion: 'How would you rate your last visit to Garage Test?',
    surveyComment: 'A comment (optional)',
    surveyButton: 'Send my answer',
    rating4: '4 – Very good',
    surveyThanks: 'Thank you! Your answer was recorded.',
    ratingRequired: 'Please choose a rating from 1 to 5.',
    invalidTitle: 'Link not valid',
    invalid: 'This link is not valid or has expired. Please contact the business directly.',
  },
  fr: {
    unsubTitle: 'Désabonnement',
    unsubQuestion: (email: string) => `Ne plus recevoir aucun message de Garage Test à l’adresse ${email} ?`,
    unsubButton: 'Oui, me désabonner',
    unsubMarketingOnly:
      'Ou ne garder que les messages sur vos rendez-vous et l’entretien de votre véhicule : Ne plus recevoir les offres et promotions',
    unsubDone: 'C’est fait. Garage Test ne vous enverra plus de messages.',
    surveyTitle: 'Votre avis compte',
    surveyQuestion: 'Comment évaluez-vous votre dernière visite chez Garage Test ?',
    surveyComment: 'Un commentaire (facultatif)',
    surveyButton: 'Envoyer ma réponse',
    rating4: '4 – Très bien',
    surveyThanks: 'Merci ! Votre réponse a été enregistrée.',
    ratingRequired: 'Veuillez choisir une note de 1 à 5.',
    invalidTitle: 'Lien non valide',
    invalid: 'Ce lien n’est pas valide ou a expiré. Veuillez communiquer directement avec l’entreprise.',
  },
  es: {
    unsubTitle: 'Darse de baja',
    unsubQuestion: (email: string) => `¿Dejar de recibir todos los mensajes de Garage Test en ${email}?`,
    unsubButton: 'Sí, darme de baja',
    unsubMarketingOnly:
      'O conservar solo los mensajes sobre sus citas y el mantenimiento de su vehículo: Dejar de recibir solo ofertas y promociones',
    unsubDone: 'Listo. Garage Test no le enviará más mensajes.',
    surveyTitle: '¿Qué tal lo hicimos?',
    surveyQuestion: '¿Cómo califica su última visita a Garage Test?',
    surveyComment: 'Un comentario (opcional)',
    surveyButton: 'Enviar mi respuesta',
    rating4: '4 – Muy bueno',
    surveyThanks: '¡Gracias! Su respuesta quedó registrada.',
    ratingRequired: 'Elija una calificación del 1 al 5.',
    invalidTitle: 'Enlace no válido',
    invalid: 'Este enlace no es válido o ha caducado. Comuníquese directamente con el negocio.',
  },
} as const;
const LANGUAGES = ['en', 'fr', 'es'] as const;

/** The visible text of an HTML page (tags dropped, entities of our escaper decoded). */
function visible(html: string): string {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(
      /&(amp|lt|gt|quot|#39);/g,
      (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
    )
    .replace(/\s+/g, ' ')
    .trim();
}

async function customerWithMessage(
  language: Language | null,
  kind: 'THANK_YOU' | 'E03',
  locationLanguage: Language = 'en',
) {
  const shop = await makeShop(t.db, { language: locationLanguage });
  const customer = await makeCustomer(t.db, shop, { language });
  const message = await makeMessage(t.db, shop, {
    customer_id: customer.id,
    kind,
    language: language ?? locationLanguage,
    payload: { vehicles: [{ id: 1, year: 2020, make: 'Ford', model: 'F-150', plate: 'X1' }] },
  });
  const links = { publicUrl: base, keys: ctx.keys, now: ctx.now() };
  return {
    shop,
    customer,
    message,
    unsubscribe: unsubscribeUrl(links, { org: shop.orgId, customer: customer.id, message: message.id }),
    survey: surveyUrl(links, { org: shop.orgId, message: message.id, customer: customer.id }),
  };
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('in a real browser', () => {
  it('unsubscribes in French from the link of a sent mail: confirm page, button, done page', async () => {
    const shop = await makeShop(t.db);
    const customer = await makeCustomer(t.db, shop, { language: 'fr', email: 'amelie@example.test' });
    await makeMessage(t.db, shop, { customer_id: customer.id, kind: 'THANK_YOU', language: 'fr' });
    await runWorker(ctx, { once: true });
    const caught = await t.db
      .selectFrom('caught_mail')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .executeTakeFirstOrThrow();
    const link = /href="(http:\/\/relance\.test\/u\/[^"]+)"/.exec(caught.html!)![1]!;

    // An English browser: the customer's language wins over Accept-Language.
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(base + new URL(link).pathname);
    expect(await page.title()).toBe(SEEN.fr.unsubTitle);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').innerText()).toBe(SEEN.fr.unsubTitle);
    expect(await page.locator('body').innerText()).toContain(SEEN.fr.unsubQuestion('amelie@example.test'));
    const before = await t.db
      .selectFrom('customers')
      .select('do_not_mail')
      .where('org_id', '=', shop.orgId)
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(before.do_not_mail).toBe(false);

    await page.getByRole('button', { name: SEEN.fr.unsubButton }).click();
    await page.waitForURL(/\/u\//);
    await expect.poll(() => page.locator('body').innerText()).toContain(SEEN.fr.unsubDone);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const after = await t.db
      .selectFrom('customers')
      .select(['do_not_mail', 'do_not_mail_source'])
      .where('org_id', '=', shop.orgId)
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ do_not_mail: true, do_not_mail_source: 'unsubscribe_link' });
    await context.close();
  });

  it('answers a survey in Spanish (rating preselected by the link), and shows an invalid link in the browser language', async () => {
    const { survey, shop, message } = await customerWithMessage('es', 'E03');
    const context = await browser.newContext({ locale: 'fr-CA' });
    const page = await context.newPage();
    await page.goto(`${survey}?rating=4`);
    expect(await page.title()).toBe(SEEN.es.surveyTitle);
    const body = await page.locator('body').innerText();
    expect(body).toContain(SEEN.es.surveyQuestion);
    expect(body).toContain(SEEN.es.surveyComment);
    expect(await page.getByLabel(SEEN.es.rating4).isChecked()).toBe(true);
    await page.getByLabel('5 – Excelente').check();
    await page.getByLabel(SEEN.es.surveyComment).fill('Muy rápido, ¡gracias!');
    await page.getByRole('button', { name: SEEN.es.surveyButton }).click();
    await expect.poll(() => page.locator('body').innerText()).toContain(SEEN.es.surveyThanks);
    const answer = await t.db
      .selectFrom('surveys')
      .select(['rating', 'comment'])
      .where('org_id', '=', shop.orgId)
      .where('message_id', '=', message.id)
      .executeTakeFirstOrThrow();
    expect(answer).toEqual({ rating: 5, comment: 'Muy rápido, ¡gracias!' });

    // A broken link: no customer, so the browser's language (fr-CA here).
    const res = await page.goto(`${base}/u/not-a-token`);
    expect(res!.status()).toBe(404);
    expect(await page.title()).toBe(SEEN.fr.invalidTitle);
    expect(await page.locator('body').innerText()).toContain(SEEN.fr.invalid);
    await context.close();
  });
});

describe('over HTTP, in each language', () => {
  for (const l of LANGUAGES) {
    it(`unsubscribe confirm and done pages in ${l}`, async () => {
      const { unsubscribe, customer } = await customerWithMessage(l, 'THANK_YOU');
      const path = new URL(unsubscribe).pathname;
      const get = await app.inject({ method: 'GET', url: path, headers: { 'accept-language': 'de-DE' } });
      expect(get.statusCode).toBe(200);
      expect(get.headers['content-language']).toBe(l);
      expect(get.body).toContain(`<html lang="${l}">`);
      expect(visible(get.body)).toBe(
        `${SEEN[l].unsubTitle} ${SEEN[l].unsubTitle} ${SEEN[l].unsubQuestion(customer.email!)} ${SEEN[l].unsubButton} ${SEEN[l].unsubMarketingOnly}`,
      );
      const post = await app.inject({ method: 'POST', url: path, payload: 'confirm=yes', headers: form });
      expect(post.statusCode).toBe(200);
      expect(visible(post.body)).toBe(`${SEEN[l].unsubTitle} ${SEEN[l].unsubTitle} ${SEEN[l].unsubDone}`);
      // Once unsubscribed, the link shows the done page (and changes nothing more).
      const again = await app.inject({ method: 'GET', url: path });
      expect(visible(again.body)).toContain(SEEN[l].unsubDone);
    });

    it(`survey form, missing rating and thanks pages in ${l}`, async () => {
      const { survey } = await customerWithMessage(l, 'E03');
      const path = new URL(survey).pathname;
      const get = await app.inject({ method: 'GET', url: `${path}?rating=4` });
      expect(get.statusCode).toBe(200);
      expect(get.headers['content-language']).toBe(l);
      expect(get.body).toContain(`<html lang="${l}">`);
      const text = visible(get.body);
      for (const s of [
        SEEN[l].surveyTitle,
        SEEN[l].surveyQuestion,
        SEEN[l].rating4,
        SEEN[l].surveyComment,
        SEEN[l].surveyButton,
      ])
        expect(text).toContain(s);
      expect(get.body).toContain('value="4" checked');
      // A POST without a rating: the form again, saying so in the customer's language.
      const missing = await app.inject({ method: 'POST', url: path, payload: 'comment=Bien', headers: form });
      expect(missing.statusCode).toBe(400);
      expect(missing.headers['content-type']).toMatch(/^text\/html/);
      expect(visible(missing.body)).toContain(SEEN[l].ratingRequired);
      expect(missing.body).toContain('>Bien</textarea>');
      const post = await app.inject({ method: 'POST', url: path, payload: 'rating=3', headers: form });
      expect(post.statusCode).toBe(200);
      expect(visible(post.body)).toBe(
        `${SEEN[l].surveyTitle} ${SEEN[l].surveyTitle} ${SEEN[l].surveyThanks}`,
      );
    });
  }

  it('uses the location language when the customer has none', async () => {
    const { unsubscribe } = await customerWithMessage(null, 'THANK_YOU', 'es');
    const get = await app.inject({ method: 'GET', url: new URL(unsubscribe).pathname });
    expect(visible(get.body)).toContain(SEEN.es.unsubButton);
  });

  it('shows the invalid or expired link page in the Accept-Language language, English by default', async () => {
    const { shop, customer, message } = await customerWithMessage('fr', 'E03');
    const past = new Date(Date.now() - 86_400_000);
    const signer = linkSigner(ctx.keys);
    const ids = { org: shop.orgId, customer: customer.id, message: message.id };
    const expiredUnsub = `/u/${signer.sign('unsubscribe', ids, past)}`;
    const expiredSurvey = `/s/${signer.sign('survey', ids, past)}`;
    const urls: Array<[string, 'GET' | 'POST']> = [
      [expiredUnsub, 'GET'],
      [expiredUnsub, 'POST'],
      [expiredSurvey, 'GET'],
      [expiredSurvey, 'POST'],
      ['/u/forged.token', 'GET'],
      ['/s/forged.token', 'POST'],
    ];
    const headers: Array<[string | undefined, Language]> = [
      ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
      ['es-MX,es;q=0.9', 'es'],
      ['en-GB', 'en'],
      ['de-DE,de;q=0.9,es;q=0.5,fr;q=0.4', 'es'],
      [undefined, 'en'],
    ];
    for (const [url, method] of urls) {
      for (const [accept, l] of headers) {
        const res = await app.inject({
          method,
          url,
          headers: { ...(accept ? { 'accept-language': accept } : {}), ...(method === 'POST' ? form : {}) },
          payload: method === 'POST' ? 'rating=5' : undefined,
        });
        const what = `${method} ${url} ${accept}`;
        expect(res.statusCode, what).toBe(404);
        expect(res.headers['content-language'], what).toBe(l);
        expect(res.headers.vary, what).toMatch(/Accept-Language/i);
        expect(res.body, what).toContain(`<html lang="${l}">`);
        expect(visible(res.body), what).toBe(
          `${SEEN[l].invalidTitle} ${SEEN[l].invalidTitle} ${SEEN[l].invalid}`,
        );
      }
    }
    // Nothing was recorded through the expired links.
    expect(await t.db.selectFrom('surveys').selectAll().where('org_id', '=', shop.orgId).execute()).toEqual(
      [],
    );
    expect(
      (
        await t.db
          .selectFrom('customers')
          .select('do_not_mail')
          .where('org_id', '=', shop.orgId)
          .where('id', '=', customer.id)
          .executeTakeFirstOrThrow()
      ).do_not_mail,
    ).toBe(false);
  });

  it('reads Accept-Language by q-value', () => {
    expect(languageFromAcceptLanguage('en;q=0.2, es;q=0.8, fr;q=0.5')).toBe('es');
    expect(languageFromAcceptLanguage('fr;q=0, en')).toBe('en');
    expect(languageFromAcceptLanguage('pt-BR, *;q=0.1')).toBe('en');
    expect(languageFromAcceptLanguage('FR-ca')).toBe('fr');
    expect(languageFromAcceptLanguage(['de', 'es-ES'])).toBe('es');
  });
});
