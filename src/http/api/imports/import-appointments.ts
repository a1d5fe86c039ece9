// POST /api/v1/locations/:locationId/imports/appointments: an appointments.csv file (docs/import.md).
import { importRoute } from './import-file.ts';

export const importAppointmentsRoute = importRoute('appointments', 'appointments.write', 'appointments');
