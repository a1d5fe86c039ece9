// CLI commands of import and demo.
import type { Command } from '../command.ts';
import { demoCommand } from './demo.ts';

export const DATA_COMMANDS: Command[] = [demoCommand];
