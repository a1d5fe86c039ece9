-- The skill a booking needs (e.g. 'brakes'): the mechanic assigned must have it (issue 14).
ALTER TABLE appointments ADD COLUMN required_skill text;
