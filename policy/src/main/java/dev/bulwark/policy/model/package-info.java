/**
 * The policy model: StackRox's policy shape (sections OR'ed, groups AND'ed, values per boolean
 * operator) plus Bulwark's additions (control tags, CEL rules, native check references). Immutable
 * records.
 */
@NullMarked
package dev.bulwark.policy.model;

import org.jspecify.annotations.NullMarked;
