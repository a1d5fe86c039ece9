-- P02 (issue 14): the email that tells a location's service advisor of an appointment requested
-- in the portal or on the public booking page. New locations get its rule from defaultRules();
-- existing ones get it here, on (email 1, postcard 0), like P01.
INSERT INTO message_rules (org_id, location_id, kind, channel, days, interval_days, dead_days, priority)
SELECT l.org_id, l.id, 'P02', ch.channel, CASE WHEN ch.channel = 'email' THEN 1 ELSE 0 END, NULL, NULL, 0
FROM locations l
CROSS JOIN (VALUES ('email'), ('postcard')) AS ch(channel)
ON CONFLICT DO NOTHING;
