package dev.bulwark.policy.engine;

import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.policy.criteria.TextPattern;
import dev.bulwark.policy.model.Exclusion;
import dev.bulwark.policy.model.Scope;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A compiled StackRox exclusion. A deployment exclusion (name regex and/or scope) skips the policy
 * for matching workloads at deploy and run time; an image exclusion skips containers whose image
 * matches at build time. Either stops applying once its expiration has passed.
 */
final class ExclusionMatcher {
  private final boolean excludesDeployments;
  private final @Nullable TextPattern deploymentName;
  private final @Nullable ScopeMatcher scope;
  private final @Nullable TextPattern imageName;
  private final @Nullable Instant expiration;

  private ExclusionMatcher(
      boolean excludesDeployments,
      @Nullable TextPattern deploymentName,
      @Nullable ScopeMatcher scope,
      @Nullable TextPattern imageName,
      @Nullable Instant expiration) {
    this.excludesDeployments = excludesDeployments;
    this.deploymentName = deploymentName;
    this.scope = scope;
    this.imageName = imageName;
    this.expiration = expiration;
  }

  static ExclusionMatcher compile(Exclusion exclusion, String field, ProblemSink problems) {
    Exclusion.Deployment deployment = exclusion.deployment();
    TextPattern name = null;
    ScopeMatcher scope = null;
    if (deployment != null) {
      String deploymentName = deployment.name();
      if (deploymentName != null && !deploymentName.isEmpty()) {
        name = problems.pattern(deploymentName, field + ".deployment.name");
      }
      Scope deploymentScope = deployment.scope();
      if (deploymentScope != null) {
        scope = ScopeMatcher.compile(deploymentScope, field + ".deployment.scope", problems);
      }
    }
    String image = exclusion.imageName();
    TextPattern imageName =
        image == null || image.isEmpty() ? null : problems.pattern(image, field + ".image.name");
    return new ExclusionMatcher(deployment != null, name, scope, imageName, exclusion.expiration());
  }

  /** True when this unexpired deployment exclusion covers the object. */
  boolean excludes(ObjectEvaluation object) {
    if (!excludesDeployments || expired(object.input().now())) {
      return false;
    }
    if (deploymentName != null && !deploymentName.matches(object.name())) {
      return false;
    }
    return scope == null || scope.matches(object);
  }

  /** True when this unexpired image exclusion covers the image. */
  boolean excludes(ImageRef image, Instant now) {
    return imageName != null && !expired(now) && imageName.matches(image.fullName());
  }

  private boolean expired(Instant now) {
    return expiration != null && !now.isBefore(expiration);
  }
}
