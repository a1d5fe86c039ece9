-- A send whose worker died mid-send (its lease expired with no outcome recorded) may have reached
-- the provider: releaseExpiredLeases (delivery/worker/claim.ts) notes since when, the start of that
-- attempt (the claim's time, kept in updated_at: lease renewals move only claimed_at). A text's
-- next attempt first asks its provider for the messages it accepted to that number since then
-- (delivery/sms/reconcile.ts) and records the one it finds instead of sending it again. Several
-- crashes keep the earliest start. SMTP cannot be asked: emails get the column but do not read it.
ALTER TABLE messages ADD COLUMN unsure_since timestamptz;
