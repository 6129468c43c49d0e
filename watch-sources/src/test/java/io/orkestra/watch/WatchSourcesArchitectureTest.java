package io.orkestra.watch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.concurrent.CompletableFuture;

@AnalyzeClasses(
    packages = "io.orkestra.watch",
    importOptions = ImportOption.DoNotIncludeTests.class)
class WatchSourcesArchitectureTest {

  @ArchTest
  static final ArchRule noOtherModulesInternals =
      noClasses()
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.orkestra..internal..")
                  .and(not(resideInAPackage("io.orkestra.watch.internal.."))))
          .because("modules talk through contracts only (house-style 3)");

  @ArchTest
  static final ArchRule noKafka =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.vertx.kafka..", "org.apache.kafka..")
          .because("Kafka belongs to notifiers (house-style 6)");

  @ArchTest
  static final ArchRule noOtherAdapters =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.orkestra.katalog..",
              "io.orkestra.oci..",
              "io.orkestra.notify..",
              "io.orkestra.runtime..")
          .because("adapters never depend on each other (house-style 4)");

  @ArchTest
  static final ArchRule publicApiTypesAreFinalRecordsEnumsOrInterfaces =
      classes()
          .that()
          .resideInAPackage("io.orkestra.watch")
          .and()
          .arePublic()
          .and()
          .areTopLevelClasses()
          .should(
              new ArchCondition<JavaClass>("be a final class, a record, an enum or an interface") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                  boolean ok =
                      c.isInterface()
                          || c.isRecord()
                          || c.isEnum()
                          || c.getModifiers().contains(JavaModifier.FINAL);
                  if (!ok) {
                    events.add(
                        SimpleConditionEvent.violated(c, c.getName() + " is an open public class"));
                  }
                }
              });

  @ArchTest
  static final ArchRule apiExposesNoFuturesOrFabric8Callbacks =
      noClasses()
          .that()
          .resideInAPackage("io.orkestra.watch")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(
              CompletableFuture.class,
              io.fabric8.kubernetes.client.informers.ResourceEventHandler.class)
          .because("Flux/Mono at every module boundary (house-style 10)");
}
