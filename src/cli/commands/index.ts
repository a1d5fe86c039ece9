// Every CLI command, in one list, gathered from one list per area (one command per file).
import type { Command } from '../command.ts';
import { migrateCommand } from './migrate.ts';
import { DATA_COMMANDS } from './data.ts';
import { ENGINE_COMMANDS } from './engine.ts';
import { DELIVERY_COMMANDS } from './delivery.ts';
import { PARTNER_COMMANDS } from './partners.ts';
import { VEHICLE_COMMANDS } from './vehicles.ts';
import { ADMIN_COMMANDS } from './admin.ts';
import { privacyCommand } from './privacy/privacy.ts';
import { RESULTS_COMMANDS } from './results.ts';
import { webCommand } from './roles/web.ts';

export const COMMANDS: Command[] = [
  migrateCommand,
  webCommand,
  ...DATA_COMMANDS,
  ...ENGINE_COMMANDS,
  ...DELIVERY_COMMANDS,
  ...PARTNER_COMMANDS,
  ...VEHICLE_COMMANDS,
  ...ADMIN_COMMANDS,
  privacyCommand,
  ...RESULTS_COMMANDS,
];
