/** The API for API tokens: issue, list, show, revoke. */
@NullMarked
package dev.bulwark.central.tokens;

import org.jspecify.annotations.NullMarked;
