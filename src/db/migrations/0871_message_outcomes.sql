-- Results (docs/results.md, attribution): what followed each customer message sent (or held back
-- for the control group), kept by the database like customer_visits, so the attribution and lift
-- reports group one narrow row per message instead of joining the range's messages to the visits
-- of their windows. The window is the location's attribution_days; a report asking for another
-- window computes its figures from the visits (src/results/attribution.ts).
CREATE TABLE message_outcomes (
  org_id               bigint NOT NULL,
  message_id           bigint NOT NULL,
  location_id          bigint NOT NULL,
  due_on               date NOT NULL,
  month                date NOT NULL,           -- the first day of due_on's month (reports group by it)
  kind                 text NOT NULL,
  channel              text NOT NULL,
  language             text NOT NULL,
  grp                  text NOT NULL CHECK (grp IN ('sent', 'control')),
  visits               integer NOT NULL,        -- closed repair orders in due_on < d <= due_on + window
  invoice_total        numeric(14, 2) NOT NULL, -- their total_amount
  deferred_items       integer NOT NULL,        -- DEFERRED: recommendations of the message's repair order
  deferred_items_done  integer NOT NULL,        -- of them, done on a visit of the window
  PRIMARY KEY (org_id, message_id),
  FOREIGN KEY (org_id, message_id) REFERENCES messages (org_id, id) ON DELETE CASCADE
);
CREATE INDEX message_outcomes_location_day_idx ON message_outcomes (org_id, location_id, due_on);
-- The DEFERRED messages naming a repair order, for a change of its recommendations.
CREATE INDEX messages_deferred_ro_idx ON messages (org_id, repair_order_id) WHERE kind = 'DEFERRED';

