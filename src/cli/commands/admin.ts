// CLI commands of accounts and operator.
import type { Command } from '../command.ts';

export const ADMIN_COMMANDS: Command[] = [];
