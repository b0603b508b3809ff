-- Each deployment's risk (docs/risk.md), computed whenever the inventory evaluates it: the score,
-- and what it is made of (factors, unscanned images) as the API shows it. The rank is not stored:
-- it is computed at read time from the scores (1 + the number of deployments scoring higher).
ALTER TABLE deployments
  ADD COLUMN risk_score double precision NOT NULL DEFAULT 1,
  ADD COLUMN risk jsonb NOT NULL DEFAULT '{"factors": [], "unscannedImages": []}';
-- Listing by risk (highest first, then id) and counting the deployments above a score.
CREATE INDEX deployments_by_risk ON deployments (risk_score, id);
