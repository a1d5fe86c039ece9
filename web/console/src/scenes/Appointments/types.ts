import type { paths } from '../../api/schema';

export type Appointment =
  paths['/api/v1/appointments']['get']['responses']['200']['content']['application/json']['items'][number] & {
    customer_name?: string | null;
  };
