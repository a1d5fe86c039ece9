// Every portal page and action, in one list: mount.ts registers them behind the one session /
// CSRF / headers wrapper, and the cross-customer test (portal-isolation.test.ts) reads this list.
import type { PortalRoute } from './define.ts';
import {
  messageLinkRoute,
  oneTimeLinkRoute,
  requestLinkRoute,
  signInPageRoute,
  signOutRoute,
  useOneTimeLinkRoute,
} from './sign-in.ts';
import { homeRoute } from './home.ts';
import { fileRoute, saveFileRoute } from './file.ts';
import { vehicleRoute } from './vehicle.ts';
import { bookRoute, requestAppointmentRoute } from './book.ts';
import { cancelAppointmentRoute, moveAppointmentPageRoute, moveAppointmentRoute } from './appointment.ts';
import { surveysRoute } from './surveys.ts';
import { dataRoute } from './data.ts';
import {
  visitorBookingPageRoute,
  visitorBookingRoute,
  visitorConfirmPageRoute,
  visitorConfirmRoute,
} from './visitor-book.ts';

export const PORTAL_ROUTES: PortalRoute[] = [
  signInPageRoute,
  requestLinkRoute,
  oneTimeLinkRoute,
  useOneTimeLinkRoute,
  messageLinkRoute,
  signOutRoute,
  homeRoute,
  fileRoute,
  saveFileRoute,
  vehicleRoute,
  bookRoute,
  requestAppointmentRoute,
  moveAppointmentPageRoute,
  moveAppointmentRoute,
  cancelAppointmentRoute,
  surveysRoute,
  dataRoute,
  visitorBookingPageRoute,
  visitorBookingRoute,
  visitorConfirmPageRoute,
  visitorConfirmRoute,
];
