/** Implementation of reference parsing; not API. */
@NullMarked
package io.orkestra.oci.internal;

import org.jspecify.annotations.NullMarked;
