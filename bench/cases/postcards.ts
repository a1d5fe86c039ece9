// Postcards per second: the whole batch path (claim the day's cards of a location, render each
// postcard template, one PDF with embedded fonts, CSV, folder drop, mark sent), and the PDF alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/env.ts';
import type { AppContext } from '../../src/context.ts';
import { folderVendor } from '../../src/delivery/postcards/print-vendor.ts';
import { renderPostcardsPdf } from '../../src/delivery/postcards/render-postcards-pdf.ts';
import { runPostcardBatches } from '../../src/delivery/postcards/run-postcard-batches.ts';
import { deriveKeys } from '../../src/security/keys.ts';
import type { BenchCase, BenchSize } from '../case.ts';
import { benchDatabase, seedMessages } from './delivery-db.ts';
import { createLogger } from '../../src/config/logger.ts';

const CARDS: Record<BenchSize, number> = { small: 2_000, medium: 5_000, large: 10_000, '1m': 20_000 };
const WARM_UP = 200;

export const postcardsCase: BenchCase = {
  name: 'postcards',
  async run({ size, postgresUrl, log }) {
    const n = CARDS[size];
    const dir = mkdtempSync(join(tmpdir(), 'relance-bench-postcards-'));
    const d = await benchDatabase(postgresUrl);
    try {
      const ctx: AppContext = {
        config: loadConfig({
          NODE_ENV: 'test',
          SECRET_KEY: 'ef'.repeat(32),
          DEMO_DATA: 'off',
          RELANCE_DATA_DIR: dir,
        }),
        keys: deriveKeys('ef'.repeat(32)),
        database: d,
        db: d.db,
        now: () => new Date(),
        log: createLogger({ LOG_LEVEL: 'warn' }),
      };
      // Warm-up (not counted), as a long-running worker is: JIT, font tables, template compile.
      await seedMessages(d, WARM_UP, 'postcard', 'w');
      await runPostcardBatches(ctx, { vendor: folderVendor(dir) });
      await seedMessages(d, n, 'postcard', 'p');
      let t0 = performance.now();
      const results = await runPostcardBatches(ctx, { vendor: folderVendor(dir) });
      const pipelineMs = performance.now() - t0;
      const cards = results.reduce((a, r) => a + (r.status === 'accepted' ? r.cards : 0), 0);
      if (cards !== n) throw new Error(`batched ${cards} of ${n} cards`);
      const card = {
        headline: 'Travaux toujours recommandés',
        businessName: 'Garage Łódź',
        phoneLine: 'Appelez-nous : 514-555-0100',
        webLine: 'http://relance.test/portal',
        text: 'Bonjour Müller Ğüneş,\nLors de votre dernière visite nous avons recommandé :\n- Plaquettes\n- Filtre\nAppelez le 514-555-0100.',
        to: ['Müller Ğüneş', '1 avenue du Parc', 'Montréal QC  H2V 4E7'],
        from: ['Garage Łódź', '1 rue Principale', 'Montréal QC'],
      };
      t0 = performance.now();
      // Each card its own QR code, as in a batch (the customer's sign-in link; encoding it is most
      // of a card's CPU).
      const pdf = await renderPostcardsPdf(
        Array.from({ length: n }, (_, i) => ({
          ...card,
          qrLink: `http://relance.test/portal/go/bench${String(i).padStart(24, 'x')}`,
        })),
        { title: 'bench', now: new Date() },
      );
      const pdfMs = performance.now() - t0;
      const rate = n / (pipelineMs / 1000);
      const pdfRate = n / (pdfMs / 1000);
      log(
        `pipeline ${rate.toFixed(0)} cards/s, PDF only ${pdfRate.toFixed(0)} cards/s (${(pdf.length / n / 1024).toFixed(1)} KiB/card)`,
      );
      return [
        {
          name: 'postcards per second',
          measured: `${n} cards in ${(pipelineMs / 1000).toFixed(2)} s end to end (${d.label}); PDF alone ${pdfRate.toFixed(0)} cards/s`,
          value: rate,
          goal: '>= 1000 cards/s',
          ok: rate >= 1000,
          details: {
            cards: n,
            pipeline_cards_s: +rate.toFixed(0),
            pdf_cards_s: +pdfRate.toFixed(0),
            pdf_bytes: pdf.length,
            database: d.label,
          },
        },
      ];
    } finally {
      await d.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
