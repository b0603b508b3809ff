package dev.bulwark.scanner.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.PackageUrl;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageUrlsTest {
  @Test
  void splitsTypeNamespaceNameVersionAndQualifiers() throws MalformedContentException {
    PackageUrl purl =
        PackageUrls.parse(
            "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib");

    assertThat(purl)
        .isEqualTo(
            new PackageUrl(
                "deb",
                "debian",
                "zlib1g",
                "1:1.2.13.dfsg-1",
                Map.of("arch", "amd64", "distro", "debian-12", "upstream", "zlib")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          pkg:npm/%40angular/core@17.0.0                 | pkg:npm/%40angular/core@17.0.0
          pkg:golang/github.com/go-chi/chi/v5@v5.0.12     | pkg:golang/github.com/go-chi/chi/v5@v5.0.12
          pkg:deb/debian/libstdc%2B%2B6@12.2.0-14%2Bdeb12u1 | pkg:deb/debian/libstdc%2B%2B6@12.2.0-14%2Bdeb12u1
          PKG:PyPI/Django@4.2?b=&a=1#sub/path            | pkg:pypi/Django@4.2?a=1
          pkg://maven/org.example/app@1.0/               | pkg:maven/org.example/app@1.0
          pkg:generic/na%20me@%C3%BC                     | pkg:generic/na%20me@%C3%BC
          pkg:cargo/serde                                | pkg:cargo/serde
          """)
  void parsesWhatItPrintsCanonically(String text, String canonical)
      throws MalformedContentException {
    assertThat(PackageUrls.parse(text).toString()).isEqualTo(canonical);
  }

  @Test
  void decodesPercentEscapesAsUtf8() throws MalformedContentException {
    PackageUrl purl = PackageUrls.parse("pkg:npm/%40scope/n%C3%A4me@1.0.0%2Bbuild");

    assertThat(purl.namespace()).isEqualTo("@scope");
    assertThat(purl.name()).isEqualTo("näme");
    assertThat(purl.version()).isEqualTo("1.0.0+build");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          deb/debian/curl@1                  | no pkg: scheme
          pkg:curl                           | without a type and a name
          pkg:deb/                           | without a name
          pkg:1deb/debian/curl               | invalid type
          pkg:deb/debian/curl@1?arch         | malformed qualifier
          pkg:deb/debian/curl@1?a=1&a=2      | qualifier a twice
          pkg:deb/debian/cu%2rl@1            | malformed %-escape
          pkg:deb/debian/curl@1%             | malformed %-escape
          """)
  void rejectsMalformedText(String text, String reason) {
    assertThatThrownBy(() -> PackageUrls.parse(text))
        .isInstanceOf(MalformedContentException.class)
        .hasMessageContaining(reason)
        .hasMessageContaining(text);
  }
}
