// CLI commands of the decision engine (run, preview).
import type { Command } from '../command.ts';

export const ENGINE_COMMANDS: Command[] = [];
