// PATCH /me: the signed-in user's own preferences (the console's language picker). Managing
// other users stays on PATCH /users/:id.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { setOwnLanguage } from '../../../accounts/set-own-language.ts';

export const updateMeRoute = defineRoute({
  method: 'PATCH',
  path: '/me',
  summary: 'Change your own language (en, fr, es)',
  tag: 'Session',
  auth: 'session',
  isolation: { exempt: 'changes the caller only; takes no ids' },
  body: z.strictObject({ language: z.enum(['en', 'fr', 'es']) }),
  response: z.object({ language: z.string() }),
  example: () => ({ body: { language: 'fr' } }),
  async handler({ db, scope, body, now }) {
    await setOwnLanguage(db, scope, body, now);
    return { language: body.language };
  },
});
