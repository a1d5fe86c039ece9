-- Maintenance schedules: deleting a schedule, or retargeting it (make, model, location), changes
-- which schedule applies to the vehicles of its location, so their predictions are recomputed.
-- The items trigger of 0100 cannot see this: when a schedule is deleted its items go by cascade,
-- and that trigger looks the schedule up after it is gone. This one reads the schedule rows
-- themselves (old and new), one set-based INSERT per statement.
CREATE FUNCTION engine_mark_schedule_rows_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO maintenance_dirty (org_id, vehicle_id)
      SELECT v.org_id, v.id FROM vehicles v
      WHERE (v.org_id, v.location_id) IN (SELECT org_id, location_id FROM old_rows)
      ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO maintenance_dirty (org_id, vehicle_id)
      SELECT v.org_id, v.id FROM vehicles v
      WHERE (v.org_id, v.location_id) IN (SELECT org_id, location_id FROM new_rows)
      ON CONFLICT DO NOTHING;
  ELSE
    -- A rename changes no prediction; make, model or location does.
    INSERT INTO maintenance_dirty (org_id, vehicle_id)
      SELECT v.org_id, v.id FROM vehicles v
      WHERE (v.org_id, v.location_id) IN (
        SELECT o.org_id, o.location_id FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
        WHERE (o.make, o.model, o.location_id) IS DISTINCT FROM (n.make, n.model, n.location_id)
        UNION
        SELECT n.org_id, n.location_id FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
        WHERE (o.make, o.model, o.location_id) IS DISTINCT FROM (n.make, n.model, n.location_id))
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER schedules_dirty_ins AFTER INSERT ON maintenance_schedules
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION engine_mark_schedule_rows_dirty();
CREATE TRIGGER schedules_dirty_upd AFTER UPDATE ON maintenance_schedules
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION engine_mark_schedule_rows_dirty();
CREATE TRIGGER schedules_dirty_del AFTER DELETE ON maintenance_schedules
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION engine_mark_schedule_rows_dirty();
