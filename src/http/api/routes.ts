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
];

export const apiRoutes: RouteModule[] = [mountApi(API_ROUTES)];
