package io.orkestra.core;

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

@AnalyzeClasses(packages = "io.orkestra.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

  @ArchTest
  static final ArchRule reactiveCoreUsesNoAdapterStack =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.vertx..", "io.fabric8..", "org.apache.kafka..", "com.fasterxml.jackson.dataformat..",
              "org.yaml..", "io.orkestra.katalog..", "io.orkestra.watch..", "io.orkestra.oci..",
              "io.orkestra.notify..", "io.orkestra.runtime..");

  @ArchTest
  static final ArchRule apiTypesAreFinalRecordsEnumsOrInterfaces =
      classes()
          .that()
          .resideInAPackage("io.orkestra.core")
          .and()
          .arePublic()
          .and()
          .areTopLevelClasses()
          .should(new ArchCondition<JavaClass>("be final, a record, an enum, an interface or an exception") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
              boolean ok = c.isInterface() || c.isRecord() || c.isEnum()
                  || c.getModifiers().contains(JavaModifier.FINAL)
                  || c.isAssignableTo(RuntimeException.class);
              if (!ok) {
                events.add(SimpleConditionEvent.violated(c, c.getName() + " is an open public class"));
              }
            }
          });

  @ArchTest
  static final ArchRule apiDoesNotLeakFuturesOrCallbacks =
      noClasses()
          .that()
          .resideInAPackage("io.orkestra.core")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.util.concurrent.CompletableFuture");
}
