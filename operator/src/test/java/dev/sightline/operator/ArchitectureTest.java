package dev.sightline.operator;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The operator's packages depend one way: runtime → reconcile → dependent → (prometheus, render) →
 * status → model → api. Checked on the compiled main classes, so no import, field type or call runs
 * back up, and no two packages depend on each other.
 */
class ArchitectureTest {
  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.sightline.operator");

  @Test
  void layersOnlyUseTheLayersBelow() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("runtime").definedBy("dev.sightline.operator.runtime..")
        .layer("reconcile").definedBy("dev.sightline.operator.reconcile..")
        .layer("dependent").definedBy("dev.sightline.operator.dependent..")
        .layer("prometheus").definedBy("dev.sightline.operator.prometheus..")
        .layer("render").definedBy("dev.sightline.operator.render..")
        .layer("status").definedBy("dev.sightline.operator.status..")
        .layer("model").definedBy("dev.sightline.operator.model..")
        .layer("api").definedBy("dev.sightline.operator.api..", "dev.sightline.operator.grafana..")
        .whereLayer("runtime").mayNotBeAccessedByAnyLayer()
        .whereLayer("reconcile").mayOnlyBeAccessedByLayers("runtime")
        .whereLayer("dependent").mayOnlyBeAccessedByLayers("reconcile")
        .whereLayer("prometheus").mayOnlyBeAccessedByLayers("runtime", "reconcile", "dependent")
        .whereLayer("render").mayOnlyBeAccessedByLayers("reconcile", "dependent")
        .whereLayer("status").mayOnlyBeAccessedByLayers("reconcile", "dependent", "prometheus")
        .whereLayer("model").mayOnlyBeAccessedByLayers("runtime", "reconcile", "dependent", "prometheus", "render",
            "status")
        .check(MAIN);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.sightline.operator.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  /** Rendering by what it makes: rules, the dashboard and routing, on the shared PromQL builder; rules need neither. */
  @Test
  void renderersDependOnlyOnRulesAndTheSharedBuilder() {
    slices().matching("dev.sightline.operator.render.(*)..").should().beFreeOfCycles().check(MAIN);
    noClasses().that().resideInAPackage("dev.sightline.operator.render.rules..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.sightline.operator.render.dashboard..",
            "dev.sightline.operator.render.routing..")
        .check(MAIN);
  }
}
