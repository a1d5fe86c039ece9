import { describe, expect, it } from 'vitest';
import { KINDS } from '../../domain/messages/kinds.ts';
import { defaultTemplate } from './defaults.ts';
import { parseTemplate, renderNodes } from './language.ts';
import { renderSample } from './preview.ts';
import { validateTemplate } from './validate.ts';

const LANGS = ['en', 'fr', 'es'] as const;

describe('template language', () => {
  it('escapes every value in HTML and leaves text plain', () => {
    const nodes = parseTemplate('<p>{{mailing_name}}</p>{{#each deferred_items}}<li>{{this}}</li>{{/each}}');
    const data = { mailing_name: '<script>alert(1)</script>', deferred_items: ['Brakes & "rotors"'] };
    expect(renderNodes(nodes, [data], 'html')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><li>Brakes &amp; &quot;rotors&quot;</li>',
    );
    expect(renderNodes(nodes, [data], 'text')).toBe(
      '<p><script>alert(1)</script></p><li>Brakes & "rotors"</li>',
    );
  });

  it('handles if/else and item fields with outer fields inside each', () => {
    const nodes = parseTemplate(
      '{{#if plate}}P{{else}}none{{/if}}|{{#each vehicles}}{{model}}@{{business_name}};{{/each}}',
    );
    expect(
      renderNodes(
        nodes,
        [{ plate: '', business_name: 'G', vehicles: [{ model: 'A' }, { model: 'B' }] }],
        'text',
      ),
    ).toBe('none|A@G;B@G;');
  });

  it('cannot run code: helpers, expressions and triple braces are refused', () => {
    for (const bad of [
      '{{constructor.constructor("x")()}}',
      '{{{mailing_name}}}',
      '{{#with x}}{{/with}}',
      '{{mailing_name',
      '{{#if a}}',
      '{{/each}}',
    ]) {
      expect(() => parseTemplate(bad), bad).toThrow();
    }
  });
});

describe('validateTemplate', () => {
  it('accepts every shipped template', () => {
    for (const k of KINDS)
      for (const l of LANGS)
        for (const ch of k.audience === 'staff' ? (['email'] as const) : (['email', 'postcard'] as const)) {
          const t = defaultTemplate(k.code, ch, l);
          expect(
            validateTemplate({ kind: k.code, channel: ch, subject: t.subject, body: t.body }),
            `${k.code} ${ch} ${l}`,
          ).toEqual({ ok: true });
        }
  });

  it('names the unknown merge field', () => {
    const r = validateTemplate({
      kind: 'THANK_YOU',
      channel: 'email',
      subject: 'Hi {{mailing_name}}',
      body: 'Dear {{mailng_name}}',
    });
    expect(r).toMatchObject({ ok: false, field: 'body', unknownField: 'mailng_name' });
    expect(!r.ok && r.message).toMatch(/Unknown merge field "mailng_name"/);
    expect(
      validateTemplate({ kind: 'THANK_YOU', channel: 'email', subject: '{{deferred_items}}', body: 'x' }),
    ).toMatchObject({ ok: false, field: 'subject' });
    expect(validateTemplate({ kind: 'NOPE', channel: 'email', subject: 'x', body: 'x' })).toMatchObject({
      ok: false,
      field: 'kind',
    });
    expect(
      validateTemplate({
        kind: 'E03',
        channel: 'email',
        subject: 'x',
        body: '{{#each survey_ratings}}{{url}} {{rating}}{{/each}}',
      }),
    ).toEqual({ ok: true });
  });
});

describe('shipped templates', () => {
  it('render for every kind, channel and language with no leftover tag or blank field', async () => {
    for (const k of KINDS)
      for (const language of LANGS)
        for (const channel of k.audience === 'staff'
          ? (['email'] as const)
          : (['email', 'postcard'] as const)) {
          const r = await renderSample(
            { kind: k.code, channel, language, location: undefined },
            { now: new Date('2026-03-02T12:00:00Z') },
          );
          const what = `${k.code} ${channel} ${language}`;
          for (const part of [r.subject, r.html, r.text]) {
            expect(part, what).not.toMatch(/\{\{|\}\}/);
            expect(part, what).not.toMatch(/undefined|null|\[object/);
          }
          expect(r.subject.length, what).toBeGreaterThan(3);
          expect(r.text, what).toContain('Marie-Ève Lévesque');
          if (channel === 'email') {
            expect(r.html, what).toMatch(/^<!doctype html>/i);
            if (k.audience === 'customer') expect(r.html, what).toContain('http://localhost:3000/u/');
          } else {
            expect(r.text.length, `${what} fits a card`).toBeLessThan(420);
          }
        }
  });

  it('formats the appointment in the location zone and the language', async () => {
    const now = new Date('2026-03-02T12:00:00Z'); // sample appointment: 2026-03-09T13:30Z = 09:30 in Toronto (EDT)
    const fr = await renderSample({ kind: 'E04', channel: 'email', language: 'fr' }, { now });
    expect(fr.subject).toMatch(/lundi 9 mars 2026 à 9 h 30/);
    const en = await renderSample({ kind: 'E04', channel: 'email', language: 'en' }, { now });
    expect(en.subject).toMatch(/Monday, March 9, 2026 at 9:30\sa\.m\./);
    const es = await renderSample({ kind: 'E04', channel: 'email', language: 'es' }, { now });
    expect(es.subject).toMatch(/lunes, 9 de marzo de 2026 a las 9:30/);
  });
});

describe('an override that got around the API checks', () => {
  it('falls back to the shipped template instead of sending script', async () => {
    const shipped = await renderSample({ kind: 'THANK_YOU', channel: 'email', language: 'en' });
    const planted = await renderSample({
      kind: 'THANK_YOU',
      channel: 'email',
      language: 'en',
      override: {
        subject: 'Thanks {{mailing_name}}',
        body: '<mj-section><mj-column><mj-text>Hello<script>steal()</script></mj-text></mj-column></mj-section>',
      },
    });
    expect(planted.html).not.toContain('steal()');
    expect(planted.html).toBe(shipped.html);
    expect(planted.subject).toBe(shipped.subject);
  });
});
