package io.orkestra.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.orkestra.bench", importOptions = ImportOption.DoNotIncludeTests.class)
class BenchArchitectureTest {

  /** Benchmarks measure the product as users get it: through public entry points only. */
  @ArchTest
  static final ArchRule usesOnlyPublicApis =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.orkestra.core.internal..", "io.orkestra.katalog.internal..", "io.orkestra.watch.internal..",
              "io.orkestra.oci.internal..", "io.orkestra.notify.internal..", "io.orkestra.runtime.internal..");
}
