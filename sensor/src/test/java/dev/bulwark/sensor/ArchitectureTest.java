package dev.bulwark.sensor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.jspecify.annotations.NullMarked;

/**
 * The sensor's boundaries: an application built from the libraries, independent of the other
 * applications; its evaluation independent of how objects are watched and how central is reached.
 */
@AnalyzeClasses(packages = "dev.bulwark", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule librariesDoNotDependOnTheSensor =
      noClasses()
          .that()
          .resideInAnyPackage("dev.bulwark.core..", "dev.bulwark.policy..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.bulwark.sensor..")
          .because("libraries are shared by every application");

  @ArchTest
  static final ArchRule theSensorIsIndependentOfOtherApplications =
      noClasses()
          .that()
          .resideInAnyPackage("dev.bulwark.sensor..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.bulwark.central..",
              "dev.bulwark.cli..",
              "dev.bulwark.admission..",
              "dev.bulwark.testsupport..")
          .because("applications are deployed on their own");

  @ArchTest
  static final ArchRule evaluationDoesNotKnowTheWatchOrCentral =
      noClasses()
          .that()
          .resideInAnyPackage("dev.bulwark.sensor.evaluation..", "dev.bulwark.sensor.inventory..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.bulwark.sensor.watch..", "dev.bulwark.sensor.central..", "io.fabric8..")
          .because("verdicts are the same whoever supplies the objects");

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
