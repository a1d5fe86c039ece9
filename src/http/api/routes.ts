// Every staff API operation, in one list. One resource per folder, one route per file.
// mountApi registers them under /api/v1 behind the one auth hook; the OpenAPI document, the
// docs page and the cross-tenant test all read this list.
import type { RouteModule } from '../route-module.ts';
import type { ApiRoute } from './define.ts';
import { mountApi } from './mount.ts';
import { createSessionRoute } from './session/create-session.ts';
import { deleteSessionRoute } from './session/delete-session.ts';
import { getMeRoute } from './session/get-me.ts';
import { updateMeRoute } from './session/update-me.ts';
import { requestPasswordResetRoute } from './session/request-password-reset.ts';
import { resetPasswordRoute } from './session/reset-password.ts';
import { listCustomersRoute } from './customers/list-customers.ts';
import { getCustomerRoute } from './customers/get-customer.ts';
import { createCustomerRoute } from './customers/create-customer.ts';
import { updateCustomerRoute } from './customers/update-customer.ts';
import { deleteCustomerRoute } from './customers/delete-customer.ts';
import { listCustomerMessagesRoute } from './customers/list-customer-messages.ts';
import { clearTextUndeliverableRoute } from './customers/clear-text-undeliverable.ts';
import { getCustomerMessageRoute } from './customers/get-customer-message.ts';
import { getCustomerMessagePostcardRoute } from './customers/get-customer-message-postcard.ts';
import { getCustomerConsentsRoute } from './consent/get-customer-consents.ts';
import { recordCustomerConsentRoute } from './consent/record-customer-consent.ts';
import { exportCustomerDataRoute } from './consent/export-customer-data.ts';
import { eraseCustomerRoute } from './consent/erase-customer.ts';
import { listVehiclesRoute } from './vehicles/list-vehicles.ts';
import { getVehicleRoute } from './vehicles/get-vehicle.ts';
import { createVehicleRoute } from './vehicles/create-vehicle.ts';
import { updateVehicleRoute } from './vehicles/update-vehicle.ts';
import { deleteVehicleRoute } from './vehicles/delete-vehicle.ts';
import { decodeVinRoute } from './vehicles/decode-vin.ts';
import { lookupPlateRoute } from './vehicles/lookup-plate.ts';
import { createRepairOrderRoute } from './repair-orders/create-repair-order.ts';
import { deleteRepairOrderRoute } from './repair-orders/delete-repair-order.ts';
import { getRepairOrderRoute } from './repair-orders/get-repair-order.ts';
import { listRepairOrdersRoute } from './repair-orders/list-repair-orders.ts';
import { updateRepairOrderRoute } from './repair-orders/update-repair-order.ts';
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
import { createCourtesyVehicleRoute } from './courtesy-vehicles/create-courtesy-vehicle.ts';
import { deleteCourtesyVehicleRoute } from './courtesy-vehicles/delete-courtesy-vehicle.ts';
import { listCourtesyVehiclesRoute } from './courtesy-vehicles/list-courtesy-vehicles.ts';
import { updateCourtesyVehicleRoute } from './courtesy-vehicles/update-courtesy-vehicle.ts';
import { createLocationRoute } from './locations/create-location.ts';
import { getBookingPageRoute } from './locations/get-booking-page.ts';
import { getLocationRoute } from './locations/get-location.ts';
import { listLocationsRoute } from './locations/list-locations.ts';
import { getSettingsRoute } from './settings/get-settings.ts';
import { settingsTabRoutes } from './settings/save-settings-tab.ts';
import { partnerSettingsRoutes } from './settings/save-partner-settings.ts';
import { saveSmsSettingsRoute } from './settings/save-sms-settings.ts';
import { previewTextTemplateRoute } from './templates/preview-text-template.ts';
import { listRulesRoute } from './rules/list-rules.ts';
import { updateRuleRoute } from './rules/update-rule.ts';
import { listTemplatesRoute } from './templates/list-templates.ts';
import { previewTemplateRoute } from './templates/preview-template.ts';
import { previewPostcardRoute } from './templates/preview-postcard.ts';
import { revertTemplateRoute } from './templates/revert-template.ts';
import { saveTemplateRoute } from './templates/save-template.ts';
import { getMessageRoute } from './outbox/get-message.ts';
import { listMessagesRoute } from './outbox/list-messages.ts';
import { sendQueueRoute } from './outbox/send-queue.ts';
import { statsRoute } from './outbox/get-stats.ts';
import { completeTaskRoute } from './tasks/complete-task.ts';
import { listTasksRoute } from './tasks/list-tasks.ts';
import { listConversationsRoute } from './texts/list-conversations.ts';
import { getConversationRoute } from './texts/get-conversation.ts';
import { markConversationReadRoute } from './texts/mark-conversation-read.ts';
import { sendStaffTextRoute } from './texts/send-staff-text.ts';
import { getNumberConversationRoute } from './texts/get-number-conversation.ts';
import { markNumberReadRoute } from './texts/mark-number-read.ts';
import { answerUnknownNumberRoute } from './texts/answer-unknown-number.ts';
import { linkTextNumberRoute } from './texts/link-text-number.ts';
import { createUserRoute } from './users/create-user.ts';
import { listUsersRoute } from './users/list-users.ts';
import { updateUserRoute } from './users/update-user.ts';
import { createTokenRoute } from './tokens/create-token.ts';
import { listTokensRoute } from './tokens/list-tokens.ts';
import { revokeTokenRoute } from './tokens/revoke-token.ts';
import { listAuditLogRoute } from './audit/list-audit-log.ts';
import { listAllLocationsRoute } from './operator/list-all-locations.ts';
import { setLocationOptionsRoute } from './operator/set-location-options.ts';
import { usageRoute } from './operator/get-usage.ts';
import { listMergeFieldsRoute } from './templates/list-merge-fields.ts';
import { listShippedTemplatesRoute } from './templates/list-shipped-templates.ts';
import { listSchedulesRoute } from './maintenance/list-schedules.ts';
import { getScheduleRoute } from './maintenance/get-schedule.ts';
import { createScheduleRoute } from './maintenance/create-schedule.ts';
import { updateScheduleRoute } from './maintenance/update-schedule.ts';
import { deleteScheduleRoute } from './maintenance/delete-schedule.ts';
import { getMaintenanceGridRoute } from './maintenance/get-maintenance-grid.ts';
import { getRetentionRoute } from './results/get-retention.ts';
import { getLoyaltyRoute } from './results/get-loyalty.ts';
import { getCohortsRoute } from './results/get-cohorts.ts';
import { getAttributionRoute } from './results/get-attribution.ts';
import { getLiftRoute } from './results/get-lift.ts';
import { getCampaignResultsRoute } from './results/get-campaign-results.ts';
import { listControlGroupsRoute } from './results/list-control-groups.ts';
import { setControlGroupRoute } from './results/set-control-group.ts';
import { listPromotionsRoute } from './promotions/list-promotions.ts';
import { createPromotionRoute } from './promotions/create-promotion.ts';
import { updatePromotionRoute } from './promotions/update-promotion.ts';
import { endPromotionRoute } from './promotions/end-promotion.ts';
import { listCampaignsRoute } from './campaigns/list-campaigns.ts';
import { createCampaignRoute } from './campaigns/create-campaign.ts';
import { updateCampaignRoute } from './campaigns/update-campaign.ts';
import { previewCampaignRoute } from './campaigns/preview-campaign.ts';
import { sendCampaignRoute } from './campaigns/send-campaign.ts';
import { cancelCampaignRoute } from './campaigns/cancel-campaign.ts';
import { getFollowUpListRoute } from './results/get-follow-up-list.ts';
import { getOptOutsRoute } from './results/get-opt-outs.ts';
import { importCustomersRoute } from './imports/import-customers.ts';
import { importVehiclesRoute } from './imports/import-vehicles.ts';
import { importRepairOrdersRoute } from './imports/import-repair-orders.ts';
import { importAppointmentsRoute } from './imports/import-appointments.ts';
import { listExportRunsRoute } from './exports/list-export-runs.ts';
import { downloadExportFileRoute } from './exports/download-export-file.ts';

