// API error messages for staff in French and Spanish. The JSON `code` and `field` never change;
// only `message` is written in the reader's language. English keeps the detailed message the
// code raised. A code missing here falls back to that English message (so a new code is never
// lost, only untranslated: add it here).
import type { Language } from '../domain/language.ts';

export interface ErrorText {
  code: string;
  /** The English message as raised. */
  message: string;
  field?: string;
  params?: Record<string, string | number>;
}

type Params = { field?: string; detail?: string } & Record<string, string | number | undefined>;
type Table = Record<string, (p: Params) => string>;

const withField = (p: Params, sep: string, text: string) => (p.field ? `${p.field}${sep}${text}` : text);

const fr: Table = {
  invalid_input: (p) =>
    p.field
      ? `${p.field} : ${p.detail ?? 'valeur refusée'}`
      : p.detail
        ? `Requête refusée : ${p.detail}`
        : 'Requête refusée : une valeur n’est pas valide',
  unknown_field: (p) =>
    `Champ inconnu « ${p.field} » (${p.where === 'query' ? 'paramètres de l’URL' : p.where === 'path' ? 'chemin' : 'corps de la requête'})`,
  invalid_json: () => 'Le corps de la requête n’est pas du JSON valide (ou il est vide)',
  invalid_utf8: () => 'Le corps de la requête n’est pas en UTF-8 valide; envoyez du JSON encodé en UTF-8',
  body_too_large: (p) =>
    p.limit_mib
      ? `Le fichier dépasse ${String(p.limit_mib).replace('.', ',')} Mio, le maximum accepté par requête; découpez-le en fichiers plus petits`
      : 'Le corps de la requête dépasse 1 Mio',
  unsupported_media_type: (p) =>
    p.content_type
      ? `Envoyez le fichier lui-même comme corps de la requête, avec Content-Type: ${p.content_type}`
      : 'Type de contenu non pris en charge; envoyez application/json',
  invalid_file: (p) => `Fichier refusé, rien n’a été importé : ${p.detail ?? ''}`,
  partner_not_set_up: (p) =>
    `${p.partner ?? 'Ce partenaire'} n’est pas configuré pour cet établissement; configurez-le d’abord dans la configuration CRM`,
  bad_request: () => 'Requête invalide',
  unauthenticated: (p) =>
    p.reason === 'expired'
      ? 'Votre session a expiré; reconnectez-vous'
      : p.reason === 'token'
        ? 'Ce jeton d’API n’est pas valide, a été révoqué ou appartient à un compte désactivé'
        : p.reason === 'header'
          ? 'L’en-tête Authorization doit être « Bearer <jeton> »'
          : 'Connectez-vous d’abord (cookie de session) ou envoyez un jeton d’API (Authorization: Bearer …)',
  invalid_credentials: () => 'Courriel ou mot de passe incorrect',
  unauthorized: () => 'Secret du webhook absent ou incorrect',
  forbidden: (p) =>
    p.reason === 'token'
      ? 'Les jetons d’API ne peuvent pas faire cette opération; connectez-vous avec un compte'
      : p.reason === 'operator'
        ? 'Seul l’exploitant de cette installation peut faire cela'
        : p.reason === 'operator_data'
          ? 'Les comptes exploitant ne voient pas les données des garages; utilisez l’API exploitant'
          : p.permission
            ? `Votre rôle ne permet pas ${p.permission}`
            : withField(p, ' : ', 'vous n’avez pas le droit de faire cela'),
  csrf_failed: () => 'En-tête X-CSRF-Token absent ou incorrect (le csrf_token reçu à la connexion)',
  not_found: (p) => (p.field ? `${p.field} : introuvable` : 'Introuvable'),
  customer_opted_out: (p) =>
    withField(
      p,
      ' : ',
      'le client s’est désabonné lui-même; seul un nouveau consentement exprès, avec sa preuve, le réabonne',
    ),
  consent_evidence_required: (p) =>
    withField(p, ' : ', 'indiquez ce que le client a dit ou signé, et où (evidence.text)'),
  mechanic_required: (p) => withField(p, ' : ', 'assignez un mécanicien avant de confirmer le rendez-vous'),
  mechanic_lacks_skill: (p) => withField(p, ' : ', 'ce mécanicien n’a pas la compétence demandée'),
  conflict: (p) => withField(p, ' : ', 'conflit avec une autre réservation ou avec l’état actuel'),
  already_exists: (p) =>
    p.field ? `Un autre enregistrement a déjà ce ${p.field}` : 'Cet enregistrement existe déjà',
  in_use: () => 'Cet enregistrement est encore utilisé ailleurs; retirez d’abord ces liens',
  invalid_transition: (p) =>
    `status : ce changement d’état n’est pas permis${p.allowed ? ` (permis : ${p.allowed})` : ''}`,
  outside_working_hours: (p) => withField(p, ' : ', 'le mécanicien ne travaille pas à cette heure'),
  too_many_attempts: (p) => `Trop de tentatives; réessayez dans ${p.seconds ?? 'quelques'} secondes`,
  invalid_token: () =>
    'Ce lien de réinitialisation n’est pas valide, a déjà servi ou a expiré; demandez-en un nouveau',
  confirmation_required: (p) =>
    withField(p, ' : ', 'une confirmation explicite est nécessaire (valeur true)'),
  invalid_template: (p) => withField(p, ' : ', 'le modèle ne peut pas être produit'),
  template_too_complex: (p) =>
    withField(p, ' : ', 'le modèle est trop long à compiler; simplifiez son balisage'),
  nul_character: (p) => withField(p, ' : ', 'ne doit pas contenir de caractère NUL (\\0)'),
  unknown_merge_field: (p) => withField(p, ' : ', `champ de fusion inconnu${p.name ? ` {{${p.name}}}` : ''}`),
  internal_error: () => 'Une erreur s’est produite de notre côté; elle a été consignée.',
  plate_not_found: () =>
    'plate : CARFAX ne connaît aucun véhicule pour cette plaque dans cette province ou cet État',
  carfax_not_subscribed: () =>
    'Cette succursale n’est pas abonnée à la recherche de plaque CARFAX : acceptez les conditions CARFAX et entrez le point d’accès et le jeton dans les paramètres',
  carfax_credentials_refused: () =>
    'CARFAX a refusé les identifiants du compte : vérifiez le jeton CARFAX dans les paramètres',
  carfax_unavailable: () => 'La recherche de plaque CARFAX ne répond pas pour le moment; réessayez plus tard',
  texts_switched_off: () => 'Les textos sont désactivés pour cette succursale',
  no_mobile_phone: () => 'Le client n’a pas de numéro de cellulaire au dossier',
  text_opted_out: () =>
    'Ce numéro a répondu STOP (ou n’a pas pu être joint) : on ne peut plus lui texter avant qu’il réponde START',
  no_text_consent: () =>
    'Le client n’a pas consenti aux textos : enregistrez d’abord son consentement aux textos',
  mobile_phone_differs: (p) =>
    `Le cellulaire du client est le ${p.mobile} : changez-le d’abord dans son dossier pour lier le ${p.phone}`,
};

