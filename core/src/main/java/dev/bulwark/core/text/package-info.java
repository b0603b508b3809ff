/**
 * "Did you mean" hints for names users type: policy fields, check ids, frameworks, Kubernetes
 * fields.
 */
@NullMarked
package dev.bulwark.core.text;

import org.jspecify.annotations.NullMarked;
