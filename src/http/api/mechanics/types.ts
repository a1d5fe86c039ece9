import type { Selectable } from 'kysely';
import type { MechanicsTable } from '../../../db/schema.ts';

export type Mechanic = Selectable<MechanicsTable>;
