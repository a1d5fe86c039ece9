-- Location boundaries in the development mailbox (issue 12 item 6): caught mail carries the location
-- it was sent for, and /mailbox shows a staff reader only the mail of the locations where their role
-- may read messages, plus mail of no location (a password reset: their own only). Mail caught
-- before this migration has no location.
ALTER TABLE caught_mail ADD COLUMN location_id bigint;
