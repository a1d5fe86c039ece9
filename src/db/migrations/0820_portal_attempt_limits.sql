-- The portal's rate limits join the staff ones in sign_in_attempts (src/accounts/attempt-limits.ts),
-- so every web process shares them: requests for a sign-in link (portal_link) and visitors'
-- booking requests (visitor_booking), counted per email address and per client address.
ALTER TABLE sign_in_attempts DROP CONSTRAINT IF EXISTS sign_in_attempts_kind_check;
ALTER TABLE sign_in_attempts ADD CONSTRAINT sign_in_attempts_kind_check
  CHECK (kind IN ('sign_in', 'reset', 'portal_link', 'visitor_booking'));
