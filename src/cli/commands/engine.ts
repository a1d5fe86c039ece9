// CLI commands of the decision engine (run, preview).
import type { Command } from '../command.ts';
import { runCommand } from './engine/run.ts';
import { previewCommand } from './engine/preview.ts';

export const ENGINE_COMMANDS: Command[] = [runCommand, previewCommand];
