/** Command implementations, embedded servers and wiring; not API. */
@NullMarked
package io.orkestra.runtime.internal;

import org.jspecify.annotations.NullMarked;
