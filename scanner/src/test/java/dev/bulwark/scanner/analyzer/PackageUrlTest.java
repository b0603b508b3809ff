package dev.bulwark.scanner.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageUrlTest {
  @Test
  void sortsQualifiersAndDropsEmptyOnes() {
    PackageUrl purl =
        new PackageUrl(
            "deb",
            "debian",
            "curl",
            "7.88.1-10",
            Map.of("distro", "debian-12", "arch", "amd64", "x", ""));

    assertThat(purl.toString())
        .isEqualTo("pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12");
  }

  @Test
  void percentEncodesEverythingButUnreservedCharactersAndColons() {
    assertThat(PackageUrl.of("deb", "debian", "libstdc++6", "1:12.2.0-14+deb12u1").toString())
        .isEqualTo("pkg:deb/debian/libstdc%2B%2B6@1:12.2.0-14%2Bdeb12u1");
    assertThat(PackageUrl.of("npm", "@angular", "core", "17.0.0").toString())
        .isEqualTo("pkg:npm/%40angular/core@17.0.0");
    assertThat(PackageUrl.of("generic", null, "na me", "ü").toString())
        .isEqualTo("pkg:generic/na%20me@%C3%BC");
  }

  @Test
  void encodesEachNamespaceSegment() {
    assertThat(PackageUrl.of("golang", "github.com/go-chi", "chi", "v5.0.12").toString())
        .isEqualTo("pkg:golang/github.com/go-chi/chi@v5.0.12");
  }

  @Test
  void leavesOutAMissingVersion() {
    assertThat(PackageUrl.of("maven", "org.example", "app", null).toString())
        .isEqualTo("pkg:maven/org.example/app");
  }
}
