// No holes from missing data (issue 14): every shipped template, kind × channel × language, is
// rendered with each optional piece of data missing in turn, and the subject, the text part, the
// visible HTML and the postcard text are searched for what a reader would see as a hole: an empty
// "()", a doubled space, a word left hanging before punctuation ("ni a su .", "Call us at .").
import { describe, expect, it } from 'vitest';
import type { MergeInput } from '../merge/build-merge-data.ts';
import { buildMergeData } from '../merge/build-merge-data.ts';
import { KINDS } from '../../domain/messages/kinds.ts';
import type { MessagePayload } from '../../domain/messages/payload.ts';
import { deriveKeys } from '../../security/keys.ts';
import { sampleMergeInput } from './preview.ts';
import { renderTemplate } from './render-message.ts';

const LANGS = ['en', 'fr', 'es'] as const;
const now = new Date('2026-12-03T12:00:00Z');
const links = { publicUrl: 'http://relance.test', keys: deriveKeys('00'.repeat(32)), now };

type Variant = ((i: MergeInput, p: MessagePayload) => void) & { kinds?: string[] };
const only = (kinds: string[], v: Variant): Variant => Object.assign(v, { kinds });
const vehicles =
  (f: (v: NonNullable<MessagePayload['vehicles']>[number]) => void): Variant =>
  (_, p) =>
    p.vehicles?.forEach(f);

/**
 * Each optional piece of data, missing. Not here: what the rule that writes a kind always gives
 * (the appointment of E04/E05/NO_SHOW, the due date and items of E01/E02, the declined items of
 * DEFERRED, the promotion's name, the answers of E06, the changes of P01, the customer of staff
 * messages).
 */
const VARIANTS: Record<string, Variant> = {
  'vehicle model': vehicles((v) => (v.model = null)),
  'vehicle make': vehicles((v) => (v.make = null)),
  'vehicle year': vehicles((v) => (v.year = null)),
  'vehicle make and model': vehicles((v) => ((v.make = null), (v.model = null))),
  plate: vehicles((v) => (v.plate = null)),
  // V01_SALES is about the vehicle just captured: it always has one.
  'no vehicle': only(
    KINDS.map((k) => k.code).filter((k) => k !== 'V01_SALES'),
    (_, p) => (p.vehicles = []),
  ),
  'customer name': (i) =>
    (i.customer = { ...i.customer!, mailing_name: '', first_name: null, last_name: null }),
  'customer phone and email': (i) => (i.customer = { ...i.customer!, phone: null, email: null }),
  'business phone': (i) => (i.location = { ...i.location, business_phone: null, phone: null }),
  'business owner': (i) => (i.location = { ...i.location, business_owner: null }),
  'business email': (i) => (i.location = { ...i.location, business_email: null, email: null }),
  'business address': (i) =>
    (i.location = { ...i.location, address_line1: null, city: null, region: null, postal_code: null }),
  'feedback link': (i) => (i.location = { ...i.location, feedback_link: null }),
  'last service date': (_, p) => delete p.last_service_on,
  'appointment time (a date set at the last visit)': only(
    ['REMINDER_1', 'REMINDER_2'],
    (_, p) => delete p.appointment,
  ),
  'appointment service': (_, p) => p.appointment && (p.appointment.service = null),
  'promotion details': (_, p) =>
    p.promotion && ((p.promotion.coupon_code = null), (p.promotion.description = {})),
  'survey comments and vehicles': (i) =>
    (i.surveys = i.surveys.map((s) => ({ ...s, comment: null, vehicle: null }))),
};

// Words that cannot end a phrase in our three languages: articles, possessives, prepositions.
const HANGING =
  /(?:^|[\s(])(your|the|a|an|at|on|of|for|to|with|su|sus|el|la|los|las|del|al|de|en|a|para|con|votre|vos|le|les|du|des|au|aux|pour|avec|chez)\s*(?:[.,;!?)](?=\s|$)|$)/im;

