// CLI commands of partner exports.
import type { Command } from '../command.ts';

export const PARTNER_COMMANDS: Command[] = [];
