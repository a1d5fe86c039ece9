-- The send queue ahead, kept (issue 15: the console's Today screen shows it within a second).
-- send_queue_forecasts holds, per location and span of days, the last forecast computed (previewSendQueue: the
-- engine's own decisions for the coming days, rolled back) with the snapshot it was computed on.
-- send_queue_changes records, per organization, each transaction that wrote data the engine
-- reads (one row per transaction: its xid8). A kept forecast is used only when no such
-- transaction is invisible to its snapshot (nothing it depends on has changed since), for the
-- same days, and for at most a day; otherwise it is computed again (src/engine/send-queue.ts).
CREATE TABLE send_queue_forecasts (
  org_id bigint NOT NULL,
  location_id bigint NOT NULL,
  from_day date NOT NULL,
  days int NOT NULL,
  -- The `now` the decisions were computed with (rows to be decided are attempted no earlier).
  computed_now timestamptz NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  snapshot pg_snapshot NOT NULL,
  items jsonb NOT NULL,
  PRIMARY KEY (org_id, location_id, from_day, days),
  FOREIGN KEY (org_id, location_id) REFERENCES locations (org_id, id) ON DELETE CASCADE
);

CREATE TABLE send_queue_changes (
  org_id bigint NOT NULL,
  xid xid8 NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, xid)
);
CREATE INDEX send_queue_changes_at ON send_queue_changes (at);

-- Statement-level: one insert per statement whatever its size (rows of no organization, the
-- operators, are no tenant's data); the key is the transaction's own,
-- so concurrent writers never wait on each other here.
CREATE FUNCTION send_queue_changed_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO send_queue_changes (org_id, xid) SELECT DISTINCT org_id, pg_current_xact_id() FROM new_rows WHERE org_id IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION send_queue_changed_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO send_queue_changes (org_id, xid) SELECT DISTINCT org_id, pg_current_xact_id() FROM old_rows WHERE org_id IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- Every table the daily run's decisions read (checked by src/engine/send-queue.test.ts).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['appointments', 'campaigns', 'control_groups', 'customer_consents', 'customers',
    'locations', 'maintenance_schedule_items', 'maintenance_schedules', 'mechanics', 'message_rules', 'messages',
    'odometer_readings', 'promotions', 'recommendations', 'repair_order_lines', 'repair_orders', 'sms_opt_outs',
    'staff_tasks', 'surveys', 'user_roles', 'users', 'vehicle_maintenance', 'vehicles']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION send_queue_changed_new()', t || '_send_queue_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION send_queue_changed_new()', t || '_send_queue_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION send_queue_changed_old()', t || '_send_queue_del', t);
  END LOOP;
END $$;
