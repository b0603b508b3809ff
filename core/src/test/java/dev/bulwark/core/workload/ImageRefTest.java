package dev.bulwark.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "null",
      value = {
        "nginx,                                docker.io,      library/nginx,      latest, null",
        "nginx:1.25,                           docker.io,      library/nginx,      1.25,   null",
        "library/nginx:1.25,                   docker.io,      library/nginx,      1.25,   null",
        "bitnami/redis:7.2,                    docker.io,      bitnami/redis,      7.2,    null",
        "docker.io/nginx,                      docker.io,      library/nginx,      latest, null",
        "docker.io/library/nginx:stable,       docker.io,      library/nginx,      stable, null",
        "index.docker.io/nginx,                docker.io,      library/nginx,      latest, null",
        "index.docker.io/acme/app:1,           docker.io,      acme/app,           1,      null",
        "quay.io/prometheus/node-exporter,     quay.io,        prometheus/node-exporter, latest,"
            + " null",
        "gcr.io/proj/app:v1,                   gcr.io,         proj/app,           v1,     null",
        "localhost:5000/app:tag,               localhost:5000, app,                tag,    null",
        "localhost/app,                        localhost,      app,                latest, null",
        "registry:5000/a/b,                    registry:5000,  a/b,                latest, null",
        "registry.example.com:443/team/x/y:2,  registry.example.com:443, team/x/y, 2,      null",
        "Registry/app,                         Registry,       app,                latest, null",
      })
  void parsesTaggedReferences(
      String reference,
      String registry,
      String remote,
      @Nullable String tag,
      @Nullable String digest) {
    assertThat(ImageRef.parse(reference))
        .isEqualTo(new ImageRef(reference, registry, remote, tag, digest));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "null",
      value = {
        "gcr.io/proj/app@,                   gcr.io,         proj/app,      null",
        "gcr.io/proj/app,                    gcr.io,         proj/app,      latest",
        "nginx:1.25@,                        docker.io,      library/nginx, 1.25",
        "localhost:5000/app@,                localhost:5000, app,           null",
      })
  void digestOnlyReferencesHaveNoTag(
      String prefix, String registry, String remote, @Nullable String tag) {
    boolean pinned = prefix.endsWith("@");
    String reference = pinned ? prefix + DIGEST : prefix;
    ImageRef image = ImageRef.parse(reference);
    assertThat(image.registry()).isEqualTo(registry);
    assertThat(image.remote()).isEqualTo(remote);
    assertThat(image.tag()).isEqualTo(tag);
    assertThat(image.digest()).isEqualTo(pinned ? DIGEST : null);
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      nullValues = "null",
      value = {
        "'NGINX:Latest',   docker.io, library/NGINX, Latest, null",
        "'nginx:',         docker.io, library/nginx, latest, null",
        "'nginx@',         docker.io, library/nginx, latest, null",
        "'  nginx:1  ',    docker.io, library/nginx, 1,      null",
        "':1.0',           docker.io, '',            1.0,    null",
        "'a/b/c:d:e',      docker.io, a/b/c:d,       e,      null",
        "'',               '',        '',            null,   null",
        "'   ',            '',        '',            null,   null",
      })
  void malformedReferencesKeepTheirTextAndNeverThrow(
      String reference,
      String registry,
      String remote,
      @Nullable String tag,
      @Nullable String digest) {
    assertThat(ImageRef.parse(reference))
        .isEqualTo(new ImageRef(reference, registry, remote, tag, digest));
  }
}
