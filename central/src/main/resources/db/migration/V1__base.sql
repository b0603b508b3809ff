-- Central's base schema: the installation, clusters, API tokens, the audit log and the leases of
-- singleton background jobs. Later features add their tables in their own migrations (V2 and up,
-- see docs/central.md "Migrations"); a migration is never edited once merged.

-- One row: facts about this installation that every replica shares.
CREATE TABLE installation (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A known value sealed with the secrets key, so a replica started with another key is refused
  -- before it writes secrets nobody can read back.
  secret_key_check bytea
);
INSERT INTO installation DEFAULT VALUES;

CREATE TABLE clusters (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 128),
  created_at timestamptz NOT NULL,
  -- Filled by the cluster's sensor on every contact.
  last_contact_at timestamptz,
  sensor_version text
);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  role text NOT NULL CHECK (role IN ('admin', 'analyst', 'ci', 'sensor')),
  -- Sensor tokens act for one cluster only; no other role is bound to a cluster.
  cluster_id uuid REFERENCES clusters (id) ON DELETE CASCADE,
  -- SHA-256 of the token; the token itself is shown once and never stored.
  token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
  created_at timestamptz NOT NULL,
  created_by text,
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  CHECK ((role = 'sensor') = (cluster_id IS NOT NULL))
);
-- A name identifies one live token in the audit log.
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;
CREATE INDEX api_tokens_created ON api_tokens (created_at, id);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  -- No foreign key: the record outlives the token.
  token_id uuid NOT NULL,
  token_name text NOT NULL,
  role text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  target_id text,
  -- NULL while the call runs (and forever when the process died during it).
  status integer
);

-- Singleton background jobs: the row of a job is locked (FOR UPDATE SKIP LOCKED) by the replica
-- that runs it, for as long as it runs; a replica that dies releases it with its connection.
CREATE TABLE singleton_jobs (
  name text PRIMARY KEY,
  next_run_at timestamptz NOT NULL,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_replica text,
  last_error text
);
