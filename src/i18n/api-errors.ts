// API error messages for staff in French and Spanish. The JSON `code` and `field` never change;
// only `message` is written in the reader's language. English keeps the detailed message the
// code raised. A code missing here falls back to that English message (so a new code is never
// lost, only untranslated: add it here).
import type { Language } from '../db/schema.ts';

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
  invalid_input: (p) => (p.field ? `${p.field} : ${p.detail ?? 'valeur refusée'}` : p.detail ? `Requête refusée : ${p.detail}` : 'Requête refusée : une valeur n’est pas valide'),
  unknown_field: (p) => `Champ inconnu « ${p.field} » (${p.where === 'query' ? 'paramètres de l’URL' : p.where === 'path' ? 'chemin' : 'corps de la requête'})`,
  invalid_json: () => 'Le corps de la requête n’est pas du JSON valide (ou il est vide)',
  invalid_utf8: () => 'Le corps de la requête n’est pas en UTF-8 valide; envoyez du JSON encodé en UTF-8',
  body_too_large: () => 'Le corps de la requête dépasse 1 Mio',
  unsupported_media_type: () => 'Type de contenu non pris en charge; envoyez application/json',
  bad_request: () => 'Requête invalide',
  unauthenticated: (p) =>
    p.reason === 'expired' ? 'Votre session a expiré; reconnectez-vous'
      : p.reason === 'token' ? 'Ce jeton d’API n’est pas valide, a été révoqué ou appartient à un compte désactivé'
        : p.reason === 'header' ? 'L’en-tête Authorization doit être « Bearer <jeton> »'
          : 'Connectez-vous d’abord (cookie de session) ou envoyez un jeton d’API (Authorization: Bearer …)',
  invalid_credentials: () => 'Courriel ou mot de passe incorrect',
  unauthorized: () => 'Secret du webhook absent ou incorrect',
  forbidden: (p) =>
    p.reason === 'token' ? 'Les jetons d’API ne peuvent pas faire cette opération; connectez-vous avec un compte'
      : p.reason === 'operator' ? 'Seul l’exploitant de cette installation peut faire cela'
        : p.reason === 'operator_data' ? 'Les comptes exploitant ne voient pas les données des garages; utilisez l’API exploitant'
          : p.permission ? `Votre rôle ne permet pas ${p.permission}` : withField(p, ' : ', 'vous n’avez pas le droit de faire cela'),
  csrf_failed: () => 'En-tête X-CSRF-Token absent ou incorrect (le csrf_token reçu à la connexion)',
  not_found: (p) => (p.field ? `${p.field} : introuvable` : 'Introuvable'),
  conflict: (p) => withField(p, ' : ', 'conflit avec une autre réservation ou avec l’état actuel'),
  already_exists: (p) => (p.field ? `Un autre enregistrement a déjà ce ${p.field}` : 'Cet enregistrement existe déjà'),
  in_use: () => 'Cet enregistrement est encore utilisé ailleurs; retirez d’abord ces liens',
  invalid_transition: (p) => `status : ce changement d’état n’est pas permis${p.allowed ? ` (permis : ${p.allowed})` : ''}`,
  outside_working_hours: (p) => withField(p, ' : ', 'le mécanicien ne travaille pas à cette heure'),
  too_many_attempts: (p) => `Trop de tentatives; réessayez dans ${p.seconds ?? 'quelques'} secondes`,
  invalid_token: () => 'Ce lien de réinitialisation n’est pas valide, a déjà servi ou a expiré; demandez-en un nouveau',
  confirmation_required: (p) => withField(p, ' : ', 'une confirmation explicite est nécessaire (valeur true)'),
  invalid_template: (p) => withField(p, ' : ', 'le modèle ne peut pas être produit'),
  unknown_merge_field: (p) => withField(p, ' : ', `champ de fusion inconnu${p.name ? ` {{${p.name}}}` : ''}`),
  internal_error: () => 'Une erreur s’est produite de notre côté; elle a été consignée.',
};

