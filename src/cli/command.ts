// A CLI command: a name, a one-line summary, its usage, and a run function.
// parseArgs (node:util) options are declared per command, so a wrong flag is an error naming it.
import type { ParseArgsConfig } from 'node:util';
import type { AppContext } from '../context.ts';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  /** Commands that need no database (help, templates preview) leave this false. */
  needsDatabase?: boolean;
  /** Commands that set up an installation (migrate, demo, first users) may create the embedded database. */
  createsDatabase?: boolean;
  run(
    args: {
      values: Record<string, string | boolean | Array<string | boolean> | undefined>;
      positionals: string[];
    },
    ctx: AppContext | null,
  ): Promise<number | void>;
}

export class UsageError extends Error {}
