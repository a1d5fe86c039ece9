// POST /api/v1/locations/:locationId/imports/repair-orders: a repair-orders.csv file (docs/import.md).
import { importRoute } from './import-file.ts';

export const importRepairOrdersRoute = importRoute('repair-orders', 'repair_orders.write', 'repair orders');
