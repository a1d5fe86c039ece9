// Fixed wording around the templates (signature closing, legal footer, public pages, postcard
// front), in the three languages. Template bodies themselves live in delivery/templates/defaults.
import { pickLanguage } from './accept-language.ts';
import type { Language } from '../domain/language.ts';

const STRINGS = {
  en: {
    closing: 'Yours truly,',
    footer_reason: 'You receive this message because you are a customer of {business}.',
    footer_staff: 'Sent to you by Relance for {business}.',
    unsubscribe: 'Unsubscribe',
    unsubscribe_text: 'To stop receiving our messages, open',
    unsub_title: 'Unsubscribe',
    unsub_question: 'Stop all messages from {business} to {email}?',
    unsub_button: 'Yes, unsubscribe me',
    unsub_done: 'Done. {business} will not send you any more messages.',
    unsub_invalid: 'This link is not valid or has expired. Please contact the business directly.',
    link_invalid_title: 'Link not valid',
    survey_rating_required: 'Please choose a rating from 1 to 5.',
    survey_title: 'How did we do?',
    survey_question: 'How would you rate your last visit to {business}?',
    survey_comment: 'A comment (optional)',
    survey_button: 'Send my answer',
    survey_thanks: 'Thank you! Your answer was recorded.',
    postcard_call: 'Call us: {phone}',
    postcard_write: 'Email us: {email}',
    postcard_web: 'Your file online: {url}',
    postcard_visit: 'See you soon at {business}',
    ics_summary: 'Appointment at {business}',
    ics_summary_service: 'Appointment at {business}: {service}',
    rating: ['Poor', 'Fair', 'Good', 'Very good', 'Excellent'],
  },
  fr: {
    closing: 'Cordialement,',
    footer_reason: 'Vous recevez ce message parce que vous êtes client de {business}.',
    footer_staff: 'Envoyé par Relance pour {business}.',
    unsubscribe: 'Se désabonner',
    unsubscribe_text: 'Pour ne plus recevoir nos messages, ouvrez',
    unsub_title: 'Désabonnement',
    unsub_question: 'Ne plus recevoir aucun message de {business} à l’adresse {email} ?',
    unsub_button: 'Oui, me désabonner',
    unsub_done: 'C’est fait. {business} ne vous enverra plus de messages.',
    unsub_invalid:
      'Ce lien n’est pas valide ou a expiré. Veuillez communiquer directement avec l’entreprise.',
    link_invalid_title: 'Lien non valide',
    survey_rating_required: 'Veuillez choisir une note de 1 à 5.',
    survey_title: 'Votre avis compte',
    survey_question: 'Comment évaluez-vous votre dernière visite chez {business} ?',
    survey_comment: 'Un commentaire (facultatif)',
    survey_button: 'Envoyer ma réponse',
    survey_thanks: 'Merci ! Votre réponse a été enregistrée.',
    postcard_call: 'Appelez-nous : {phone}',
    postcard_write: 'Écrivez-nous : {email}',
    postcard_web: 'Votre dossier en ligne : {url}',
    postcard_visit: 'À bientôt chez {business}',
    ics_summary: 'Rendez-vous chez {business}',
    ics_summary_service: 'Rendez-vous chez {business} : {service}',
    rating: ['Mauvais', 'Passable', 'Bien', 'Très bien', 'Excellent'],
  },
  es: {
    closing: 'Atentamente,',
    footer_reason: 'Recibe este mensaje porque es cliente de {business}.',
    footer_staff: 'Enviado por Relance para {business}.',
    unsubscribe: 'Darse de baja',
    unsubscribe_text: 'Para dejar de recibir nuestros mensajes, abra',
    unsub_title: 'Darse de baja',
    unsub_question: '¿Dejar de recibir todos los mensajes de {business} en {email}?',
    unsub_button: 'Sí, darme de baja',
    unsub_done: 'Listo. {business} no le enviará más mensajes.',
    unsub_invalid: 'Este enlace no es válido o ha caducado. Comuníquese directamente con el negocio.',
    link_invalid_title: 'Enlace no válido',
    survey_rating_required: 'Elija una calificación del 1 al 5.',
    survey_title: '¿Qué tal lo hicimos?',
    survey_question: '¿Cómo califica su última visita a {business}?',
    survey_comment: 'Un comentario (opcional)',
    survey_button: 'Enviar mi respuesta',
    survey_thanks: '¡Gracias! Su respuesta quedó registrada.',
    postcard_call: 'Llámenos: {phone}',
    postcard_write: 'Escríbanos: {email}',
    postcard_web: 'Su expediente en línea: {url}',
    postcard_visit: 'Hasta pronto en {business}',
    ics_summary: 'Cita en {business}',
    ics_summary_service: 'Cita en {business}: {service}',
    rating: ['Malo', 'Regular', 'Bueno', 'Muy bueno', 'Excelente'],
  },
} as const satisfies Record<Language, Record<string, string | readonly string[]>>;

export type StringKey = {
  [K in keyof (typeof STRINGS)['en']]: (typeof STRINGS)['en'][K] extends string ? K : never;
}[keyof (typeof STRINGS)['en']];

/** A fixed string with {name} placeholders filled (values are NOT escaped: escape for HTML yourself). */
export function t(language: Language, key: StringKey, values: Record<string, string> = {}): string {
  return (STRINGS[language][key] as string).replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}

export function ratingLabels(language: Language): readonly string[] {
  return STRINGS[language].rating;
}

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'fr' || value === 'es';
}

/**
 * The reader's language from an Accept-Language header (pages reached without a customer, such
 * as an invalid link): the most preferred of en, fr, es by q-value, else English.
 */
export function languageFromAcceptLanguage(header: string | string[] | undefined): Language {
  return pickLanguage(Array.isArray(header) ? header.join(',') : header);
}
