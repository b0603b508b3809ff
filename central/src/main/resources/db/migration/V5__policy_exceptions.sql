-- Policy exceptions (waivers) kept by central, in the model of the policy library's
-- dev.bulwark.policy.exception.PolicyException; the CLI reads the same fields from --exceptions files.
CREATE TABLE policy_exceptions (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 253),
  -- Policy names or ids the exception waives (for ?policy= lists); the whole exception is in
  -- `exception`.
  policies text[] NOT NULL,
  -- NULL: never expires. Expired exceptions stay until deleted, and are reported as expired.
  expires_at timestamptz,
  -- The exception's fields as central writes them; read back through the library's
  -- ExceptionReader, so a stored exception is validated again like a file.
  exception jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- The name of the token that made the last change.
  updated_by text NOT NULL
);
CREATE INDEX policy_exceptions_policies ON policy_exceptions USING gin (policies);

-- When central seeded the built-in policies into this installation (once, on the first start
-- after this migration; see BuiltinPolicySeeder). NULL: not yet. Recorded so that a built-in
-- policy an admin deletes is not seeded again by the next start.
ALTER TABLE installation ADD COLUMN builtin_policies_seeded_at timestamptz;
