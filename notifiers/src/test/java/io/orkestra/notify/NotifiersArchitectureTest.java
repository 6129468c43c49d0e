package io.orkestra.notify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

@AnalyzeClasses(
    packages = "io.orkestra.notify",
    importOptions = ImportOption.DoNotIncludeTests.class)
class NotifiersArchitectureTest {

  private static final DescribedPredicate<JavaClass> OTHER_MODULES_INTERNALS =
      DescribedPredicate.describe(
          "an internal package of another Orkestra module",
          c ->
              c.getPackageName().startsWith("io.orkestra.")
                  && (c.getPackageName().contains(".internal")
                      || c.getPackageName().contains(".impl"))
                  && !c.getPackageName().startsWith("io.orkestra.notify."));

  @ArchTest
  static final ArchRule noOtherModulesInternals =
      noClasses()
          .that()
          .resideInAPackage("io.orkestra.notify..")
          .should()
          .dependOnClassesThat(OTHER_MODULES_INTERNALS)
          .because("modules meet only through reactive-core contracts (house-style 3)");

  @ArchTest
  static final ArchRule noFabric8 =
      noClasses()
          .that()
          .resideInAPackage("io.orkestra.notify..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.fabric8..")
          .because("fabric8 belongs to watch-sources (house-style 6)");

  @ArchTest
  static final ArchRule noOtherAdapterModules =
      noClasses()
          .that()
          .resideInAPackage("io.orkestra.notify..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.orkestra.watch..",
              "io.orkestra.katalog..",
              "io.orkestra.oci..",
              "io.orkestra.runtime..")
          .because("adapters never depend on each other (house-style 4)");

  @ArchTest
  static final ArchRule publicApiTypesAreFinalRecordsEnumsOrInterfaces =
      classes()
          .that()
          .resideInAPackage("io.orkestra.notify")
          .and()
          .arePublic()
          .and()
          .areTopLevelClasses()
          .should(beFinalClassRecordEnumOrInterface())
          .because("house-style 9 and 36: one final entry type, the rest contracts and records");

  @ArchTest
  static final ArchRule publicApiReturnsNoForeignAsyncTypes =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .resideInAPackage("io.orkestra.notify")
          .and()
          .arePublic()
          .should()
          .notHaveRawReturnType(io.vertx.core.Future.class)
          .andShould()
          .notHaveRawReturnType(java.util.concurrent.CompletionStage.class)
          .andShould()
          .notHaveRawReturnType(java.util.concurrent.CompletableFuture.class)
          .andShould()
          .notHaveRawReturnType(org.reactivestreams.Publisher.class)
          .because("Flux/Mono at every module boundary (house-style 10)");

  private static ArchCondition<JavaClass> beFinalClassRecordEnumOrInterface() {
    return new ArchCondition<>("be a final class, a record, an enum or an interface") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        boolean ok =
            c.isInterface()
                || c.isEnum()
                || c.isRecord()
                || c.getModifiers().contains(JavaModifier.FINAL);
        events.add(
            new SimpleConditionEvent(
                c,
                ok,
                c.getName()
                    + (ok ? " is" : " is not")
                    + " final, a record, an enum or an interface"));
      }
    };
  }
}
