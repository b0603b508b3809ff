/**
 * Runtime policies about Kubernetes API actions on pods (exec, attach, port-forward): StackRox's
 * deployment-event policies with {@code Kubernetes Resource} criteria, judged against one request.
 */
@NullMarked
package dev.bulwark.policy.kubeevent;

import org.jspecify.annotations.NullMarked;
