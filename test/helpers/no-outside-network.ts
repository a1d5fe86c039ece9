// Tests talk to loopback only: any connection attempt to another host fails the test at once.
import net from 'node:net';

const loopback = /^(127\.|::1$|localhost$|::ffff:127\.)/;
const original = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const host =
    typeof first === 'object' && first !== null && 'host' in first
      ? String((first as { host?: string }).host ?? 'localhost')
      : typeof args[1] === 'string'
        ? args[1]
        : 'localhost';
  const isPath = typeof first === 'object' && first !== null && 'path' in first;
  if (!isPath && !loopback.test(host)) throw new Error(`Test tried to reach an outside host: ${host}`);
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
