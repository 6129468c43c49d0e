package io.orkestra.katalog;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;

/** House-style rules for this module (house-style.md 3, 6, 9, 36; architecture.md). */
@AnalyzeClasses(
    packages = "io.orkestra.katalog",
    importOptions = ImportOption.DoNotIncludeTests.class)
class KatalogArchitectureTest {

  private static final String API = "io.orkestra.katalog";
  private static final String LOAD = "io.orkestra.katalog.internal.load..";

  @ArchTest
  static final ArchRule noForeignStacks =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.vertx..", "io.fabric8..", "org.apache.kafka..")
          .because("the interpreter is pure: Vert.x, fabric8 and Kafka belong to other modules");

  @ArchTest
  static final ArchRule onlyTheLoaderTouchesTheNetwork =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.orkestra.katalog.internal.load..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.net..")
          .because(
              "only loading fetches (Komposer URL imports, at load time); templates, conditions"
                  + " and rendering never do I/O");

  @ArchTest
  static final ArchRule noOtherModulesInternals =
      noClasses()
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.orkestra..internal..")
                  .and(not(resideInAPackage("io.orkestra.katalog.internal.."))))
          .because("no module imports another module's internal packages");

  @ArchTest
  static final ArchRule fileAccessOnlyInTheLoader =
      noClasses()
          .that()
          .resideOutsideOfPackages(API, LOAD)
          .should()
          .dependOnClassesThat(
              resideInAPackage("java.nio.file..")
                  .or(
                      resideInAPackage("java.io")
                          .and(not(simpleName("IOException").or(simpleName("Serializable"))))))
          .because("after load, interpreting never does I/O (java.nio.file only in the loader)");

  @ArchTest
  static final ArchRule timeOnlyThroughTheInjectedClock =
      noClasses()
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(LocalDateTime.class, "now")
          .orShould()
          .callMethod(Clock.class, "systemUTC")
          .orShould()
          .callMethod(Clock.class, "systemDefaultZone")
          .because("templates read time only from the clock passed to interpret");

  @ArchTest
  static final ArchRule internalLayers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("api")
          .definedBy(API)
          .layer("load")
          .definedBy(LOAD)
          .layer("admission")
          .definedBy("io.orkestra.katalog.internal.admission..")
          .layer("render")
          .definedBy("io.orkestra.katalog.internal.render..")
          .layer("model")
          .definedBy("io.orkestra.katalog.internal.model..")
          .layer("template")
          .definedBy("io.orkestra.katalog.internal.template..")
          .layer("yaml")
          .definedBy("io.orkestra.katalog.internal.yaml..")
          .layer("support")
          .definedBy("io.orkestra.katalog.internal.support..")
          .whereLayer("api")
          .mayOnlyBeAccessedByLayers("load", "support", "admission")
          .whereLayer("load")
          .mayOnlyBeAccessedByLayers("api")
          .whereLayer("admission")
          .mayOnlyBeAccessedByLayers("load")
          .whereLayer("render")
          .mayOnlyBeAccessedByLayers("load", "admission")
          .whereLayer("model")
          .mayOnlyBeAccessedByLayers("load", "render", "admission")
          .whereLayer("yaml")
          .mayOnlyBeAccessedByLayers("load", "model")
          .whereLayer("template")
          .mayOnlyBeAccessedByLayers("load", "model", "render", "admission")
          .because("templates know nothing of YAML or Katalogs; only the loader wires things up");

  @ArchTest
  static final ArchRule publicApiTypesAreClosed =
      classes()
          .that()
          .resideInAPackage(API)
          .and()
          .arePublic()
          .and()
          .areTopLevelClasses()
          .should(beFinalRecordEnumInterfaceOrException());

  @ArchTest
  static final ArchRule publicApiDoesNotExposeInternals =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .resideInAPackage(API)
          .and()
          .arePublic()
          .should()
          .haveRawReturnType(not(resideInAnyPackage("..internal..")))
          .because("callers only see the entry type, its records and core contracts");

  private static ArchCondition<JavaClass> beFinalRecordEnumInterfaceOrException() {
    return new ArchCondition<>("be a final class, record, enum, interface or exception") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        boolean ok =
            c.isRecord()
                || c.isEnum()
                || c.isInterface()
                || c.isAssignableTo(Throwable.class)
                || c.getModifiers().contains(JavaModifier.FINAL);
        events.add(new SimpleConditionEvent(c, ok, c.getName() + " is " + c.getModifiers()));
      }
    };
  }
}
