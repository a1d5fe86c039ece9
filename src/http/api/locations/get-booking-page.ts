// GET /api/v1/locations/:locationId/booking-page: the location's public booking page (for
// visitors not in the file) and, per language, the HTML to paste into the shop's own website to
// embed it (src/portal/booking-snippet.ts). Shown in the console's "Online booking" screen.
import { z } from 'zod';
import { LANGUAGES } from '../../../domain/language.ts';
import { bookingSnippet, bookingUrl } from '../../../portal/booking-snippet.ts';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';

const perLanguage = z.object({ url: z.string(), snippet: z.string() });

export const getBookingPageRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/booking-page',
  summary: "The location's public booking page and its embed snippet per language",
  tag: 'Locations',
  auth: 'locations.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  response: z.object({
    url: z.string(),
    language: z.enum(LANGUAGES),
    languages: z.object({ en: perLanguage, fr: perLanguage, es: perLanguage }),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params, ctx }) {
    const location = await s.getLocation(params.locationId);
    const publicUrl = ctx.config.publicUrl;
    const of = (l: (typeof LANGUAGES)[number]) => ({
      url: bookingUrl(publicUrl, location, l),
      snippet: bookingSnippet(publicUrl, location, l),
    });
    return {
      url: bookingUrl(publicUrl, location),
      language: location.language,
      languages: { en: of('en'), fr: of('fr'), es: of('es') },
    };
  },
});
