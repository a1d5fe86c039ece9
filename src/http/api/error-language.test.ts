// API errors keep a stable code and field; the message is in the signed-in user's language, else
// the Accept-Language of the request, else English.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../test/helpers/db.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import { createApiTest, makeStaff, signIn, type ApiTest } from '../../../test/helpers/api.ts';
import { isTranslated } from '../../i18n/api-errors.ts';
import { pickLanguage } from '../../i18n/accept-language.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db);
});
afterAll(async () => api?.close());

async function staffIn(language: 'en' | 'fr' | 'es') {
  const user = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
  await api.t.db.updateTable('users').set({ language }).where('id', '=', user.id).execute();
  return signIn(api.app, user.email);
}

describe(`error messages in three languages on ${backendName}`, () => {
  it('a wrong type: same code and field, message in the user’s language', async () => {
    const payload = { location_id: shop.locationId, customer_number: 'L1', mailing_name: 123 };
    const messages: Record<string, string> = {};
    for (const language of ['en', 'fr', 'es'] as const) {
      const res = await (
        await staffIn(language)
      ).request({ method: 'POST', url: '/api/v1/customers', payload });
      expect(res.statusCode).toBe(400);
      const { error } = res.json() as { error: { code: string; field: string; message: string } };
      expect(error).toMatchObject({ code: 'invalid_input', field: 'mailing_name' });
      expect(error.message).toMatch(/^mailing_name/);
      messages[language] = error.message;
    }
    expect(messages.en).toBe('mailing_name: Invalid input: expected string, received number');
    expect(messages.fr).toBe('mailing_name : Entrée invalide : chaîne de caractères attendu, nombre reçu');
    expect(messages.es).toBe('mailing_name: Entrada inválida: se esperaba texto, recibido número');
  });

  it('the user’s language wins over Accept-Language; without a session Accept-Language decides', async () => {
    const fr = await staffIn('fr');
    const notFound = await fr.request({
      method: 'GET',
      url: '/api/v1/customers/999999999',
      headers: { 'accept-language': 'es' },
    });
    expect(notFound.json()).toEqual({ error: { code: 'not_found', message: 'Introuvable' } });
    const forbidden = await (
      await signIn(
        api.app,
        (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'technician' }])).email,
      )
    ).request({
      method: 'GET',
      url: '/api/v1/users',
      headers: { 'accept-language': 'es-MX,es;q=0.9' },
    });
    expect(forbidden.json()).toEqual({
      error: { code: 'forbidden', message: 'Your role does not allow users.read' },
    }); // technician's language is English
    const anonymous = await api.app.inject({
      method: 'GET',
      url: '/api/v1/customers',
      headers: { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' },
    });
    expect(anonymous.json()).toEqual({
      error: {
        code: 'unauthenticated',
        message: 'Inicie sesión primero (cookie de sesión) o envíe un token de API (Authorization: Bearer …)',
      },
    });
    const english = await api.app.inject({
      method: 'GET',
      url: '/api/v1/customers',
      headers: { 'accept-language': 'de-DE' },
    });
    expect(english.json()).toMatchObject({
      error: { code: 'unauthenticated', message: expect.stringMatching(/^Sign in first/) },
    });
    const unknown = await fr.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { location_id: shop.locationId, customer_number: 'L2', mailing_name: 'A', is_admin: true },
    });
    expect(unknown.json()).toEqual({
      error: {
        code: 'unknown_field',
        field: 'is_admin',
        message: 'Champ inconnu « is_admin » (corps de la requête)',
      },
    });
    const date = await fr.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload: {
        location_id: shop.locationId,
        customer_number: 'L3',
        mailing_name: 'A',
        birthday: '2024-02-30',
      },
    });
    expect(date.json()).toEqual({
      error: { code: 'invalid_input', field: 'birthday', message: 'birthday : n’est pas une date réelle' },
    });
  });

  it('reads Accept-Language weights', () => {
    expect(pickLanguage('de-DE,fr;q=0.4,es;q=0.8')).toBe('es');
    expect(pickLanguage('fr-CA')).toBe('fr');
    expect(pickLanguage('*')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
  });

  it('every error code the service raises has French and Spanish wording', () => {
    const codes = new Set<string>([
      'body_too_large',
      'unsupported_media_type',
      'bad_request',
      'internal_error',
    ]);
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) =>
        statSync(join(dir, f)).isDirectory()
          ? walk(join(dir, f))
          : f.endsWith('.ts') && !f.endsWith('.test.ts')
            ? [join(dir, f)]
            : [],
      );
    for (const file of walk('src')) {
      for (const m of readFileSync(file, 'utf8').matchAll(
        /(?:HttpError|AppError|CommandError)\(\s*\d{3},\s*(?:[^,]*\?\s*)?'([a-z0-9_]+)'(?:\s*:\s*'([a-z0-9_]+)')?/g,
      )) {
        codes.add(m[1]!);
        if (m[2]) codes.add(m[2]);
      }
    }
    expect(codes.size).toBeGreaterThan(15);
    expect(codes).toContain('invalid_utf8');
    expect(codes).toContain('unknown_merge_field');
    expect([...codes].filter((c) => !isTranslated(c))).toEqual([]);
  });
});
