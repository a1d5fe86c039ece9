// Public pages and endpoints reached from messages (no staff login): one file each.
import type { RouteModule } from '../route-module.ts';
import { unsubscribeRoutes } from './unsubscribe.ts';
import { surveyRoutes } from './survey.ts';
import { bounceWebhookRoutes } from './bounce-webhook.ts';
import { smsWebhookRoutes } from './sms-webhooks.ts';
import { shortLinkRoutes } from './short-link.ts';
import { mailboxRoutes } from './mailbox.ts';
import { caughtTextsRoutes } from './caught-texts.ts';
import { resetPasswordRoutes } from './reset-password.ts';
import { homeRoutes } from './home.ts';
import { mountPortal } from '../portal/mount.ts';
import { PORTAL_ROUTES } from '../portal/routes.ts';
import { operationsRoutes } from './operations.ts';

export const publicRoutes: RouteModule[] = [
  unsubscribeRoutes,
  surveyRoutes,
  bounceWebhookRoutes,
  smsWebhookRoutes,
  shortLinkRoutes,
  mailboxRoutes,
  caughtTextsRoutes,
  resetPasswordRoutes,
  homeRoutes,
  mountPortal(PORTAL_ROUTES),
  operationsRoutes,
];
