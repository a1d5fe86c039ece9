// zod field parsers for CSV cells (always strings): trimmed, empty means absent, and a clear
// reason naming the expected format when a value is wrong. Each kind's schema is built from these.
import { z } from 'zod';
import { toE164 } from '../domain/sms/mobile-number.ts';

type Ctx = z.core.$RefinementCtx<unknown>;
const fail = (ctx: Ctx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};
const cell = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim());

/** Optional text: empty becomes null. */
export const text = (max = 200) =>
  cell.transform((v, ctx) =>
    v === '' ? null : v.length > max ? fail(ctx, `is longer than ${max} characters`) : v,
  );

/** Required text. */
export const requiredText = (max = 200) =>
  cell.transform((v, ctx) =>
    v === '' ? fail(ctx, 'is required') : v.length > max ? fail(ctx, `is longer than ${max} characters`) : v,
  );

/** A real calendar date written YYYY-MM-DD (2025-02-30 is refused). */
export function isRealDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 1900 &&
    y <= 2100 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d
  );
}

export const date = () =>
  cell.transform((v, ctx) => {
    if (v === '') return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return fail(ctx, `"${v}" is not a date in the form YYYY-MM-DD`);
    return isRealDate(v) ? v : fail(ctx, `"${v}" is not a real date`);
  });

export const requiredDate = () => date().transform((v, ctx) => (v === null ? fail(ctx, 'is required') : v));

/** A number with a dot for decimals (a decimal comma "12,50" is accepted too). */
export const decimal = (options: { min?: number; integer?: boolean } = {}) =>
  cell.transform((v, ctx) => {
    if (v === '') return null;
    const normal = v.replace(/\s/g, '').replace(/^(-?\d+),(\d{1,2})$/, '$1.$2');
    if (!/^-?\d+(\.\d+)?$/.test(normal)) return fail(ctx, `"${v}" is not a number`);
    const n = Number(normal);
    if (options.integer && !Number.isInteger(n)) return fail(ctx, `"${v}" is not a whole number`);
    if (options.min !== undefined && n < options.min) return fail(ctx, `${v} is below ${options.min}`);
    if (Math.abs(n) >= 1e9) return fail(ctx, `${v} is too large`);
    return n;
  });

const TRUE = new Set(['1', 'y', 'yes', 'true', 'o', 'oui', 'si', 'sí', 'x']);
const FALSE = new Set(['0', 'n', 'no', 'false', 'non', '']);
export const flag = () =>
  cell.transform((v, ctx) => {
    const l = v.toLowerCase();
    if (TRUE.has(l)) return true;
    if (FALSE.has(l)) return false;
    return fail(ctx, `"${v}" is not yes/no (use 1/0, yes/no or true/false)`);
  });

export const oneOf = <T extends string>(values: readonly T[], fallback: T | null = null) =>
  cell.transform((v, ctx): T | null => {
    if (v === '') return fallback;
    const l = v.toLowerCase() as T;
    return values.includes(l) ? l : fail(ctx, `"${v}" is not one of ${values.join(', ')}`);
  });

export const email = () =>
  cell.transform((v, ctx) => {
    if (v === '') return null;
    return /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(v)
      ? v.toLowerCase()
      : fail(ctx, `"${v}" is not an e-mail address`);
  });

/** A mobile number for texts: E.164 once spaces, dashes, dots and brackets are removed. */
export const e164 = () =>
  cell.transform((v, ctx) => {
    if (v === '') return null;
    return (
      toE164(v) ??
      fail(ctx, `"${v}" is not a mobile number in E.164 form (+ then country code, e.g. +15145550123)`)
    );
  });
