// Every CLI command, in one list, gathered from one list per area (one command per file).
import type { Command } from '../command.ts';
import { migrateCommand } from './migrate.ts';
import { DATA_COMMANDS } from './data.ts';
import { ENGINE_COMMANDS } from './engine.ts';
import { DELIVERY_COMMANDS } from './delivery.ts';
import { PARTNER_COMMANDS } from './partners.ts';
import { ADMIN_COMMANDS } from './admin.ts';

export const COMMANDS: Command[] = [
  migrateCommand,
  ...DATA_COMMANDS,
  ...ENGINE_COMMANDS,
  ...DELIVERY_COMMANDS,
  ...PARTNER_COMMANDS,
  ...ADMIN_COMMANDS,
];
