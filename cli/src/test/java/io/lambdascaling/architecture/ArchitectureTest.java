package io.lambdascaling.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the README states, as rules on every module's main classes: the CR model and the
 * analysis stand alone, the analysis is pure, the operator never reaches into the stand-ins, and
 * the cli uses the operator through its composition root and the journal's codec, never through the
 * runner or the reconciler.
 */
class ArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    // Each module's compiled classes, as the reactor built them before this module's tests.
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPaths(
                Stream.of("api", "analysis", "function", "local", "operator", "cli")
                    .map(m -> Path.of("..", m, "target", "classes"))
                    .toList());
  }

  @Test
  void analysis_is_pure_jdk_collections_and_commons_math() {
    ArchRule rule =
        ArchRuleDefinition.classes()
            .that()
            .resideInAPackage("io.lambdascaling.analysis..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                "io.lambdascaling.analysis..",
                "java.lang",
                "java.lang.invoke",
                "java.util",
                "java.util.function",
                "java.util.stream",
                "java.util.regex",
                "java.math",
                "org.apache.commons.math3..");
    rule.check(main);
  }

  @Test
  void analysis_reads_no_clock_and_starts_no_thread() {
    noClasses()
        .that()
        .resideInAPackage("io.lambdascaling.analysis..")
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Thread.class)
        .check(main);
  }

  @Test
  void the_api_module_is_the_model_alone() {
    noClasses()
        .that()
        .resideInAPackage("io.lambdascaling.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.lambdascaling.analysis..",
            "io.lambdascaling.operator..",
            "io.lambdascaling.local..",
            "io.lambdascaling.cli..",
            "io.javaoperatorsdk..",
            "software.amazon..")
        .check(main);
  }

  @Test
  void analysis_knows_nothing_of_kubernetes_aws_or_the_operator() {
    noClasses()
        .that()
        .resideInAPackage("io.lambdascaling.analysis..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.lambdascaling.api..",
            "io.lambdascaling.operator..",
            "io.lambdascaling.local..",
            "io.lambdascaling.cli..",
            "io.fabric8..",
            "io.javaoperatorsdk..",
            "software.amazon..",
            "java.io..",
            "java.nio..",
            "java.net..",
            "java.time..")
        .check(main);
  }

  @Test
  void the_operator_never_imports_the_local_stand_ins() {
    noClasses()
        .that()
        .resideInAPackage("io.lambdascaling.operator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.lambdascaling.local..", "io.lambdascaling.cli..")
        .check(main);
  }

  @Test
  void the_cli_never_reaches_into_the_runner_the_reconciler_or_the_status_writer() {
    noClasses()
        .that()
        .resideInAPackage("io.lambdascaling.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.lambdascaling.operator.runner..",
            "io.lambdascaling.operator.reconciler..",
            "io.lambdascaling.operator.status..",
            "io.lambdascaling.operator.fleet..")
        .check(main);
  }

  @Test
  void no_package_depends_on_itself_through_others() {
    slices().matching("io.lambdascaling.(**)").should().beFreeOfCycles().check(main);
  }
}
