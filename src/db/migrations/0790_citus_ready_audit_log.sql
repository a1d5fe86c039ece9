-- Citus readiness: the audit log is a tenant table like the others, so its key starts with org_id
-- and org_id is never NULL (a distributed table's distribution column cannot be). Entries that
-- belong to no organization (operator and installation-wide actions) use org 0, as caught_mail does.
UPDATE audit_log SET org_id = 0 WHERE org_id IS NULL;
ALTER TABLE audit_log ALTER COLUMN org_id SET DEFAULT 0;
ALTER TABLE audit_log ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
ALTER TABLE audit_log ADD PRIMARY KEY (org_id, id);
