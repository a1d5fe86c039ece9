-- API: indexes behind the staff API's lookups and keyset-paginated lists.
-- Closing every session of a user (password reset, disabling) and finding a user's reset tokens.
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
-- Roles by location (who works here; users list filtered by location).
CREATE INDEX user_roles_location_idx ON user_roles (org_id, location_id);
-- Audit log newest first per organization, and the history of one record.
CREATE INDEX audit_log_org_id_idx ON audit_log (org_id, id);
CREATE INDEX audit_log_entity_idx ON audit_log (org_id, entity, entity_id);
-- The outbox list of a location, paged by id.
CREATE INDEX messages_location_id_idx ON messages (org_id, location_id, id);
