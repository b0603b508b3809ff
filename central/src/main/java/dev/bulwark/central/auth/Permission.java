package dev.bulwark.central.auth;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a route needs from its caller. Every route declares one (the route registry refuses a route
 * without, and an ArchUnit rule keeps routes from being registered any other way); the roles each
 * permission is granted to are fixed here, as data. The list covers the whole central API of issue
 * 7, so that features added in parallel declare their routes against it without editing it.
 *
 * <p>Calls that need an {@linkplain #audited() audited} permission are written to the audit log.
 */
public enum Permission {
  /** No token: only the health endpoint, which load balancers and probes call. */
  PUBLIC("public", "Needs no token.", false),
  /** The OpenAPI document, for any valid token. */
  API_DOCS_READ(
      "api-docs:read",
      "Read the API description.",
      false,
      Role.ADMIN,
      Role.ANALYST,
      Role.CI,
      Role.SENSOR),
  CLUSTERS_READ(
      "clusters:read", "List clusters and their status.", false, Role.ADMIN, Role.ANALYST),
  CLUSTERS_WRITE("clusters:write", "Register and change clusters.", true, Role.ADMIN),
  /** What a sensor sends about its own cluster (the handler checks the cluster). */
  SENSOR_REPORT(
      "sensor:report",
      "Report a cluster's state (the token's own cluster only).",
      false,
      Role.SENSOR),
  TOKENS_READ("tokens:read", "List API tokens (never their secrets).", false, Role.ADMIN),
  TOKENS_WRITE("tokens:write", "Issue and revoke API tokens.", true, Role.ADMIN),
  AUDIT_READ("audit:read", "Read the audit log.", false, Role.ADMIN),
  POLICIES_READ(
      "policies:read", "Read policies and policy exceptions.", false, Role.ADMIN, Role.ANALYST),
  POLICIES_WRITE(
      "policies:write", "Create, change and delete policies and exceptions.", true, Role.ADMIN),
  INVENTORY_READ(
      "inventory:read",
      "Read deployments, namespaces, images and risk.",
      false,
      Role.ADMIN,
      Role.ANALYST),
  ALERTS_READ("alerts:read", "Read alerts.", false, Role.ADMIN, Role.ANALYST),
  ALERTS_WRITE("alerts:write", "Work alerts: resolve, comment.", true, Role.ADMIN, Role.ANALYST),
  NOTIFIERS_READ(
      "notifiers:read",
      "Read notifier settings (never their secrets).",
      false,
      Role.ADMIN,
      Role.ANALYST),
  NOTIFIERS_WRITE("notifiers:write", "Create, change and delete notifiers.", true, Role.ADMIN),
  /** Evaluate manifests or images against central's policies; changes nothing. */
  DETECT(
      "detect",
      "Evaluate manifests and images against the enabled policies.",
      false,
      Role.ADMIN,
      Role.ANALYST,
      Role.CI);

  private final String wireName;
  private final String description;
  private final boolean audited;
  private final Set<Role> roles;

  Permission(String wireName, String description, boolean audited, Role... roles) {
    this.wireName = wireName;
    this.description = description;
    this.audited = audited;
    EnumSet<Role> granted = EnumSet.noneOf(Role.class);
    granted.addAll(Arrays.asList(roles));
    this.roles = Collections.unmodifiableSet(granted);
  }

  /** The name in the API description and in error messages, e.g. {@code clusters:write}. */
  public String wireName() {
    return wireName;
  }

  public String description() {
    return description;
  }

  /** Whether calls are recorded in the audit log (every permission that changes something). */
  public boolean audited() {
    return audited;
  }

  /** Whether the route needs no token at all. */
  public boolean isPublic() {
    return this == PUBLIC;
  }

  /** The roles holding this permission, in declaration order; empty for {@link #PUBLIC}. */
  public Set<Role> roles() {
    return roles;
  }

  public boolean grants(Role role) {
    return roles.contains(role);
  }
}
