// Every CLI command, in one list. One command per file.
import type { Command } from '../command.ts';
import { migrateCommand } from './migrate.ts';

export const COMMANDS: Command[] = [migrateCommand];
