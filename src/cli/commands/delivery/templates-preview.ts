// relance templates preview KIND --lang fr [--channel email|postcard] [--location CODE [--org ID]] [--out FILE.html|FILE.pdf]
// Renders a template with sample data: the shipped one, or the location's override.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { boot } from '../../../boot.ts';
import { isKindCode, kindSpec, KIND_CODES } from '../../../domain/messages/kinds.ts';
import type { Location } from '../../../db/schema.ts';
import { renderPostcardPreviewPdf } from '../../../delivery/postcards/preview-postcard.ts';
import type { Rendered } from '../../../delivery/templates/compile.ts';
import { renderMessagePreview, renderSample } from '../../../delivery/templates/preview.ts';
import { isLanguage } from '../../../i18n/delivery-strings.ts';
import { escapeHtml } from '../../../delivery/templates/language.ts';
import { UsageError, type Command } from '../../command.ts';
import { findLocationByCode } from './find-location.ts';

export const templatesPreviewCommand: Command = {
  name: 'templates preview',
  summary: 'Render a message template with sample data (email or postcard)',
  usage:
    'relance templates preview KIND --lang en|fr|es [--channel email|postcard] [--location CODE [--org ID]] [--out FILE.html|FILE.pdf]',
  needsDatabase: false,
  options: {
    lang: { type: 'string', default: 'en' },
    channel: { type: 'string', default: 'email' },
    location: { type: 'string' },
    org: { type: 'string' },
    out: { type: 'string' },
  },
  async run({ values, positionals }) {
    const [kind, extra] = positionals;
    if (!kind || extra !== undefined) throw new UsageError('name one message kind');
    if (!isKindCode(kind))
      throw new UsageError(`unknown kind "${kind}" (expected one of ${KIND_CODES.join(', ')})`);
    const language = String(values.lang);
    if (!isLanguage(language)) throw new UsageError(`--lang must be en, fr or es (got "${language}")`);
    const channel = String(values.channel);
    if (channel !== 'email' && channel !== 'postcard')
      throw new UsageError(`--channel must be email or postcard (got "${channel}")`);
    if (channel === 'postcard' && kindSpec(kind).audience === 'staff')
      throw new UsageError(`${kind} is a staff message: it has no postcard`);
    const out = typeof values.out === 'string' ? resolve(values.out) : null;
    if (out && !/\.(html|pdf)$/i.test(out)) throw new UsageError('--out must end in .html or .pdf');

    let rendered: Rendered;
    let location: Location | null = null;
    let publicUrl = 'http://localhost:3000';
    if (typeof values.location === 'string') {
      const ctx = await boot();
      try {
        location = await findLocationByCode(ctx.db, values.location, values.org as string | undefined);
        publicUrl = ctx.config.publicUrl;
        rendered = await renderMessagePreview(
          ctx.db,
          { orgId: location.org_id, locationId: location.id, kind, channel, language },
          { publicUrl },
        );
      } finally {
        await ctx.database.close();
      }
    } else {
      rendered = await renderSample({ kind, channel, language });
    }

    if (!out) {
      console.log(`Subject: ${rendered.subject}\n\n${rendered.text}`);
      return 0;
    }
    if (out.toLowerCase().endsWith('.html')) {
      writeFileSync(
        out,
        channel === 'email'
          ? rendered.html
          : `<!doctype html><meta charset="utf-8"><h1>${escapeHtml(rendered.subject)}</h1><pre>${escapeHtml(rendered.text)}</pre>`,
      );
    } else if (channel === 'postcard') {
      // The card front and return address are the location's when one is named (as printed).
      writeFileSync(
        out,
        await renderPostcardPreviewPdf(rendered, {
          language,
          location,
          publicUrl,
          now: new Date(),
          title: `${kind} ${language}`,
        }),
      );
    } else {
      writeFileSync(out, await htmlToPdf(rendered.html));
    }
    console.log(`Wrote ${out}`);
    return 0;
  },
};

// Email as PDF: printed by Chromium (Debian package), as the browser would show it.
async function htmlToPdf(html: string): Promise<Buffer> {
  const { chromium } = await import('playwright-core').catch(() => {
    throw new Error(
      'writing an email preview as PDF needs playwright-core and /usr/bin/chromium; use --out FILE.html instead',
    );
  });
  const browser = await chromium.launch({
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
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'Letter', printBackground: true });
  } finally {
    await browser.close();
  }
}
