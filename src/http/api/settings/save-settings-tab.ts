// PUT /api/v1/locations/:locationId/settings/{general,email,postcards}: save one CRM set-up tab.
// Paid options (email_enabled, postcards_enabled) are shown but only the operator changes them.
import { saveSettingsTab } from '../../../commands/settings/save-settings-tab.ts';
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../define.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { LOCATION_TABS, settingsOut, type LocationTab } from './schema.ts';
import { loadSettings } from './load-settings.ts';
import { params } from './shared.ts';

const EXAMPLES: Record<LocationTab, unknown> = {
  general: {
    name: 'Garage Demo',
    business_name: 'Garage Demo',
    business_owner: 'Jean Tremblay',
    business_phone: '514-555-0142',
    business_email: 'service@garage.test',
    feedback_link: 'https://garage.test/avis',
    review_link: 'https://g.page/r/garage-demo/review',
    phone: '514-555-0142',
    email: 'service@garage.test',
    language: 'fr',
    time_zone: 'America/Toronto',
  },
  email: {
    cap_count: 2,
    cap_days: 7,
    run_hour: 6,
    staleness_days: 7,
    route_e06: 'crm_agent',
    route_p00: 'crm_agent',
    route_p01: 'crm_agent',
    route_sales: 'sales_rep',
  },
  postcards: {
    address_line1: '1200 rue Saint-Denis',
    address_line2: null,
    city: 'Montréal',
    region: 'QC',
    postal_code: 'H2X 3J6',
    country: 'CA',
  },
};

function tabRoute<T extends LocationTab>(tab: T): ApiRoute {
  return defineRoute({
    method: 'PUT',
    path: `/locations/:locationId/settings/${tab}`,
    summary: `Save the ${tab[0]!.toUpperCase()}${tab.slice(1)} tab`,
    tag: 'Settings',
    auth: 'settings.write',
    isolation: 'tenant',
    params,
    body: LOCATION_TABS[tab] as z.ZodType<Record<string, unknown>>,
    response: settingsOut,
    example: (ids) => ({ params: { locationId: ids.locationId }, body: EXAMPLES[tab] }),
    async handler({ db, scope, params, body, now }) {
      return db.transaction().execute(async (trx) => {
        const after = await saveSettingsTab(
          trx,
          scope,
          { locationId: params.locationId, tab, fields: body },
          now,
        );
        return loadSettings(scoped(trx, scope), after);
      });
    },
  });
}

export const settingsTabRoutes: ApiRoute[] = (Object.keys(LOCATION_TABS) as LocationTab[]).map(tabRoute);
