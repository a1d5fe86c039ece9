// Fixed wording read by staff outside the JSON API: the password reset email and page, the local
// mailbox and its sign-in form. API error messages are in api-errors.ts.
import type { Language } from '../domain/language.ts';

const STRINGS = {
  en: {
    reset_email_subject: 'Reset your Relance password',
    reset_email_text:
      'Hello {name},\n\nTo choose a new password, open this link within one hour:\n{link}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n',
    reset_title: 'Choose a new password',
    reset_password: 'New password (at least 10 characters)',
    reset_confirm: 'The same password again',
    reset_button: 'Save my new password',
    reset_done:
      'Your password has been changed and your other sessions were closed. Sign in with your new password.',
    reset_invalid: 'This reset link is invalid, already used or expired. Ask for a new one.',
    reset_too_short: 'The password must have at least 10 characters.',
    reset_too_long: 'The password must have at most 200 characters.',
    reset_mismatch: 'The two passwords are not the same.',
    form_expired: 'This form has expired or was not sent from this page. Open it again and retry.',
    mailbox_title: 'Mailbox (mail caught locally)',
    mailbox_intro: 'No SMTP_URL is set, so mail is kept here instead of being sent.',
    mailbox_scope_org: 'You see the mail of your organization.',
    mailbox_scope_all: 'You see the mail of every organization (operator).',
    mailbox_caught: 'caught',
    mailbox_to: 'to',
    mailbox_subject: 'subject',
    mailbox_back: '← Mailbox',
    mailbox_no_subject: '(no subject)',
    mailbox_text: 'Text',
    mailbox_headers: 'Headers',
    mailbox_forbidden: 'Your role does not allow reading messages.',
    mailbox_not_found: 'No such message in your mailbox.',
    signin_title: 'Sign in',
    signin_intro: 'Sign in with a staff or operator account to see the mail caught locally.',
    signin_email: 'Email',
    signin_password: 'Password',
    signin_button: 'Sign in',
    signin_failed: 'Wrong email or password.',
    signin_too_many: 'Too many attempts; try again in {seconds} seconds.',
    home_title: 'Relance is running',
    home_intro:
      'Relance decides and sends the follow-ups of a repair shop. Staff work in its console; shop systems use its API.',
    home_api: 'API reference (OpenAPI), with every route and its fields',
    home_mailbox: 'Mailbox: the mail caught locally, since no SMTP_URL is set (sign in with the demo login)',
    texts_title: 'Texts caught locally',
    texts_intro:
      'Texts of a location with no text provider switched on are kept here instead of being sent (never in production).',
    texts_scope_org: 'You see the texts of the locations where your role may read messages.',
    texts_scope_all: 'You see the texts of every organization (operator).',
    texts_location: 'location',
    texts_caught: 'caught',
    texts_to: 'to',
    texts_body: 'text',
    texts_segments: 'segments',
    texts_none: 'No text caught yet.',
    texts_signin_intro: 'Sign in with a staff or operator account to see the texts caught locally.',
    home_texts: 'Texts caught locally, for locations with no text provider (sign in with the demo login)',
    home_health: 'Health check',
    home_sign_in: 'Sign in to the staff console',
  },
  fr: {
    reset_email_subject: 'Réinitialisez votre mot de passe Relance',
    reset_email_text:
      'Bonjour {name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien d’ici une heure :\n{link}\n\nSi vous n’avez rien demandé, ignorez ce courriel : votre mot de passe reste le même.\n',
    reset_title: 'Choisir un nouveau mot de passe',
    reset_password: 'Nouveau mot de passe (au moins 10 caractères)',
    reset_confirm: 'Le même mot de passe, encore une fois',
    reset_button: 'Enregistrer mon nouveau mot de passe',
    reset_done:
      'Votre mot de passe a été changé et vos autres sessions ont été fermées. Connectez-vous avec votre nouveau mot de passe.',
    reset_invalid:
      'Ce lien de réinitialisation n’est pas valide, a déjà servi ou a expiré. Demandez-en un nouveau.',
    reset_too_short: 'Le mot de passe doit contenir au moins 10 caractères.',
    reset_too_long: 'Le mot de passe doit contenir au plus 200 caractères.',
    reset_mismatch: 'Les deux mots de passe ne sont pas identiques.',
    form_expired: 'Ce formulaire a expiré ou n’a pas été envoyé depuis cette page. Rouvrez-le et réessayez.',
    mailbox_title: 'Boîte aux lettres (courriels retenus localement)',
    mailbox_intro: 'SMTP_URL n’est pas défini : les courriels sont gardés ici au lieu d’être envoyés.',
    mailbox_scope_org: 'Vous voyez les courriels de votre organisation.',
    mailbox_scope_all: 'Vous voyez les courriels de toutes les organisations (exploitant).',
    mailbox_caught: 'retenu le',
    mailbox_to: 'à',
    mailbox_subject: 'objet',
    mailbox_back: '← Boîte aux lettres',
    mailbox_no_subject: '(sans objet)',
    mailbox_text: 'Texte',
    mailbox_headers: 'En-têtes',
    mailbox_forbidden: 'Votre rôle ne permet pas de lire les messages.',
    mailbox_not_found: 'Ce message n’est pas dans votre boîte aux lettres.',
    signin_title: 'Connexion',
    signin_intro:
      'Connectez-vous avec un compte employé ou exploitant pour voir les courriels retenus localement.',
    signin_email: 'Courriel',
    signin_password: 'Mot de passe',
    signin_button: 'Me connecter',
    signin_failed: 'Courriel ou mot de passe incorrect.',
    signin_too_many: 'Trop de tentatives; réessayez dans {seconds} secondes.',
    home_title: 'Relance fonctionne',
    home_intro:
      'Relance décide et envoie les relances d’un garage. Le personnel travaille dans sa console ; les logiciels du garage passent par son API.',
    home_api: 'Référence de l’API (OpenAPI), avec chaque route et ses champs',
    home_mailbox:
      'Boîte aux lettres : les courriels retenus localement, faute de SMTP_URL (connectez-vous avec le compte de démonstration)',
    texts_title: 'Textos retenus localement',
    texts_intro:
      'Les textos d’une succursale sans fournisseur de textos activé sont gardés ici au lieu d’être envoyés (jamais en production).',
    texts_scope_org: 'Vous voyez les textos des succursales où votre rôle permet de lire les messages.',
    texts_scope_all: 'Vous voyez les textos de toutes les organisations (exploitant).',
    texts_location: 'succursale',
    texts_caught: 'retenu le',
    texts_to: 'à',
    texts_body: 'texto',
    texts_segments: 'segments',
    texts_none: 'Aucun texto retenu pour l’instant.',
    texts_signin_intro:
      'Connectez-vous avec un compte employé ou exploitant pour voir les textos retenus localement.',
    home_texts:
      'Textos retenus localement, pour les succursales sans fournisseur de textos (connectez-vous avec le compte de démonstration)',
    home_health: 'État du service',
    home_sign_in: 'Se connecter à la console',
  },
  es: {
    reset_email_subject: 'Restablezca su contraseña de Relance',
    reset_email_text:
      'Hola, {name}:\n\nPara elegir una contraseña nueva, abra este enlace en el plazo de una hora:\n{link}\n\nSi no lo solicitó, ignore este correo: su contraseña sigue igual.\n',
    reset_title: 'Elegir una contraseña nueva',
    reset_password: 'Contraseña nueva (al menos 10 caracteres)',
    reset_confirm: 'La misma contraseña otra vez',
    reset_button: 'Guardar mi contraseña nueva',
    reset_done:
      'Su contraseña se cambió y sus otras sesiones se cerraron. Inicie sesión con su contraseña nueva.',
    reset_invalid: 'Este enlace de restablecimiento no es válido, ya se usó o caducó. Solicite uno nuevo.',
    reset_too_short: 'La contraseña debe tener al menos 10 caracteres.',
    reset_too_long: 'La contraseña debe tener como máximo 200 caracteres.',
    reset_mismatch: 'Las dos contraseñas no son iguales.',
    form_expired:
      'Este formulario caducó o no se envió desde esta página. Ábralo de nuevo e inténtelo otra vez.',
    mailbox_title: 'Buzón (correo retenido localmente)',
    mailbox_intro: 'SMTP_URL no está definido: el correo se guarda aquí en lugar de enviarse.',
    mailbox_scope_org: 'Ve el correo de su organización.',
    mailbox_scope_all: 'Ve el correo de todas las organizaciones (operador).',
    mailbox_caught: 'retenido',
    mailbox_to: 'para',
    mailbox_subject: 'asunto',
    mailbox_back: '← Buzón',
    mailbox_no_subject: '(sin asunto)',
    mailbox_text: 'Texto',
    mailbox_headers: 'Encabezados',
    mailbox_forbidden: 'Su rol no permite leer los mensajes.',
    mailbox_not_found: 'Este mensaje no está en su buzón.',
    signin_title: 'Iniciar sesión',
    signin_intro:
      'Inicie sesión con una cuenta de empleado u operador para ver el correo retenido localmente.',
    signin_email: 'Correo electrónico',
    signin_password: 'Contraseña',
    signin_button: 'Iniciar sesión',
    signin_failed: 'Correo electrónico o contraseña incorrectos.',
    signin_too_many: 'Demasiados intentos; vuelva a intentarlo en {seconds} segundos.',
    home_title: 'Relance está en marcha',
    home_intro:
      'Relance decide y envía los seguimientos de un taller. El personal trabaja en su consola; los sistemas del taller usan su API.',
    home_api: 'Referencia de la API (OpenAPI), con cada ruta y sus campos',
    home_mailbox:
      'Buzón: el correo retenido localmente, ya que no hay SMTP_URL (inicie sesión con la cuenta de demostración)',
    texts_title: 'Mensajes de texto retenidos localmente',
    texts_intro:
      'Los mensajes de una sucursal sin proveedor de textos activado se guardan aquí en lugar de enviarse (nunca en producción).',
    texts_scope_org: 'Ve los mensajes de las sucursales donde su rol permite leer los mensajes.',
    texts_scope_all: 'Ve los mensajes de todas las organizaciones (operador).',
    texts_location: 'sucursal',
    texts_caught: 'retenido',
    texts_to: 'para',
    texts_body: 'mensaje',
    texts_segments: 'segmentos',
    texts_none: 'Aún no hay mensajes retenidos.',
    texts_signin_intro:
      'Inicie sesión con una cuenta de empleado u operador para ver los mensajes de texto retenidos localmente.',
    home_texts:
      'Mensajes de texto retenidos localmente, para sucursales sin proveedor de textos (inicie sesión con la cuenta de demostración)',
    home_health: 'Estado del servicio',
    home_sign_in: 'Iniciar sesión en la consola',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type StaffStringKey = keyof (typeof STRINGS)['en'];

/** A staff string with {name} placeholders filled (values are NOT escaped: escape for HTML yourself). */
export function staffText(
  language: Language,
  key: StaffStringKey,
  values: Record<string, string | number> = {},
): string {
  return STRINGS[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
