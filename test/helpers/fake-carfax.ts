// A local server speaking the CARFAX plate-lookup protocol (docs/partners.md) on port 0, for
// tests: known plates answer FOUND, the token "bad-token" gets 401, the account "NOSUB" 403,
// plate "SLOW" never answers in time, "DOWN" 503, "BUSY" 429 (rate limited), "JUNK" a non-JSON body, "EMPTY" FOUND with no
// vehicle, anything else NOT_FOUND (or 404 for plate "GONE"). It records each request.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCarfax {
  url: string;
  requests: { path: string; query: Record<string, string>; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startFakeCarfax(plates: Record<string, string>): Promise<FakeCarfax> {
  const requests: FakeCarfax['requests'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query, headers: req.headers });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization === 'Bearer bad-token') return json(401, { error: 'invalid token' });
    if (req.headers['x-carfax-account'] === 'NOSUB') return json(403, { status: 'NOT_SUBSCRIBED' });
    const plate = query.plate ?? '';
    if (plate === 'SLOW') return setTimeout(() => json(200, { status: 'NOT_FOUND' }), 2_000).unref();
    if (plate === 'DOWN') return json(503, { error: 'maintenance' });
    if (plate === 'BUSY') return json(429, { error: 'too many requests' });
    if (plate === 'JUNK') return res.end('<html>gateway</html>');
    if (plate === 'EMPTY') return json(200, { status: 'FOUND', vehicles: [] });
    if (plate === 'GONE') return json(404, { error: 'no such plate' });
    const vin = plates[`${plate}/${query.region}`];
    if (!vin) return json(200, { status: 'NOT_FOUND', vehicles: [] });
    json(200, { status: 'FOUND', vehicles: [{ vin, year: 2006, make: 'CHEVROLET', model: 'MALIBU' }] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/quickvin/plate`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