const es: Table = {
  invalid_input: (p) =>
    p.field
      ? `${p.field}: ${p.detail ?? 'valor no válido'}`
      : p.detail
        ? `Solicitud rechazada: ${p.detail}`
        : 'Solicitud rechazada: un valor no es válido',
  unknown_field: (p) =>
    `Campo desconocido «${p.field}» (${p.where === 'query' ? 'parámetros de la URL' : p.where === 'path' ? 'ruta' : 'cuerpo de la solicitud'})`,
  invalid_json: () => 'El cuerpo de la solicitud no es JSON válido (o está vacío)',
  invalid_utf8: () => 'El cuerpo de la solicitud no es UTF-8 válido; envíe JSON codificado en UTF-8',
  body_too_large: (p) =>
    p.limit_mib
      ? `El archivo supera ${String(p.limit_mib).replace('.', ',')} MiB, el máximo aceptado por solicitud; divídalo en archivos más pequeños`
      : 'El cuerpo de la solicitud supera 1 MiB',
  unsupported_media_type: (p) =>
    p.content_type
      ? `Envíe el archivo mismo como cuerpo de la solicitud, con Content-Type: ${p.content_type}`
      : 'Tipo de contenido no admitido; envíe application/json',
  invalid_file: (p) => `Archivo rechazado, no se importó nada: ${p.detail ?? ''}`,
  partner_not_set_up: (p) =>
    `${p.partner ?? 'Este socio'} no está configurado para esta sucursal; configúrelo primero en la configuración CRM`,
  bad_request: () => 'Solicitud no válida',
  unauthenticated: (p) =>
    p.reason === 'expired'
      ? 'Su sesión ha caducado; vuelva a iniciar sesión'
      : p.reason === 'token'
        ? 'Este token de API no es válido, fue revocado o pertenece a una cuenta desactivada'
        : p.reason === 'header'
          ? 'El encabezado Authorization debe ser «Bearer <token>»'
          : 'Inicie sesión primero (cookie de sesión) o envíe un token de API (Authorization: Bearer …)',
  invalid_credentials: () => 'Correo electrónico o contraseña incorrectos',
  unauthorized: () => 'Falta el secreto del webhook o es incorrecto',
  forbidden: (p) =>
    p.reason === 'token'
      ? 'Los tokens de API no pueden realizar esta operación; inicie sesión con una cuenta'
      : p.reason === 'operator'
        ? 'Solo el operador de esta instalación puede hacer esto'
        : p.reason === 'operator_data'
          ? 'Las cuentas de operador no ven los datos de los talleres; use la API de operador'
          : p.permission
            ? `Su rol no permite ${p.permission}`
            : withField(p, ': ', 'no tiene permiso para hacer esto'),
  csrf_failed: () =>
    'Falta el encabezado X-CSRF-Token o es incorrecto (el csrf_token recibido al iniciar sesión)',
  not_found: (p) => (p.field ? `${p.field}: no encontrado` : 'No encontrado'),
  customer_opted_out: (p) =>
    withField(
      p,
      ': ',
      'el cliente se dio de baja; solo un nuevo consentimiento expreso, con su prueba, lo vuelve a suscribir',
    ),
  consent_evidence_required: (p) =>
    withField(p, ': ', 'indique lo que el cliente dijo o firmó, y dónde (evidence.text)'),
  mechanic_required: (p) => withField(p, ': ', 'asigne un mecánico antes de confirmar la cita'),
  mechanic_lacks_skill: (p) => withField(p, ': ', 'este mecánico no tiene la competencia requerida'),
  conflict: (p) => withField(p, ': ', 'conflicto con otra reserva o con el estado actual'),
  already_exists: (p) => (p.field ? `Otro registro ya tiene este ${p.field}` : 'Este registro ya existe'),
  in_use: () => 'Este registro todavía se usa en otro lugar; quite primero esos vínculos',
  invalid_transition: (p) =>
    `status: este cambio de estado no está permitido${p.allowed ? ` (permitidos: ${p.allowed})` : ''}`,
  outside_working_hours: (p) => withField(p, ': ', 'el mecánico no trabaja a esa hora'),
  too_many_attempts: (p) => `Demasiados intentos; vuelva a intentarlo en ${p.seconds ?? 'unos'} segundos`,
  invalid_token: () => 'Este enlace de restablecimiento no es válido, ya se usó o caducó; solicite uno nuevo',
  confirmation_required: (p) => withField(p, ': ', 'se necesita una confirmación explícita (valor true)'),
  invalid_template: (p) => withField(p, ': ', 'la plantilla no se puede generar'),
  template_too_complex: (p) =>
    withField(p, ': ', 'la plantilla tarda demasiado en compilarse; simplifique su marcado'),
  nul_character: (p) => withField(p, ': ', 'no debe contener un carácter NUL (\\0)'),
  unknown_merge_field: (p) =>
    withField(p, ': ', `campo de combinación desconocido${p.name ? ` {{${p.name}}}` : ''}`),
  internal_error: () => 'Algo salió mal de nuestro lado; quedó registrado.',
  plate_not_found: () => 'plate: CARFAX no tiene ningún vehículo con esta placa en este estado o provincia',
  carfax_not_subscribed: () =>
    'Esta sucursal no está suscrita a la búsqueda de placas de CARFAX: acepte los términos de CARFAX e introduzca el punto de acceso y el token en la configuración',
  carfax_credentials_refused: () =>
    'CARFAX rechazó las credenciales de la cuenta: revise el token de CARFAX en la configuración',
  carfax_unavailable: () => 'La búsqueda de placas de CARFAX no responde por ahora; inténtelo más tarde',
  texts_switched_off: () => 'Los mensajes de texto están desactivados para esta sucursal',
  no_mobile_phone: () => 'El cliente no tiene número de celular registrado',
  text_opted_out: () =>
    'Este número respondió STOP (o no se pudo contactar): no se le puede enviar mensajes hasta que responda START',
  no_text_consent: () =>
    'El cliente no ha aceptado mensajes de texto: registre primero su consentimiento para textos',
  mobile_phone_differs: (p) =>
    `El celular del cliente es el ${p.mobile}: cámbielo primero en su ficha para vincular el ${p.phone}`,
};

