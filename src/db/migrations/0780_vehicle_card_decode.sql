-- The vehicle card's decoded fields that had no column (issue 20): body style, fuel, drive and
-- assembly plant, filled from the VIN (NHTSA vPIC) on create, on import and on demand. Trim goes
-- to submodel and the engine to engine, as before.
ALTER TABLE vehicles ADD COLUMN body_style text;
ALTER TABLE vehicles ADD COLUMN fuel_type text;
ALTER TABLE vehicles ADD COLUMN drive_type text;
ALTER TABLE vehicles ADD COLUMN plant text;
