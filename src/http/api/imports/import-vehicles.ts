// POST /api/v1/locations/:locationId/imports/vehicles: a vehicles.csv file (docs/import.md).
import { importRoute } from './import-file.ts';

export const importVehiclesRoute = importRoute('vehicles', 'vehicles.write', 'vehicles');
