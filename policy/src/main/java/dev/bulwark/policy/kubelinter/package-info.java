/**
 * kube-linter configuration files read as Bulwark policy selections: custom checks built on a
 * kube-linter template Bulwark implements become policies (native checks, or CEL rules for the
 * {@code cel-expression} template), and the {@code checks} section chooses among the policies
 * tagged with kube-linter's built-in checks the way kube-linter chooses among its checks.
 */
@NullMarked
package dev.bulwark.policy.kubelinter;

import org.jspecify.annotations.NullMarked;
