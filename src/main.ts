// npm start: boot (create + migrate the database), demo data on first start, the HTTP
// service and the background jobs (daily run, sending) in one process.
import { boot } from './boot.ts';
import { ConfigError } from './config/env.ts';
import { buildApp } from './http/app.ts';
import { JOBS } from './jobs/registry.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { demoPassword, ensureDemoData, DEMO_LOGIN } from './demo/first-start.ts';
import { ensureConsoleBuilt } from './http/console/console-dist.ts';
import { requestLogging } from './config/logger.ts';
import { senderAlignmentWarnings } from './config/sender-alignment.ts';
import { markStopping } from './lifecycle.ts';

async function main(): Promise<void> {
  await ensureConsoleBuilt();
  const ctx = await boot();
  for (const warning of senderAlignmentWarnings(ctx.config)) ctx.log.warn(`Warning: ${warning}`);
  const password = demoPassword(ctx);
  const created = ctx.config.DEMO_DATA === 'on' ? await ensureDemoData(ctx, password) : false;
  const app = await buildApp(ctx, {
    requestLog: requestLogging(ctx.config),
  });
  await app.listen({ host: ctx.config.HOST, port: ctx.config.PORT });
  const scheduler = startScheduler(ctx, JOBS);
  const backend =
    ctx.database.backend === 'pglite'
      ? `embedded database in ${ctx.config.RELANCE_DATA_DIR}/pglite`
      : 'PostgreSQL';
  console.log(`Relance is running at ${ctx.config.publicUrl} (${backend})`);
  if (created) console.log('Demo data loaded.');
  // In production the demo owner's random password is shown once, when it is made.
  if (ctx.config.DEMO_DATA === 'on' && (created || ctx.config.NODE_ENV !== 'production'))
    console.log(`Demo login: ${DEMO_LOGIN.email} / ${password}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    markStopping();
    await scheduler.stop();
    await app.close();
    await ctx.database.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`Relance could not start: ${(err as Error).message}`);
  process.exit(1);
});
