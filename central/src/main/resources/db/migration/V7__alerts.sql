-- Alerts: one row per violation episode. ACTIVE while a deployment violates a policy (at most one
-- ACTIVE row per cluster, deployment, policy and stage), RESOLVED once fixed, deleted or resolved
-- by hand (a later violation opens a new row), ATTEMPTED for an object admission denied (one row
-- per admission request and policy). The subject is a snapshot, so an alert still says what it was
-- about after the deployment is gone.
CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
  -- The deployment's Kubernetes uid; empty for an ATTEMPTED object that had none yet (a create).
  subject_uid text NOT NULL,
  namespace text NOT NULL,
  kind text NOT NULL,
  name text NOT NULL,
  labels jsonb NOT NULL,
  annotations jsonb NOT NULL,
  namespace_annotations jsonb NOT NULL,
  -- No foreign key: an alert outlives its policy, and keeps its name and severity as they were.
  policy_id text NOT NULL,
  policy_name text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  stage text NOT NULL CHECK (stage IN ('BUILD', 'DEPLOY', 'RUNTIME')),
  state text NOT NULL CHECK (state IN ('ACTIVE', 'RESOLVED', 'ATTEMPTED')),
  -- JSON arrays of strings: the findings, and the enforcement actions the policy asks for.
  messages jsonb NOT NULL,
  enforcement jsonb NOT NULL,
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  resolved_at timestamptz,
  resolution text CHECK (resolution IN ('FIXED', 'DELETED', 'MANUAL')),
  -- The name of the token that resolved it by hand, and why.
  resolved_by text,
  comment text,
  -- ATTEMPTED only: the admission request that was denied.
  request_uid text,
  operation text,
  api_version text,
  CHECK ((state = 'RESOLVED') = (resolved_at IS NOT NULL AND resolution IS NOT NULL)),
  CHECK ((state = 'ATTEMPTED') = (request_uid IS NOT NULL))
);

-- The lifecycle's invariant, and the conflict target of the reconciler's upsert.
CREATE UNIQUE INDEX alerts_one_active ON alerts (cluster_id, subject_uid, policy_id, stage)
  WHERE state = 'ACTIVE';
-- A sensor retrying a report of an admission denial adds nothing.
CREATE UNIQUE INDEX alerts_one_attempt ON alerts (cluster_id, request_uid, policy_id)
  WHERE state = 'ATTEMPTED';

-- Lists are newest first (last_seen, id), paged by keyset; one index per filter that narrows a
-- list well leads with that filter and ends with the sort key, so a page reads about its own rows.
-- State and severity are coarse and are checked on the rows these indexes return.
CREATE INDEX alerts_recent ON alerts (last_seen DESC, id DESC);
CREATE INDEX alerts_state_recent ON alerts (state, last_seen DESC, id DESC);
CREATE INDEX alerts_cluster_recent ON alerts (cluster_id, namespace, last_seen DESC, id DESC);
CREATE INDEX alerts_namespace_recent ON alerts (namespace, last_seen DESC, id DESC);
CREATE INDEX alerts_policy_recent ON alerts (policy_id, last_seen DESC, id DESC);
-- The deployment filter (uid or name). The reconciler finds a deployment's open alerts through
-- alerts_one_active.
CREATE INDEX alerts_subject_uid ON alerts (subject_uid, last_seen DESC, id DESC);
CREATE INDEX alerts_subject_name ON alerts (name, last_seen DESC, id DESC);
