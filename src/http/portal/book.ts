// GET/POST /portal/book: the signed-in customer requests an appointment for one of their
// vehicles at a free time (commands/portal/request-appointment.ts); the advisors confirm it.
import { pt } from '../../i18n/portal-strings.ts';
import { requestAppointment } from '../../commands/portal/request-appointment.ts';
import { own } from '../../portal/customer-scope.ts';
import { isOverlap, PortalInputError, SlotTaken } from '../../portal/errors.ts';
import { idOf, portalRoute, type SignedInCall } from './define.ts';
import { describeVehicle } from './present.ts';
import { pickDay, slotsPage, startsAtOf } from './slots-page.ts';

async function bookPage(c: SignedInCall, state: { error?: string; service?: string } = {}, status = 200) {
  const vehicles = await own(c.ctx.db, c.cs)
    .vehicles()
    .select(['vehicles.id', 'vehicles.year', 'vehicles.make', 'vehicles.model', 'vehicles.vin'])
    .where('vehicles.status', '=', 'active')
    .orderBy('vehicles.id')
    .execute();
  const asked = idOf(c.query.vehicle ?? (c.body.vehicle_id as string | undefined));
  const vehicleId = vehicles.find((v) => v.id === asked)?.id ?? vehicles[0]?.id ?? null;
  const { date, today } = pickDay(c.query.date ?? (c.body.date as string | undefined), c.location, c.now);
  const slots = await slotsPage(c.ctx, c.location, c.language, {
    date,
    today,
    now: c.now,
    dayAction: '/portal/book',
    postAction: '/portal/book',
    keep: vehicleId ? { vehicle: String(vehicleId) } : {},
  });
  return {
    view: 'book',
    title: pt(c.language, 'book_title'),
    status,
    data: {
      ...slots,
      business: c.location.business_name ?? c.location.name,
      error: state.error,
      service: state.service,
      vehicleId,
      vehicles: vehicles.map((v) => ({ id: v.id, description: describeVehicle(v) })),
      showService: true,
      submit: pt(c.language, 'book_send'),
    },
  };
}

export const bookRoute = portalRoute({
  method: 'GET',
  path: '/portal/book',
  signedIn: true,
  async handle(c) {
    return bookPage(c);
  },
});

export const requestAppointmentRoute = portalRoute({
  method: 'POST',
  path: '/portal/book',
  signedIn: true,
  async handle(c) {
    const service = typeof c.body.service === 'string' ? c.body.service.trim() : '';
    const startsAt = startsAtOf(c.body.starts_at);
    if (!startsAt) return bookPage(c, { error: pt(c.language, 'slot_required'), service }, 400);
    const vehicleId = c.body.vehicle_id === undefined ? null : idOf(c.body.vehicle_id);
    if (c.body.vehicle_id !== undefined && vehicleId === null)
      return bookPage(
        c,
        { error: pt(c.language, 'field_invalid', { field: pt(c.language, 'vehicle') }), service },
        400,
      );
    try {
      await c.ctx.db
        .transaction()
        .execute((trx) =>
          requestAppointment(trx, c.cs, { vehicleId, startsAt, service: service || null }, c.now),
        );
    } catch (err) {
      if (isOverlap(err)) return bookPage(c, { error: pt(c.language, 'slot_taken'), service }, 409);
      if (err instanceof SlotTaken) return bookPage(c, { error: pt(c.language, 'slot_taken'), service }, 409);
      if (err instanceof PortalInputError)
        return bookPage(
          c,
          { error: pt(c.language, err.key, { field: err.field, ...err.values }), service },
          400,
        );
      throw err;
    }
    return { redirect: '/portal?done=requested' };
  },
});
