package dev.bulwark.central;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.server.CentralServer;
import io.javalin.config.JavalinConfig;
import org.junit.jupiter.api.Test;

/** The rule that keeps endpoints in the registry does catch an endpoint registered around it. */
class RouteRegistrationRuleTest {
  /** What a careless feature might write: a route straight on Javalin, with no permission. */
  static final class RogueEndpoint {
    static void install(JavalinConfig config) {
      config.routes.get("/v1/rogue", ctx -> ctx.result("anyone may call this"));
    }
  }

  @Test
  void aRouteRegisteredOutsideTheRegistryFailsTheBuild() {
    EvaluationResult result =
        ArchitectureTest.ONLY_THE_REGISTRY_ROUTES.evaluate(
            new ClassFileImporter().importClasses(RogueEndpoint.class));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("RogueEndpoint").contains("routes"));
  }

  @Test
  void theRegistryAndTheServerThatConfiguresJavalinPass() {
    assertThat(
            ArchitectureTest.ONLY_THE_REGISTRY_ROUTES
                .evaluate(new ClassFileImporter().importClasses(Routes.class, CentralServer.class))
                .hasViolation())
        .isFalse();
  }
}
