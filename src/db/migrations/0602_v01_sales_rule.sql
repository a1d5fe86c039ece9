-- V01_SALES (the sales side of V01: a staff task routed per locations.route_sales) is a new
-- message kind; existing locations get its rule rows switched off, as new locations do
-- (src/domain/messages/kinds.ts defaults).
INSERT INTO message_rules (org_id, location_id, kind, channel, days, priority)
SELECT l.org_id, l.id, 'V01_SALES', ch.channel, 0, 0
FROM locations l CROSS JOIN (VALUES ('email'), ('postcard')) AS ch(channel)
ON CONFLICT (org_id, location_id, kind, channel) DO NOTHING;
