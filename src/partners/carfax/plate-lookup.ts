// CARFAX plate lookup: a licence plate and its state or province → the vehicle's VIN, for a
// location subscribed to CARFAX. One HTTPS GET per lookup (the protocol is in docs/partners.md):
//   GET <lookup_endpoint>?plate=ABC123&region=QC&country=CA
//   Accept: application/json   Authorization: Bearer <token>   X-Carfax-Account: <account_id>
// 200 {"status":"FOUND","vehicles":[{"vin","year","make","model"}]} → the first VIN;
// 200 {"status":"NOT_FOUND"} or 404 → not found; 401 → credentials refused; 403 → not
// subscribed to the lookup; 429, 5xx, a time-out, a network error or an answer that is not the
// protocol → provider down. Every failure is a PlateLookupError with its kind.
import { checkVin } from '../../domain/vin/check-vin.ts';
import type { Secret } from '../secret.ts';

export type PlateLookupFailure = 'not_found' | 'not_subscribed' | 'credentials_refused' | 'provider_down';

export class PlateLookupError extends Error {
  readonly kind: PlateLookupFailure;
  constructor(kind: PlateLookupFailure, message: string) {
    super(message);
    this.kind = kind;
  }
}

const PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'];

/** A plate as registries write it: letters and digits only, upper case ("abc-123 " → "ABC123"). */
export function normalizePlate(plate: string): string {
  return plate.toUpperCase().replace(/[\s-]/g, '');
}

export function regionCountry(region: string): 'CA' | 'US' {
  return PROVINCES.includes(region) ? 'CA' : 'US';
}

export interface PlateLookupOptions {
  endpoint: string;
  accountId?: string;
  token: Secret;
  plate: string;
  region: string;
  /** The whole lookup, connection included (default 5 s: a person waits at the counter). */
  timeoutMs?: number;
}

export interface PlateLookupAnswer {
  vin: string;
  /** What the provider says of the vehicle (informative; the card is filled from our decode). */
  year: number | null;
  make: string | null;
  model: string | null;
}

interface ProviderVehicle {
  vin?: unknown;
  year?: unknown;
  make?: unknown;
  model?: unknown;
}

export async function carfaxPlateToVin(o: PlateLookupOptions): Promise<PlateLookupAnswer> {
  const url = new URL(o.endpoint);
  url.searchParams.set('plate', o.plate);
  url.searchParams.set('region', o.region);
  url.searchParams.set('country', regionCountry(o.region));
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${o.token.reveal()}`,
  };
  if (o.accountId) headers['x-carfax-account'] = o.accountId;
  const timeoutMs = o.timeoutMs ?? 5_000;
  const where = `plate ${o.plate} (${o.region})`;
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    status = res.status;
    text = await res.text();
  } catch (err) {
    const e = err as Error;
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : 'cannot be reached';
    throw new PlateLookupError('provider_down', `CARFAX plate lookup ${why}; try again later`);
  }
  if (status === 404) throw new PlateLookupError('not_found', `CARFAX has no vehicle for ${where}`);
  if (status === 401)
    throw new PlateLookupError(
      'credentials_refused',
      'CARFAX refused the account credentials: check the CARFAX token in the settings',
    );
  if (status === 403)
    throw new PlateLookupError(
      'not_subscribed',
      'CARFAX says this account is not subscribed to the plate lookup',
    );
  if (status < 200 || status >= 300)
    throw new PlateLookupError('provider_down', `CARFAX plate lookup answered ${status}; try again later`);
  let body: { status?: unknown; vehicles?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new PlateLookupError('provider_down', 'CARFAX plate lookup sent an answer that is not JSON');
  }
  const vehicles = Array.isArray(body.vehicles) ? (body.vehicles as ProviderVehicle[]) : [];
  if (body.status === 'NOT_FOUND' || (body.status === 'FOUND' && vehicles.length === 0))
    throw new PlateLookupError('not_found', `CARFAX has no vehicle for ${where}`);
  const first = vehicles[0];
  const check = typeof first?.vin === 'string' ? checkVin(first.vin) : null;
  if (body.status !== 'FOUND' || !check?.ok)
    throw new PlateLookupError('provider_down', 'CARFAX plate lookup sent an answer Relance cannot read');
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return {
    vin: check.vin,
    year: typeof first!.year === 'number' ? first!.year : null,
    make: str(first!.make),
    model: str(first!.model),
  };
}
