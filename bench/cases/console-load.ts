// The staff console's first load: the JavaScript a browser fetches to show /console/today (the
// entry, its preloads, the Today chunk and what it imports), gzipped, against the 300 KB goal;
// every other screen is a chunk of its own, fetched when opened.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchCase, BenchLine } from '../case.ts';
import { CONSOLE_DIST, ensureConsoleBuilt } from '../../src/http/console/console-dist.ts';

const GOAL_KB = 300;

function staticImports(file: string): string[] {
  const code = readFileSync(join(CONSOLE_DIST, 'assets', file), 'utf8');
  return [...code.matchAll(/(?:from|import)\s*["'`]\.\/([\w.-]+\.js)["'`]/g)].map((m) => m[1]!);
}

export function firstLoadFiles(): string[] {
  const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/\/console\/assets\/([\w.-]+\.js)/g)].map((m) => m[1]!);
  const today = [
    ...readFileSync(join(CONSOLE_DIST, 'assets', queue[0]!), 'utf8').matchAll(
      /["'`]\.\/(Today-[\w-]+\.js)["'`]/g,
    ),
  ];
  if (today[0]) queue.push(today[0][1]!);
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return [...seen];
}

export const consoleLoadCase: BenchCase = {
  name: 'console',
  async run({ log }): Promise<BenchLine[]> {
    await ensureConsoleBuilt(log);
    const files = firstLoadFiles();
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const bytes = readFileSync(join(CONSOLE_DIST, 'assets', f));
      raw += bytes.length;
      gz += gzipSync(bytes, { level: 9 }).length;
    }
    const kb = Math.round(gz / 102.4) / 10;
    return [
      {
        name: 'console first load (JS gzipped)',
        measured: `${kb} KB gzipped (${Math.round(raw / 1024)} KB raw) in ${files.length} files for /console/today`,
        value: kb,
        goal: `≤ ${GOAL_KB} KB`,
        ok: kb <= GOAL_KB,
        details: { files: files.join(' ') },
      },
    ];
  },
};
