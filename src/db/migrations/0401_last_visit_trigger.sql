-- customers.last_visit_on and vehicles.last_visit_on = the latest closed_on of their closed
-- repair orders, kept by the database so every write path (import, API, demo, psql) agrees.
-- Statement-level triggers with transition tables: one set-based UPDATE per statement, not
-- one per row, so a 500-row import batch costs two UPDATEs. A bulk loader that computes the
-- columns itself may skip them with SET LOCAL session_replication_role = replica.

CREATE FUNCTION refresh_last_visit(p_org bigint[], p_customer bigint[], p_vehicle bigint[])
RETURNS void LANGUAGE sql AS $$
  UPDATE customers c SET last_visit_on = x.last
  FROM (
    SELECT a.org_id, a.customer_id,
           (SELECT max(r.closed_on) FROM repair_orders r
             WHERE r.org_id = a.org_id AND r.customer_id = a.customer_id AND r.status = 'closed') AS last
    FROM (SELECT DISTINCT o AS org_id, cu AS customer_id
            FROM unnest(p_org, p_customer) AS t(o, cu) WHERE cu IS NOT NULL) a
  ) x
  WHERE c.org_id = x.org_id AND c.id = x.customer_id AND c.last_visit_on IS DISTINCT FROM x.last;

  UPDATE vehicles v SET last_visit_on = x.last
  FROM (
    SELECT a.org_id, a.vehicle_id,
           (SELECT max(r.closed_on) FROM repair_orders r
             WHERE r.org_id = a.org_id AND r.vehicle_id = a.vehicle_id AND r.status = 'closed') AS last
    FROM (SELECT DISTINCT o AS org_id, ve AS vehicle_id
            FROM unnest(p_org, p_vehicle) AS t(o, ve) WHERE ve IS NOT NULL) a
  ) x
  WHERE v.org_id = x.org_id AND v.id = x.vehicle_id AND v.last_visit_on IS DISTINCT FROM x.last;
$$;

-- One trigger function per event: a trigger with transition tables may have only one event.
CREATE FUNCTION repair_orders_last_visit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; c bigint[]; v bigint[];
BEGIN
  SELECT array_agg(org_id), array_agg(customer_id), array_agg(vehicle_id) INTO o, c, v FROM new_rows;
  PERFORM refresh_last_visit(o, c, v);
  RETURN NULL;
END $$;

CREATE FUNCTION repair_orders_last_visit_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; c bigint[]; v bigint[];
BEGIN
  SELECT array_agg(org_id), array_agg(customer_id), array_agg(vehicle_id) INTO o, c, v FROM old_rows;
  PERFORM refresh_last_visit(o, c, v);
  RETURN NULL;
END $$;

-- An update can move an invoice from one customer or vehicle to another: refresh both sides.
CREATE FUNCTION repair_orders_last_visit_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; c bigint[]; v bigint[];
BEGIN
  SELECT array_agg(org_id), array_agg(customer_id), array_agg(vehicle_id) INTO o, c, v
    FROM (SELECT org_id, customer_id, vehicle_id FROM new_rows
          UNION ALL SELECT org_id, customer_id, vehicle_id FROM old_rows) t;
  PERFORM refresh_last_visit(o, c, v);
  RETURN NULL;
END $$;

CREATE TRIGGER repair_orders_last_visit_ins AFTER INSERT ON repair_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION repair_orders_last_visit_insert();
CREATE TRIGGER repair_orders_last_visit_del AFTER DELETE ON repair_orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION repair_orders_last_visit_delete();
CREATE TRIGGER repair_orders_last_visit_upd AFTER UPDATE ON repair_orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION repair_orders_last_visit_update();