const es: Table = {
  invalid_input: (p) => (p.field ? `${p.field}: ${p.detail ?? 'valor no válido'}` : p.detail ? `Solicitud rechazada: ${p.detail}` : 'Solicitud rechazada: un valor no es válido'),
  unknown_field: (p) => `Campo desconocido «${p.field}» (${p.where === 'query' ? 'parámetros de la URL' : p.where === 'path' ? 'ruta' : 'cuerpo de la solicitud'})`,
  invalid_json: () => 'El cuerpo de la solicitud no es JSON válido (o está vacío)',
  invalid_utf8: () => 'El cuerpo de la solicitud no es UTF-8 válido; envíe JSON codificado en UTF-8',
  body_too_large: () => 'El cuerpo de la solicitud supera 1 MiB',
  unsupported_media_type: () => 'Tipo de contenido no admitido; envíe application/json',
  bad_request: () => 'Solicitud no válida',
  unauthenticated: (p) =>
    p.reason === 'expired' ? 'Su sesión ha caducado; vuelva a iniciar sesión'
      : p.reason === 'token' ? 'Este token de API no es válido, fue revocado o pertenece a una cuenta desactivada'
        : p.reason === 'header' ? 'El encabezado Authorization debe ser «Bearer <token>»'
          : 'Inicie sesión primero (cookie de sesión) o envíe un token de API (Authorization: Bearer …)',
  invalid_credentials: () => 'Correo electrónico o contraseña incorrectos',
  unauthorized: () => 'Falta el secreto del webhook o es incorrecto',
  forbidden: (p) =>
    p.reason === 'token' ? 'Los tokens de API no pueden realizar esta operación; inicie sesión con una cuenta'
      : p.reason === 'operator' ? 'Solo el operador de esta instalación puede hacer esto'
        : p.reason === 'operator_data' ? 'Las cuentas de operador no ven los datos de los talleres; use la API de operador'
          : p.permission ? `Su rol no permite ${p.permission}` : withField(p, ': ', 'no tiene permiso para hacer esto'),
  csrf_failed: () => 'Falta el encabezado X-CSRF-Token o es incorrecto (el csrf_token recibido al iniciar sesión)',
  not_found: (p) => (p.field ? `${p.field}: no encontrado` : 'No encontrado'),
  conflict: (p) => withField(p, ': ', 'conflicto con otra reserva o con el estado actual'),
  already_exists: (p) => (p.field ? `Otro registro ya tiene este ${p.field}` : 'Este registro ya existe'),
  in_use: () => 'Este registro todavía se usa en otro lugar; quite primero esos vínculos',
  invalid_transition: (p) => `status: este cambio de estado no está permitido${p.allowed ? ` (permitidos: ${p.allowed})` : ''}`,
  outside_working_hours: (p) => withField(p, ': ', 'el mecánico no trabaja a esa hora'),
  too_many_attempts: (p) => `Demasiados intentos; vuelva a intentarlo en ${p.seconds ?? 'unos'} segundos`,
  invalid_token: () => 'Este enlace de restablecimiento no es válido, ya se usó o caducó; solicite uno nuevo',
  confirmation_required: (p) => withField(p, ': ', 'se necesita una confirmación explícita (valor true)'),
  invalid_template: (p) => withField(p, ': ', 'la plantilla no se puede generar'),
  unknown_merge_field: (p) => withField(p, ': ', `campo de combinación desconocido${p.name ? ` {{${p.name}}}` : ''}`),
  internal_error: () => 'Algo salió mal de nuestro lado; quedó registrado.',
};

/** Our own wording inside request schemas (zod's own messages are translated by its locales). */
const DETAILS: Record<string, { fr: string; es: string }> = {
  'must be a date YYYY-MM-DD': { fr: 'doit être une date AAAA-MM-JJ', es: 'debe ser una fecha AAAA-MM-DD' },
  'is not a real date': { fr: 'n’est pas une date réelle', es: 'no es una fecha real' },
  'must be a month YYYY-MM': { fr: 'doit être un mois AAAA-MM', es: 'debe ser un mes AAAA-MM' },
  'must be at least 10 characters': { fr: 'doit contenir au moins 10 caractères', es: 'debe tener al menos 10 caracteres' },
  'must be after starts_at': { fr: 'doit être après starts_at', es: 'debe ser posterior a starts_at' },
  'must not be before opened_on': { fr: 'ne doit pas précéder opened_on', es: 'no debe ser anterior a opened_on' },
  'is not a message kind': { fr: 'n’est pas un type de message', es: 'no es un tipo de mensaje' },
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
