// Public pages and endpoints reached from messages (no staff login): one file each.
import type { RouteModule } from '../app.ts';
import { unsubscribeRoutes } from './unsubscribe.ts';
import { surveyRoutes } from './survey.ts';
import { bounceWebhookRoutes } from './bounce-webhook.ts';
import { mailboxRoutes } from './mailbox.ts';
import { resetPasswordRoutes } from './reset-password.ts';
import { homeRoutes } from './home.ts';

export const publicRoutes: RouteModule[] = [unsubscribeRoutes, surveyRoutes, bounceWebhookRoutes, mailboxRoutes, resetPasswordRoutes, homeRoutes];
