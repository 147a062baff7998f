-- Optional given (first) and family (last) names beside the display name (seed 004 keeps both).
ALTER TABLE users ADD COLUMN given_name text, ADD COLUMN family_name text;
