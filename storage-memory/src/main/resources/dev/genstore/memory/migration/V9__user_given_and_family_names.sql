-- Optional given (first) and family (last) names beside the display name (seed 004 keeps both).
ALTER TABLE users ADD COLUMN given_name VARCHAR(100);
ALTER TABLE users ADD COLUMN family_name VARCHAR(100);
