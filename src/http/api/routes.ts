// Every staff API route module, in one list. One resource per folder, one route per file.
import type { RouteModule } from '../app.ts';

export const apiRoutes: RouteModule[] = [];
