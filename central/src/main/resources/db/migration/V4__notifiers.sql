-- Notifiers (where alerts are sent) and the durable queue of deliveries to them.
CREATE TABLE notifiers (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 128),
  -- slack, teams, jira, pagerduty, webhook, email, splunk, syslog
  type text NOT NULL,
  -- The type's settings without its secrets, validated by the API.
  settings jsonb NOT NULL,
  -- The type's secrets as one JSON object sealed by SecretBox for 'notifier/<id>/secrets';
  -- NULL when the notifier has none.
  secrets bytea,
  -- The names of the secrets that are set, so the API can say so without opening them.
  secret_names text[] NOT NULL DEFAULT '{}',
  -- The annotation (of the deployment, else of its namespace) that overrides the target.
  target_annotation text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  -- Health, as the dispatcher last saw it.
  consecutive_failures integer NOT NULL DEFAULT 0,
  last_error text,
  last_failure_at timestamptz,
  last_success_at timestamptz
);

-- One row per (notifier, alert event): the unique key makes publishing an event twice harmless.
CREATE TABLE notification_deliveries (
  id bigserial PRIMARY KEY,
  notifier_id uuid NOT NULL REFERENCES notifiers (id) ON DELETE CASCADE,
  -- alert id and event kind, e.g. '<uuid>:NEW'
  dedup_key text NOT NULL,
  alert_id uuid NOT NULL,
  -- The alert event, as needed to render the message.
  payload jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('PENDING', 'SENT', 'GAVE_UP')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  -- What the peer called what it made (the Jira issue key), for a later resolution.
  remote_reference text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  UNIQUE (notifier_id, dedup_key)
);

CREATE INDEX notification_deliveries_due
  ON notification_deliveries (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX notification_deliveries_alert ON notification_deliveries (notifier_id, alert_id);
CREATE INDEX notification_deliveries_finished
  ON notification_deliveries (finished_at) WHERE state <> 'PENDING';
