// Schemas and helpers shared by the routes of this folder (one route per file).
import { z } from 'zod';
import { id } from '../schemas.ts';

export const params = z.strictObject({ courtesyVehicleId: id });
