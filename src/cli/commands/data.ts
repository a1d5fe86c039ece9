// CLI commands of import and demo.
import type { Command } from '../command.ts';

export const DATA_COMMANDS: Command[] = [];
