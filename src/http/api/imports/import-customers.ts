// POST /api/v1/locations/:locationId/imports/customers: a customers.csv file (docs/import.md).
import { importRoute } from './import-file.ts';

export const importCustomersRoute = importRoute('customers', 'customers.write', 'customers');
