/**
 * Which policies run: the loaded policies narrowed to frameworks, with policies turned on and off
 * by id or name. One set of rules for every application, so that the CLI and the admission
 * controller given the same options run the same policies.
 */
@NullMarked
package dev.bulwark.policy.selection;

import org.jspecify.annotations.NullMarked;
