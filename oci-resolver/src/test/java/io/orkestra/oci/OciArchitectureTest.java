package io.orkestra.oci;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
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

  @ArchTest
  static final ArchRule apiTypesAreFinalRecordsEnumsOrInterfaces =
      classes().that().resideInAPackage("io.orkestra.oci").and().arePublic()
          .should().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL).orShould().beInterfaces();

  @ArchTest
  static final ArchRule onlyTheEntryTypeReachesTheImplementation =
      noClasses().that().resideInAPackage("io.orkestra.oci").and().doNotHaveSimpleName("OciResolver")
          .should().dependOnClassesThat().resideInAPackage("io.orkestra.oci.internal..");
}
