/**
 * Deployment risk: a score made of multipliers for policy violations, image vulnerabilities,
 * service configuration, reachability and image contents, with the facts behind each (see
 * docs/risk.md). Pure computation: storage, ranking and the API build on it.
 */
@NullMarked
package dev.bulwark.central.risk;

import org.jspecify.annotations.NullMarked;
