package dev.bulwark.admission;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.jspecify.annotations.NullMarked;

/**
 * The admission controller's boundaries: an application beside the CLI, never depending on it or on
 * test support, built from the libraries; its decisions independent of how they are served.
 */
@AnalyzeClasses(packages = "dev.bulwark", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule librariesDoNotDependOnTheController =
      noClasses()
          .that()
          .resideInAnyPackage("dev.bulwark.core..", "dev.bulwark.policy..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.bulwark.admission..")
          .because("libraries are shared by every application");

  @ArchTest
  static final ArchRule decisionsDoNotKnowTheServer =
      noClasses()
          .that()
          .resideInAnyPackage("dev.bulwark.admission.decision..", "dev.bulwark.admission.review..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.bulwark.admission.server..", "io.javalin..", "org.eclipse.jetty..")
          .because("a decision is the same whoever delivers the review (webhook, benchmark, test)");

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
}
