// The automatic answers to keywords texted by a customer (STOP, START, HELP, C), in the three
// languages. Kept in GSM-7 (no ê, á…) so each fits one segment; the shop names itself in each.
import type { Language } from '../domain/language.ts';

const STRINGS = {
  en: {
    stopped: '{business}: you will receive no more texts from us. Reply START to resume.',
    resumed: '{business}: texts resumed. Reply STOP to opt out.',
    help: '{business}, {address}, {phone}. Service texts about your vehicle. Reply STOP to opt out.',
    confirmed: '{business}: thank you, your appointment on {when} is confirmed.',
    received: '{business}: thank you, we received your answer and will confirm your appointment shortly.',
  },
  fr: {
    stopped: '{business} : vous ne recevrez plus de textos. Repondez START pour les reprendre.',
    resumed: '{business} : textos repris. Repondez ARRET pour ne plus recevoir.',
    help: '{business}, {address}, {phone}. Textos sur l entretien de votre vehicule. ARRET pour ne plus recevoir.',
    confirmed: '{business} : merci, votre rendez-vous du {when} est confirme.',
    received: '{business} : merci, nous avons recu votre reponse et confirmerons votre rendez-vous sous peu.',
  },
  es: {
    stopped: '{business}: no recibira mas mensajes de texto. Responda START para reanudar.',
    resumed: '{business}: mensajes reanudados. Responda ALTO para no recibir mas.',
    help: '{business}, {address}, {phone}. Mensajes sobre el servicio de su vehiculo. Responda ALTO para no recibir mas.',
    confirmed: '{business}: gracias, su cita del {when} esta confirmada.',
    received: '{business}: gracias, recibimos su respuesta y confirmaremos su cita pronto.',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type SmsStringKey = keyof (typeof STRINGS)['en'];

export function smsText(language: Language, key: SmsStringKey, params: Record<string, string>): string {
  return STRINGS[language][key].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}
