package io.orkestra.runtime.internal;

import io.orkestra.oci.OciOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Registry options of the commands that load Komposers ({@code validate}, {@code template},
 * {@code render}): where registry imports are cached and whether to download them again.
 */
public final class ImportOptions {

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Registry cache root for registry imports (default: $ORK_CACHE or ~/.orkestra/registry).")
  Path cache;

  @Option(names = "--refresh", description = "Download registry imports again instead of using the cache.")
  boolean refresh;

  @Option(names = "--plain-http", description = "Use plain HTTP for registry imports (loopback registries always do).")
  boolean plainHttp;

  /**
   * The OCI options these flags describe.
   *
   * @return options for {@link RegistryImports#forEntry}
   */
  public OciOptions oci() {
    OciOptions o = OciOptions.defaults().withRefresh(refresh).withPlainHttp(plainHttp);
    return cache == null ? o : o.withCacheRoot(cache);
  }
}
