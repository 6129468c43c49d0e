package io.orkestra.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Version of this build and of the stacks it runs on, from a resource filtered at build time. */
public final class VersionInfo implements CommandLine.IVersionProvider {

  /**
   * Reads {@code orkestra-version.properties}.
   *
   * @return the properties, empty when the resource is missing
   */
  public static Properties properties() {
    Properties p = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream("/orkestra-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // keep the empty properties: version output is informational
    }
    return p;
  }

  @Override
  public String[] getVersion() {
    Properties p = properties();
    return new String[] {
      "ork " + p.getProperty("version", "unknown") + " (Orkestra-J)",
      "java " + System.getProperty("java.version") + ", fabric8 " + p.getProperty("fabric8.version", "?")
          + ", kafka-clients " + p.getProperty("kafka.clients.version", "?")
          + ", embedded broker Kafka " + p.getProperty("kafka.broker.version", "?")
    };
  }
}
