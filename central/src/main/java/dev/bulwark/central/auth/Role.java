package dev.bulwark.central.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a token is for; each role is granted a fixed set of {@link Permission}s. */
public enum Role {
  ADMIN("admin", "Everything: tokens, clusters, policies, notifiers, alerts and the audit log."),
  ANALYST(
      "analyst",
      "Reads clusters, inventory, policies, alerts and notifiers; works alerts (resolve,"
          + " comment)."),
  CI(
      "ci",
      "The detect endpoints only, for pipelines that ask central instead of shipping policies."),
  SENSOR("sensor", "Reports for the one cluster its token is bound to.");

  private final String wireName;
  private final String description;

  Role(String wireName, String description) {
    this.wireName = wireName;
    this.description = description;
  }

  /**
   * The name in the API and the database: {@code admin}, {@code analyst}, {@code ci}, {@code
   * sensor}.
   */
  public String wireName() {
    return wireName;
  }

  public String description() {
    return description;
  }

  /** The role with this wire name (exact, lower case). */
  public static Optional<Role> parse(String wireName) {
    return Arrays.stream(values()).filter(role -> role.wireName.equals(wireName)).findFirst();
  }
}
