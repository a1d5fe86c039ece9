-- Postcard batches are durable: the batch row, with its card set (message_ids, never changed
-- afterwards), is written in the transaction that claims the cards, and the batch is retried as
-- the same batch (same id = the print vendor's idempotency key, same cards) after a crash or a
-- vendor failure, until the vendor accepts or refuses it. status 'building' = open (being built,
-- uploaded, or waiting for its next attempt). The card set is one array, not a row per card: a
-- batch of 20,000 cards is written in one row, and it is only ever read whole.
ALTER TABLE postcard_batches ADD COLUMN claimed_by text;
ALTER TABLE postcard_batches ADD COLUMN lease_until timestamptz;
ALTER TABLE postcard_batches ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE postcard_batches ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE postcard_batches ADD COLUMN message_ids bigint[] NOT NULL DEFAULT '{}';

CREATE INDEX postcard_batches_open_idx ON postcard_batches (next_attempt_at) WHERE status = 'building';

-- Batches written before this migration have no card set: an unfinished one is closed. Its cards
-- (still 'sending') go back to pending once their lease expires (run-postcard-batches.ts).
UPDATE postcard_batches SET status = 'failed', error = coalesce(error, 'closed by migration 0650: written before batches were durable')
 WHERE status = 'building';