-- Recomputes the outcomes of these messages (set-based, for imports and bulk changes; planned for
-- each call's arrays, a plan kept from a call on a small table would scan it whole later). The figures are those of the definition
-- in docs/results.md; messages that no longer count (not sent, not a customer's) lose their row.
CREATE FUNCTION refresh_message_outcomes(p_org bigint[], p_message bigint[])
RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  DELETE FROM message_outcomes o
  USING (SELECT DISTINCT t.o, t.id FROM unnest(p_org, p_message) AS t(o, id)) a
  WHERE o.org_id = a.o AND o.message_id = a.id;

  INSERT INTO message_outcomes (org_id, message_id, location_id, due_on, month, kind, channel, language, grp,
                                visits, invoice_total, deferred_items, deferred_items_done)
  WITH a AS (SELECT DISTINCT t.o, t.id FROM unnest(p_org, p_message) AS t(o, id)),
  m AS (
    SELECT m.org_id, m.id, m.location_id, m.customer_id, m.vehicle_id, m.repair_order_id, m.kind, m.channel,
           m.language, m.due_on, CASE WHEN m.status = 'sent' THEN 'sent' ELSE 'control' END AS grp,
           m.due_on + l.attribution_days AS until
    FROM a JOIN messages m ON m.org_id = a.o AND m.id = a.id
           JOIN locations l ON l.org_id = m.org_id AND l.id = m.location_id
    WHERE m.recipient_type = 'customer' AND m.customer_id IS NOT NULL
      AND (m.status = 'sent' OR (m.status = 'held' AND m.reason = 'control_group'))),
  -- Each message's visits through repair_orders_customer_idx (a LATERAL, as customer_visits does).
  hits AS (
    SELECT m.org_id, m.id, ro.id AS ro_id, ro.vehicle_id, ro.total_amount
    FROM m CROSS JOIN LATERAL (
      SELECT ro.id, ro.vehicle_id, ro.total_amount FROM repair_orders ro
      WHERE ro.org_id = m.org_id AND ro.customer_id = m.customer_id AND ro.closed_on > m.due_on
        AND ro.closed_on <= m.until AND ro.location_id = m.location_id AND ro.status = 'closed'
      OFFSET 0) ro),
  f AS (SELECT h.org_id, h.id, count(*)::int AS visits, sum(h.total_amount) AS total FROM hits h GROUP BY 1, 2),
  items AS (
    SELECT m.org_id, m.id, m.vehicle_id, r.id AS rec_id, r.status, lower(trim(r.description)) AS description
    FROM m JOIN recommendations r ON r.org_id = m.org_id AND r.repair_order_id = m.repair_order_id
    WHERE m.kind = 'DEFERRED'),
  done AS (
    SELECT DISTINCT i.org_id, i.id, i.rec_id
    FROM items i JOIN hits h ON h.org_id = i.org_id AND h.id = i.id AND (i.vehicle_id IS NULL OR h.vehicle_id = i.vehicle_id)
    WHERE i.status = 'done' OR EXISTS (SELECT 1 FROM repair_order_lines li WHERE li.org_id = i.org_id AND li.repair_order_id = h.ro_id
                                         AND lower(trim(li.description)) = i.description)),
  d AS (
    SELECT i.org_id, i.id, count(*)::int AS items, count(dn.rec_id)::int AS done
    FROM items i LEFT JOIN done dn ON dn.org_id = i.org_id AND dn.id = i.id AND dn.rec_id = i.rec_id
    GROUP BY 1, 2)
  SELECT m.org_id, m.id, m.location_id, m.due_on, m.due_on - extract(day FROM m.due_on)::int + 1, m.kind, m.channel, m.language, m.grp,
         coalesce(f.visits, 0), coalesce(f.total, 0), coalesce(d.items, 0), coalesce(d.done, 0)
  FROM m LEFT JOIN f ON f.org_id = m.org_id AND f.id = m.id LEFT JOIN d ON d.org_id = m.org_id AND d.id = m.id;
END $$;

-- The messages whose window can hold a visit of these customers on these days (at most 365 days
-- before it, the longest window), DEFERRED ones only when only a visit's lines changed. They are
-- locked first, whatever their status, in id order: two imports of one customer's orders, or an
-- import and the "sent" of one of the customer's messages, then recompute one after the other,
-- the second with a snapshot that sees the first's visits (else each would miss the other's).
CREATE FUNCTION refresh_message_outcomes_of_visits(p_org bigint[], p_customer bigint[], p_day date[], p_deferred_only boolean)
RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
DECLARE o bigint[]; i bigint[];
BEGIN
  SELECT array_agg(x.org_id), array_agg(x.id) INTO o, i
  FROM (SELECT m.org_id, m.id
        FROM messages m
        WHERE (m.org_id, m.id) IN (
          SELECT m.org_id, m.id
          FROM (SELECT DISTINCT t.o, t.cu, t.d FROM unnest(p_org, p_customer, p_day) AS t(o, cu, d)
                WHERE t.cu IS NOT NULL AND t.d IS NOT NULL) v
          JOIN messages m ON m.org_id = v.o AND m.customer_id = v.cu AND m.due_on < v.d AND m.due_on >= v.d - 365
          WHERE m.recipient_type = 'customer' AND (NOT p_deferred_only OR m.kind = 'DEFERRED'))
        ORDER BY m.org_id, m.id
        FOR NO KEY UPDATE OF m) x;
  IF o IS NOT NULL THEN PERFORM refresh_message_outcomes(o, i); END IF;
END $$;

-- Messages: a message inserted sent (or held back for the control group), or one whose status or
-- what it is about changes. Claims and retries (pending <-> sending) do not fire it.
CREATE FUNCTION message_outcomes_messages_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; i bigint[];
BEGIN
  SELECT array_agg(n.org_id), array_agg(n.id) INTO o, i FROM new_rows n
  WHERE n.status = 'sent' OR (n.status = 'held' AND n.reason = 'control_group');
  IF o IS NOT NULL THEN PERFORM refresh_message_outcomes(o, i); END IF;
  RETURN NULL;
END $$;

-- One message, from the delivery worker's "sent" (several per statement): one statement on the
-- row's own values, planned once per session, the same figures as refresh_message_outcomes. A
-- message that no longer counts loses its row.
CREATE FUNCTION message_outcomes_message_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.recipient_type <> 'customer' OR NEW.customer_id IS NULL
     OR NOT (NEW.status = 'sent' OR (NEW.status = 'held' AND NEW.reason IS NOT DISTINCT FROM 'control_group')) THEN
    DELETE FROM message_outcomes WHERE org_id = NEW.org_id AND message_id = NEW.id;
    RETURN NULL;
  END IF;
  INSERT INTO message_outcomes AS o (org_id, message_id, location_id, due_on, month, kind, channel, language, grp,
                                     visits, invoice_total, deferred_items, deferred_items_done)
  SELECT NEW.org_id, NEW.id, NEW.location_id, NEW.due_on, NEW.due_on - extract(day FROM NEW.due_on)::int + 1,
         NEW.kind, NEW.channel, NEW.language, CASE WHEN NEW.status = 'sent' THEN 'sent' ELSE 'control' END,
         v.visits, v.total, coalesce(d.items, 0), coalesce(d.done, 0)
  FROM locations l
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS visits, coalesce(sum(ro.total_amount), 0) AS total FROM repair_orders ro
    WHERE ro.org_id = NEW.org_id AND ro.customer_id = NEW.customer_id AND ro.closed_on > NEW.due_on
      AND ro.closed_on <= NEW.due_on + l.attribution_days AND ro.location_id = NEW.location_id AND ro.status = 'closed') v
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS items,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM repair_orders ro
             WHERE ro.org_id = NEW.org_id AND ro.customer_id = NEW.customer_id AND ro.closed_on > NEW.due_on
               AND ro.closed_on <= NEW.due_on + l.attribution_days AND ro.location_id = NEW.location_id
               AND ro.status = 'closed' AND (NEW.vehicle_id IS NULL OR ro.vehicle_id = NEW.vehicle_id)
               AND (r.status = 'done' OR EXISTS (
                     SELECT 1 FROM repair_order_lines li WHERE li.org_id = NEW.org_id AND li.repair_order_id = ro.id
                       AND lower(trim(li.description)) = lower(trim(r.description))))))::int AS done
    FROM recommendations r
    WHERE NEW.kind = 'DEFERRED' AND r.org_id = NEW.org_id AND r.repair_order_id = NEW.repair_order_id) d ON true
  WHERE l.org_id = NEW.org_id AND l.id = NEW.location_id
  ON CONFLICT (org_id, message_id) DO UPDATE
    SET location_id = excluded.location_id, due_on = excluded.due_on, month = excluded.month, kind = excluded.kind,
        channel = excluded.channel, language = excluded.language, grp = excluded.grp, visits = excluded.visits,
        invoice_total = excluded.invoice_total, deferred_items = excluded.deferred_items,
        deferred_items_done = excluded.deferred_items_done;
  RETURN NULL;
