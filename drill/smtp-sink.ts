// The drills' SMTP sink on loopback: counts what arrives by Message-ID, and can go down and come
// back on the same port (all open connections cut) to play an SMTP outage. A client that signs in
// (any user name and password are accepted) is told apart by its user name: the kill drill gives
// each worker process its own, to know which process sent what and when.
import { SMTPServer } from 'smtp-server';
import type { Socket } from 'node:net';

export interface DrillSink {
  url: string;
  /** Times each Message-ID was received. */
  counts: Map<string, number>;
  received(): number;
  /** Per signed-in user name: messages received and when the last one was (performance.now()). */
  byUser: Map<string, { received: number; lastAt: number }>;
  /** The user name that first delivered each Message-ID ('' when not signed in). */
  firstFrom: Map<string, string>;
  /** When each Message-ID was first received (performance.now()). */
  firstAt: Map<string, number>;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** `onReceive`: told of each message as it is accepted (the sink process reports to the drill). */
export async function startDrillSink(
  port: number,
  onReceive?: (id: string, user: string, at: number) => void,
): Promise<DrillSink> {
  const counts = new Map<string, number>();
  const byUser = new Map<string, { received: number; lastAt: number }>();
  const firstFrom = new Map<string, string>();
  const firstAt = new Map<string, number>();
  let total = 0;
  let server: SMTPServer | null = null;
  const sockets = new Set<Socket>();
  const up = async () => {
    const s = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth(auth, _session, callback) {
        callback(null, { user: auth.username });
      },
      onData(stream, session, callback) {
        let head = '';
        stream.on('data', (c: Buffer) => {
          if (head.length < 8192) head += c.toString('utf8');
        });
        stream.on('end', () => {
          const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? `no-id-${total}`;
          counts.set(id, (counts.get(id) ?? 0) + 1);
          const user = typeof session.user === 'string' ? session.user : '';
          const u = byUser.get(user) ?? { received: 0, lastAt: 0 };
          u.received++;
          u.lastAt = performance.now();
          if (!firstFrom.has(id)) {
            firstFrom.set(id, user);
            firstAt.set(id, u.lastAt);
          }
          byUser.set(user, u);
          total++;
          callback();
          onReceive?.(id, user, u.lastAt);
        });
      },
    });
    s.on('error', () => undefined); // clients killed mid-session reset their sockets
    s.server.on('connection', (sock: Socket) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
    });
    await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve));
    server = s;
  };
  const down = async () => {
    const s = server;
    server = null;
    if (!s) return;
    const closed = new Promise<void>((resolve) => s.server.close(() => resolve()));
    for (const sock of sockets) sock.destroy();
    await closed;
  };
  await up();
  return {
    url: `smtp://127.0.0.1:${port}`,
    counts,
    received: () => total,
    byUser,
    firstFrom,
    firstAt,
    down,
    up,
    close: down,
  };
}
