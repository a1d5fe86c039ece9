-- Engine: each vehicle's predicted next maintenance (so the daily run finds E01s through an
-- index instead of predicting over every vehicle every day), and the vehicles whose prediction
-- must be recomputed because their history or their schedule changed.

CREATE TABLE vehicle_maintenance (
  org_id             bigint NOT NULL,
  vehicle_id         bigint NOT NULL,
  location_id        bigint NOT NULL,
  next_due_on        date,                 -- earliest due date over the schedule's items
  next_due_odometer  integer,              -- odometer at which the earliest distance item falls due
  items              jsonb NOT NULL DEFAULT '[]',  -- [{code, description, due_on, due_odometer}] due on or near next_due_on
  computed_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, vehicle_id),
  FOREIGN KEY (org_id, vehicle_id) REFERENCES vehicles (org_id, id) ON DELETE CASCADE
);
CREATE INDEX vehicle_maintenance_due_idx ON vehicle_maintenance (org_id, location_id, next_due_on);

CREATE TABLE maintenance_dirty (
  org_id      bigint NOT NULL,
  vehicle_id  bigint NOT NULL,
  PRIMARY KEY (org_id, vehicle_id)
);

-- Statement-level triggers with transition tables: one set-based insert per statement, so a
-- bulk import pays one extra INSERT ... SELECT, not one per row.
CREATE FUNCTION engine_mark_vehicles_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'vehicles' THEN
    INSERT INTO maintenance_dirty (org_id, vehicle_id)
      SELECT DISTINCT org_id, id FROM new_rows ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO maintenance_dirty (org_id, vehicle_id)
      SELECT DISTINCT org_id, vehicle_id FROM new_rows WHERE vehicle_id IS NOT NULL ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER vehicles_maintenance_dirty_ins AFTER INSERT ON vehicles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION engine_mark_vehicles_dirty();
CREATE TRIGGER vehicles_maintenance_dirty_upd AFTER UPDATE ON vehicles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION engine_mark_vehicles_dirty();
CREATE TRIGGER repair_orders_maintenance_dirty_ins AFTER INSERT ON repair_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION engine_mark_vehicles_dirty();
CREATE TRIGGER repair_orders_maintenance_dirty_upd AFTER UPDATE ON repair_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION engine_mark_vehicles_dirty();
CREATE TRIGGER odometer_maintenance_dirty_ins AFTER INSERT ON odometer_readings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION engine_mark_vehicles_dirty();

-- A schedule edit changes the prediction of every vehicle of its location.
CREATE FUNCTION engine_mark_schedule_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO maintenance_dirty (org_id, vehicle_id)
    SELECT v.org_id, v.id FROM vehicles v
    WHERE (v.org_id, v.location_id) IN (
      SELECT s.org_id, s.location_id FROM maintenance_schedules s
      WHERE (s.org_id, s.id) IN (SELECT org_id, schedule_id FROM changed_rows))
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER schedule_items_dirty_ins AFTER INSERT ON maintenance_schedule_items
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION engine_mark_schedule_dirty();
CREATE TRIGGER schedule_items_dirty_upd AFTER UPDATE ON maintenance_schedule_items
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION engine_mark_schedule_dirty();
CREATE TRIGGER schedule_items_dirty_del AFTER DELETE ON maintenance_schedule_items
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION engine_mark_schedule_dirty();

-- The daily run cancels reminders of appointments that changed; it scans pending messages
-- that carry an appointment.
CREATE INDEX messages_pending_appointment_idx ON messages (org_id, appointment_id) WHERE status = 'pending' AND appointment_id IS NOT NULL;

-- E06 digests the answered surveys not yet digested, per location.
CREATE INDEX surveys_undigested_idx ON surveys (org_id, location_id) WHERE digested_at IS NULL AND answered_at IS NOT NULL;
