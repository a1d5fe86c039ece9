// A mobile number texts go to (customers.mobile_phone, a location's sender number): E.164, a +
// then the country code and number, 8 to 16 characters in all (+15145550123). One rule for every
// way a number comes in: the staff API and the console take it as written (`E164`), the CSV
// import and the customer portal also take it with the spaces, dashes, dots and brackets people
// type (`toE164`), and store it without them, so the number a STOP comes from matches it.
export const E164 = /^\+[1-9]\d{6,14}$/;

/** The characters people write between digits, which a stored number never holds. */
const SEPARATORS = /[\s\-.()]/g;

/** The number in E.164 once separators are removed, or null when it is not one. */
export function toE164(written: string): string | null {
  const n = written.replace(SEPARATORS, '');
  return E164.test(n) ? n : null;
}
