// The maintenance schedule Relance ships: a generic maker-style schedule, "whichever comes
// first" of distance and time. Distances are in km (converted for vehicles counted in miles);
// items with engine hours apply to equipment counted in hours. Each location gets a copy it can
// edit, and may add schedules for a make or a make/model.
export interface ScheduleItem {
  code: string;
  description: { en: string; fr: string; es: string };
  every_km: number | null;
  every_hours: number | null;
  every_months: number | null;
}

export const DEFAULT_SCHEDULE_NAME = 'Default maintenance schedule';

export const DEFAULT_SCHEDULE: readonly ScheduleItem[] = [
  {
    code: 'OIL',
    description: {
      en: 'Oil and filter change',
      fr: "Vidange d'huile et filtre",
      es: 'Cambio de aceite y filtro',
    },
    every_km: 8000,
    every_hours: 250,
    every_months: 6,
  },
  {
    code: 'ROTATE',
    description: { en: 'Tire rotation', fr: 'Permutation des pneus', es: 'Rotación de neumáticos' },
    every_km: 10000,
    every_hours: null,
    every_months: 12,
  },
  {
    code: 'INSPECT',
    description: {
      en: 'Multi-point inspection',
      fr: 'Inspection multipoints',
      es: 'Inspección de varios puntos',
    },
    every_km: 20000,
    every_hours: 500,
    every_months: 12,
  },
  {
    code: 'CABIN_FILTER',
    description: {
      en: 'Cabin air filter',
      fr: "Filtre à air de l'habitacle",
      es: 'Filtro de aire de la cabina',
    },
    every_km: 24000,
    every_hours: null,
    every_months: 24,
  },
  {
    code: 'BRAKE_FLUID',
    description: {
      en: 'Brake fluid replacement',
      fr: 'Remplacement du liquide de frein',
      es: 'Cambio del líquido de frenos',
    },
    every_km: null,
    every_hours: null,
    every_months: 36,
  },
  {
    code: 'COOLANT',
    description: {
      en: 'Coolant replacement',
      fr: 'Remplacement du liquide de refroidissement',
      es: 'Cambio de refrigerante',
    },
    every_km: 100000,
    every_hours: 2000,
    every_months: 60,
  },
  {
    code: 'SPARK_PLUGS',
    description: { en: 'Spark plugs', fr: "Bougies d'allumage", es: 'Bujías' },
    every_km: 100000,
    every_hours: null,
    every_months: null,
  },
];
