// The postcard PDF as a print shop's tools see it: qpdf --check finds nothing, every embedded
// TrueType program has its /Length1, the trailer has an /ID, the font descriptors carry real
// metrics (pdffonts, and the descriptor read from the file), and two batches with different text
// get different subset tags (a shop that merges files must not mix two subsets under one name).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPostcardsPdf, type PostcardCard } from './render-postcards-pdf.ts';

const dir = mkdtempSync(join(tmpdir(), 'relance-print-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const card = (text: string, name: string): PostcardCard => ({
  headline: 'Travaux toujours recommandés',
  businessName: 'Garage Şahin',
  phoneLine: 'Appelez-nous : 418-555-0142',
  webLine: 'http://relance.test/portal',
  text,
  to: [name, '12 rue de l’Église', 'Québec QC  G1R 4P5'],
  from: ['Garage Şahin', '1200 rue Saint-Denis', 'Montréal QC  H2X 3J6'],
});

async function write(name: string, cards: PostcardCard[]): Promise<{ path: string; bytes: Buffer }> {
  const bytes = await renderPostcardsPdf(cards, { title: name, now: new Date('2026-03-02T15:00:00Z') });
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

const fontsOf = (path: string) =>
  execFileSync('pdffonts', [path])
    .toString('utf8')
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.trim().split(/\s+/)[0]!);

describe('postcard PDF for print', () => {
  it('passes qpdf --check, with /Length1 on every font program and an /ID in the trailer', async () => {
    const a = await write('a', [card('Bonjour Łódź, des plaquettes de frein.', 'Łódź Ğüneş')]);
    const out = execFileSync('qpdf', ['--check', a.path]).toString('utf8');
    expect(out).toContain('No syntax or stream encoding errors found');
    const latin1 = a.bytes.toString('latin1');
    const programs = [...latin1.matchAll(/\/FontFile2 (\d+) 0 R/g)].map((m) => Number(m[1]));
    expect(programs).toHaveLength(2);
    for (const num of programs) {
      const head = new RegExp(`(?:^|\\n)${num} 0 obj\\n<< ([^>]*)>>\\nstream\\n`).exec(latin1)!;
      const length = Number(/\/Length (\d+)/.exec(head[1]!)![1]);
      const length1 = Number(/\/Length1 (\d+)/.exec(head[1]!)?.[1]);
      const start = head.index + head[0].length;
      const program = inflateSync(a.bytes.subarray(start, start + length));
      expect(length1, `object ${num}`).toBe(program.length);
      // A TrueType program: sfnt version 1.0 or 'true' (what fontkit writes).
      expect([0x00010000, 0x74727565]).toContain(program.readUInt32BE(0));
    }
    const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(latin1)![1]!;
    expect(trailer).toMatch(/\/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\]/);
    const b = await write('b', [card('Bonjour Łódź, des plaquettes de frein !', 'Łódź Ğüneş')]);
    expect(/\/ID \[<([0-9A-F]{32})>/.exec(b.bytes.toString('latin1'))![1]).not.toBe(
      /\/ID \[<([0-9A-F]{32})>/.exec(latin1)![1],
    );
  });

  it('describes its fonts with real metrics: stem, x-height and cap height measured from the glyphs', async () => {
    const { bytes } = await write('metrics', [card('Texte', 'Nom')]);
    const descriptors = [...bytes.toString('latin1').matchAll(/<< \/Type \/FontDescriptor ([^>]*)>>/g)].map(
      (m) => m[1]!,
    );
    expect(descriptors).toHaveLength(2);
    for (const d of descriptors) {
      const get = (k: string) => Number(new RegExp(`/${k} (-?[\\d.]+)`).exec(d)![1]);
      expect(get('StemV'), d).toBeGreaterThan(50);
      expect(get('XHeight'), d).toBeGreaterThan(400);
      expect(get('CapHeight'), d).toBeGreaterThan(get('XHeight'));
      expect(get('CapHeight'), d).toBeLessThan(get('Ascent'));
    }
    // DejaVu Sans: H is 1493 units of 2048 high, x 1120, the l stroke 184 wide.
    expect(descriptors.join()).toMatch(
      /FontName \/[A-Z]{6}\+DejaVuSans .*\/CapHeight 729\.004 \/XHeight 546\.875 \/StemV 90 /,
    );
  });

  it('tags each different subset differently, across batches and within one', async () => {
    const one = await write('one', [card('Bonjour, une vidange.', 'Ana Ruiz')]);
    const two = await write('two', [card('Guten Tag, ein Ölwechsel: ß, ğ, Ł.', 'Jürgen Weiß')]);
    const same = await write('same', [card('Bonjour, une vidange.', 'Ana Ruiz')]);
    const [r1, b1] = fontsOf(one.path);
    const [r2, b2] = fontsOf(two.path);
    for (const f of [r1, b1, r2, b2]) expect(f).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
    expect(r1).not.toBe(r2);
    expect(b1).not.toBe(b2);
    expect(r1!.slice(0, 6)).not.toBe(b1!.slice(0, 6));
    // The same subset keeps its tag (the tag names the subset, not the run).
    expect(fontsOf(same.path)).toEqual([r1, b1]);
  });
});
