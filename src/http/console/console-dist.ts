// Where the built staff console lives (vite's output; never committed) and how to build it:
// npm install runs the build (postinstall), npm start builds it when missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CONSOLE_ROOT = fileURLToPath(new URL('../../../web/console/', import.meta.url));
export const CONSOLE_DIST = fileURLToPath(new URL('../../../dist/console/', import.meta.url));

export function consoleBuilt(): boolean {
  return existsSync(`${CONSOLE_DIST}index.html`);
}

/** Builds the console with vite (about a minute on a small machine). */
export async function buildConsole(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: `${CONSOLE_ROOT}vite.config.ts`, logLevel: 'warn' });
}

export async function ensureConsoleBuilt(log: (line: string) => void = console.log): Promise<void> {
  if (consoleBuilt()) return;
  log('Building the staff console (first start)…');
  await buildConsole();
}
