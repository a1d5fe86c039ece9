// Public pages and endpoints reached from messages (no staff login): one file each.
import type { RouteModule } from '../app.ts';

export const publicRoutes: RouteModule[] = [];
