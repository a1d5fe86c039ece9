// CLI commands of delivery (worker, templates).
import type { Command } from '../command.ts';

export const DELIVERY_COMMANDS: Command[] = [];
