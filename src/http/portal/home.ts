// GET /portal: the signed-in customer's home: upcoming appointments (move, cancel), vehicles,
// the download of their data. Not signed in: to the sign-in page.
import { pt } from '../../i18n/portal-strings.ts';
import { own } from '../../portal/customer-scope.ts';
import { portalRoute } from './define.ts';
import { day, describeVehicle, presentAppointment } from './present.ts';

export const homeRoute = portalRoute({
  method: 'GET',
  path: '/portal',
  signedIn: true,
  async handle(c) {
    const mine = own(c.ctx.db, c.cs);
    const vehicles = await mine
      .vehicles()
      .selectAll()
      .where('vehicles.status', '=', 'active')
      .orderBy('vehicles.id')
      .execute();
    const names = new Map(vehicles.map((v) => [v.id, describeVehicle(v)]));
    const appointments = await mine
      .appointments()
      .selectAll()
      .where('appointments.status', 'in', ['requested', 'confirmed'])
      .where('appointments.starts_at', '>', c.now)
      .orderBy('appointments.starts_at')
      .execute();
    const notice = c.query.done ? noticeFor(c.language, c.query.done) : undefined;
    return {
      view: 'home',
      title: pt(c.language, 'hello', { name: c.customer.mailing_name }),
      data: {
        business: c.location.business_name ?? c.location.name,
        notice,
        appointments: appointments.map((a) => presentAppointment(a, names, c.location, c.language, c.now)),
        vehicles: vehicles.map((v) => ({
          id: v.id,
          description: names.get(v.id),
          plate: v.plate,
          nextDue: v.next_visit_on ? day(v.next_visit_on, c.location, c.language) : null,
        })),
      },
    };
  },
});

function noticeFor(l: Parameters<typeof pt>[0], done: string): string | undefined {
  if (done === 'requested') return pt(l, 'book_sent');
  if (done === 'moved') return pt(l, 'appt_moved');
  if (done === 'cancelled') return pt(l, 'appt_cancelled');
  return undefined;
}
