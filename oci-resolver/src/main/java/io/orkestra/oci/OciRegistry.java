package io.orkestra.oci;

import io.orkestra.core.KatalogResolver;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Orkestra's OCI registry client, cache and lock file. Obtain one from {@link
 * OciResolver#create(io.vertx.core.Vertx, OciOptions)}.
 *
 * <p>Every method is lazy: nothing is sent before subscription. Results are emitted on a Vert.x
 * event loop or on {@code Schedulers.boundedElastic()} (after file work); callers that block must
 * {@code publishOn} a suitable scheduler. Errors are {@link io.orkestra.core.OrkestraException}s
 * whose one-line message names the registry and repository (never credentials). None of the
 * publishers buffer more than one HTTP response body in memory, except manifests (bounded by
 * {@link OciOptions#maxManifestBytes()}); blobs are streamed to disk.
 */
public interface OciRegistry extends KatalogResolver {

  /**
   * Resolves a reference into the cache and returns the artifact's directory (the Komposer import
   * contract). Short names use {@link OciOptions#defaultKind()}.
   *
   * <p>Pinned references (a digest in the reference, or an entry in the lock file) are served from
   * the cache without contacting the registry when the cached files verify against the manifest;
   * that also works with the registry down. Tags are always resolved against the registry; when
   * the registry is unreachable the error says the reference is not pinned.
   *
   * <p>With {@link OciOptions#mirrors()} configured for the reference's host, the mirrors are
   * tried first, in order, then the host itself unless mirror-only. The cache directory, the lock
   * key and the digests checked are those of the reference as written; a mirror serving another
   * digest than the lock pins is an error naming the mirror and both digests.
   *
   * @param reference a reference as written in a Komposer
   * @return emits the directory, then completes; errors when it cannot be resolved or verified
   */
  @Override
  Mono<Path> resolve(String reference);

  /**
   * Resolves a reference into the cache, optionally copying its files into {@code output}.
   *
   * @param reference the reference
   * @param output a directory to receive the files as well, or {@code null}
   * @return emits what was pulled, then completes
   */
  default Mono<PulledArtifact> pull(OciReference reference, @Nullable Path output) {
    return pull(reference, output, TransferListener.NONE);
  }

  /**
   * Pulls like {@link #pull(OciReference, Path)}, reporting downloaded bytes to {@code listener}
   * (called on event loops; it must not block).
   *
   * @param reference the reference
   * @param output a directory to receive the files as well, or {@code null}
   * @param listener receives the total and the bytes as they arrive
   * @return emits what was pulled, then completes
   */
  Mono<PulledArtifact> pull(OciReference reference, @Nullable Path output, TransferListener listener);

  /**
   * Pushes a directory as a pattern ({@code katalog.yaml} required) or a motif ({@code motif.yaml}
   * required): one layer per file titled by its relative path, artifact and config media type of
   * the kind, Orkestra's manifest annotations plus {@code annotations} ({@code
   * org.opencontainers.image.created} is the push time unless {@code annotations} sets it). Blobs
   * the registry has are not sent again; when the tag already holds the same files and annotations nothing is written
   * and the digest stays.
   *
   * @param reference where to push (needs a tag)
   * @param directory the files to publish
   * @param kind pattern or motif
   * @param annotations extra manifest annotations
   * @return emits the result, then completes
   */
  default Mono<PushResult> push(
      OciReference reference, Path directory, ArtifactKind kind, Map<String, String> annotations) {
    return push(reference, directory, kind, annotations, TransferListener.NONE);
  }

  /**
   * Pushes like {@link #push(OciReference, Path, ArtifactKind, Map)}, reporting uploaded bytes to
   * {@code listener} (called on event loops; it must not block).
   *
   * @param reference where to push (needs a tag)
   * @param directory the files to publish
   * @param kind pattern or motif
   * @param annotations extra manifest annotations
   * @param listener receives the total and the bytes of each stored blob or chunk
   * @return emits the result, then completes
   */
  Mono<PushResult> push(
      OciReference reference, Path directory, ArtifactKind kind, Map<String, String> annotations,
      TransferListener listener);

  /**
   * Copies an artifact from one registry to another unchanged (for mirrors): the source manifest
   * is read, every blob it names (config and layers) that the target lacks (checked with HEAD) is
   * downloaded into the cache's blob store (verified, reused when already there) and uploaded, then
   * the same manifest bytes are put under the target's tag (or digest), so the digest stays. When
   * the target tag already names that digest no manifest is written. Only image manifests (what
   * Orkestra pushes) are copied; an index is refused.
   *
   * @param source where to read (tag or digest)
   * @param target where to write (tag or digest; a digest must equal the source's)
   * @param listener receives the total size of all blobs, then each blob's bytes as it is found
   *     present or stored (called on event loops; it must not block)
   * @return emits the result (its reference is {@code target}), then completes; errors on a
   *     registry error or a digest mismatch
   */
  Mono<PushResult> copy(OciReference source, OciReference target, TransferListener listener);

  /**
   * Records a pushed artifact in its namespace's index ({@code <namespace>/index:latest}, the
   * namespace being the repository without its last segment): reads the pushed manifest, builds
   * the {@link IndexEntry} from its annotations ({@code org.opencontainers.image.description},
   * {@code io.orkestra.pattern.tags|author|kind|deprecated}, {@code
   * org.opencontainers.image.created}), and merges it into the index. An older version pushed
   * after a newer one leaves the entry alone. The update is a read-modify-write checked by a
   * second read and redone a few times when a concurrent push replaced the index meanwhile; the
   * registry offers no conditional write, so a lost update is still possible in a tight race (the
   * next push of that pattern restores its entry). Callers treat a failure as a warning: the
   * pushed artifact is in place either way.
   *
   * @param pushed the reference that was pushed (with its tag)
   * @return emits the index as written, then completes; errors when the index cannot be read or
   *     written, or when {@code pushed} is itself an index repository
   */
  Mono<PatternIndex> updateIndex(OciReference pushed);

  /**
   * Reads a namespace's index ({@code <namespace>/index:latest}).
   *
   * @param registry host and optional port
   * @param namespace repository prefix (empty for the registry root)
   * @return emits the index, then completes; completes empty when the namespace has no index
   */
  Mono<PatternIndex> readIndex(String registry, String namespace);

  /**
   * Lists the distinct versions of a repository (spec §4, {@code ListVersions}): every tag's
   * manifest is read (four at a time), tags on the same digest collapse into one {@link
   * ArtifactVersion} named by a version tag rather than a floating one such as {@code latest},
   * ordered newest push first by {@code org.opencontainers.image.created}. A tag whose manifest
   * disappears while listing is skipped.
   *
   * @param registry host and optional port
   * @param repository repository path
   * @return emits the versions once all tags are read, then completes
   */
  Flux<ArtifactVersion> listVersions(String registry, String repository);

  /**
   * Reads a manifest (no blob is downloaded).
   *
   * @param reference tag or digest reference
   * @return emits the manifest, then completes; errors on 404, an unknown media type, a manifest
   *     over the size limit or a digest mismatch
   */
  Mono<ManifestInfo> inspect(OciReference reference);

  /**
   * Lists the tags of a repository, following {@code Link} pagination.
   *
   * @param registry host and optional port
   * @param repository repository path
   * @return emits each tag in registry order, then completes; pages are fetched one after the
   *     other (each from the previous page's {@code Link}), with at most one page prefetched
   */
  Flux<String> listTags(String registry, String repository);

  /**
   * Lists the repositories of a registry ({@code /v2/_catalog}, paginated).
   *
   * @param registry host and optional port
   * @return emits each repository name, then completes
   */
  Flux<String> listRepositories(String registry);

  /**
   * Lists the manifests that refer to {@code subject} (OCI 1.1 referrers API); when the registry
   * answers 404, reads the tag-schema fallback index tagged {@code sha256-<hex>}.
   *
   * @param subject a digest reference
   * @param artifactType only entries of this artifact type, or {@code null} for all
   * @return emits each referrer descriptor, then completes (empty when there are none)
   */
  Flux<OciDescriptor> referrers(OciReference subject, @Nullable String artifactType);
}