END $$;

CREATE TRIGGER messages_outcomes_ins AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION message_outcomes_messages_insert();
CREATE TRIGGER messages_outcomes_upd AFTER UPDATE ON messages FOR EACH ROW
  WHEN ((OLD.status = 'sent' OR NEW.status = 'sent' OR OLD.reason = 'control_group' OR NEW.reason = 'control_group')
        AND (OLD.status, OLD.reason, OLD.recipient_type, OLD.customer_id, OLD.vehicle_id, OLD.repair_order_id,
             OLD.location_id, OLD.due_on, OLD.kind, OLD.channel, OLD.language)
            IS DISTINCT FROM
            (NEW.status, NEW.reason, NEW.recipient_type, NEW.customer_id, NEW.vehicle_id, NEW.repair_order_id,
             NEW.location_id, NEW.due_on, NEW.kind, NEW.channel, NEW.language))
  EXECUTE FUNCTION message_outcomes_message_update();

-- Repair orders: a visit arriving, changing (customer, day, status, amount, vehicle) or deleted,
-- late imports of old orders included, refreshes the messages whose window it falls in.
CREATE FUNCTION message_outcomes_ro_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; c bigint[]; d date[];
BEGIN
  SELECT array_agg(n.org_id), array_agg(n.customer_id), array_agg(n.closed_on) INTO o, c, d
  FROM new_rows n WHERE n.customer_id IS NOT NULL AND n.closed_on IS NOT NULL AND n.status = 'closed';
  IF o IS NOT NULL THEN PERFORM refresh_message_outcomes_of_visits(o, c, d, false); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION message_outcomes_ro_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; c bigint[]; d date[];
BEGIN
  SELECT array_agg(n.org_id), array_agg(n.customer_id), array_agg(n.closed_on) INTO o, c, d
  FROM old_rows n WHERE n.customer_id IS NOT NULL AND n.closed_on IS NOT NULL AND n.status = 'closed';
  IF o IS NOT NULL THEN PERFORM refresh_message_outcomes_of_visits(o, c, d, false); END IF;
  RETURN NULL;
END $$;

-- Both sides of an update: the order may move to another customer, day or status.
CREATE FUNCTION message_outcomes_ro_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; c bigint[]; d date[];
BEGIN
  SELECT array_agg(x.org_id), array_agg(x.customer_id), array_agg(x.closed_on) INTO o, c, d
  FROM (SELECT n.org_id, n.customer_id, n.closed_on FROM new_rows n JOIN old_rows p ON p.org_id = n.org_id AND p.id = n.id
        WHERE (n.customer_id, n.closed_on, n.status, n.total_amount, n.vehicle_id, n.location_id)
              IS DISTINCT FROM (p.customer_id, p.closed_on, p.status, p.total_amount, p.vehicle_id, p.location_id)
        UNION
        SELECT p.org_id, p.customer_id, p.closed_on FROM new_rows n JOIN old_rows p ON p.org_id = n.org_id AND p.id = n.id
        WHERE (n.customer_id, n.closed_on, n.status, n.total_amount, n.vehicle_id, n.location_id)
              IS DISTINCT FROM (p.customer_id, p.closed_on, p.status, p.total_amount, p.vehicle_id, p.location_id)) x
  WHERE x.customer_id IS NOT NULL AND x.closed_on IS NOT NULL;
  IF o IS NOT NULL THEN PERFORM refresh_message_outcomes_of_visits(o, c, d, false); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER repair_orders_outcomes_ins AFTER INSERT ON repair_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION message_outcomes_ro_insert();
