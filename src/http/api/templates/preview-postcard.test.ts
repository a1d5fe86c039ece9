// The postcard preview: a draft postcard template printed as the card (a 2-page PDF, front and
// back), the draft's words and the location's name on it; under the email preview's limits.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { makeShop } from '../../../../test/helpers/factories.ts';
import { MAX_TEMPLATE_LENGTH } from '../../../delivery/templates/validate.ts';

let api: ApiTest;
let staff: Client;
let locationId: number;
let locationName: string;

beforeAll(async () => {
  api = await createApiTest();
  const shop = await makeShop(api.t.db);
  locationId = shop.locationId;
  locationName = shop.location.business_name ?? shop.location.name;
  const manager = await makeStaff(api.t.db, shop, [{ locationId, role: 'manager' }]);
  staff = await signIn(api.app, manager.email);
});
afterAll(() => api.close());

const preview = (payload: Record<string, unknown>) =>
  staff.request({
    method: 'POST',
    url: `/api/v1/locations/${locationId}/templates/postcard/preview`,
    payload: { kind: 'THANK_YOU', language: 'fr', ...payload },
  });

function pdfText(pdf: Buffer): { pages: number; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'postcard-preview-'));
  const file = join(dir, 'card.pdf');
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
  };
}

describe('postcard template preview (PDF)', () => {
  it('prints the draft as the card: front and back, the draft’s words merged, the shop’s name', async () => {
    const res = await preview({
      subject: 'Merci {{first_name}} !',
      body: 'Votre visite chez {{business_name}} compte.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, text } = pdfText(res.rawPayload);
    expect(pages).toBe(2);
    expect(text).toContain('Merci');
    expect(text).toContain(`Votre visite chez ${locationName}`);
    expect(text).toContain('Marie-Ève Lévesque');
  });

  it('prints the saved or shipped template when no draft is given', async () => {
    const res = await preview({});
    expect(res.statusCode).toBe(200);
    expect(pdfText(res.rawPayload).pages).toBe(2);
  });

  it('keeps the email preview’s limits: a body at the size limit renders quickly, one past it is refused', async () => {
    const started = performance.now();
    const big = await preview({
      subject: 'Hi',
      body: 'Lorem ipsum dolor sit amet. '.repeat(700).slice(0, MAX_TEMPLATE_LENGTH.body),
    });
    expect(big.statusCode).toBe(200);
    expect(performance.now() - started).toBeLessThan(5_000);
    const tooBig = await preview({ subject: 'Hi', body: 'x'.repeat(MAX_TEMPLATE_LENGTH.body + 1) });
    expect(tooBig.statusCode).toBe(400);
  });

  it('refuses an unknown merge field by name, and a staff message (no postcard)', async () => {
    const unknown = await preview({ subject: 'Hi', body: 'Hello {{no_such_field}}' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('no_such_field');
    const staffKind = await preview({ kind: 'E06', subject: 'Hi', body: 'Hello' });
    expect(staffKind.statusCode).toBe(400);
  });
});
