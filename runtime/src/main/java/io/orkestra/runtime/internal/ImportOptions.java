package io.orkestra.runtime.internal;

import io.orkestra.oci.OciOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Registry options of the commands that load Komposers ({@code validate}, {@code template},
 * {@code render}, {@code run}): where registry imports are cached, whether to download them again,
 * and which mirrors to pull them from ({@link RegistryConfig}).
 */
public final class ImportOptions {

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Registry cache root for registry imports (default: $ORK_CACHE or ~/.orkestra/registry).")
  Path cache;

  @Option(names = "--refresh", description = "Download registry imports again instead of using the cache.")
  boolean refresh;

  @Option(names = "--plain-http", description = "Use plain HTTP for registry imports (loopback registries always do).")
  boolean plainHttp;

  @Option(names = "--mirror", paramLabel = "HOST=ENDPOINT",
      description = "Pull HOST's references from ENDPOINT first, e.g. ghcr.io=http://127.0.0.1:5000 (repeatable;"
          + " adds to ORK_REGISTRY_MIRRORS and registry.mirrors of ~/.orkestra/config.yaml).")
  List<String> mirrors = new ArrayList<>();

  @Option(names = "--mirror-only",
      description = "Never contact a registry that has mirrors: a mirror that fails is an error (air-gapped use).")
  boolean mirrorOnly;

  /**
   * The OCI options these flags describe.
   *
   * @return options for {@link RegistryImports#forEntry}
   */
  public OciOptions oci() {
    OciOptions o = OciOptions.defaults().withRefresh(refresh).withPlainHttp(plainHttp)
        .withMirrors(RegistryConfig.mirrors(System.getenv(), mirrors, mirrorOnly));
    return cache == null ? o : o.withCacheRoot(cache);
  }
}
