// Every staff API operation, in one list. One resource per folder, one route per file.
// mountApi registers them under /api/v1 behind the one auth hook; the OpenAPI document, the
// docs page and the cross-tenant test all read this list.
import type { RouteModule } from '../app.ts';
import type { ApiRoute } from './define.ts';
import { mountApi } from './mount.ts';
import { createSessionRoute } from './session/create-session.ts';
import { deleteSessionRoute } from './session/delete-session.ts';
import { getMeRoute } from './session/get-me.ts';
import { requestPasswordResetRoute } from './session/request-password-reset.ts';
import { resetPasswordRoute } from './session/reset-password.ts';
import { listCustomersRoute } from './customers/list-customers.ts';
import { getCustomerRoute } from './customers/get-customer.ts';
import { createCustomerRoute } from './customers/create-customer.ts';
import { updateCustomerRoute } from './customers/update-customer.ts';
import { deleteCustomerRoute } from './customers/delete-customer.ts';
import { listCustomerMessagesRoute } from './customers/list-customer-messages.ts';
import { listVehiclesRoute } from './vehicles/list-vehicles.ts';
import { getVehicleRoute } from './vehicles/get-vehicle.ts';
import { createVehicleRoute } from './vehicles/create-vehicle.ts';
import { updateVehicleRoute } from './vehicles/update-vehicle.ts';
import { deleteVehicleRoute } from './vehicles/delete-vehicle.ts';
import { decodeVinRoute } from './vehicles/decode-vin.ts';
import { createRepairOrderRoute, deleteRepairOrderRoute, getRepairOrderRoute, listRepairOrdersRoute, updateRepairOrderRoute } from './repair-orders/repair-order-routes.ts';
import { listAppointmentsRoute } from './appointments/list-appointments.ts';
import { getAppointmentRoute } from './appointments/get-appointment.ts';
import { createAppointmentRoute } from './appointments/create-appointment.ts';
import { updateAppointmentRoute } from './appointments/update-appointment.ts';
import { setAppointmentStatusRoute } from './appointments/set-appointment-status.ts';
import { getAvailabilityRoute } from './appointments/get-availability.ts';
import { listMechanicsRoute } from './mechanics/list-mechanics.ts';
import { createMechanicRoute } from './mechanics/create-mechanic.ts';
import { updateMechanicRoute } from './mechanics/update-mechanic.ts';
import { setMechanicHoursRoute } from './mechanics/set-mechanic-hours.ts';
import { deleteMechanicRoute } from './mechanics/delete-mechanic.ts';
import { createCourtesyVehicleRoute, deleteCourtesyVehicleRoute, listCourtesyVehiclesRoute, updateCourtesyVehicleRoute } from './courtesy-vehicles/courtesy-vehicle-routes.ts';
import { createLocationRoute, getLocationRoute, listLocationsRoute } from './locations/location-routes.ts';
import { getSettingsRoute, settingsTabRoutes } from './settings/settings-routes.ts';
import { partnerSettingsRoutes } from './settings/save-partner-settings.ts';
import { listRulesRoute, updateRuleRoute } from './rules/rule-routes.ts';
import { listTemplatesRoute, previewTemplateRoute, revertTemplateRoute, saveTemplateRoute } from './templates/template-routes.ts';
import { getMessageRoute, listMessagesRoute, sendQueueRoute, statsRoute } from './outbox/outbox-routes.ts';
import { completeTaskRoute, listTasksRoute } from './tasks/task-routes.ts';
import { createUserRoute, listUsersRoute, updateUserRoute } from './users/user-routes.ts';
import { createTokenRoute, listTokensRoute, revokeTokenRoute } from './tokens/token-routes.ts';
import { listAuditLogRoute } from './audit/list-audit-log.ts';
import { listAllLocationsRoute, setLocationOptionsRoute, usageRoute } from './operator/operator-routes.ts';
import { listSchedulesRoute } from './maintenance/list-schedules.ts';
import { getScheduleRoute } from './maintenance/get-schedule.ts';
import { createScheduleRoute } from './maintenance/create-schedule.ts';
import { updateScheduleRoute } from './maintenance/update-schedule.ts';
import { deleteScheduleRoute } from './maintenance/delete-schedule.ts';
import { getMaintenanceGridRoute } from './maintenance/get-maintenance-grid.ts';

export const API_ROUTES: ApiRoute[] = [
  createSessionRoute,
  deleteSessionRoute,
  getMeRoute,
  requestPasswordResetRoute,
  resetPasswordRoute,
  listCustomersRoute,
  getCustomerRoute,
  createCustomerRoute,
  updateCustomerRoute,
  deleteCustomerRoute,
  listCustomerMessagesRoute,
  listVehiclesRoute,
  getVehicleRoute,
  createVehicleRoute,
  updateVehicleRoute,
  deleteVehicleRoute,
  decodeVinRoute,
  listRepairOrdersRoute,
  getRepairOrderRoute,
  createRepairOrderRoute,
  updateRepairOrderRoute,
  deleteRepairOrderRoute,
  listAppointmentsRoute,
  getAppointmentRoute,
  createAppointmentRoute,
  updateAppointmentRoute,
  setAppointmentStatusRoute,
  getAvailabilityRoute,
  listMechanicsRoute,
  createMechanicRoute,
  updateMechanicRoute,
  setMechanicHoursRoute,
  deleteMechanicRoute,
  listCourtesyVehiclesRoute,
  createCourtesyVehicleRoute,
  updateCourtesyVehicleRoute,
  deleteCourtesyVehicleRoute,
  listLocationsRoute,
  getLocationRoute,
  createLocationRoute,
  getSettingsRoute,
  ...settingsTabRoutes,
  ...partnerSettingsRoutes,
  listRulesRoute,
  updateRuleRoute,
  listSchedulesRoute,
  getScheduleRoute,
  createScheduleRoute,
  updateScheduleRoute,
  deleteScheduleRoute,
  getMaintenanceGridRoute,
  listTemplatesRoute,
  saveTemplateRoute,
  revertTemplateRoute,
  previewTemplateRoute,
  listMessagesRoute,
  getMessageRoute,
  statsRoute,
  sendQueueRoute,
  listTasksRoute,
  completeTaskRoute,
  listUsersRoute,
  createUserRoute,
  updateUserRoute,
  listTokensRoute,
  createTokenRoute,
  revokeTokenRoute,
  listAuditLogRoute,
  listAllLocationsRoute,
  setLocationOptionsRoute,
  usageRoute,
];

export const apiRoutes: RouteModule[] = [mountApi(API_ROUTES)];
