package dev.bulwark.testsupport.kubernetes;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real kube-apiserver: the local control plane of {@code
 * e2e/cluster} (etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok nodes),
 * started once per test JVM, or the running cluster named by {@code BULWARK_KUBECONFIG}. Test
 * methods may take a {@link io.fabric8.kubernetes.client.KubernetesClient} whose default namespace
 * is a fresh one created for the test and deleted after it, the {@link TestNamespace} itself, and
 * the {@link KubernetesCluster}; {@code @BeforeAll} and {@code @AfterAll} methods may take a client
 * without a namespace (for cluster-scoped objects) and the cluster.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealKubernetesExtension.class)
@Tag("kubernetes")
public @interface RealKubernetes {}
