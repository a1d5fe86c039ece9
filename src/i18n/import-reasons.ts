// The import's reasons (src/import: English, as in the CLI's report) for a French or Spanish
// reader of the console. Every reason the importer can write has a stable code (IMPORT_REASON_CODES,
// given with each problem by the API): its English wording is a pattern whose values are carried
// over into French and Spanish. A reason no wording matches (a database message nobody foresaw)
// gets the code `unrecognized`, whose frame is translated around the English detail. Tested:
// every code has an example it recognizes and a French and a Spanish wording, and every reason the
// import tests produce has a code other than `unrecognized`.
import type { Language } from '../domain/language.ts';

type Fill = (m: string[]) => string;
type Rule = [RegExp, { fr: Fill; es: Fill }];

const q = (v: string | undefined) => `« ${v ?? ''} »`;
const qs = (v: string | undefined) => `«${v ?? ''}»`;

const CATALOG = {
  required: [/^is required$/, { fr: () => 'est obligatoire', es: () => 'es obligatorio' }],
  too_long: [
    /^is longer than (\d+) characters$/,
    { fr: (m) => `dépasse ${m[1]} caractères`, es: (m) => `supera ${m[1]} caracteres` },
  ],
  not_a_date: [
    /^"(.*)" is not a date in the form YYYY-MM-DD$/s,
    {
      fr: (m) => `${q(m[1])} n’est pas une date de la forme AAAA-MM-JJ`,
      es: (m) => `${qs(m[1])} no es una fecha de la forma AAAA-MM-DD`,
    },
  ],
  not_a_real_date: [
    /^"(.*)" is not a real date$/s,
    { fr: (m) => `${q(m[1])} n’est pas une date réelle`, es: (m) => `${qs(m[1])} no es una fecha real` },
  ],
  not_a_number: [
    /^"(.*)" is not a number$/s,
    { fr: (m) => `${q(m[1])} n’est pas un nombre`, es: (m) => `${qs(m[1])} no es un número` },
  ],
  not_a_whole_number: [
    /^"(.*)" is not a whole number$/s,
    { fr: (m) => `${q(m[1])} n’est pas un nombre entier`, es: (m) => `${qs(m[1])} no es un número entero` },
  ],
  below_minimum: [
    /^(\S+) is below (\S+)$/,
    { fr: (m) => `${m[1]} est inférieur à ${m[2]}`, es: (m) => `${m[1]} es menor que ${m[2]}` },
  ],
  too_large: [
    /^(\S+) is too large$/,
    { fr: (m) => `${m[1]} est trop grand`, es: (m) => `${m[1]} es demasiado grande` },
  ],
  not_yes_no: [
    /^"(.*)" is not yes\/no/s,
    {
      fr: (m) => `${q(m[1])} n’est pas oui/non (utilisez 1/0, oui/non ou true/false)`,
      es: (m) => `${qs(m[1])} no es sí/no (use 1/0, sí/no o true/false)`,
    },
  ],
  not_one_of: [
    /^"(.*)" is not one of (.*)$/s,
    {
      fr: (m) => `${q(m[1])} n’est pas une des valeurs ${m[2]}`,
      es: (m) => `${qs(m[1])} no es uno de los valores ${m[2]}`,
    },
  ],
  not_an_email: [
    /^"(.*)" is not an e-mail address$/s,
    {
      fr: (m) => `${q(m[1])} n’est pas une adresse courriel`,
      es: (m) => `${qs(m[1])} no es una dirección de correo electrónico`,
    },
  ],
  not_a_date_time: [
    /^"(.*)" is not a date and time like (.*)$/s,
    {
      fr: (m) =>
        `${q(m[1])} n’est pas une date et heure comme ${m[2]!.replace('(local)', '(heure locale)').replace(' or ', ' ou ')}`,
      es: (m) =>
        `${qs(m[1])} no es una fecha y hora como ${m[2]!.replace('(local)', '(hora local)').replace(' or ', ' o ')}`,
    },
  ],
  unknown_reference: [
    /^unknown (customer_number|vin) "(.*)": import the (customers|vehicles) first$/s,
    {
      fr: (m) =>
        `${m[1]} ${q(m[2])} inconnu : importez d’abord les ${m[3] === 'customers' ? 'clients' : 'véhicules'}`,
      es: (m) =>
        `${m[1]} ${qs(m[2])} desconocido: importe primero los ${m[3] === 'customers' ? 'clientes' : 'vehículos'}`,
    },
  ],
  unknown_mechanic: [
    /^no mechanic named "(.*)" at this location$/s,
    {
      fr: (m) => `aucun mécanicien nommé ${q(m[1])} à cet établissement`,
      es: (m) => `ningún mecánico llamado ${qs(m[1])} en este establecimiento`,
    },
  ],
  unknown_courtesy_vehicle: [
    /^no courtesy vehicle named "(.*)" at this location$/s,
    {
      fr: (m) => `aucun véhicule de courtoisie nommé ${q(m[1])} à cet établissement`,
      es: (m) => `ningún vehículo de cortesía llamado ${qs(m[1])} en este establecimiento`,
    },
  ],
  duplicate_key: [
    /^duplicate (\S+) "(.*)" \(first on line (\d+)\)$/s,
    {
      fr: (m) => `${m[1]} ${q(m[2])} en double (déjà à la ligne ${m[3]})`,
      es: (m) => `${m[1]} ${qs(m[2])} duplicado (ya en la línea ${m[3]})`,
    },
  ],
  field_count: [
    /^the row has (fewer|more) fields than the header \((\d+)\)$/,
    {
      fr: (m) => `la ligne a ${m[1] === 'fewer' ? 'moins' : 'plus'} de champs que l’en-tête (${m[2]})`,
      es: (m) => `la fila tiene ${m[1] === 'fewer' ? 'menos' : 'más'} campos que el encabezado (${m[2]})`,
    },
  ],
  unknown_column: [
    /^unknown column, ignored$/,
    { fr: () => 'colonne inconnue, ignorée', es: () => 'columna desconocida, ignorada' },
  ],
  malformed_csv: [
    /^malformed CSV: (.*)$/s,
    { fr: (m) => `CSV mal formé : ${m[1]}`, es: (m) => `CSV mal formado: ${m[1]}` },
  ],
  unreadable_from_here: [
    /^the file cannot be read from here on: (.*)$/s,
    {
      fr: (m) => `le fichier ne peut pas être lu à partir d’ici : ${m[1]}`,
      es: (m) => `el archivo no se puede leer a partir de aquí: ${m[1]}`,
    },
  ],
  birthday_before_1900: [
    /^birthday before 1900$/,
    { fr: () => 'date de naissance avant 1900', es: () => 'fecha de nacimiento anterior a 1900' },
  ],
  unknown_sales_rep: [
    /^no staff user with this e-mail: sales representative left empty$/,
    {
      fr: () => 'aucun membre du personnel avec ce courriel : représentant laissé vide',
      es: () => 'ningún usuario del personal con este correo: representante dejado vacío',
    },
  ],
  name_required: [
    /^is required when first_name, last_name and company_name are all empty$/,
    {
      fr: () => 'est obligatoire quand first_name, last_name et company_name sont tous vides',
      es: () => 'es obligatorio cuando first_name, last_name y company_name están todos vacíos',
    },
  ],
  consent_needs_basis: [
    /^a consent date needs its basis \((.*)\)$/,
    {
      fr: (m) => `une date de consentement demande sa base (${m[1]})`,
      es: (m) => `una fecha de consentimiento necesita su base (${m[1]})`,
    },
  ],
  unsubscribed_not_reimported: [
    /^the customer unsubscribed themselves/,
    {
      fr: () =>
        'le client s’est désabonné lui-même : une importation ne le réabonne pas (enregistrez un nouveau consentement exprès avec sa preuve dans la fiche client)',
      es: () =>
        'el cliente se dio de baja él mismo: una importación no lo vuelve a suscribir (registre un nuevo consentimiento expreso con su prueba en la ficha del cliente)',
    },
  ],
  text_consent_withdrawn: [
    /^new mobile number \(was (.*?)\): consent for texts withdrawn/,
    {
      fr: (m) =>
        `nouveau numéro de mobile (c’était ${m[1]}) : consentement aux textos retiré, car il avait été donné pour l’ancien numéro ; enregistrez le consentement du client pour le nouveau dans la fiche client`,
      es: (m) =>
        `nuevo número de móvil (era ${m[1]}): consentimiento para mensajes de texto retirado, pues se dio para el número anterior; registre el consentimiento del cliente para el nuevo en la ficha del cliente`,
    },
  ],
  already_booked: [
    /^the (mechanic|courtesy vehicle) is already booked at that time$/,
    {
      fr: (m) =>
        `${m[1] === 'mechanic' ? 'le mécanicien' : 'le véhicule de courtoisie'} est déjà réservé à cette heure`,
      es: (m) =>
        `${m[1] === 'mechanic' ? 'el mecánico' : 'el vehículo de cortesía'} ya está reservado a esa hora`,
    },
  ],
  number_too_large: [
    /^a number is too large$/,
    { fr: () => 'un nombre est trop grand', es: () => 'un número es demasiado grande' },
  ],
  filled_from_vin: [
    /^filled from the VIN$/,
    { fr: () => 'rempli d’après le NIV', es: () => 'completado a partir del VIN' },
  ],
  closed_on_required: [
    /^is required when the status is closed$/,
    {
      fr: () => 'est obligatoire quand le statut est closed',
      es: () => 'es obligatorio cuando el estado es closed',
    },
  ],
  open_with_closed_on: [
    /^is open but closed_on is set$/,
    { fr: () => 'est open mais closed_on est rempli', es: () => 'es open pero closed_on está lleno' },
  ],
  in_the_future: [
    /^(\S+) is in the future$/,
    { fr: (m) => `${m[1]} est dans le futur`, es: (m) => `${m[1]} está en el futuro` },
  ],
  ends_before_start: [
    /^is not after starts_at$/,
    { fr: () => 'n’est pas après starts_at', es: () => 'no es posterior a starts_at' },
  ],
  customer_or_visitor: [
    /^customer_number or visitor_name is required$/,
    {
      fr: () => 'customer_number ou visitor_name est obligatoire',
      es: () => 'customer_number o visitor_name es obligatorio',
    },
  ],
  missing_columns: [
    /^missing required columns?: (.*?) \(nothing was imported; see docs\/import\.md for the (\S+) columns\)$/,
    {
      fr: (m) => `colonnes obligatoires absentes : ${m[1]} (voir docs/import.md, colonnes de ${m[2]})`,
      es: (m) => `faltan columnas obligatorias: ${m[1]} (vea docs/import.md, columnas de ${m[2]})`,
    },
  ],
  duplicate_column: [
    /^the header names column "(.*)" twice$/,
    {
      fr: (m) => `l’en-tête nomme la colonne ${q(m[1])} deux fois`,
      es: (m) => `el encabezado nombra la columna ${qs(m[1])} dos veces`,
    },
  ],
  longer_than_day: [/^is longer than a day$/, { fr: () => 'dépasse une journée', es: () => 'supera un día' }],
  duration_and_end: [
    /^give ends_at or duration_minutes, not both$/,
    {
      fr: () => 'donnez ends_at ou duration_minutes, pas les deux',
      es: () => 'indique ends_at o duration_minutes, no ambos',
    },
  ],
  closed_before_opened: [
    /^(\S+) is before opened_on (\S+)$/,
    {
      fr: (m) => `${m[1]} est avant opened_on ${m[2]}`,
      es: (m) => `${m[1]} es anterior a opened_on ${m[2]}`,
    },
  ],
  differs_in_unit: [
    /^(\S+) "(.*)" differs from "(.*)" on line (\d+) of the same repair order$/s,
    {
      fr: (m) => `${m[1]} ${q(m[2])} diffère de ${q(m[3])} à la ligne ${m[4]} du même bon de travail`,
      es: (m) =>
        `${m[1]} ${qs(m[2])} difiere de ${qs(m[3])} en la línea ${m[4]} de la misma orden de reparación`,
    },
  ],
  vin_length: [
    /^a VIN has 17 characters \(got (\d+)\)$/,
    {
      fr: (m) => `un NIV a 17 caractères (reçu ${m[1]})`,
      es: (m) => `un VIN tiene 17 caracteres (recibido ${m[1]})`,
    },
  ],
  vin_character: [
    /^a VIN cannot contain "(.*)" \(position (\d+)\)$/s,
    {
      fr: (m) => `un NIV ne peut pas contenir ${q(m[1])} (position ${m[2]})`,
      es: (m) => `un VIN no puede contener ${qs(m[1])} (posición ${m[2]})`,
    },
  ],
  vin_check_digit: [
    /^check digit \(position 9\) is "(.*)" but should be "(.*)": the VIN has a typo/s,
    {
      fr: (m) =>
        `le chiffre de contrôle (position 9) est ${q(m[1])} mais devrait être ${q(m[2])} : le NIV a une faute de frappe (un NIV nord-américain doit porter son chiffre de contrôle)`,
      es: (m) =>
        `el dígito de control (posición 9) es ${qs(m[1])} pero debería ser ${qs(m[2])}: el VIN tiene un error de tipeo (un VIN norteamericano debe llevar su dígito de control)`,
    },
  ],
  mixed_encodings: [
    /^the file mixes encodings: invalid UTF-8 after byte (\d+); the rest was decoded as Windows-1252$/,
    {
      fr: (m) =>
        `le fichier mélange les encodages : UTF-8 invalide après l’octet ${m[1]} ; la suite a été lue en Windows-1252`,
      es: (m) =>
        `el archivo mezcla codificaciones: UTF-8 inválido después del byte ${m[1]}; el resto se leyó como Windows-1252`,
    },
  ],
  not_utf8: [
    /^the file is not valid UTF-8: decoded as Windows-1252/,
    {
      fr: () =>
        'le fichier n’est pas en UTF-8 valide : lu en Windows-1252 (choisissez l’encodage avec --encoding)',
      es: () =>
        'el archivo no es UTF-8 válido: se leyó como Windows-1252 (elija la codificación con --encoding)',
    },
  ],
  out_of_range: [
    /^a value is out of range \((.*)\)$/s,
    {
      fr: (m) => `une valeur est hors des limites (${m[1]})`,
      es: (m) => `un valor está fuera de rango (${m[1]})`,
    },
  ],
  database_refused: [
    /^the database refused the row: (.*)$/s,
    {
      fr: (m) => `la base de données a refusé la ligne : ${m[1]}`,
      es: (m) => `la base de datos rechazó la fila: ${m[1]}`,
    },
  ],
} satisfies Record<string, Rule>;

