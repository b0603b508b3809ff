package dev.bulwark.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingCertificateTest {
  private static final List<String> NAMES = List.of("localhost", "127.0.0.1");
  private final Clock clock = Clock.systemUTC();

  @Test
  void generatesACaAndAServingCertificateWithTheNamesAndPrivateKeys(@TempDir Path directory)
      throws Exception {
    ServingCertificate certificate = ServingCertificate.selfSigned(directory, NAMES, clock);

    X509Certificate serving = certificate.chain().getFirst();
    assertThat(serving.getSubjectAlternativeNames())
        .extracting(entry -> String.valueOf(entry.get(1)))
        .containsExactlyInAnyOrder("localhost", "127.0.0.1");
    assertThat(certificate.chain()).hasSize(2);
    assertThat(certificate.caPem()).startsWith("-----BEGIN CERTIFICATE-----");
    for (String key : List.of("tls.key", "ca.key")) {
      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(key))))
          .as(key)
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(directory.resolve("tls.crt")))
        .as("tls.crt carries the CA after the serving certificate")
        .endsWith(certificate.caPem());
  }

  @Test
  void aRestartReusesTheCertificate(@TempDir Path directory) throws Exception {
    ServingCertificate first = ServingCertificate.selfSigned(directory, NAMES, clock);
    ServingCertificate second = ServingCertificate.selfSigned(directory, NAMES, clock);

    assertThat(second.chain().getFirst()).isEqualTo(first.chain().getFirst());
    assertThat(second.key()).isEqualTo(first.key());
  }

  @Test
  void aMissingNameOrNearExpiryRenewsTheServingCertificateUnderTheSameCa(@TempDir Path directory)
      throws Exception {
    ServingCertificate first = ServingCertificate.selfSigned(directory, NAMES, clock);

    ServingCertificate named =
        ServingCertificate.selfSigned(directory, List.of("localhost", "central.example"), clock);
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(340)), ZoneOffset.UTC);
    ServingCertificate renewed =
        ServingCertificate.selfSigned(directory, List.of("localhost", "central.example"), later);

    assertThat(named.chain().getFirst()).isNotEqualTo(first.chain().getFirst());
    assertThat(renewed.chain().getFirst()).isNotEqualTo(named.chain().getFirst());
    assertThat(renewed.caPem()).isEqualTo(first.caPem());
  }

  @Test
  void readsACertificateChainAndKeyFromFiles(@TempDir Path directory) throws Exception {
    ServingCertificate generated = ServingCertificate.selfSigned(directory, NAMES, clock);

    ServingCertificate read =
        ServingCertificate.fromFiles(directory.resolve("tls.crt"), directory.resolve("tls.key"));

    assertThat(read.chain()).isEqualTo(generated.chain());
    assertThat(read.caPem()).isEqualTo(generated.caPem());
    assertThat(read.keyStore("secret".toCharArray()).isKeyEntry("serving")).isTrue();
  }

  @Test
  void filesThatAreNotPemAreRefusedWithTheFileName(@TempDir Path directory) throws Exception {
    ServingCertificate.selfSigned(directory, NAMES, clock);
    Path empty = Files.writeString(directory.resolve("empty.crt"), "");
    Path notAKey = Files.writeString(directory.resolve("bad.key"), "hello");

    assertThatThrownBy(() -> ServingCertificate.fromFiles(empty, directory.resolve("tls.key")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("empty.crt holds no PEM certificate");
    assertThatThrownBy(() -> ServingCertificate.fromFiles(directory.resolve("tls.crt"), notAKey))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad.key holds no PEM private key");
  }
}
