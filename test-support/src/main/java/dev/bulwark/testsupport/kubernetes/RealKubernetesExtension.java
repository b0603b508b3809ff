package dev.bulwark.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link RealKubernetes}: one fabric8 client per test class (closed with the
 * class), one namespace per test (deleted after it, without waiting for its contents to go).
 */
public final class RealKubernetesExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(RealKubernetesExtension.class);
  static final String TEST_LABEL = "bulwark.dev/test";

  @Override
  public void beforeEach(ExtensionContext context) {
    KubernetesClient client = client(context);
    String name = namespaceName(context);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(TEST_LABEL, "true")
                .addToAnnotations("bulwark.dev/test-name", context.getDisplayName())
                .endMetadata()
                .build())
        .create();
    context.getStore(STORE).put(TestNamespace.class, new TestNamespace(name));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestNamespace namespace = context.getStore(STORE).get(TestNamespace.class, TestNamespace.class);
    if (namespace != null) {
      client(context).namespaces().withName(namespace.name()).delete();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class
        || type == TestNamespace.class
        || type == KubernetesCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == KubernetesCluster.class) {
      return LocalCluster.get().cluster();
    }
    TestNamespace namespace = context.getStore(STORE).get(TestNamespace.class, TestNamespace.class);
    if (namespace == null) {
      if (type == KubernetesClient.class) {
        return client(context);
      }
      throw new IllegalStateException("no test namespace: TestNamespace is for test methods");
    }
    if (type == TestNamespace.class) {
      return namespace;
    }
    return client(context).adapt(NamespacedKubernetesClient.class).inNamespace(namespace.name());
  }

  /** The client of the test class, created on first use and closed with the class. */
  private static KubernetesClient client(ExtensionContext context) {
    ExtensionContext classContext =
        context.getParent().filter(parent -> parent.getTestClass().isPresent()).orElse(context);
    ClosableClient client =
        classContext
            .getStore(STORE)
            .computeIfAbsent(
                ClosableClient.class, key -> new ClosableClient(connect()), ClosableClient.class);
    return Objects.requireNonNull(client).client();
  }

  private static KubernetesClient connect() {
    try {
      String kubeconfig = Files.readString(LocalCluster.get().cluster().kubeconfig());
      return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** it-{method}-{random}: readable in kubectl output, unique across runs and test JVMs. */
  private static String namespaceName(ExtensionContext context) {
    String method =
        context
            .getRequiredTestMethod()
            .getName()
            .replaceAll("([a-z])([A-Z])", "$1-$2")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]", "-");
    if (method.length() > 40) {
      method = method.substring(0, 40);
    }
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    return ("it-" + method + "-" + suffix).replaceAll("-+", "-");
  }

  /** Closes the client when JUnit closes the class's store. */
  private record ClosableClient(KubernetesClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
