// The kinds of file `relance import` reads, by the name used on the command line.
import type { ImportKind, KindSpec } from '../types.ts';
import { appointmentsKind } from './appointments.ts';
import { customersKind } from './customers.ts';
import { repairOrdersKind } from './repair-orders.ts';
import { vehiclesKind } from './vehicles.ts';

export const KIND_SPECS: Record<ImportKind, KindSpec<never>> = {
  customers: customersKind as KindSpec<never>,
  vehicles: vehiclesKind as KindSpec<never>,
  'repair-orders': repairOrdersKind as KindSpec<never>,
  appointments: appointmentsKind as KindSpec<never>,
};