export type ImportReasonCode = keyof typeof CATALOG | 'rejected_whole' | 'unrecognized';

/** Every code, each with one English reason it stands for (the test translates each). */
export const IMPORT_REASON_EXAMPLES: Record<ImportReasonCode, string> = {
  required: 'is required',
  too_long: 'is longer than 60 characters',
  not_a_date: '"2026-13-01x" is not a date in the form YYYY-MM-DD',
  not_a_real_date: '"2026-02-30" is not a real date',
  not_a_number: '"abc" is not a number',
  not_a_whole_number: '"1.5" is not a whole number',
  below_minimum: 'odometer is below 0',
  too_large: 'odometer is too large',
  not_yes_no: '"maybe" is not yes/no (use 1/0, yes/no or true/false)',
  not_one_of: '"xx" is not one of en, fr, es',
  not_an_email: '"not-an-email" is not an e-mail address',
  not_a_date_time: '"noon" is not a date and time like 2026-03-02 09:30 (local) or 2026-03-02T09:30:00-05:00',
  unknown_reference: 'unknown customer_number "C9": import the customers first',
  unknown_mechanic: 'no mechanic named "Luc" at this location',
  unknown_courtesy_vehicle: 'no courtesy vehicle named "Loaner 3" at this location',
  duplicate_key: 'duplicate customer_number "C1" (first on line 2)',
  field_count: 'the row has fewer fields than the header (12)',
  unknown_column: 'unknown column, ignored',
  malformed_csv: 'malformed CSV: Quote Not Closed',
  unreadable_from_here: 'the file cannot be read from here on: unexpected end',
  birthday_before_1900: 'birthday before 1900',
  unknown_sales_rep: 'no staff user with this e-mail: sales representative left empty',
  name_required: 'is required when first_name, last_name and company_name are all empty',
  consent_needs_basis: 'a consent date needs its basis (consent_email_marketing_basis)',
  unsubscribed_not_reimported:
    'the customer unsubscribed themselves: an import does not put them back (record new express consent with its evidence in the customer file)',
  text_consent_withdrawn:
    "new mobile number (was +15145550100): consent for texts withdrawn, since it was given for the old number; record the customer's consent for the new one in the customer file",
  already_booked: 'the mechanic is already booked at that time',
  number_too_large: 'a number is too large',
  filled_from_vin: 'filled from the VIN',
  closed_on_required: 'is required when the status is closed',
  open_with_closed_on: 'is open but closed_on is set',
  in_the_future: '2031 is in the future',
  ends_before_start: 'is not after starts_at',
  customer_or_visitor: 'customer_number or visitor_name is required',
  missing_columns:
    'missing required column: customer_number (nothing was imported; see docs/import.md for the customers columns)',
  duplicate_column: 'the header names column "email" twice',
  longer_than_day: 'is longer than a day',
  duration_and_end: 'give ends_at or duration_minutes, not both',
  closed_before_opened: '2026-01-01 is before opened_on 2026-02-01',
  differs_in_unit: 'customer_number "C1" differs from "C2" on line 4 of the same repair order',
  vin_length: 'a VIN has 17 characters (got 16)',
  vin_character: 'a VIN cannot contain "O" (position 12)',
  vin_check_digit:
    'check digit (position 9) is "5" but should be "3": the VIN has a typo (a North American VIN must carry its check digit)',
  mixed_encodings:
    'the file mixes encodings: invalid UTF-8 after byte 120; the rest was decoded as Windows-1252',
  not_utf8: 'the file is not valid UTF-8: decoded as Windows-1252 (use --encoding to choose)',
  out_of_range: 'a value is out of range (vehicles_year_check)',
  database_refused: 'the database refused the row: value too long for type character varying(20)',
  rejected_whole: 'repair order RO-7 rejected whole: line 3 of this repair order is invalid',
  unrecognized: 'something nobody foresaw',
};

