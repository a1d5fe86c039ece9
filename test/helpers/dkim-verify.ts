// DKIM verification for tests (relaxed/relaxed, rsa-sha256, RFC 6376), so a test can prove the
// signature holds and which headers it covers without a DNS lookup.
import { createHash, createVerify, type KeyObject } from 'node:crypto';

function splitMessage(raw: string): { headers: Array<{ name: string; raw: string }>; body: string } {
  const text = raw.replace(/\r?\n/g, '\r\n');
  const at = text.indexOf('\r\n\r\n');
  const head = text.slice(0, at);
  const body = text.slice(at + 4);
  const headers: Array<{ name: string; raw: string }> = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1]!.raw += `\r\n${line}`;
    else headers.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), raw: line });
  }
  return { headers, body };
}

function relaxedHeader(raw: string): string {
  const i = raw.indexOf(':');
  return `${raw.slice(0, i).trim().toLowerCase()}:${raw
    .slice(i + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim()}`;
}

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

export interface DkimResult {
  bodyHashOk: boolean;
  signatureOk: boolean;
  signedHeaders: string[];
  domain: string;
  selector: string;
}

export function verifyDkim(raw: string, publicKey: KeyObject): DkimResult {
  const { headers, body } = splitMessage(raw);
  const sigHeader = headers.find((h) => h.name === 'dkim-signature');
  if (!sigHeader) throw new Error('no DKIM-Signature header');
  const value = sigHeader.raw.slice(sigHeader.raw.indexOf(':') + 1).replace(/\r\n/g, '');
  const tags = Object.fromEntries(
    value
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1).replace(/\s+/g, '')]),
  );
  if (tags.c !== 'relaxed/relaxed' || tags.a !== 'rsa-sha256')
    throw new Error(`unsupported DKIM c=${tags.c} a=${tags.a}`);
  const bodyHash = createHash('sha256').update(relaxedBody(body)).digest('base64');
  const signed = String(tags.h)
    .split(':')
    .map((h) => h.toLowerCase());
  const pool = headers.filter((h) => h !== sigHeader);
  const used = new Set<number>();
  const lines: string[] = [];
  for (const name of signed) {
    // Bottom-up: the last unused occurrence of each name.
    for (let i = pool.length - 1; i >= 0; i--) {
      if (pool[i]!.name === name && !used.has(i)) {
        used.add(i);
        lines.push(relaxedHeader(pool[i]!.raw));
        break;
      }
    }
  }
  const sigWithoutB = relaxedHeader(sigHeader.raw)
    .replace(/b=[^;]*$/, 'b=')
    .replace(/(;\s*)b=[^;]*(;|$)/, '$1b=$2');
  const data = [...lines, sigWithoutB].join('\r\n');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(data);
  return {
    bodyHashOk: bodyHash === tags.bh,
    signatureOk: verifier.verify(publicKey, Buffer.from(String(tags.b), 'base64')),
    signedHeaders: signed,
    domain: String(tags.d),
    selector: String(tags.s),
  };
}
