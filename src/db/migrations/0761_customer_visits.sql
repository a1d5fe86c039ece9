-- Results (docs/results.md): each customer's visits at each location as bit strings of months,
-- kept by the database, so retention, loyalty and cohorts read one narrow row per customer
-- instead of grouping every repair order. A visit is a closed repair order; bit b (from the
-- left) is month 2000-01 + b; visits before 2000 are not counted.
CREATE TABLE customer_visits (
  org_id          bigint NOT NULL,
  customer_id     bigint NOT NULL,
  location_id     bigint NOT NULL,
  first_visit_on  date NOT NULL,
  months          varbit NOT NULL,   -- bit b: a visit in month b
  active12        varbit NOT NULL,   -- bit b: a visit in the 12 months ending with month b
  loyal12         varbit NOT NULL,   -- bit b: visits on two or more days in the 12 months ending with month b
  PRIMARY KEY (org_id, customer_id, location_id),
  FOREIGN KEY (org_id, location_id) REFERENCES locations (org_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_visits_location_idx ON customer_visits (org_id, location_id);

-- n bits: k ones from bit a, zeros elsewhere.
CREATE FUNCTION results_bit_run(n int, a int, k int) RETURNS varbit LANGUAGE sql IMMUTABLE AS $$
  SELECT (repeat('0', a) || repeat('1', k) || repeat('0', n - a - k))::varbit
$$;

-- Recomputes the rows of these customers from their closed repair orders (set-based: one
-- DELETE and one INSERT ... SELECT for the whole list). A window of 12 months holds two visit
-- days exactly when it holds two consecutive ones: each pair of consecutive visit days in
-- months p <= b (b - p <= 11) makes the windows ending with months b .. p + 11 loyal.
CREATE FUNCTION refresh_customer_visits(p_org bigint[], p_customer bigint[])
RETURNS void LANGUAGE sql AS $$
  DELETE FROM customer_visits cv
  USING (SELECT DISTINCT o, cu FROM unnest(p_org, p_customer) AS t(o, cu) WHERE cu IS NOT NULL) a
  WHERE cv.org_id = a.o AND cv.customer_id = a.cu;

  INSERT INTO customer_visits (org_id, customer_id, location_id, first_visit_on, months, active12, loyal12)
  WITH a AS (SELECT DISTINCT o AS org_id, cu AS customer_id FROM unnest(p_org, p_customer) AS t(o, cu) WHERE cu IS NOT NULL),
  -- Each customer's orders through repair_orders_customer_idx (a LATERAL the planner cannot turn
  -- into a hash join over the whole table, which it chose for a chunk of freshly loaded rows).
  days AS (
    SELECT r.org_id, r.customer_id, r.location_id, r.closed_on,
           (extract(year FROM r.closed_on)::int - 2000) * 12 + extract(month FROM r.closed_on)::int - 1 AS b
    FROM a CROSS JOIN LATERAL (
      SELECT r.org_id, r.customer_id, r.location_id, r.closed_on FROM repair_orders r
      WHERE r.org_id = a.org_id AND r.customer_id = a.customer_id AND r.status = 'closed' AND r.closed_on >= DATE '2000-01-01'
      OFFSET 0) r
    GROUP BY 1, 2, 3, 4),
  pairs AS (
    SELECT d.*, lag(d.b) OVER (PARTITION BY d.org_id, d.customer_id, d.location_id ORDER BY d.closed_on) AS p
    FROM days d),
  len AS (SELECT max(b) + 12 AS n FROM days)
  SELECT x.org_id, x.customer_id, x.location_id, min(x.closed_on),
         bit_or(results_bit_run(len.n, x.b, 1)),
         bit_or(results_bit_run(len.n, x.b, 12)),
         bit_or(CASE WHEN x.p IS NOT NULL AND x.b - x.p <= 11 THEN results_bit_run(len.n, x.b, x.p + 12 - x.b)
                     ELSE results_bit_run(len.n, 0, 0) END)
  FROM pairs x CROSS JOIN len
  GROUP BY x.org_id, x.customer_id, x.location_id;
$$;

CREATE FUNCTION customer_visits_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; c bigint[];
BEGIN
  SELECT array_agg(org_id), array_agg(customer_id) INTO o, c FROM new_rows WHERE customer_id IS NOT NULL;
  IF o IS NOT NULL THEN PERFORM refresh_customer_visits(o, c); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION customer_visits_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; c bigint[];
BEGIN
  SELECT array_agg(org_id), array_agg(customer_id) INTO o, c FROM old_rows WHERE customer_id IS NOT NULL;
  IF o IS NOT NULL THEN PERFORM refresh_customer_visits(o, c); END IF;
  RETURN NULL;
END $$;

-- An update can move an invoice to another customer, date or status: both sides are refreshed.
CREATE FUNCTION customer_visits_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o bigint[]; c bigint[];
BEGIN
  SELECT array_agg(org_id), array_agg(customer_id) INTO o, c
    FROM (SELECT n.org_id, n.customer_id FROM new_rows n
          UNION SELECT d.org_id, d.customer_id FROM old_rows d) t
    WHERE customer_id IS NOT NULL;
  IF o IS NOT NULL THEN PERFORM refresh_customer_visits(o, c); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER repair_orders_customer_visits_ins AFTER INSERT ON repair_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_visits_insert();
CREATE TRIGGER repair_orders_customer_visits_del AFTER DELETE ON repair_orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_visits_delete();
CREATE TRIGGER repair_orders_customer_visits_upd AFTER UPDATE ON repair_orders
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_visits_update();

-- The visits already in the database.
SELECT refresh_customer_visits(array_agg(org_id), array_agg(customer_id))
FROM (SELECT DISTINCT org_id, customer_id FROM repair_orders WHERE customer_id IS NOT NULL) c;
