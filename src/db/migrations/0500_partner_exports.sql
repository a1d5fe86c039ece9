-- Partner exports read a location's customers and a day's repair orders in keyset pages
-- (id > last id, LIMIT n). These indexes let each page start where the last ended instead of
-- re-reading the location or the day from the start (which would make an export quadratic).
CREATE INDEX customers_location_id_idx ON customers (org_id, location_id, id);
CREATE INDEX repair_orders_location_closed_id_idx ON repair_orders (org_id, location_id, closed_on, id);
