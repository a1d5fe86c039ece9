import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { isKindCode, kindSpec } from '../../../domain/messages/kinds.ts';
import { setControlGroup } from '../../../commands/results/set-control-group.ts';

export const setControlGroupRoute = defineRoute({
  method: 'PUT',
  path: '/locations/:locationId/control-groups/:kind',
  summary:
    'Hold back this share (0 to 0.5) of a kind’s customer messages as its control group; 0 switches it off',
  tag: 'Results',
  auth: 'rules.write',
  isolation: 'tenant',
  params: z.strictObject({
    locationId: id,
    kind: z
      .string()
      .max(20)
      .refine((k) => isKindCode(k) && kindSpec(k).audience === 'customer', 'is not a message kind'),
  }),
  body: z.strictObject({ share: z.number().min(0).max(0.5).multipleOf(0.001) }),
  response: z.object({ location_id: z.number(), kind: z.string(), share: z.number() }),
  example: (ids) => ({ params: { locationId: ids.locationId, kind: 'THANK_YOU' }, body: { share: 0.1 } }),
  async handler({ db, scope, params, body, now }) {
    return db
      .transaction()
      .execute((trx) =>
        setControlGroup(
          trx,
          scope,
          { locationId: params.locationId, kind: params.kind, share: body.share },
          now,
        ),
      );
  },
});
