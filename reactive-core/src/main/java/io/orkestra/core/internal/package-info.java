/** Implementation of the reconcile loop and keyed work queue; not API, no other module imports it. */
@NullMarked
package io.orkestra.core.internal;

import org.jspecify.annotations.NullMarked;
