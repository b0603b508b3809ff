package dev.bulwark.central.policies;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.storage.ConnectionSettings;
import dev.bulwark.central.storage.Database;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.model.Policy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinPolicySeedingTest {
  @Test
  void theFirstStartSeedsTheBuiltinPoliciesAndRestartsSeedNothing(@TempDir Path data) {
    ConnectionSettings database = TestDatabases.fresh();
    int builtins = BuiltinPolicies.IDS.size();
    long disabledBuiltins = BuiltinPolicies.all().stream().filter(Policy::disabled).count();
    String deleted = BuiltinPolicies.IDS.getFirst();
    Instant seededAt;
    try (TestServer first = TestServer.start(data.resolve("central"), database, s -> s)) {
      BuiltinPolicySeeder.Outcome outcome = first.server.started().builtinPolicies();
      assertThat(outcome.seeded()).isEqualTo(builtins);
      seededAt = outcome.seededAt();
      assertThat(allPolicies(first)).hasSize(builtins);
      assertThat(allPolicies(first).stream().filter(p -> p.get("disabled").asBoolean()))
          .hasSize((int) disabledBuiltins);

      assertThat(first.client.delete("/v1/policies/" + deleted, first.adminToken).status())
          .isEqualTo(204);
    }

    try (TestServer second = TestServer.start(data.resolve("central"), database, s -> s)) {
      BuiltinPolicySeeder.Outcome outcome = second.server.started().builtinPolicies();
      assertThat(outcome.seeded()).isZero();
      assertThat(outcome.seededAt()).isEqualTo(seededAt);
      assertThat(allPolicies(second)).hasSize(builtins - 1);
      assertProblem(
          second.client.get("/v1/policies/" + deleted, second.adminToken),
          404,
          "not-found",
          deleted);
    }
  }

  @Test
  void replicasStartingTogetherSeedOnce() throws Exception {
    ConnectionSettings settings = TestDatabases.fresh();
    List<Policy> policies = BuiltinPolicies.all().subList(0, 5);
    int replicas = 4;
    ExecutorService threads = Executors.newFixedThreadPool(replicas);
    List<Database> databases = new ArrayList<>();
    try {
      for (int i = 0; i < replicas; i++) {
        databases.add(Database.open(settings, 2));
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<BuiltinPolicySeeder.Outcome>> outcomes = new ArrayList<>();
      for (Database database : databases) {
        BuiltinPolicySeeder seeder =
            new BuiltinPolicySeeder(database.jdbi(), Clock.systemUTC(), policies);
        outcomes.add(
            threads.submit(() -> {
              go.await();
              return seeder.ensureSeeded();
            }));
      }
      go.countDown();
      int seeded = 0;
      for (Future<BuiltinPolicySeeder.Outcome> outcome : outcomes) {
        seeded += outcome.get().seeded();
      }

      int stored =
          databases
              .getFirst()
              .jdbi()
              .withHandle(handle ->
                  handle.createQuery("SELECT count(*) FROM policies").mapTo(Integer.class).one());

      assertThat(seeded).isEqualTo(policies.size());
      assertThat(stored).isEqualTo(policies.size());
    } finally {
      threads.shutdownNow();
      databases.forEach(Database::close);
    }
  }

  private static List<JsonNode> allPolicies(TestServer central) {
    List<JsonNode> policies = new ArrayList<>();
    central
        .client
        .get("/v1/policies?limit=500", central.adminToken)
        .body()
        .get("items")
        .forEach(policies::add);
    return policies;
  }
}
