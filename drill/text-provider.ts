// The drills' text provider on loopback: the suite's fake of a Twilio-compatible API
// (test/helpers/fake-sms-provider.ts), counting what arrives by the number texted (each drill
// customer has its own), and able to go down and come back on the same port. The kill drill tells
// the worker processes apart by the StatusCallback each sends: every process gets its own
// PUBLIC_URL (http://w3.relance.drill), so the callback's host names the process that sent.
import { startFakeSmsProvider, type FakeSmsProvider } from '../test/helpers/fake-sms-provider.ts';
import type { DrillSink } from './smtp-sink.ts';

export interface DrillTextProvider extends DrillSink {
  provider: FakeSmsProvider;
}

/** `onReceive`: told of each text as it is accepted (the provider's process reports to the drill). */
export async function startDrillTextProvider(
  port: number,
  onReceive?: (to: string, user: string, at: number) => void,
  credentials: { accountSid?: string; authToken?: string } = {},
): Promise<DrillTextProvider> {
  const counts = new Map<string, number>();
  const byUser = new Map<string, { received: number; lastAt: number }>();
  const firstFrom = new Map<string, string>();
  const firstAt = new Map<string, number>();
  let total = 0;
  const provider = await startFakeSmsProvider({
    ...credentials,
    port,
    keep: false,
    onText(text) {
      counts.set(text.to, (counts.get(text.to) ?? 0) + 1);
      const user = text.statusCallback ? new URL(text.statusCallback).hostname.split('.')[0]! : '';
      const u = byUser.get(user) ?? { received: 0, lastAt: 0 };
      u.received++;
      u.lastAt = performance.now();
      if (!firstFrom.has(text.to)) {
        firstFrom.set(text.to, user);
        firstAt.set(text.to, u.lastAt);
      }
      byUser.set(user, u);
      total++;
      onReceive?.(text.to, user, u.lastAt);
    },
  });
  return {
    provider,
    url: provider.url,
    counts,
    received: () => total,
    byUser,
    firstFrom,
    firstAt,
    down: provider.down,
    up: provider.up,
    close: provider.close,
  };
}
