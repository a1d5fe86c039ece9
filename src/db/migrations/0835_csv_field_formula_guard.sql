-- csv_field(text) also guards spreadsheet formulas, as src/domain/csv.ts does for every CSV written
-- in Node: a text starting with =, @, a tab or CR, or with + or - not followed by a digit, a space
-- or a dot, gets a leading apostrophe. The CustomerLink extract used to carry a customer's
-- "=HYPERLINK(...)" as it came.
CREATE OR REPLACE FUNCTION csv_field(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN v IS NULL THEN ''
  WHEN v ~ '^([=@\t\r]|[+-]([^0-9 .]|$))' THEN
    CASE WHEN v ~ '[",\r\n]' THEN '"''' || replace(v, '"', '""') || '"' ELSE '''' || v END
  WHEN v ~ '[",\r\n]' THEN '"' || replace(v, '"', '""') || '"'
  ELSE v
END;
