// The import's reasons (src/import: English, as in the CLI's report) for a French or Spanish
// reader of the console: each known wording is a pattern whose values are carried over. A
// reason no pattern knows stays in English (tested: every reason the import tests produce is known).
import type { Language } from '../domain/language.ts';

type Fill = (m: string[]) => string;
type Rule = [RegExp, { fr: Fill; es: Fill }];

const q = (v: string | undefined) => `« ${v ?? ''} »`;
const qs = (v: string | undefined) => `«${v ?? ''}»`;

const RULES: Rule[] = [
  [/^is required$/, { fr: () => 'est obligatoire', es: () => 'es obligatorio' }],
  [
    /^is longer than (\d+) characters$/,
    { fr: (m) => `dépasse ${m[1]} caractères`, es: (m) => `supera ${m[1]} caracteres` },
  ],
  [
    /^"(.*)" is not a date in the form YYYY-MM-DD$/s,
    {
      fr: (m) => `${q(m[1])} n’est pas une date de la forme AAAA-MM-JJ`,
      es: (m) => `${qs(m[1])} no es una fecha de la forma AAAA-MM-DD`,
    },
  ],
  [
    /^"(.*)" is not a real date$/s,
    { fr: (m) => `${q(m[1])} n’est pas une date réelle`, es: (m) => `${qs(m[1])} no es una fecha real` },
  ],
  [
    /^"(.*)" is not a number$/s,
    { fr: (m) => `${q(m[1])} n’est pas un nombre`, es: (m) => `${qs(m[1])} no es un número` },
  ],
  [
    /^"(.*)" is not a whole number$/s,
    { fr: (m) => `${q(m[1])} n’est pas un nombre entier`, es: (m) => `${qs(m[1])} no es un número entero` },
  ],
  [
    /^(\S+) is below (\S+)$/,
    { fr: (m) => `${m[1]} est inférieur à ${m[2]}`, es: (m) => `${m[1]} es menor que ${m[2]}` },
  ],
  [/^(\S+) is too large$/, { fr: (m) => `${m[1]} est trop grand`, es: (m) => `${m[1]} es demasiado grande` }],
  [
    /^"(.*)" is not yes\/no/s,
    {
      fr: (m) => `${q(m[1])} n’est pas oui/non (utilisez 1/0, oui/non ou true/false)`,
      es: (m) => `${qs(m[1])} no es sí/no (use 1/0, sí/no o true/false)`,
    },
  ],
  [
    /^"(.*)" is not one of (.*)$/s,
    {
      fr: (m) => `${q(m[1])} n’est pas une des valeurs ${m[2]}`,
      es: (m) => `${qs(m[1])} no es uno de los valores ${m[2]}`,
    },
  ],
  [
    /^"(.*)" is not an e-mail address$/s,
    {
      fr: (m) => `${q(m[1])} n’est pas une adresse courriel`,
      es: (m) => `${qs(m[1])} no es una dirección de correo electrónico`,
    },
  ],
  [
    /^"(.*)" is not a date and time like (.*)$/s,
    {
      fr: (m) =>
        `${q(m[1])} n’est pas une date et heure comme ${m[2]!.replace('(local)', '(heure locale)').replace(' or ', ' ou ')}`,
      es: (m) =>
        `${qs(m[1])} no es una fecha y hora como ${m[2]!.replace('(local)', '(hora local)').replace(' or ', ' o ')}`,
    },
  ],
  [
    /^unknown (customer_number|vin) "(.*)": import the (customers|vehicles) first$/s,
    {
      fr: (m) =>
        `${m[1]} ${q(m[2])} inconnu : importez d’abord les ${m[3] === 'customers' ? 'clients' : 'véhicules'}`,
      es: (m) =>
        `${m[1]} ${qs(m[2])} desconocido: importe primero los ${m[3] === 'customers' ? 'clientes' : 'vehículos'}`,
    },
  ],
  [
    /^no mechanic named "(.*)" at this location$/s,
    {
      fr: (m) => `aucun mécanicien nommé ${q(m[1])} à cet établissement`,
      es: (m) => `ningún mecánico llamado ${qs(m[1])} en este establecimiento`,
    },
  ],
  [
    /^no courtesy vehicle named "(.*)" at this location$/s,
    {
      fr: (m) => `aucun véhicule de courtoisie nommé ${q(m[1])} à cet établissement`,
      es: (m) => `ningún vehículo de cortesía llamado ${qs(m[1])} en este establecimiento`,
    },
  ],
  [
    /^duplicate (\S+) "(.*)" \(first on line (\d+)\)$/s,
    {
      fr: (m) => `${m[1]} ${q(m[2])} en double (déjà à la ligne ${m[3]})`,
      es: (m) => `${m[1]} ${qs(m[2])} duplicado (ya en la línea ${m[3]})`,
    },
  ],
  [
    /^the row has (fewer|more) fields than the header \((\d+)\)$/,
    {
      fr: (m) => `la ligne a ${m[1] === 'fewer' ? 'moins' : 'plus'} de champs que l’en-tête (${m[2]})`,
      es: (m) => `la fila tiene ${m[1] === 'fewer' ? 'menos' : 'más'} campos que el encabezado (${m[2]})`,
    },
  ],
  [
    /^unknown column, ignored$/,
    { fr: () => 'colonne inconnue, ignorée', es: () => 'columna desconocida, ignorada' },
  ],
  [/^malformed CSV: (.*)$/s, { fr: (m) => `CSV mal formé : ${m[1]}`, es: (m) => `CSV mal formado: ${m[1]}` }],
  [
    /^the file cannot be read from here on: (.*)$/s,
    {
      fr: (m) => `le fichier ne peut pas être lu à partir d’ici : ${m[1]}`,
      es: (m) => `el archivo no se puede leer a partir de aquí: ${m[1]}`,
    },
  ],
  [
    /^birthday before 1900$/,
    { fr: () => 'date de naissance avant 1900', es: () => 'fecha de nacimiento anterior a 1900' },
  ],
  [
    /^no staff user with this e-mail: sales representative left empty$/,
    {
      fr: () => 'aucun membre du personnel avec ce courriel : représentant laissé vide',
      es: () => 'ningún usuario del personal con este correo: representante dejado vacío',
    },
  ],
  [
    /^is required when first_name, last_name and company_name are all empty$/,
    {
      fr: () => 'est obligatoire quand first_name, last_name et company_name sont tous vides',
      es: () => 'es obligatorio cuando first_name, last_name y company_name están todos vacíos',
    },
  ],
  [
    /^a consent date needs its basis \((.*)\)$/,
    {
      fr: (m) => `une date de consentement demande sa base (${m[1]})`,
      es: (m) => `una fecha de consentimiento necesita su base (${m[1]})`,
    },
  ],
  [
    /^the customer unsubscribed themselves/,
    {
      fr: () =>
        'le client s’est désabonné lui-même : une importation ne le réabonne pas (enregistrez un nouveau consentement exprès avec sa preuve dans la fiche client)',
      es: () =>
        'el cliente se dio de baja él mismo: una importación no lo vuelve a suscribir (registre un nuevo consentimiento expreso con su prueba en la ficha del cliente)',
    },
  ],
  [
    /^the (mechanic|courtesy vehicle) is already booked at that time$/,
    {
      fr: (m) =>
        `${m[1] === 'mechanic' ? 'le mécanicien' : 'le véhicule de courtoisie'} est déjà réservé à cette heure`,
      es: (m) =>
        `${m[1] === 'mechanic' ? 'el mecánico' : 'el vehículo de cortesía'} ya está reservado a esa hora`,
    },
  ],
  [
    /^a number is too large$/,
    { fr: () => 'un nombre est trop grand', es: () => 'un número es demasiado grande' },
  ],
  [/^filled from the VIN$/, { fr: () => 'rempli d’après le NIV', es: () => 'completado a partir del VIN' }],
  [
    /^is required when the status is closed$/,
    {
      fr: () => 'est obligatoire quand le statut est closed',
      es: () => 'es obligatorio cuando el estado es closed',
    },
  ],
  [
    /^is open but closed_on is set$/,
    { fr: () => 'est open mais closed_on est rempli', es: () => 'es open pero closed_on está lleno' },
  ],
  [
    /^(\S+) is in the future$/,
    { fr: (m) => `${m[1]} est dans le futur`, es: (m) => `${m[1]} está en el futuro` },
  ],
  [
    /^is not after starts_at$/,
    { fr: () => 'n’est pas après starts_at', es: () => 'no es posterior a starts_at' },
  ],
  [
    /^customer_number or visitor_name is required$/,
    {
      fr: () => 'customer_number ou visitor_name est obligatoire',
      es: () => 'customer_number o visitor_name es obligatorio',
    },
  ],
  [
    /^missing required columns?: (.*?) \(nothing was imported; see docs\/import\.md for the (\S+) columns\)$/,
    {
      fr: (m) => `colonnes obligatoires absentes : ${m[1]} (voir docs/import.md, colonnes de ${m[2]})`,
      es: (m) => `faltan columnas obligatorias: ${m[1]} (vea docs/import.md, columnas de ${m[2]})`,
    },
  ],
  [
    /^the header names column "(.*)" twice$/,
    {
      fr: (m) => `l’en-tête nomme la colonne ${q(m[1])} deux fois`,
      es: (m) => `el encabezado nombra la columna ${qs(m[1])} dos veces`,
    },
  ],
];

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
  const whole = /^(customer|vehicle|repair order|appointment) (.*?) rejected whole: (.*)$/s.exec(reason);
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
  for (const [pattern, fill] of RULES) {
    const m = pattern.exec(reason);
    if (m) return fill[language]([...m]);
  }
  return reason;
}

/** A unit check's reason carries its line: "… (line 12)". */
function withLine(language: Exclude<Language, 'en'>, reason: string): string {
  const m = /^(.*) \(line (\d+)\)$/s.exec(reason);
  if (!m) return translateImportReason(language, reason);
  return `${translateImportReason(language, m[1]!)} (${language === 'fr' ? 'ligne' : 'línea'} ${m[2]})`;
}

/** True when a reason has a wording in French and Spanish (the tests check what the import says). */
export function isKnownImportReason(reason: string): boolean {
  return translateImportReason('fr', reason) !== reason;
}
