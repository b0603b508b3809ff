-- The inventory: what the sensors report of their clusters (the raw objects, keyed by uid), and
-- what central derives from them: deployments (top-level workloads), namespaces and images.

-- Per cluster: the last batch a sensor sent that is committed, and the policy set every deployment
-- of the cluster was last evaluated with (the reprocessing job compares it with the current one).
CREATE TABLE inventory_state (
  cluster_id uuid PRIMARY KEY REFERENCES clusters (id) ON DELETE CASCADE,
  acknowledged bigint NOT NULL DEFAULT 0,
  updated_at timestamptz,
  evaluated_policies text,
  evaluated_at timestamptz
);

-- Every object a sensor reported, as sent but without Secret data, managed fields and the
-- last-applied-configuration annotation.
CREATE TABLE inventory_objects (
  cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
  uid text NOT NULL,
  api_version text NOT NULL,
  kind text NOT NULL,
  -- Empty for cluster-scoped objects.
  namespace text NOT NULL,
  name text NOT NULL,
  -- The uid of the object's controller (the ownerReference with controller: true).
  owner_uid text,
  -- Whether the object runs pods (the workload extractor accepts it).
  workload boolean NOT NULL,
  -- Pods only: container name -> digest of the image it runs (from status.containerStatuses).
  running_images jsonb,
  object jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (cluster_id, uid)
);
CREATE INDEX inventory_objects_by_namespace ON inventory_objects (cluster_id, namespace, kind);

-- Top-level workloads: workloads no other workload of the cluster controls.
CREATE TABLE deployments (
  id uuid PRIMARY KEY,
  cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
  uid text NOT NULL,
  namespace text NOT NULL,
  kind text NOT NULL,
  name text NOT NULL,
  labels jsonb NOT NULL,
  annotations jsonb NOT NULL,
  service_account text NOT NULL,
  -- [{name, type, image, digest, runningDigests, privileged, capabilities, ports}]
  containers jsonb NOT NULL,
  -- [{containerPort, protocol, exposure, nodePort, via}] as the cluster's Services, Ingresses and
  -- Routes expose the pods.
  exposure jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (cluster_id, uid)
);
CREATE INDEX deployments_listing ON deployments (namespace, name, id);

CREATE TABLE namespaces (
  id uuid PRIMARY KEY,
  cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
  uid text NOT NULL,
  name text NOT NULL,
  labels jsonb NOT NULL,
  annotations jsonb NOT NULL,
  UNIQUE (cluster_id, uid)
);
CREATE INDEX namespaces_listing ON namespaces (name, id);

-- Images across clusters: one row per digest when the digest is known, else per name.
CREATE TABLE images (
  id uuid PRIMARY KEY,
  -- 'digest:<digest>' or 'name:<image name>'.
  key text NOT NULL UNIQUE,
  digest text,
  -- The name the image was first seen under.
  name text NOT NULL
);
CREATE INDEX images_listing ON images (name, id);

-- Which container of which deployment uses which image, under which name.
CREATE TABLE deployment_images (
  deployment_id uuid NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  container text NOT NULL,
  image_id uuid NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  image_name text NOT NULL,
  PRIMARY KEY (deployment_id, container, image_id)
);
CREATE INDEX deployment_images_by_image ON deployment_images (image_id);
