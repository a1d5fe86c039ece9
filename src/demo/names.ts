// First and last names for the three languages of the product, with their accents.
import type { Language } from '../db/schema.ts';

export const FIRST_NAMES: Record<Language, readonly string[]> = {
  fr: ['Jean', 'Marie', 'Louis', 'Geneviève', 'François', 'Hélène', 'Stéphane', 'Josée', 'Mathieu', 'Élise', 'Benoît', 'Chloé',
    'Jérôme', 'Nathalie', 'Gaétan', 'Sylvie', 'Rémi', 'Andrée', 'Éric', 'Véronique', 'Luc', 'Mélanie', 'Guillaume', 'Noémie',
    'Sébastien', 'Émilie', 'Pierre-Luc', 'Marie-Ève', 'Réjean', 'Gisèle', 'Olivier', 'Maëlle', 'Frédéric', 'Annick', 'Raphaël', 'Léa'],
  en: ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Susan',
    'Richard', 'Jessica', 'Thomas', 'Sarah', 'Daniel', 'Karen', 'Matthew', 'Emily', 'Ryan', 'Ashley', 'Brian', 'Megan',
    'Kevin', 'Laura', 'Sean', "Siobhan", 'Liam', 'Olivia', 'Noah', 'Emma', 'Ethan', 'Hannah', 'Connor', 'Zoë'],
  es: ['José', 'María', 'Juan', 'Guadalupe', 'Luis', 'Lucía', 'Jesús', 'Sofía', 'Andrés', 'Mónica', 'Raúl', 'Ángela',
    'Carlos', 'Verónica', 'Martín', 'Begoña', 'Sebastián', 'Inés', 'Joaquín', 'Leticia', 'Óscar', 'Rocío', 'Álvaro', 'Núria',
    'Héctor', 'Marisol', 'Rubén', 'Ximena', 'Iván', 'Araceli', 'Tomás', 'Noelia', 'Adrián', 'Paola', 'Ramón', 'Itzel'],
};

export const LAST_NAMES: Record<Language, readonly string[]> = {
  fr: ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet', 'Pelletier',
    'Bélanger', 'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron', 'Beaulieu', 'Cloutier', 'Dubé',
    'Poirier', 'Fournier', 'Lapointe', 'Leclerc', 'Lefebvre', 'Poulin', 'Thibault', "D'Amours", 'Thériault', 'Hébert', 'Bérubé', 'Désilets'],
  en: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore',
    'Martin', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
    "O'Brien", 'MacDonald', 'Campbell', 'Stewart', 'Murphy', 'Kelly', 'Reid', 'Graham', 'Fraser', 'McLeod', 'Sinclair', 'Boyd'],
  es: ['García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Rivera',
    'Gómez', 'Díaz', 'Cruz', 'Morales', 'Reyes', 'Gutiérrez', 'Ortiz', 'Chávez', 'Ramos', 'Ruiz', 'Álvarez', 'Mendoza',
    'Vásquez', 'Castillo', 'Jiménez', 'Muñoz', 'Romero', 'Núñez', 'Peña', 'Ibáñez', 'Domínguez', 'Fernández', 'Suárez', 'Cortés'],
};

export const COMPANY_NAMES: readonly string[] = [
  'Transport Côté inc.', 'Plomberie Gagnon', 'Northern Courier Ltd.', 'Construcciones Peña', 'Paysagement Lavoie', 'Acme Fleet Services',
  'Électricité Bouchard', 'Taxi Montréal-Nord', 'Jardinería Flores', 'Maple Delivery Co.', 'Rénovations Thériault', 'Sunrise Bakery',
];

/** Street names per language of the location. */
export const STREETS: Record<Language, readonly string[]> = {
  fr: ['rue Saint-Denis', 'boulevard René-Lévesque', 'rue Sainte-Catherine', 'avenue du Mont-Royal', 'chemin de la Côte-des-Neiges', 'rue de l’Église', 'boulevard Laurier', 'rue Principale'],
  en: ['Main Street', 'King Street West', 'Queen Street', 'Maple Avenue', 'Oak Drive', 'Elm Street', 'Lakeshore Road', 'Church Street'],
  es: ['Calle Ocho', 'Avenida Central', 'Calle Real', 'Camino Viejo', 'Avenida de la Paz', 'Calle del Sol', 'Paseo del Río', 'Calle Luna'],
};

/** Lower-case ASCII for e-mail addresses: "Geneviève D'Amours" → "genevieve.damours". */
export function emailLocalPart(first: string, last: string): string {
  const clean = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${clean(first)}.${clean(last)}`;
}
