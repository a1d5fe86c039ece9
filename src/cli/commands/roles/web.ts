// relance web [--port N]: the HTTP service alone (API, console, portal, public pages), no
// background jobs. Run as many as you like behind a load balancer; they share nothing but the
// database. On SIGTERM it answers "not ready" at once, finishes the requests in flight and exits.
import type { Command } from '../../command.ts';
import { UsageError } from '../../command.ts';
import { requestLogging } from '../../../config/logger.ts';
import { buildApp } from '../../../http/app.ts';
import { markStopping, setRole } from '../../../lifecycle.ts';
import { waitForStop } from './wait-for-stop.ts';

export const webCommand: Command = {
  name: 'web',
  summary: 'Serve HTTP only (no background jobs); run any number against one PostgreSQL',
  usage: 'relance web [--port N]',
  needsDatabase: true,
  options: { port: { type: 'string' } },
  async run({ values }, ctx) {
    if (!ctx) throw new Error('web needs the database');
    const port = values.port === undefined ? ctx.config.PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a port number (got "${String(values.port)}")`);
    setRole('web');
    const app = await buildApp(ctx, {
      requestLog: requestLogging(ctx.config),
    });
    const address = await app.listen({ host: ctx.config.HOST, port });
    console.log(`relance web: listening at ${address}`);
    await waitForStop();
    markStopping();
    await app.close();
    return 0;
  },
};
