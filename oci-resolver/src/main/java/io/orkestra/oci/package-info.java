/**
 * Distribution of Orkestra patterns and motifs as OCI artifacts: references, and (with the OCI
 * issue) the registry client, cache and lock file. {@link io.orkestra.oci.OciResolver} is the entry.
 */
@NullMarked
package io.orkestra.oci;

import org.jspecify.annotations.NullMarked;
