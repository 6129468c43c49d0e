/**
 * Admission rules of a loaded CRD entry (spec §2.8): validation, mutation and version conversion
 * evaluated against custom resources with the templates and conditions the binder compiled at
 * load. Pure: no I/O, time only from an injected clock; the HTTPS webhook lives in the runtime.
 */
@NullMarked
package io.orkestra.katalog.internal.admission;

import org.jspecify.annotations.NullMarked;
