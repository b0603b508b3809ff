-- Policies kept by central, in StackRox's JSON form (with Bulwark's additions). Empty at first:
-- central seeds nothing; policies are created through the API.
CREATE TABLE policies (
  -- The policy's own id (StackRox ids are UUIDs, but imported policies may use other strings).
  id text PRIMARY KEY CHECK (char_length(id) BETWEEN 1 AND 200),
  name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 200),
  -- As PolicyWriter writes it; read back through PolicyReader, so it is validated again.
  policy jsonb NOT NULL,
  -- Mirrors the policy's own flag, so lists can filter without reading the JSON.
  disabled boolean NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- The name of the token that made the last change.
  updated_by text NOT NULL
);
