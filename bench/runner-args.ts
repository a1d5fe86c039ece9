// Command-line options of `npm run bench` and `npm run drill`: --help prints the usage and exits 0;
// an unknown option, a bad value or an --only that names nothing prints one line naming it and
// the choices, and exits 2 (never a stack trace, never an empty table that passes).
import { parseArgs } from 'node:util';

export interface RunnerOptions {
  size: string;
  json: boolean;
  only?: string[];
}

/** --size (default `defaultSize`), --only (repeatable), --json, --help. */
export function parseRunnerArgs(
  usage: string,
  defaultSize: string,
  args: string[] = process.argv.slice(2),
): RunnerOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        size: { type: 'string', default: defaultSize },
        json: { type: 'boolean', default: false },
        only: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    return usageError(usage, (err as Error).message);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return { size: values.size, json: values.json, only: values.only };
}

export function usageError(usage: string, message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

/** The chosen items; every --only value must pick at least one, by `matches`. */
export function pickOnly<T extends { name: string }>(
  usage: string,
  items: readonly T[],
  only: string[] | undefined,
  matches: (item: T, value: string) => boolean,
): T[] {
  if (!only) return [...items];
  for (const value of only)
    if (!items.some((item) => matches(item, value)))
      usageError(
        usage,
        `--only ${JSON.stringify(value)} names nothing; choose from: ${items.map((i) => JSON.stringify(i.name)).join(', ')}`,
      );
  return items.filter((item) => only.some((value) => matches(item, value)));
}
