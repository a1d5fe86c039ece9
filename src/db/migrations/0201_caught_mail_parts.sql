-- The mail catcher keeps the HTML and text parts next to the raw message, so /mailbox shows them
-- without a MIME parser at run time.
ALTER TABLE caught_mail ADD COLUMN html text;
ALTER TABLE caught_mail ADD COLUMN text text;
