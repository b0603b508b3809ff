/**
 * {@code bulwark pss}: evaluates every pod and pod template of the input at one Pod Security
 * Standards level and version, as the PodSecurity admission plugin would, and reports which are
 * allowed and which checks the others fail.
 */
@NullMarked
package dev.bulwark.cli.pss;

import org.jspecify.annotations.NullMarked;
