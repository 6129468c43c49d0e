package io.orkestra.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.orkestra.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class RuntimeArchitectureTest {

  @ArchTest
  static final ArchRule wiresModulesOnlyThroughTheirApi =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.orkestra.core.internal..", "io.orkestra.katalog.internal..", "io.orkestra.watch.internal..",
              "io.orkestra.oci.internal..", "io.orkestra.notify.internal..");

  @ArchTest
  static final ArchRule kafkaClientStaysInNotifiers =
      noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.vertx.kafka..");

  @ArchTest
  static final ArchRule yamlParsingStaysInKatalogInterpreter =
      noClasses().should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.dataformat.yaml..", "org.yaml..");
}
