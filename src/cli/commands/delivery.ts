// CLI commands of delivery (worker, templates, stats, bounces).
import type { Command } from '../command.ts';
import { workerCommand } from './delivery/worker.ts';
import { templatesPreviewCommand } from './delivery/templates-preview.ts';
import { statsCommand } from './delivery/stats.ts';
import { bounceSecretCommand } from './delivery/bounce-secret.ts';

export const DELIVERY_COMMANDS: Command[] = [
  workerCommand,
  templatesPreviewCommand,
  statsCommand,
  bounceSecretCommand,
];
