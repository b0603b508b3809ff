-- What central's scans found in the inventory's images: one row per image key (as images.key:
-- 'digest:<digest>' or 'name:<image name>'). No foreign key to images: a scan outlives the image
-- rows for a while, so that an image that comes back (a rollback) is not pulled again.
CREATE TABLE image_scans (
  key text PRIMARY KEY,
  -- The reference pulled: repository@digest for a digest key, the name (tag) for a name key.
  reference text NOT NULL,
  -- The manifest digest scanned (for a name key, what the tag pointed to then).
  digest text,
  -- The last successful scan: the result in the scanner's stored form (format versioned), and
  -- what the API lists of it. Null until a scan succeeded; kept when a later attempt fails.
  result jsonb,
  scanned_at timestamptz,
  os text,
  components integer,
  vulnerabilities jsonb,
  vulnerabilities_checked boolean,
  database_at timestamptz,
  -- The analyzer versions and database the result was made with: a result whose freshness
  -- differs from central's now is scanned again.
  freshness text,
  -- The last attempt, and the failures since the last success (the backoff grows with them).
  attempted_at timestamptz NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  error text,
  next_attempt_at timestamptz NOT NULL,
  -- Set while a replica scans the image, so that no other starts it too; a replica that dies
  -- mid-scan leaves it to expire.
  claimed_until timestamptz
);
CREATE INDEX image_scans_due ON image_scans (next_attempt_at);
