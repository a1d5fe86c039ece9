// The customer's own appointment: move it to another free time (GET shows the times, POST
// moves) or cancel it. Both refuse what is not theirs (404) and what can no longer change.
import { pt } from '../../i18n/portal-strings.ts';
import { cancelOwnAppointment } from '../../commands/portal/cancel-own-appointment.ts';
import { changeableOnline, moveOwnAppointment } from '../../commands/portal/move-own-appointment.ts';
import { own } from '../../portal/customer-scope.ts';
import { isOverlap, PortalInputError, PortalNotFound } from '../../portal/errors.ts';
import { idOf, portalRoute, type SignedInCall } from './define.ts';
import { when } from './present.ts';
import { pickDay, slotsPage, startsAtOf } from './slots-page.ts';

function appointmentId(c: SignedInCall): number {
  const id = idOf(c.params.appointmentId);
  if (id === null) throw new PortalNotFound('Appointment');
  return id;
}

async function movePage(c: SignedInCall, state: { error?: string } = {}, status = 200) {
  const a = await own(c.ctx.db, c.cs).appointment(appointmentId(c));
  const l = c.language;
  if (!changeableOnline(a, c.now))
    return {
      view: 'message',
      title: pt(l, 'move_title'),
      status: 409,
      data: { text: pt(l, 'cannot_change') },
    };
  const { date, today } = pickDay(c.query.date ?? (c.body.date as string | undefined), c.location, c.now);
  const path = `/portal/appointments/${a.id}/move`;
  const slots = await slotsPage(c.ctx, c.location, l, {
    date,
    today,
    now: c.now,
    dayAction: path,
    postAction: path,
    keep: {},
    ignoreAppointmentId: a.id,
  });
  return {
    view: 'book',
    title: pt(l, 'move_title'),
    status,
    data: {
      ...slots,
      business: c.location.business_name ?? c.location.name,
      intro: when(a.starts_at, c.location, l),
      error: state.error,
      submit: pt(l, 'move_send'),
    },
  };
}

export const moveAppointmentPageRoute = portalRoute({
  method: 'GET',
  path: '/portal/appointments/:appointmentId/move',
  signedIn: true,
  ownIds: { appointmentId: 'appointment' },
  async handle(c) {
    return movePage(c);
  },
});

export const moveAppointmentRoute = portalRoute({
  method: 'POST',
  path: '/portal/appointments/:appointmentId/move',
  signedIn: true,
  ownIds: { appointmentId: 'appointment' },
  exampleBody: { starts_at: '2026-03-12T14:00:00.000Z' },
  async handle(c) {
    const id = appointmentId(c);
    const startsAt = startsAtOf(c.body.starts_at);
    if (!startsAt) {
      await own(c.ctx.db, c.cs).appointment(id);
      return movePage(c, { error: pt(c.language, 'slot_required') }, 400);
    }
    try {
      await c.ctx.db
        .transaction()
        .execute((trx) => moveOwnAppointment(trx, c.cs, { appointmentId: id, startsAt }, c.now));
    } catch (err) {
      if (isOverlap(err)) return movePage(c, { error: pt(c.language, 'slot_taken') }, 409);
      if (err instanceof PortalInputError)
        return err.key === 'cannot_change'
          ? {
              view: 'message',
              title: pt(c.language, 'move_title'),
              status: 409,
              data: { text: pt(c.language, 'cannot_change') },
            }
          : movePage(c, { error: pt(c.language, err.key, err.values) }, 409);
      throw err;
    }
    return { redirect: '/portal?done=moved' };
  },
});

export const cancelAppointmentRoute = portalRoute({
  method: 'POST',
  path: '/portal/appointments/:appointmentId/cancel',
  signedIn: true,
  ownIds: { appointmentId: 'appointment' },
  async handle(c) {
    const id = appointmentId(c);
    try {
      await c.ctx.db
        .transaction()
        .execute((trx) => cancelOwnAppointment(trx, c.cs, { appointmentId: id }, c.now));
    } catch (err) {
      if (err instanceof PortalInputError)
        return {
          view: 'message',
          title: pt(c.language, 'appt_cancel'),
          status: 409,
          data: { text: pt(c.language, 'cannot_change') },
        };
      throw err;
    }
    return { redirect: '/portal?done=cancelled' };
  },
});
