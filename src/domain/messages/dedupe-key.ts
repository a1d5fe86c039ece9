// The exactly-once key of a message, unique per organization (messages.dedupe_key):
//   <recipient>/<subject>/<kind>/<due date>   (no channel: one row per message whatever its channel)
// recipient: c<customer id> | v<appointment id> (a visitor, known only by the appointment)
//            | l<location id> (a staff digest for the whole location, E06)
// subject:   '-' (customer-level: one message per kind and day names all the vehicles)
//            | a<appointment id>@<starts_at epoch seconds> (E04, E05, NO_SHOW, REMINDER_x from a
//              booking: a moved appointment is a new subject, the old one is cancelled)
//            | x<hash> (P01: one per distinct set of changes)
//            | k<campaign id> (CAMPAIGN: one per customer and campaign; a sent campaign keeps its day)
// The SQL in src/engine/sql/dedupe.ts builds the same string.

export interface DedupeParts {
  recipient: string;
  subject: string;
  kind: string;
  dueOn: string;
}

export function dedupeKey(p: DedupeParts): string {
  return `${p.recipient}/${p.subject}/${p.kind}/${p.dueOn}`;
}

export function appointmentSubject(appointmentId: number, startsAt: Date): string {
  return `a${appointmentId}@${Math.floor(startsAt.getTime() / 1000)}`;
}
