package dev.bulwark.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/** Module and package boundaries, checked over every module the CLI sees. */
@AnalyzeClasses(packages = "dev.bulwark", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] LIBRARIES = {
    "dev.bulwark.core..",
    "dev.bulwark.policy..",
    "dev.bulwark.render..",
    "dev.bulwark.vulndb..",
    "dev.bulwark.scanner..",
    "dev.bulwark.server..",
    "dev.bulwark.detect.."
  };

  private static final List<String> APPLICATION_NAMES =
      List.of("cli", "admission", "central", "sensor");

  private static final String[] APPLICATIONS =
      APPLICATION_NAMES.stream().map(name -> "dev.bulwark." + name + "..").toArray(String[]::new);

  @ArchTest
  static final ArchRule librariesDoNotDependOnApplications =
      noClasses()
          .that()
          .resideInAnyPackage(LIBRARIES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(APPLICATIONS)
          .because("libraries are shared by every application (CLI, webhook, sensor, central)");

  @ArchTest static final ArchRule cliIsIndependent = independent("cli");

  @ArchTest static final ArchRule admissionIsIndependent = independent("admission");

  @ArchTest static final ArchRule centralIsIndependent = independent("central");

  @ArchTest static final ArchRule sensorIsIndependent = independent("sensor");

  @ArchTest
  static final ArchRule coreDependsOnNoOtherModule =
      noClasses()
          .that()
          .resideInAPackage("dev.bulwark.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.bulwark.policy..",
              "dev.bulwark.render..",
              "dev.bulwark.vulndb..",
              "dev.bulwark.scanner..")
          .because("core is the base of every module");

  @ArchTest
  static final ArchRule vulnerabilityDataKnowsNoImages =
      noClasses()
          .that()
          .resideInAPackage("dev.bulwark.vulndb..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.bulwark.scanner..", "dev.bulwark.policy..", "dev.bulwark.render..")
          .because(
              "the vulnerability store and matching serve the scanner, the CLI and central alike");

  @ArchTest
  static final ArchRule policyDoesNotRender =
      noClasses()
          .that()
          .resideInAPackage("dev.bulwark.policy..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.bulwark.render..", "com.marcnuri.helm..")
          .because("the engine evaluates objects and never reads charts or runs tools");

  @ArchTest
  static final ArchRule detectionReadsNoCommandLine =
      noClasses()
          .that()
          .resideInAPackage("dev.bulwark.detect..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("picocli..", "dev.bulwark.render..")
          .because(
              "the CLI and central run the same detection; how inputs are given and rendered is"
                  + " theirs");

  @ArchTest
  static final ArchRule enginePureOfIo =
      noClasses()
          .that()
          .resideInAnyPackage("dev.bulwark.policy.engine..", "dev.bulwark.policy.criteria..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.nio.file..", "java.net..")
          .because("evaluation is pure: compiled policies read only their input");

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

  /**
   * Applications never depend on each other. The CLI's class path holds only the CLI, so the rules
   * about the others are checked in the modules that see them too (an empty check passes).
   */
  private static ArchRule independent(String application) {
    return noClasses()
        .that()
        .resideInAPackage("dev.bulwark." + application + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            APPLICATION_NAMES.stream()
                .filter(other -> !other.equals(application))
                .map(other -> "dev.bulwark." + other + "..")
                .toArray(String[]::new))
        .because("applications never depend on each other")
        .allowEmptyShould(true);
  }

  @ArchTest
  static final ArchRule librariesDoNotPrint =
      noClasses()
          .that()
          .resideInAnyPackage(LIBRARIES)
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("libraries report through return values and sinks, not the console");
}
