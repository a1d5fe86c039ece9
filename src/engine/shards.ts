// How many groups of locations the daily run decides at once: ENGINE_SHARDS on PostgreSQL (each
// group has its own transaction and connection, so keep it within DB_POOL_SIZE), 1 on PGlite,
// whose single session cannot hold two transactions.
import type { AppContext } from '../context.ts';

export function engineShards(ctx: Pick<AppContext, 'config' | 'database'>): number {
  return ctx.database.backend === 'postgres'
    ? Math.min(ctx.config.ENGINE_SHARDS, ctx.config.DB_POOL_SIZE)
    : 1;
}
