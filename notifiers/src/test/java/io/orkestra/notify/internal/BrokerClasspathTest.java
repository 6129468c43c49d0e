package io.orkestra.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orkestra.core.OrkestraException;
import io.orkestra.notify.BrokerOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerClasspathTest {

  @TempDir Path tmp;

  private Path home;
  private Path jarA;
  private Path jarB;
  private final AtomicInteger resolutions = new AtomicInteger();

  @BeforeEach
  void jars() throws IOException {
    home = tmp.resolve("home");
    jarA = Files.createFile(tmp.resolve("kafka_2.13-4.1.1.jar"));
    jarB = Files.createFile(tmp.resolve("kafka-clients-4.1.1.jar"));
  }

  private BrokerClasspath.Resolver fakeMaven() {
    return (pom, output) -> {
      resolutions.incrementAndGet();
      assertThat(pom).exists();
      Files.writeString(output, jarA + File.pathSeparator + jarB, StandardCharsets.UTF_8);
    };
  }

  @Test
  void resolvesOnceAndReusesCachedClasspathWhileEveryJarExists() {
    List<String> first = new BrokerClasspath(home, fakeMaven()).classpath();
    List<String> second = new BrokerClasspath(home, fakeMaven()).classpath();

    assertThat(first).containsExactly(jarA.toString(), jarB.toString());
    assertThat(second).isEqualTo(first);
    assertThat(resolutions).hasValue(1);
    assertThat(home.resolve("classpath.txt")).exists();
  }

  @Test
  void resolvesAgainWhenACachedJarIsGone() throws IOException {
    new BrokerClasspath(home, fakeMaven()).classpath();
    // the local repository lost a jar: the cache is stale, Maven must run again (here it cannot
    // bring the jar back, so the fresh result is rejected too)
    Files.delete(jarA);

    assertThatThrownBy(() -> new BrokerClasspath(home, fakeMaven()).classpath())
        .isInstanceOf(OrkestraException.class)
        .hasMessageContaining("no usable classpath");
    assertThat(resolutions).hasValue(2);
  }

  @Test
  void resolvesAgainWhenTheShippedPomChanged() throws IOException {
    new BrokerClasspath(home, fakeMaven()).classpath();
    Files.writeString(home.resolve("pom.xml"), "<project>older</project>");

    new BrokerClasspath(home, fakeMaven()).classpath();

    assertThat(resolutions).hasValue(2);
    assertThat(Files.readAllBytes(home.resolve("pom.xml"))).isEqualTo(BrokerClasspath.pomBytes());
  }

  @Test
  void writesStandalonePomForKafkaBrokerAndLog4j() throws IOException {
    new BrokerClasspath(home, fakeMaven()).classpath();

    String pom = Files.readString(home.resolve("pom.xml"));
    assertThat(pom)
        .contains("<artifactId>kafka_2.13</artifactId>")
        .contains("<version>4.1.1</version>")
        .contains("<artifactId>log4j-slf4j-impl</artifactId>")
        .contains("<version>2.24.3</version>")
        .doesNotContain("<parent>")
        .doesNotContain("vertx");
    try (var files = Files.list(home)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary files left behind")
          .noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  @Test
  void concurrentCallersResolveOnlyOnce() throws Exception {
    BrokerClasspath.Resolver slowMaven =
        (pom, output) -> {
          resolutions.incrementAndGet();
          Thread.sleep(200);
          Files.writeString(output, jarA.toString());
        };
    CompletableFuture<List<String>> a =
        CompletableFuture.supplyAsync(() -> new BrokerClasspath(home, slowMaven).classpath());
    CompletableFuture<List<String>> b =
        CompletableFuture.supplyAsync(() -> new BrokerClasspath(home, slowMaven).classpath());

    assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(b.get(10, TimeUnit.SECONDS));
    assertThat(resolutions).hasValueLessThanOrEqualTo(2);
    assertThat(home.resolve("classpath.txt")).content().isEqualTo(jarA.toString());
  }

  @Test
  void failedResolutionLeavesNoCache() {
    BrokerClasspath.Resolver broken =
        (pom, output) -> {
          throw new OrkestraException("mvn exploded");
        };

    assertThatThrownBy(() -> new BrokerClasspath(home, broken).classpath())
        .hasMessage("mvn exploded");
    assertThat(home.resolve("classpath.txt")).doesNotExist();
  }

  @Test
  void explicitClasspathOptionWinsOverEnvironment() {
    BrokerOptions options = BrokerOptions.defaults().withClasspath(jarA.toString());

    List<String> cp =
        BrokerClasspath.resolve(options, Map.of(BrokerOptions.ENV_CLASSPATH, jarB.toString()));

    assertThat(cp).containsExactly(jarA.toString());
  }

  @Test
  void environmentClasspathIsUsedWithoutMaven() {
    List<String> cp =
        BrokerClasspath.resolve(
            BrokerOptions.defaults(),
            Map.of(BrokerOptions.ENV_CLASSPATH, jarA + File.pathSeparator + jarB, "PATH", ""));

    assertThat(cp).containsExactly(jarA.toString(), jarB.toString());
  }

  @Test
  void rejectsExplicitClasspathWithMissingJars() {
    BrokerOptions options =
        BrokerOptions.defaults().withClasspath(jarA + File.pathSeparator + "/no/such.jar");

    assertThatThrownBy(() -> BrokerClasspath.resolve(options, Map.of()))
        .isInstanceOf(OrkestraException.class)
        .hasMessageContaining("option classpath names files that do not exist: [/no/such.jar]");
  }

  @Test
  void homeComesFromOptionThenEnvironmentThenUserHome() {
    assertThat(
            BrokerClasspath.home(
                BrokerOptions.defaults().withHome(tmp), Map.of(BrokerOptions.ENV_HOME, "/env")))
        .isEqualTo(tmp);
    assertThat(
            BrokerClasspath.home(BrokerOptions.defaults(), Map.of(BrokerOptions.ENV_HOME, "/env")))
        .isEqualTo(Path.of("/env"));
    assertThat(BrokerClasspath.home(BrokerOptions.defaults(), Map.of()))
        .isEqualTo(
            Path.of(System.getProperty("user.home"), ".orkestra", "embedded-kafka", "4.1.1"));
  }

  @Test
  void findsMavenThroughMavenHomeBeforePath() throws IOException {
    Path mavenHome = tmp.resolve("maven");
    Path viaHome = executable(mavenHome.resolve("bin/mvn"));
    Path viaPath = executable(tmp.resolve("path-bin/mvn"));

    assertThat(
            BrokerClasspath.findMaven(
                Map.of("MAVEN_HOME", mavenHome.toString(), "PATH", viaPath.getParent().toString()),
                null))
        .isEqualTo(viaHome);
    assertThat(
            BrokerClasspath.findMaven(
                Map.of("PATH", "/nowhere" + File.pathSeparator + viaPath.getParent()), null))
        .isEqualTo(viaPath);
  }

  @Test
  void failsClearlyWhenMavenIsAbsent() {
    assertThatThrownBy(() -> BrokerClasspath.findMaven(Map.of("PATH", tmp.toString()), null))
        .isInstanceOf(OrkestraException.class)
        .hasMessageContaining("Maven ('mvn') not found via MAVEN_HOME, M2_HOME or PATH")
        .hasMessageContaining("ORK_KAFKA_CLASSPATH");
  }

  private static Path executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
