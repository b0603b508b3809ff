-- What sensors did to enforce policies, or tried and could not do: one row per record a sensor
-- made. The sensor's id is the key, so a record sent again (a retry after a lost answer) adds
-- nothing.
CREATE TABLE enforcement_records (
  id uuid PRIMARY KEY,
  cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
  subject_uid text NOT NULL,
  namespace text NOT NULL,
  kind text NOT NULL,
  name text NOT NULL,
  api_version text NOT NULL,
  policy_id text NOT NULL,
  action text NOT NULL,
  applied boolean NOT NULL,
  message text NOT NULL,
  -- When the sensor acted, and when central received the record.
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  -- The ACTIVE alert of the deployment and policy when the record arrived; null when there was
  -- none yet (the record then shows on the alert whose episode covers its time, see docs/central.md).
  alert_id uuid REFERENCES alerts (id) ON DELETE CASCADE
);

CREATE INDEX enforcement_records_alert ON enforcement_records (alert_id, at)
  WHERE alert_id IS NOT NULL;
CREATE INDEX enforcement_records_unattached
  ON enforcement_records (cluster_id, subject_uid, policy_id, at) WHERE alert_id IS NULL;
