package dev.bulwark.central.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.FieldError;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.central.exceptions.ExceptionStore;
import dev.bulwark.central.policies.PolicyApi;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/policies/dryrun}: what a policy would flag in the current inventory, before it is
 * stored or enabled. The policy is validated as {@code POST /v1/policies} validates it, evaluated
 * at the deploy stage with the exceptions in force, and nothing is stored.
 */
public final class PolicyDryRunApi implements ApiFeature {
  /** The most flagged deployments one answer lists, and the default. */
  public static final int MAX_RESULTS = 500;

  /** How long one dry run may evaluate before it answers with what it found so far. */
  public static final Duration TIME_BUDGET = Duration.ofSeconds(10);

  private final PolicyDryRun dryRun;
  private final ExceptionStore exceptions;
  private final Clock clock;

  public PolicyDryRunApi(PolicyDryRun dryRun, ExceptionStore exceptions, Clock clock) {
    this.dryRun = dryRun;
    this.exceptions = exceptions;
    this.clock = clock;
  }

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Policy dry run",
            "What a policy would flag in the current inventory, without storing anything.");
    group.schema(
        "DryRunResult",
        """
        {
          "type": "object",
          "required": ["policy", "deployments", "evaluated", "flagged", "truncated", "results"],
          "properties": {
            "policy": {
              "type": "object",
              "required": ["id", "name"],
              "properties": {"id": {"type": "string"}, "name": {"type": "string"}}
            },
            "deployments": {"type": "integer", "description": "How many deployments the inventory holds."},
            "evaluated": {"type": "integer", "description": "How many were evaluated: all of them unless truncated."},
            "flagged": {"type": "integer", "description": "How many of the evaluated ones the policy flags (may exceed the results listed)."},
            "truncated": {"type": "boolean", "description": "Whether the run stopped at the results limit or the time budget before evaluating every deployment."},
            "results": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["deploymentId", "clusterId", "cluster", "namespace", "kind", "name", "messages"],
                "properties": {
                  "deploymentId": {"type": "string", "format": "uuid"},
                  "clusterId": {"type": "string", "format": "uuid"},
                  "cluster": {"type": "string"},
                  "namespace": {"type": "string"},
                  "kind": {"type": "string"},
                  "name": {"type": "string"},
                  "messages": {"type": "array", "items": {"type": "string"}}
                }
              }
            }
          }
        }
        """);
    group
        .post("/v1/policies/dryrun", Permission.POLICIES_READ, this::dryRun)
        .operation("dryRunPolicy", "Show what a policy would flag in the current inventory")
        .description(
            "Evaluates the policy in the body (validated as for createPolicy; it need not be"
                + " stored, and disabled is ignored) at the deploy stage against every deployment"
                + " of every cluster, with the exceptions in force, as the inventory evaluates"
                + " them. Stops after `limit` flagged deployments or "
                + TIME_BUDGET.toSeconds()
                + " seconds, and then says truncated. Nothing is stored.")
        .query(
            "limit",
            "integer",
            "The most flagged deployments to list, 1 to " + MAX_RESULTS + " (default).")
        .body("PolicyDocument")
        .returns(200, "DryRunResult", "The deployments the policy flags, with counts.");
  }

  private void dryRun(Context ctx) {
    int limit = limit(ctx.queryParam("limit"));
    Policy policy = PolicyApi.validated(Json.read(ctx, JsonNode.class));
    if (!policy.lifecycleStages().contains(LifecycleStage.DEPLOY)) {
      throw ApiProblem.invalid(
          "/lifecycleStages",
          "a dry run evaluates the deploy stage, and the policy's lifecycleStages "
              + policy.lifecycleStages()
              + " do not include DEPLOY");
    }
    CompiledPolicySet compiled;
    try {
      compiled =
          PolicyCompiler.compile(
              List.of(policy.withDisabled(false)), exceptions.active(clock.instant()));
    } catch (InvalidPolicyException e) {
      throw ApiProblem.invalid(
          e.problems().stream()
              .map(problem -> new FieldError("", problem.field() + ": " + problem.reason()))
              .toList());
    }
    PolicyDryRun.Outcome outcome = dryRun.run(compiled, limit, TIME_BUDGET);
    ctx.json(new Answer(new PolicyName(policy.id(), policy.name()), outcome));
  }

  private static int limit(@Nullable String value) {
    if (value == null) {
      return MAX_RESULTS;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      parsed = -1;
    }
    if (parsed < 1 || parsed > MAX_RESULTS) {
      throw ApiProblem.badRequest(
          "invalid-parameter",
          "limit must be a whole number from 1 to " + MAX_RESULTS + ", found '" + value + "'");
    }
    return parsed;
  }

  private record PolicyName(String id, String name) {}

  /** The response: the policy's id and name, then the outcome's fields. */
  private record Answer(
      PolicyName policy,
      long deployments,
      long evaluated,
      long flagged,
      boolean truncated,
      List<PolicyDryRun.Flagged> results) {
    Answer(PolicyName policy, PolicyDryRun.Outcome outcome) {
      this(
          policy,
          outcome.deployments(),
          outcome.evaluated(),
          outcome.flagged(),
          outcome.truncated(),
          outcome.results());
    }
  }
}
