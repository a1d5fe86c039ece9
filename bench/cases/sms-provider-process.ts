// The local fake text provider (test/helpers/fake-sms-provider.ts) in its own process for the text
// send benchmark: like a real provider, it does not share the sender's event loop. Takes the
// account SID and auth token as arguments, prints its port on stdout, counts what it accepts.
import { startFakeSmsProvider } from '../../test/helpers/fake-sms-provider.ts';

const [accountSid, authToken] = process.argv.slice(2);
// TEXT_PROVIDER_LATENCY_MS: answer each text that long after it arrived, as a provider across the
// network (the text send path bench reports it in its line).
const latencyMs = Number(process.env.TEXT_PROVIDER_LATENCY_MS ?? 0) || 0;
const provider = await startFakeSmsProvider({ accountSid, authToken, keep: false, latencyMs });
process.stdout.write(`${new URL(provider.url).port}\n`);
process.on('message', (m) => {
  if (m === 'count') process.send?.(provider.accepted());
  if (m === 'stop') void provider.close().then(() => process.exit(0));
});
