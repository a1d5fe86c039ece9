// The drill's SMTP sink or text provider in a process of its own (sink-process.ts starts it): it
// reports each message it accepts to the drill, which never shares its event loop.
// Arguments: smtp PORT | text PORT ACCOUNT_SID AUTH_TOKEN.
import { startDrillSink, type DrillSink } from './smtp-sink.ts';
import { startDrillTextProvider } from './text-provider.ts';

const [kind, port, accountSid, authToken] = process.argv.slice(2);
const report = (id: string, user: string, at: number) =>
  process.send?.(['r', id, user, performance.timeOrigin + at]);
const sink: DrillSink =
  kind === 'text'
    ? await startDrillTextProvider(Number(port), report, { accountSid, authToken })
    : await startDrillSink(Number(port), report);
process.on('message', (m) => {
  const done = () => process.send?.(['ok', m]);
  if (m === 'down') void sink.down().then(done);
  if (m === 'up') void sink.up().then(done);
  if (m === 'close') void sink.close().then(() => process.exit(0));
});
process.send?.(['ready']);
