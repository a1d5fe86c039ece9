// An SMTP sink in its own process for the send benchmark: like a real mail server, it does not
// share the sender's event loop. Prints its port on stdout, counts what it accepts.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

let accepted = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      accepted++;
      callback();
    });
  },
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.server.address() as AddressInfo).port}\n`);
});
process.on('message', (m) => {
  if (m === 'count') process.send?.(accepted);
  if (m === 'stop') server.close(() => process.exit(0));
});
