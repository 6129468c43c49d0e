package io.orkestra.oci;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.orkestra.oci", importOptions = ImportOption.DoNotIncludeTests.class)
class OciArchitectureTest {

  @ArchTest
  static final ArchRule usesNoOtherAdapterOrInternals =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.fabric8..", "org.apache.kafka..", "io.orkestra.core.internal..",
              "io.orkestra.katalog..", "io.orkestra.watch..", "io.orkestra.notify..", "io.orkestra.runtime..");

  @ArchTest
  static final ArchRule apiDoesNotUseInternalsOfOthers =
      noClasses().that().resideInAPackage("io.orkestra.oci")
          .should().dependOnClassesThat().resideInAnyPackage("io.vertx.core.impl..");
}