export const IMPORT_REASON_CODES = Object.keys(IMPORT_REASON_EXAMPLES) as ImportReasonCode[];

const WHOLE = /^(customer|vehicle|repair order|appointment) (.*?) rejected whole: (.*)$/s;

/** The stable code of one of the importer's reasons. */
export function importReasonCode(reason: string): ImportReasonCode {
  if (WHOLE.test(reason)) return 'rejected_whole';
  for (const [code, [pattern]] of Object.entries(CATALOG) as Array<[keyof typeof CATALOG, Rule]>)
    if (pattern.test(reason)) return code;
  return 'unrecognized';
}

const NOUNS: Record<string, { fr: string; es: string }> = {
  customer: { fr: 'client', es: 'cliente' },
  vehicle: { fr: 'véhicule', es: 'vehículo' },
  'repair order': { fr: 'bon de travail', es: 'orden de reparación' },
  appointment: { fr: 'rendez-vous', es: 'cita' },
};

/** One import reason in the reader's language (English when no pattern knows it). */
export function translateImportReason(language: Language, reason: string): string {
  if (language === 'en') return reason;
  // "<noun> KEY rejected whole: <why>" wraps another reason.
  const whole = WHOLE.exec(reason);
  if (whole) {
    const noun = NOUNS[whole[1]!]![language];
    const why = /^line (\d+) of this .* is invalid$/.exec(whole[3]!);
    const inner = why
      ? language === 'fr'
        ? `la ligne ${why[1]} de ce ${noun} n’est pas valide`
        : `la línea ${why[1]} de esta ${noun} no es válida`
      : withLine(language, whole[3]!);
    return language === 'fr'
      ? `${noun} ${whole[2]} refusé en entier : ${inner}`
      : `${noun} ${whole[2]} rechazado entero: ${inner}`;
  }
  for (const [pattern, fill] of Object.values(CATALOG) as Rule[]) {
    const m = pattern.exec(reason);
    if (m) return fill[language]([...m]);
  }
  return language === 'fr' ? `raison non traduite : ${reason}` : `motivo sin traducir: ${reason}`;
}

/** A unit check's reason carries its line: "… (line 12)". */
function withLine(language: Exclude<Language, 'en'>, reason: string): string {
  const m = /^(.*) \(line (\d+)\)$/s.exec(reason);
  if (!m) return translateImportReason(language, reason);
  return `${translateImportReason(language, m[1]!)} (${language === 'fr' ? 'ligne' : 'línea'} ${m[2]})`;
}

/** True when a reason has a wording in French and Spanish (the tests check what the import says). */
export function isKnownImportReason(reason: string): boolean {
  const m = WHOLE.exec(reason);
  if (m) {
    const inner = /^line \d+ of this .* is invalid$/.test(m[3]!)
      ? null
      : m[3]!.replace(/ \(line \d+\)$/s, '');
    return inner === null || importReasonCode(inner) !== 'unrecognized';
  }
  return importReasonCode(reason) !== 'unrecognized';
}
