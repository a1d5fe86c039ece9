-- Results (docs/results.md): the attribution window of each location, promotions that can be
-- scheduled and ended, and the control group of each kind.

-- Days after a message during which a visit counts as brought back by it.
ALTER TABLE locations ADD COLUMN attribution_days integer NOT NULL DEFAULT 30
  CHECK (attribution_days BETWEEN 1 AND 365);

-- A promotion runs from valid_from to valid_until (both inclusive, NULL = open); ending it sets
-- ended_on (the last day it ran) and active = false. E07 sends the newest one running that day.
ALTER TABLE promotions ADD COLUMN valid_from date;
ALTER TABLE promotions ADD COLUMN ended_on date;
ALTER TABLE promotions ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE promotions ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE promotions ADD CONSTRAINT promotions_dates_check
  CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until);
CREATE INDEX promotions_location_idx ON promotions (org_id, location_id, id);

-- Control group: this share of a kind's customer messages is held back (status held, reason
-- control_group), chosen by a hash of the message's dedupe key, so a re-run holds the same ones.
CREATE TABLE control_groups (
  org_id       bigint NOT NULL,
  location_id  bigint NOT NULL,
  kind         text NOT NULL,
  share        numeric(4, 3) NOT NULL CHECK (share >= 0 AND share <= 0.5),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, location_id, kind),
  FOREIGN KEY (org_id, location_id) REFERENCES locations (org_id, id) ON DELETE CASCADE
);

-- Results read a location's messages by day and kind (attribution, lift).
CREATE INDEX messages_location_kind_day_idx ON messages (org_id, location_id, due_on, kind) WHERE recipient_type = 'customer';
