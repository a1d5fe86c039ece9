-- Location boundaries in the audit log (issue 12 item 6): an entry about a located record
-- (customer, vehicle, repair order, appointment, mechanic, ...) carries that record's location, and
-- GET /api/v1/audit-log shows it only to readers whose audit permission holds there. NULL is an
-- organization-wide entry (users, operator actions, visitors' unsubscribes, tokens for every location).
-- A trigger fills it from the entity, so every writer (audit(), the set-based consent import, the
-- bounce and unsubscribe paths) is covered; a writer may also give it itself.
ALTER TABLE audit_log ADD COLUMN location_id bigint;

CREATE FUNCTION audit_log_entity_location(p_org bigint, p_entity text, p_entity_id text) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  n bigint;
  loc bigint;
BEGIN
  IF p_entity_id IS NULL THEN
    RETURN NULL;
  END IF;
  -- Keyed "location/kind[/channel]".
  IF p_entity IN ('message_rule', 'control_group') THEN
    IF p_entity_id ~ '^[0-9]{1,18}/' THEN
      RETURN split_part(p_entity_id, '/', 1)::bigint;
    END IF;
    RETURN NULL;
  END IF;
  IF p_entity_id !~ '^[0-9]{1,18}$' THEN
    RETURN NULL;
  END IF;
  n := p_entity_id::bigint;
  CASE p_entity
    WHEN 'location' THEN RETURN n;
    WHEN 'customer' THEN SELECT location_id INTO loc FROM customers WHERE org_id = p_org AND id = n;
    WHEN 'vehicle' THEN SELECT location_id INTO loc FROM vehicles WHERE org_id = p_org AND id = n;
    WHEN 'repair_order' THEN SELECT location_id INTO loc FROM repair_orders WHERE org_id = p_org AND id = n;
    WHEN 'appointment' THEN SELECT location_id INTO loc FROM appointments WHERE org_id = p_org AND id = n;
    WHEN 'mechanic' THEN SELECT location_id INTO loc FROM mechanics WHERE org_id = p_org AND id = n;
    WHEN 'courtesy_vehicle' THEN SELECT location_id INTO loc FROM courtesy_vehicles WHERE org_id = p_org AND id = n;
    WHEN 'maintenance_schedule' THEN SELECT location_id INTO loc FROM maintenance_schedules WHERE org_id = p_org AND id = n;
    WHEN 'promotion' THEN SELECT location_id INTO loc FROM promotions WHERE org_id = p_org AND id = n;
    WHEN 'staff_task' THEN SELECT location_id INTO loc FROM staff_tasks WHERE org_id = p_org AND id = n;
    WHEN 'template' THEN SELECT location_id INTO loc FROM templates WHERE org_id = p_org AND id = n;
    WHEN 'api_token' THEN
      SELECT location_id INTO loc FROM api_tokens WHERE org_id = p_org AND id = n;
      RETURN loc;
    ELSE
      RETURN NULL;
  END CASE;
  IF loc IS NULL THEN
    -- The record is gone (deleted in this transaction): the location of its earlier entries.
    SELECT a.location_id INTO loc FROM audit_log a
      WHERE a.org_id = p_org AND a.entity = p_entity AND a.entity_id = p_entity_id AND a.location_id IS NOT NULL
      ORDER BY a.id DESC LIMIT 1;
  END IF;
  RETURN loc;
END
$$;

CREATE FUNCTION audit_log_set_location() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.location_id := audit_log_entity_location(NEW.org_id, NEW.entity, NEW.entity_id);
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_log_location BEFORE INSERT ON audit_log
  FOR EACH ROW WHEN (NEW.location_id IS NULL) EXECUTE FUNCTION audit_log_set_location();

UPDATE audit_log SET location_id = audit_log_entity_location(org_id, entity, entity_id)
  WHERE entity_id IS NOT NULL;

CREATE INDEX audit_log_location_idx ON audit_log (org_id, location_id, id);
