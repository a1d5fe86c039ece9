// CLI commands of import and demo.
import type { Command } from '../command.ts';
import { demoCommand } from './demo.ts';
import { importCommand } from './import.ts';

export const DATA_COMMANDS: Command[] = [importCommand, demoCommand];
