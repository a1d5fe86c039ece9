-- Engine: per-location state. maintenance_full_at records that every vehicle of the location
-- had its maintenance predicted once: bulk loads that switch triggers off (the demo generator
-- does, as superuser) leave maintenance_dirty empty, so a location's first run predicts all.
CREATE TABLE engine_location_state (
  org_id               bigint NOT NULL,
  location_id          bigint NOT NULL,
  maintenance_full_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, location_id),
  FOREIGN KEY (org_id, location_id) REFERENCES locations (org_id, id) ON DELETE CASCADE
);
