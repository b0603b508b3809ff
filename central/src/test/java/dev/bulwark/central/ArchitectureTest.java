package dev.bulwark.central;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import io.javalin.apibuilder.ApiBuilder;
import io.javalin.config.JavalinConfig;
import io.javalin.config.JettyConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.function.Consumer;
import org.jspecify.annotations.NullMarked;

/**
 * Central's boundaries. Above all: an endpoint exists only through the route registry, which
 * demands a permission for each, so no endpoint can be served without one.
 */
@AnalyzeClasses(
    packages = {"dev.bulwark.central", "dev.bulwark.server", "dev.bulwark.detect"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** Javalin's ways of adding handlers, which only {@link Routes} may use. */
  static final ArchRule ONLY_THE_REGISTRY_ROUTES =
      noClasses()
          .that()
          .doNotBelongToAnyOf(Routes.class)
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(
              RoutesConfig.class, JavalinDefaultRoutingApi.class, ApiBuilder.class, Endpoint.class)
          .orShould()
          .accessField(JavalinConfig.class, "routes")
          .orShould()
          .callMethod(JettyConfig.class, "modifyServletContextHandler", Consumer.class)
          .orShould()
          .callMethod(JettyConfig.class, "modifyServer", Consumer.class)
          .because(
              "every endpoint is registered through api.Routes, which demands a permission for it");

  @ArchTest static final ArchRule onlyTheRegistryRoutes = ONLY_THE_REGISTRY_ROUTES;

  @ArchTest
  static final ArchRule everyWayToAddARouteTakesAPermission =
      methods()
          .that()
          .areDeclaredIn(RouteGroup.class)
          .and()
          .arePublic()
          .and()
          .haveNameMatching("get|post|put|patch|delete")
          .should()
          .haveRawParameterTypes(String.class, Permission.class, Handler.class)
          .because("a route without a permission must not compile");

  @ArchTest
  static final ArchRule centralUsesNoOtherApplication =
      noClasses()
          .that()
          .resideInAPackage("dev.bulwark.central..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.bulwark.cli..", "dev.bulwark.admission..")
          .because("applications never depend on each other");

  @ArchTest
  static final ArchRule detectionIsALibrary =
      noClasses()
          .that()
          .resideInAPackage("dev.bulwark.detect..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.bulwark.central..", "io.javalin..", "picocli..")
          .orShould()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("the CLI and central run the same detection library, which never prints");

  @ArchTest
  static final ArchRule storageAndDomainKnowNoHttp =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.bulwark.central.storage..",
              "dev.bulwark.central.auth..",
              "dev.bulwark.central.jobs..",
              "dev.bulwark.central.secrets..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "dev.bulwark.central.api..")
          .because("stores, tokens, jobs and secrets are the same whoever calls them");

  @ArchTest
  static final ArchRule onlyTheServerWiresFeatures =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.bulwark.central.server..", "dev.bulwark.central")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.bulwark.central.server..")
          .because("features are wired in CentralServer and know nothing of each other's wiring");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.bulwark.(*).(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule everyPackageIsNullMarked =
      classes()
          .that()
          .haveSimpleName("package-info")
          .should()
          .beAnnotatedWith(NullMarked.class)
          .because("NullAway checks only @NullMarked packages");

  @ArchTest
  static final ArchRule onlyTheCommandPrints =
      noClasses()
          .that()
          .resideInAPackage("dev.bulwark.central..")
          .and()
          .doNotBelongToAnyOf(CentralMain.class)
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("the server logs; the command prints through picocli's writers");
}