export const API_ROUTES: ApiRoute[] = [
  createSessionRoute,
  deleteSessionRoute,
  getMeRoute,
  updateMeRoute,
  requestPasswordResetRoute,
  resetPasswordRoute,
  listCustomersRoute,
  getCustomerRoute,
  createCustomerRoute,
  updateCustomerRoute,
  deleteCustomerRoute,
  listCustomerMessagesRoute,
  clearTextUndeliverableRoute,
  getCustomerMessageRoute,
  getCustomerMessagePostcardRoute,
  getCustomerConsentsRoute,
  recordCustomerConsentRoute,
  exportCustomerDataRoute,
  eraseCustomerRoute,
  listVehiclesRoute,
  getVehicleRoute,
  createVehicleRoute,
  updateVehicleRoute,
  deleteVehicleRoute,
  decodeVinRoute,
  lookupPlateRoute,
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
  getBookingPageRoute,
  createLocationRoute,
  getSettingsRoute,
  ...settingsTabRoutes,
  saveSmsSettingsRoute,
  previewTextTemplateRoute,
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
  previewPostcardRoute,
  listMergeFieldsRoute,
  listShippedTemplatesRoute,
  listMessagesRoute,
  getMessageRoute,
  statsRoute,
  sendQueueRoute,
  listTasksRoute,
  listConversationsRoute,
  getConversationRoute,
  markConversationReadRoute,
  sendStaffTextRoute,
  getNumberConversationRoute,
  markNumberReadRoute,
  answerUnknownNumberRoute,
  linkTextNumberRoute,
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
  getRetentionRoute,
  getLoyaltyRoute,
  getCohortsRoute,
  getAttributionRoute,
  getLiftRoute,
  getCampaignResultsRoute,
  listControlGroupsRoute,
  setControlGroupRoute,
  listPromotionsRoute,
  createPromotionRoute,
  updatePromotionRoute,
  endPromotionRoute,
  listCampaignsRoute,
  createCampaignRoute,
  updateCampaignRoute,
  previewCampaignRoute,
  sendCampaignRoute,
  cancelCampaignRoute,
  getFollowUpListRoute,
  getOptOutsRoute,
  importCustomersRoute,
  importVehiclesRoute,
  importRepairOrdersRoute,
  importAppointmentsRoute,
  listExportRunsRoute,
  downloadExportFileRoute,
];

export const apiRoutes: RouteModule[] = [mountApi(API_ROUTES)];