function holes(text: string, language: string = 'en'): string[] {
  const found: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/(\p{L})\(a\)/gu, '$1'); // Estimado(a), Bienvenido(a)
    if (/\(\s*\)/.test(line)) found.push(`empty parentheses: "${line}"`);
    if (/\S {2,}\S/.test(line)) found.push(`double space: "${line}"`);
    if (/\s[.,)]/.test(line) || (language !== 'fr' && /\s[:;]/.test(line)))
      found.push(`space before punctuation: "${line}"`);
    if (language === 'fr' && /\s{2,}:|(^|[^\s\d]):(?!\/\/|\d)/.test(line))
      found.push(`French colon: "${line}"`);
    if (/^[,.:;]/.test(line)) found.push(`starts with punctuation: "${line}"`);
    if (/(^|\s)[(,]$/.test(line)) found.push(`ends hanging: "${line}"`);
    const h = HANGING.exec(line);
    if (h) found.push(`hanging "${h[1]}": "${line}"`);
    if (/^(Dear|Bonjour|Estimado|Hello|Hi|Hola)\s+[,:]/.test(line))
      found.push(`greeting without a name: "${line}"`);
    if (/^(Ref\.?|Réf\.?|Vehicle|Véhicule|Vehículo|Service|Servicio|Cupón|Coupon)\s*:\s*$/i.test(line))
      found.push(`label without a value: "${line}"`);
  }
  return found;
}

function visible(html: string): string {
  return html
    .replace(/<(style|title|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<div[^>]*display:none[\s\S]*?<\/div>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|li|div|td|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]*\n[ \t]*/g, '\n');
}

describe('shipped templates with missing data', () => {
  it('leave no hole: every kind × channel × language with each optional field empty', async () => {
    const problems: string[] = [];
    for (const k of KINDS)
      for (const language of LANGS)
        for (const channel of k.audience === 'staff'
          ? (['email'] as const)
          : (['email', 'postcard'] as const))
          for (const [name, variant] of [['nothing', () => {}] as const, ...Object.entries(VARIANTS)]) {
            if ('kinds' in variant && variant.kinds && !variant.kinds.includes(k.code)) continue;
            if (name === 'customer name' && k.audience === 'staff') continue;
            const input = sampleMergeInput(k.code, language, now);
            const payload = structuredClone(input.message.payload) as MessagePayload;
            variant(input, payload);
            input.message = { ...input.message, payload: payload as Record<string, unknown> };
            const r = await renderTemplate({ kind: k.code, channel, language }, buildMergeData(input, links));
            const where = `${k.code} ${channel} ${language}, ${name} missing`;
            for (const [part, text] of [
              ['subject', r.subject],
              ['text', r.text],
              ['html', channel === 'email' ? visible(r.html) : ''],
            ] as const)
              for (const p of holes(text, language)) problems.push(`${where}, ${part}: ${p}`);
            if (channel === 'email' && /<p>\s*<\/p>|<ul>\s*<\/ul>/.test(r.html))
              problems.push(`${where}: empty block`);
            if (channel === 'email' && /href="mailto:"|<a\b[^>]*>\s*<\/a>/.test(r.html))
              problems.push(`${where}: empty link`);
            if (/\n\n\n/.test(r.text)) problems.push(`${where}, text: empty line in the signature`);
          }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('finds the holes it is meant to find', () => {
    expect(holes('Hace tiempo que no vemos su')).not.toEqual([]);
    expect(holes('hace tiempo que no le vemos a usted ni a su .')).not.toEqual([]);
    expect(holes('2006 Chevrolet  (GAP 005)')).not.toEqual([]);
    expect(holes('Call us at .')).not.toEqual([]);
    expect(holes('Nous contacter au .')).not.toEqual([]);
    expect(holes('Vehicle: 2006 Chevrolet ()')).not.toEqual([]);
    expect(holes('Dear Marie, call us at 514-555-0100.')).toEqual([]);
  });
});
