// Every rule of the daily run, one file each. Event-driven kinds (E05, P01) are not here:
// see ../events/.
import type { Rule } from './build.ts';
import { reminderRule } from './reminder.ts';
import { noShowRule } from './no-show.ts';
import { thankYouRule } from './thank-you.ts';
import { deferredRule } from './deferred.ts';
import { inactiveRule } from './inactive.ts';
import { v01Rule } from './v01.ts';
import { v02Rule } from './v02.ts';
import { v01SalesRule } from './v01-sales.ts';
import { e01Rule } from './e01.ts';
import { e02Rule } from './e02.ts';
import { e03Rule } from './e03.ts';
import { e04Rule } from './e04.ts';
import { e06Rule } from './e06.ts';
import { e07Rule } from './e07.ts';
import { p00Rule } from './p00.ts';
import { campaignRule } from './campaign.ts';
import { reviewRule } from './review.ts';

export const RULES: Rule[] = [
  reminderRule('REMINDER_1'),
  reminderRule('REMINDER_2'),
  noShowRule,
  thankYouRule,
  deferredRule,
  inactiveRule,
  v01Rule,
  v02Rule,
  v01SalesRule,
  e01Rule,
  e02Rule,
  e03Rule,
  e04Rule,
  e06Rule,
  e07Rule,
  p00Rule,
  campaignRule,
  reviewRule,
];
