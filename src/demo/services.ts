// What a shop does on a visit: maintenance packages, labor, parts (with plausible prices) and
// the work customers decline. Descriptions in the three languages: a shop writes its invoices in
// its customer's language, and that text reaches their messages (declined work, services).
import type { Language } from '../db/schema.ts';

export interface ServiceItem {
  description: Record<Language, string>;
  min: number;
  max: number;
}

export const PACKAGES: readonly ServiceItem[] = [
  {
    description: {
      en: 'Oil change and filter, synthetic 0W-20',
      fr: 'Vidange et filtre, huile synthétique 0W-20',
      es: 'Cambio de aceite y filtro, sintético 0W-20',
    },
    min: 69,
    max: 119,
  },
  {
    description: {
      en: 'Oil change and filter, conventional 5W-30',
      fr: 'Vidange et filtre, huile conventionnelle 5W-30',
      es: 'Cambio de aceite y filtro, convencional 5W-30',
    },
    min: 49,
    max: 79,
  },
  {
    description: {
      en: 'Maintenance A: oil, filter, tire rotation, inspection',
      fr: 'Entretien A : huile, filtre, permutation des pneus, inspection',
      es: 'Mantenimiento A: aceite, filtro, rotación de llantas, inspección',
    },
    min: 109,
    max: 179,
  },
  {
    description: {
      en: 'Maintenance B: oil, filters, brake service, inspection',
      fr: 'Entretien B : huile, filtres, freins, inspection',
      es: 'Mantenimiento B: aceite, filtros, frenos, inspección',
    },
    min: 229,
    max: 389,
  },
  {
    description: {
      en: 'Seasonal tire change and balancing',
      fr: 'Changement de pneus saisonnier et équilibrage',
      es: 'Cambio de llantas de temporada y balanceo',
    },
    min: 69,
    max: 129,
  },
];

export const LABOR: readonly ServiceItem[] = [
  {
    description: {
      en: 'Replace front brake pads and rotors',
      fr: 'Remplacer plaquettes et disques de frein avant',
      es: 'Cambiar pastillas y discos de freno delanteros',
    },
    min: 180,
    max: 320,
  },
  {
    description: {
      en: 'Replace rear brake pads',
      fr: 'Remplacer les plaquettes de frein arrière',
      es: 'Cambiar pastillas de freno traseras',
    },
    min: 120,
    max: 220,
  },
  {
    description: {
      en: 'Four-wheel alignment',
      fr: 'Alignement des quatre roues',
      es: 'Alineación de las cuatro ruedas',
    },
    min: 99,
    max: 149,
  },
  {
    description: {
      en: 'Diagnose check engine light',
      fr: 'Diagnostic du témoin moteur',
      es: 'Diagnóstico de la luz de revisión del motor',
    },
    min: 95,
    max: 160,
  },
  {
    description: {
      en: 'Replace battery and test charging system',
      fr: 'Remplacer la batterie et tester la charge',
      es: 'Cambiar batería y probar el sistema de carga',
    },
    min: 45,
    max: 80,
  },
  {
    description: {
      en: 'Coolant flush',
      fr: 'Vidange du liquide de refroidissement',
      es: 'Cambio de refrigerante',
    },
    min: 99,
    max: 169,
  },
  {
    description: {
      en: 'Transmission fluid service',
      fr: 'Entretien de l’huile de transmission',
      es: 'Servicio de aceite de transmisión',
    },
    min: 149,
    max: 259,
  },
  {
    description: {
      en: 'Replace serpentine belt',
      fr: 'Remplacer la courroie d’accessoires',
      es: 'Cambiar la banda de accesorios',
    },
    min: 90,
    max: 170,
  },
  {
    description: {
      en: 'Multi-point inspection',
      fr: 'Inspection multipoints',
      es: 'Inspección de varios puntos',
    },
    min: 0,
    max: 49,
  },
];

export const PARTS: readonly ServiceItem[] = [
  {
    description: { en: 'Brake pad set', fr: 'Jeu de plaquettes de frein', es: 'Juego de pastillas de freno' },
    min: 60,
    max: 140,
  },
  { description: { en: 'Brake rotor', fr: 'Disque de frein', es: 'Disco de freno' }, min: 70, max: 180 },
  {
    description: { en: 'Battery, group 24F', fr: 'Batterie, groupe 24F', es: 'Batería, grupo 24F' },
    min: 160,
    max: 260,
  },
  {
    description: { en: 'Cabin air filter', fr: 'Filtre à air d’habitacle', es: 'Filtro de aire de cabina' },
    min: 25,
    max: 55,
  },
  {
    description: { en: 'Engine air filter', fr: 'Filtre à air du moteur', es: 'Filtro de aire del motor' },
    min: 25,
    max: 60,
  },
  {
    description: {
      en: 'Wiper blades (pair)',
      fr: 'Balais d’essuie-glace (paire)',
      es: 'Plumas limpiaparabrisas (par)',
    },
    min: 30,
    max: 60,
  },
  {
    description: { en: 'Serpentine belt', fr: 'Courroie d’accessoires', es: 'Banda de accesorios' },
    min: 40,
    max: 90,
  },
  {
    description: { en: 'Coolant, 4 L', fr: 'Liquide de refroidissement, 4 L', es: 'Refrigerante, 4 L' },
    min: 30,
    max: 55,
  },
];

export const DECLINED: readonly ServiceItem[] = [
  {
    description: {
      en: 'Rear brake pads at 3 mm: replace soon',
      fr: 'Plaquettes arrière à 3 mm : à remplacer bientôt',
      es: 'Pastillas traseras a 3 mm: cambiar pronto',
    },
    min: 180,
    max: 260,
  },
  {
    description: {
      en: 'Front tires worn to 3/32": replace',
      fr: 'Pneus avant usés à 3/32 po : à remplacer',
      es: 'Llantas delanteras gastadas a 3/32": cambiar',
    },
    min: 480,
    max: 900,
  },
  {
    description: {
      en: 'Replace wiper blades',
      fr: 'Remplacer les balais d’essuie-glace',
      es: 'Cambiar las plumas limpiaparabrisas',
    },
    min: 40,
    max: 70,
  },
  {
    description: {
      en: 'Coolant flush due',
      fr: 'Vidange du liquide de refroidissement à faire',
      es: 'Cambio de refrigerante pendiente',
    },
    min: 99,
    max: 169,
  },
  {
    description: {
      en: 'Replace engine air filter',
      fr: 'Remplacer le filtre à air du moteur',
      es: 'Cambiar el filtro de aire del motor',
    },
    min: 45,
    max: 80,
  },
  {
    description: {
      en: 'Timing belt due',
      fr: 'Courroie de distribution à remplacer',
      es: 'Banda de distribución pendiente',
    },
    min: 650,
    max: 1100,
  },
  {
    description: {
      en: 'Wheel alignment out of specification',
      fr: 'Alignement hors tolérance',
      es: 'Alineación fuera de especificación',
    },
    min: 99,
    max: 149,
  },
];
