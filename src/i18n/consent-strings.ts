// Wording of the unsubscribe choice (issue 14) in the three languages; the rest of the page is
// in delivery-strings.ts.
import type { Language } from '../db/schema.ts';

const STRINGS = {
  en: {
    choice: 'Or keep only the messages about your appointments and your vehicle’s service:',
    marketing_button: 'Stop offers and promotions only',
    marketing_done:
      'Done. {business} will not send you offers or promotions any more; you will still hear about your appointments and your vehicle’s service.',
  },
  fr: {
    choice: 'Ou ne garder que les messages sur vos rendez-vous et l’entretien de votre véhicule :',
    marketing_button: 'Ne plus recevoir les offres et promotions',
    marketing_done:
      'C’est fait. {business} ne vous enverra plus d’offres ni de promotions; vous recevrez encore les messages sur vos rendez-vous et l’entretien de votre véhicule.',
  },
  es: {
    choice: 'O conservar solo los mensajes sobre sus citas y el mantenimiento de su vehículo:',
    marketing_button: 'Dejar de recibir solo ofertas y promociones',
    marketing_done:
      'Listo. {business} ya no le enviará ofertas ni promociones; seguirá recibiendo los mensajes sobre sus citas y el mantenimiento de su vehículo.',
  },
} as const;

export function consentText(
  language: Language,
  key: keyof (typeof STRINGS)['en'],
  values: Record<string, string> = {},
): string {
  return STRINGS[language][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}
