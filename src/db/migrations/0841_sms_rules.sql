-- Texts in the daily run (issue 18): each kind that may be texted gets an sms rule at every
-- location, with the email rule's days (texts are decided like emails); locations have texts off
-- until the operator switches them on, so nothing changes for them until then. channel_rank orders
-- the channels of a kind at a location (1 first; NULL keeps the default: email, text, postcard).
ALTER TABLE message_rules ADD COLUMN channel_rank smallint CHECK (channel_rank BETWEEN 1 AND 3);

INSERT INTO message_rules (org_id, location_id, kind, channel, days, interval_days, dead_days, priority)
SELECT org_id, location_id, kind, 'sms',
       CASE WHEN kind IN ('REMINDER_1', 'REMINDER_2', 'NO_SHOW', 'THANK_YOU', 'DEFERRED', 'INACTIVE', 'V01', 'V02',
                          'E01', 'E02', 'E04', 'E05', 'E07') THEN days ELSE 0 END,
       interval_days, dead_days, priority
FROM message_rules WHERE channel = 'email'
ON CONFLICT (org_id, location_id, kind, channel) DO NOTHING;
