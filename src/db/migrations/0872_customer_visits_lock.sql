-- customer_visits (0761) recomputed a customer's rows by DELETE then INSERT from the statement's
-- snapshot: two transactions adding visits of one customer at once both inserted the rows (a
-- duplicate key error for the second), or, one after the other, the second could miss the
-- first's visit. The customers are now locked first, in id order, so the second waits and then
-- recomputes with the first's visits (each statement of a volatile function takes a new
-- snapshot). Test: src/results/message-outcomes.test.ts, two orders imported at once.
CREATE OR REPLACE FUNCTION refresh_customer_visits(p_org bigint[], p_customer bigint[])
RETURNS void LANGUAGE sql AS $$
  SELECT 1 FROM customers c
  WHERE (c.org_id, c.id) IN (SELECT t.o, t.cu FROM unnest(p_org, p_customer) AS t(o, cu))
  ORDER BY c.org_id, c.id
  FOR NO KEY UPDATE;

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
