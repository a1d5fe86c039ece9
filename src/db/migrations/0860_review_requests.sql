-- Review requests (issue 18): REVIEW is a new message kind, the location's public review link
-- (locations.review_link, an https:// address) after a completed visit. The same link for every
-- customer whatever their survey answer (no review gating: Google forbids asking only satisfied
-- customers). Rules at every location as new locations get them (src/domain/messages/kinds.ts):
-- 1 day after the visit by email and text, postcards off; the rule decides nothing while the
-- location has no review link.
ALTER TABLE locations ADD COLUMN review_link text
  CHECK (review_link IS NULL OR (review_link ~ '^https://[^[:space:]]+$' AND length(review_link) <= 500));

INSERT INTO message_rules (org_id, location_id, kind, channel, days, priority)
SELECT l.org_id, l.id, 'REVIEW', ch.channel, ch.days, 78
FROM locations l CROSS JOIN (VALUES ('email', 1), ('postcard', 0), ('sms', 1)) AS ch(channel, days)
ON CONFLICT (org_id, location_id, kind, channel) DO NOTHING;
