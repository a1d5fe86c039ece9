// CLI commands of the results (docs/results.md).
import type { Command } from '../command.ts';
import { resultsCommand } from './results/results.ts';
import { promotionCommand } from './results/promotion.ts';
import { controlGroupCommand } from './results/control-group.ts';
import { followUpListCommand } from './results/follow-up-list.ts';
import { optOutsCommand } from './results/opt-outs.ts';
import { campaignCommand } from './results/campaign.ts';

export const RESULTS_COMMANDS: Command[] = [
  resultsCommand,
  promotionCommand,
  controlGroupCommand,
  followUpListCommand,
  optOutsCommand,
  campaignCommand,
];
