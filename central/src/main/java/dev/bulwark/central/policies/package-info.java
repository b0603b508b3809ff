/** The policies central keeps: stored in StackRox's JSON form, managed through the API. */
@NullMarked
package dev.bulwark.central.policies;

import org.jspecify.annotations.NullMarked;
