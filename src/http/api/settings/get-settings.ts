// GET /api/v1/locations/:locationId/settings: All CRM set-up tabs of a location (partner passwords never returned).
import { defineRoute } from '../define.ts';
import { settingsOut } from './schema.ts';
import { loadSettings } from './load-settings.ts';
import { params } from './shared.ts';

export const getSettingsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/settings',
  summary: 'All CRM set-up tabs of a location (partner passwords never returned)',
  tag: 'Settings',
  auth: 'settings.read',
  isolation: 'tenant',
  params,
  response: settingsOut,
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params }) {
    return loadSettings(s, await s.getLocation(params.locationId));
  },
});
