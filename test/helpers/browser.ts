// What every browser suite shares: Debian's chromium (never a downloaded browser), the axe check
// that counts only serious and critical violations, screenshots under test-results/, and the
// document's language once a picker changed it.
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A screenshot of the whole page in test-results/<folder>/<name>.png, to be looked at. */
export function shotsIn(folder: string): (page: Page, name: string) => Promise<void> {
  const dir = join(import.meta.dirname, '..', '..', 'test-results', folder);
  return async (page, name) => {
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  };
}

export interface AxeOptions {
  /** Parts left out: a message's own HTML in a sandboxed frame (axe waits forever inside it). */
  exclude?: string[];
  /** Check only this part (an open dialog: the page behind its overlay is dimmed on purpose). */
  within?: string;
}

/** Serious and critical WCAG 2 A/AA violations, one line each. */
export async function seriousViolations(page: Page, options: AxeOptions = {}): Promise<string[]> {
  // A notification fading in or out is half transparent: axe would measure its contrast mid-way.
  // Wait for the finite animations (transitions) under way; spinners run forever and are skipped.
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
      .map((a) => a.finished.catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ])`);
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  if (options.within) builder = builder.include(options.within);
  for (const part of options.exclude ?? []) builder = builder.exclude(part);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}

/** The `lang` of the page's document (the console sets it when the language changes). */
export function documentLanguage(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement
        .lang,
  );
}

export const LANGUAGE_NAME = { en: 'English', fr: 'Français', es: 'Español' } as const;

/** The console's language picker (it saves the choice on the server), then the document's lang. */
export async function pickLanguage(page: Page, language: keyof typeof LANGUAGE_NAME): Promise<void> {
  await page.getByTestId('language-picker').click();
  await page.getByRole('option', { name: LANGUAGE_NAME[language] }).click();
  await expect.poll(() => documentLanguage(page)).toBe(language);
}
