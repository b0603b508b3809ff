package dev.bulwark.render.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import dev.bulwark.render.source.RenderResult;
import dev.bulwark.render.testing.ParsedObjects;
import dev.bulwark.render.testing.TestResources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelmChartRendererTest {
  private static final Path ROOT = TestResources.root();
  private static final String TEMPLATES = "helm/web/templates/";
  private static final FieldPath CONTAINER =
      FieldPath.of("spec", "template", "spec", "containers").index(0);

  private static TextSource render(HelmOptions options) {
    RenderResult result =
        new HelmChartRenderer(options, ROOT).render(ROOT.resolve("helm/web"), "helm/web");
    assertThat(result).isInstanceOf(RenderResult.Rendered.class);
    return ((RenderResult.Rendered) result).source();
  }

  private static ManifestObject deployment(HelmOptions options) {
    return ParsedObjects.only(ParsedObjects.read(render(options)), "Deployment");
  }

  @Test
  void rendersChartWithItsDefaultValues() {
    TextSource source = render(HelmOptions.DEFAULT);

    assertThat(source.displayName()).isEqualTo("helm/web");
    assertThat(source.text())
        .contains("name: release-web", "image: nginx:1.25", "privileged: false", "app: web");
    assertThat(ParsedObjects.read(source))
        .extracting(ManifestObject::kind)
        .containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment");
  }

  @Test
  void valuesFilesAndSetOverridesChangeTheOutput() {
    HelmOptions options =
        HelmOptions.of(List.of(Path.of("helm/production-values.yaml")), List.of("privileged=true"));

    String text = render(options).text();

    assertThat(text)
        .contains("image: registry.example.com/web:2.0", "privileged: true")
        .doesNotContain("nginx:1.25", "privileged: false");
  }

  @Test
  void laterSetOverridesWin() {
    HelmOptions options = HelmOptions.of(List.of(), List.of("image=first:1", "image=second:2"));

    assertThat(render(options).text()).contains("image: second:2").doesNotContain("first:1");
  }

  @Test
  void namespaceAndReleaseNameReachTheTemplates() {
    HelmOptions options = new HelmOptions("shop", "payments", List.of(), List.of());

    assertThat(render(options).text()).contains("name: shop-web", "release: shop");
  }

  @Test
  void templatedPrivilegedFieldMapsToItsTemplateLine() {
    ManifestObject deployment = deployment(HelmOptions.of(List.of(), List.of("privileged=true")));

    Location location = deployment.locate(CONTAINER.key("securityContext").key("privileged"));

    assertThat(location).isEqualTo(new Location(TEMPLATES + "deployment.yaml", 23, 13));
  }

  @Test
  void templatedImageFieldMapsToItsTemplateLine() {
    ManifestObject deployment = deployment(HelmOptions.DEFAULT);

    assertThat(deployment.locate(CONTAINER.key("image")))
        .isEqualTo(new Location(TEMPLATES + "deployment.yaml", 19, 11));
  }

  @Test
  void literalLineMapsExactly() {
    ManifestObject deployment = deployment(HelmOptions.DEFAULT);

    assertThat(deployment.locate(CONTAINER.key("ports").index(0).key("containerPort")))
        .isEqualTo(new Location(TEMPLATES + "deployment.yaml", 21, 15));
    assertThat(deployment.location()).isEqualTo(new Location(TEMPLATES + "deployment.yaml", 1, 1));
  }

  @Test
  void fieldFromAnIncludedHelperMapsToItsClosestWrittenParent() {
    ManifestObject deployment = deployment(HelmOptions.DEFAULT);

    assertThat(deployment.locate(FieldPath.of("metadata", "labels", "app")))
        .isEqualTo(new Location(TEMPLATES + "deployment.yaml", 5, 3));
  }

  @Test
  void missingFieldMapsToTheTemplateLineOfItsParent() {
    ManifestObject deployment = deployment(HelmOptions.DEFAULT);

    assertThat(deployment.locate(CONTAINER.key("resources").key("limits")))
        .isEqualTo(new Location(TEMPLATES + "deployment.yaml", 18, 11));
  }

  @Test
  void eachObjectMapsToItsOwnTemplate() {
    List<ManifestObject> objects = ParsedObjects.read(render(HelmOptions.DEFAULT));

    assertThat(ParsedObjects.only(objects, "Service").locate(FieldPath.of("spec", "ports")))
        .isEqualTo(new Location(TEMPLATES + "service.yaml", 8, 3));
  }

  @Test
  void subchartObjectMapsToTheSubchartTemplate() {
    TextSource source = render(HelmOptions.DEFAULT);
    ManifestObject configMap = ParsedObjects.only(ParsedObjects.read(source), "ConfigMap");

    assertThat(source.text()).contains("# Source: web/charts/cache/templates/configmap.yaml");
    assertThat(configMap.locate(FieldPath.of("data", "maxmemory")))
        .isEqualTo(new Location("helm/web/charts/cache/templates/configmap.yaml", 6, 3));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "syntax,             noSuchFunction",
    "required,           set greeting with --set greeting=...",
    "no-version,         version is required",
    "missing-dependency, run `helm dependency build helm/broken/missing-dependency` first",
  })
  void brokenChartIsAnErrorNamingTheChart(String chart, String expectedMessage) {
    String displayName = "helm/broken/" + chart;

    RenderResult result =
        new HelmChartRenderer(HelmOptions.DEFAULT, ROOT)
            .render(ROOT.resolve(displayName), displayName);

    assertThat(result).isInstanceOf(RenderResult.Failed.class);
    ManifestError error = ((RenderResult.Failed) result).error();
    assertThat(error.file()).isEqualTo(displayName);
    assertThat(error.message()).startsWith("cannot render Helm chart: ").contains(expectedMessage);
  }

  @Test
  void missingValuesFileIsAnError() {
    HelmOptions options = HelmOptions.of(List.of(Path.of("helm/no-such-values.yaml")), List.of());

    RenderResult result =
        new HelmChartRenderer(options, ROOT).render(ROOT.resolve("helm/web"), "helm/web");

    assertThat(result).isInstanceOf(RenderResult.Failed.class);
    assertThat(((RenderResult.Failed) result).error().message()).contains("no-such-values.yaml");
  }
}
