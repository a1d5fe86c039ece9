// CLI commands of accounts and operator.
import type { Command } from '../command.ts';
import { userCreateCommand } from './user-create.ts';
import { operatorCreateCommand } from './operator-create.ts';

export const ADMIN_COMMANDS: Command[] = [userCreateCommand, operatorCreateCommand];
