// The HTML of every shipped email, kind × language, through html-validate (a real HTML validator),
// with the rules of the HTML standard and the document rules on; only the habits email needs
// (inline styles, layout tables with their attributes, Outlook's conditional comments) are allowed.
// And the preview line: in the message's language, hidden without low-contrast text.
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../domain/messages/kinds.ts';
import { renderSample } from './preview.ts';

const LANGS = ['en', 'fr', 'es'] as const;
const now = new Date('2026-12-03T12:00:00Z');

const validator = new HtmlValidate({
  extends: ['html-validate:standard', 'html-validate:document'],
  rules: {
    // What email HTML needs: styles inline, tables with layout attributes, Outlook's comments.
    'no-inline-style': 'off',
    'no-deprecated-attr': 'off',
    'no-conditional-comment': 'off',
    'presentation-role-style': 'off',
    'prefer-native-element': 'off',
    // Style only, not validity.
    'no-trailing-whitespace': 'off',
    'void-style': 'off',
    'doctype-style': 'off',
    'attribute-boolean-style': 'off',
  },
});

const preview = (html: string) =>
  /<div style="display:none[^"]*" aria-hidden="true">([\s\S]*?)<\/div>/.exec(html)?.[1];

describe('email HTML', () => {
  it('every kind × language validates, with a title, no nested or empty paragraphs', async () => {
    const problems: string[] = [];
    for (const k of KINDS)
      for (const language of LANGS) {
        const r = await renderSample({ kind: k.code, channel: 'email', language }, { now });
        const report = await validator.validateString(r.html);
        for (const result of report.results)
          for (const m of result.messages)
            problems.push(
              `${k.code} ${language} line ${m.line}: ${m.ruleId}: ${m.message} (${m.selector ?? ''})`,
            );
        if (/<p\b[^>]*>\s*<p\b/.test(r.html)) problems.push(`${k.code} ${language}: <p><p>`);
        if (/<p\b[^>]*>\s*<\/p>/.test(r.html)) problems.push(`${k.code} ${language}: empty <p></p>`);
        const title = /<title>([\s\S]*?)<\/title>/.exec(r.html)?.[1]?.trim();
        if (title !== r.subject.replace(/&/g, '&amp;'))
          problems.push(`${k.code} ${language}: title "${title}"`);
      }
    expect(problems).toEqual([]);
  });

  it('the preview line is a sentence of the message in its language, not white-on-grey text', async () => {
    const seen = {
      en: 'A friendly reminder of your appointment at Garage Lévesque:',
      fr: 'Un petit rappel de votre rendez-vous chez Garage Lévesque :',
      es: 'Un recordatorio amistoso de su cita en Garage Lévesque:',
    };
    for (const language of LANGS) {
      const r = await renderSample({ kind: 'E04', channel: 'email', language }, { now });
      expect(preview(r.html)).toBe(seen[language]);
      expect(r.html).not.toMatch(
        /color:\s*#fff(fff)?\b[^"]*font-size:\s*1px|font-size:\s*1px[^"]*color:\s*#fff/i,
      );
    }
    for (const k of KINDS)
      for (const language of LANGS) {
        const r = await renderSample({ kind: k.code, channel: 'email', language }, { now });
        const line = preview(r.html);
        expect(line, `${k.code} ${language}`).toBeTruthy();
        expect(line, `${k.code} ${language}`).not.toBe('Garage Lévesque');
        expect(line!.length, `${k.code} ${language}`).toBeGreaterThan(25);
      }
  });
});
