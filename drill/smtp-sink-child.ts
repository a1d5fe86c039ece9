// The drill's SMTP sink in a process of its own (smtp-sink-process.ts starts it): it reports each
// message it accepts to the drill, which never shares the sink's event loop.
import { startDrillSink } from './smtp-sink.ts';

const port = Number(process.argv[2]);
const sink = await startDrillSink(port, (id, user, at) =>
  process.send?.(['r', id, user, performance.timeOrigin + at]),
);
process.on('message', (m) => {
  const done = () => process.send?.(['ok', m]);
  if (m === 'down') void sink.down().then(done);
  if (m === 'up') void sink.up().then(done);
  if (m === 'close') void sink.close().then(() => process.exit(0));
});
process.send?.(['ready']);
