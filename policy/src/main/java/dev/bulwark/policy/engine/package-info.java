/**
 * The one policy engine: compiles policies once into immutable, thread-safe {@link
 * dev.bulwark.policy.engine.CompiledPolicySet}s and evaluates objects purely. The CLI, the
 * admission webhook, the sensor and Central all call it.
 *
 * <h2>Semantics</h2>
 *
 * StackRox's, as its policy engine applies them, with these decisions where StackRox is silent or
 * Bulwark sees more:
 *
 * <ul>
 *   <li>Sections are OR'ed; groups in a section are AND'ed and linked: workload criteria hold once,
 *       container criteria for one container, and the criteria of one element kind (volume mount,
 *       port, environment variable, vulnerability with its component, image component, Dockerfile
 *       line) for one element of that container. Negation applies per subject: a negated container
 *       group matches the containers that do not match its values. A subject that lacks a value (no
 *       seccomp profile, no replicas for a DaemonSet) matches no group, negated or not.
 *   <li>String values are whole-string RE2 regexes matched ignoring case (see {@link
 *       dev.bulwark.policy.criteria.TextPattern}).
 *   <li>Image-data criteria use three-valued logic: with {@link
 *       dev.bulwark.core.image.ImageDataProvider#NONE} they are unknown; for an image the provider
 *       does not know, only Unscanned Image is decided; for an image known but never scanned, scan
 *       criteria (CVEs, components, OS, scan age) stay unknown. A false criterion in the same
 *       section decides without data; a true section anywhere violates the policy; otherwise an
 *       unknown one makes it {@code NOT_EVALUATED} with the fields it needs. Runtime criteria are
 *       always unknown here: the sensor decides them.
 *   <li>Containers of every type are evaluated unless {@code skipContainerTypes} names REGULAR or
 *       INIT; ephemeral (debug) containers always are.
 *   <li>Unset {@code privileged} and {@code readOnlyRootFilesystem} read as false, as in StackRox.
 *       Privilege escalation is read as Kubernetes applies it (allowed unless set to false; always
 *       for privileged containers and those adding SYS_ADMIN), where StackRox reads an unset field
 *       as false. Dropping {@code ALL} counts as dropping every capability; unset CPU and memory
 *       read as 0; Image Remote also matches Docker Hub official images without {@code library/}.
 *   <li>A missing workload context reads as an empty one (nothing exposes or isolates the workload,
 *       default RBAC, the pod's automount setting), like {@code ClusterContext.empty()}.
 *   <li>Scopes with a cluster label never match: the cluster's labels are not known here.
 *       Deployment exclusions apply at deploy and run time, image exclusions at build time (to the
 *       containers whose image they name); expired ones (expiration at or before {@code now}) do
 *       not apply.
 *   <li>Waivers never hide a violation: the first exception in force naming the policy (by name, id
 *       or category) whose scope covers the object wins, else the object's {@code
 *       ignore-check.bulwark.dev/<policy id or name slug>} annotation.
 * </ul>
 */
@NullMarked
package dev.bulwark.policy.engine;

import org.jspecify.annotations.NullMarked;
