// CLI commands of partner exports.
import type { Command } from '../command.ts';
import { exportCommand } from './export.ts';

export const PARTNER_COMMANDS: Command[] = [exportCommand];