CREATE TRIGGER repair_orders_outcomes_del AFTER DELETE ON repair_orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION message_outcomes_ro_delete();
CREATE TRIGGER repair_orders_outcomes_upd AFTER UPDATE ON repair_orders
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION message_outcomes_ro_update();

-- Lines of a visit: a declined item may now be done on it (DEFERRED messages only).
CREATE FUNCTION message_outcomes_lines_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; c bigint[]; d date[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(ro.org_id), array_agg(ro.customer_id), array_agg(ro.closed_on) INTO o, c, d
    FROM (SELECT DISTINCT org_id, repair_order_id FROM old_rows) t
    JOIN repair_orders ro ON ro.org_id = t.org_id AND ro.id = t.repair_order_id
    WHERE ro.customer_id IS NOT NULL AND ro.closed_on IS NOT NULL AND ro.status = 'closed';
  ELSE
    SELECT array_agg(ro.org_id), array_agg(ro.customer_id), array_agg(ro.closed_on) INTO o, c, d
    FROM (SELECT DISTINCT org_id, repair_order_id FROM new_rows) t
    JOIN repair_orders ro ON ro.org_id = t.org_id AND ro.id = t.repair_order_id
    WHERE ro.customer_id IS NOT NULL AND ro.closed_on IS NOT NULL AND ro.status = 'closed';
  END IF;
  IF o IS NOT NULL THEN PERFORM refresh_message_outcomes_of_visits(o, c, d, true); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER repair_order_lines_outcomes_ins AFTER INSERT ON repair_order_lines
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION message_outcomes_lines_changed();
CREATE TRIGGER repair_order_lines_outcomes_upd AFTER UPDATE ON repair_order_lines
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION message_outcomes_lines_changed();
CREATE TRIGGER repair_order_lines_outcomes_del AFTER DELETE ON repair_order_lines
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION message_outcomes_lines_changed();

-- Recommendations (declined items) of the repair order a DEFERRED message names: added, marked
-- done by the shop system, removed.
CREATE FUNCTION message_outcomes_recommendations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; i bigint[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(m.org_id), array_agg(m.id) INTO o, i
    FROM (SELECT DISTINCT org_id, repair_order_id FROM old_rows) t
    JOIN messages m ON m.org_id = t.org_id AND m.repair_order_id = t.repair_order_id AND m.kind = 'DEFERRED';
  ELSE
    SELECT array_agg(m.org_id), array_agg(m.id) INTO o, i
    FROM (SELECT DISTINCT org_id, repair_order_id FROM new_rows) t
    JOIN messages m ON m.org_id = t.org_id AND m.repair_order_id = t.repair_order_id AND m.kind = 'DEFERRED';
  END IF;
  IF o IS NOT NULL THEN PERFORM refresh_message_outcomes(o, i); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER recommendations_outcomes_ins AFTER INSERT ON recommendations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION message_outcomes_recommendations_changed();
CREATE TRIGGER recommendations_outcomes_upd AFTER UPDATE ON recommendations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION message_outcomes_recommendations_changed();
CREATE TRIGGER recommendations_outcomes_del AFTER DELETE ON recommendations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION message_outcomes_recommendations_changed();

-- A location's attribution window changed: all its messages.
CREATE FUNCTION message_outcomes_window_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; i bigint[];
BEGIN
  SELECT array_agg(m.org_id), array_agg(m.id) INTO o, i FROM messages m
  WHERE m.org_id = NEW.org_id AND m.location_id = NEW.id AND m.recipient_type = 'customer'
    AND (m.status = 'sent' OR (m.status = 'held' AND m.reason = 'control_group'));
  IF o IS NOT NULL THEN PERFORM refresh_message_outcomes(o, i); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER locations_outcomes_window AFTER UPDATE OF attribution_days ON locations FOR EACH ROW
  WHEN (OLD.attribution_days IS DISTINCT FROM NEW.attribution_days)
  EXECUTE FUNCTION message_outcomes_window_changed();

-- The messages already sent.
SELECT refresh_message_outcomes(array_agg(org_id), array_agg(id)) FROM messages
WHERE recipient_type = 'customer' AND (status = 'sent' OR (status = 'held' AND reason = 'control_group'));