/** Our own wording inside request schemas (zod's own messages are translated by its locales). */
const DETAILS: Record<string, { fr: string; es: string }> = {
  'must be a date YYYY-MM-DD': { fr: 'doit être une date AAAA-MM-JJ', es: 'debe ser una fecha AAAA-MM-DD' },
  'is not a real date': { fr: 'n’est pas une date réelle', es: 'no es una fecha real' },
  'must be a month YYYY-MM': { fr: 'doit être un mois AAAA-MM', es: 'debe ser un mes AAAA-MM' },
  'must be at least 10 characters': {
    fr: 'doit contenir au moins 10 caractères',
    es: 'debe tener al menos 10 caracteres',
  },
  'must be after starts_at': { fr: 'doit être après starts_at', es: 'debe ser posterior a starts_at' },
  'must not be before opened_on': {
    fr: 'ne doit pas précéder opened_on',
    es: 'no debe ser anterior a opened_on',
  },
  'must be an https:// address': {
    fr: 'doit être une adresse https://',
    es: 'debe ser una dirección https://',
  },
  'must be an http(s):// URL or a mailto: address': {
    fr: 'doit être une adresse http(s):// ou mailto:',
    es: 'debe ser una dirección http(s):// o mailto:',
  },
  'is not a message kind': { fr: 'n’est pas un type de message', es: 'no es un tipo de mensaje' },
  'must be 2001-01 or later': { fr: 'doit être 2001-01 ou après', es: 'debe ser 2001-01 o posterior' },
  'must not be before from': { fr: 'ne doit pas précéder from', es: 'no debe ser anterior a from' },
  'must be at most 36 months after from': {
    fr: 'doit être au plus 36 mois après from',
    es: 'debe ser como máximo 36 meses después de from',
  },
};

const TABLES: Record<Exclude<Language, 'en'>, Table> = { fr, es };

/** The message of an error in the reader's language. */
export function translateError(language: Language, e: ErrorText): string {
  if (language === 'en') return e.message;
  const entry = TABLES[language][e.code];
  if (!entry) return e.message;
  const params: Params = { ...e.params, field: e.field };
  if (typeof params.detail === 'string') params.detail = DETAILS[params.detail]?.[language] ?? params.detail;
  return entry(params);
}

/** True when a code has wording in every language (checked by the tests for the codes we raise). */
export function isTranslated(code: string): boolean {
  return code in fr && code in es;
}
