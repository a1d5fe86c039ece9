// relance CLI entry: finds the command, parses its flags, boots what it needs, runs it.
// Errors are printed as one clear message, never a stack trace.
import { parseArgs } from 'node:util';
import { boot } from '../boot.ts';
import { ConfigError } from '../config/env.ts';
import { COMMANDS } from './commands/index.ts';
import { UsageError } from './command.ts';
import type { AppContext } from '../context.ts';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: relance <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  // Commands may be two words ("templates preview"): take the longest match.
  const command = COMMANDS.filter((c) => argv.slice(0, c.name.split(' ').length).join(' ') === c.name).sort(
    (a, b) => b.name.length - a.name.length,
  )[0];
  if (!command || (argv.includes('--help') && argv.length === 1)) {
    console.log(help());
    return command || argv[0] === '--help' || argv.length === 0 ? 0 : 2;
  }
  let ctx: AppContext | null = null;
  try {
    const rest = argv.slice(command.name.split(' ').length);
    if (rest.includes('--help')) {
      console.log(`Usage: ${command.usage}`);
      return 0;
    }
    const args = parseArgs({
      args: rest,
      options: command.options ?? {},
      allowPositionals: true,
      strict: true,
    });
    if (command.needsDatabase) ctx = await boot(process.env, { create: command.createsDatabase === true });
    const code = await command.run(args, ctx);
    return typeof code === 'number' ? code : 0;
  } catch (err) {
    const e = err as Error & { code?: string };
    if (err instanceof UsageError || e.code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`relance ${command.name}: ${e.message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (err instanceof ConfigError) console.error(e.message);
    else console.error(`relance ${command.name}: ${e.message}`);
    if (process.env.RELANCE_DEBUG) console.error(e.stack);
    return 1;
  } finally {
    await ctx?.database.close();
  }
}

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2));
}
