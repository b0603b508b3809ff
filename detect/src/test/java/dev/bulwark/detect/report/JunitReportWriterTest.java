package dev.bulwark.detect.report;

import static dev.bulwark.detect.report.ReportFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.model.Severity;
import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JunitReportWriterTest {
  private final String xml = render(new JunitReportWriter(), ReportFixtures.representative());

  @Test
  void matchesGoldenFile() throws Exception {
    GoldenFiles.assertMatches("report.junit.xml", xml);
  }

  @Test
  void totalsCountEveryTestCase() throws Exception {
    Element root = parse(GoldenFiles.read("report.junit.xml")).getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("name")).isEqualTo("bulwark");
    // web: 4 policies, rbac: 1, agent: 3, input errors: 2
    assertThat(root.getAttribute("tests")).isEqualTo("10");
    assertThat(root.getAttribute("failures")).isEqualTo("2");
    assertThat(root.getAttribute("errors")).isEqualTo("2");
    assertThat(root.getAttribute("skipped")).isEqualTo("3");
    assertThat(root.getElementsByTagName("testcase").getLength()).isEqualTo(10);
  }

  @Test
  void oneSuitePerFileInInputOrderThenInputErrors() throws Exception {
    NodeList suites = parse(xml).getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(4);
    assertThat(attribute(suites, 0, "name")).isEqualTo("deploy/web app.yaml");
    assertThat(attribute(suites, 0, "tests")).isEqualTo("4");
    assertThat(attribute(suites, 0, "failures")).isEqualTo("1");
    assertThat(attribute(suites, 0, "skipped")).isEqualTo("2");
    assertThat(attribute(suites, 1, "name")).isEqualTo("cluster/rbac.yaml");
    assertThat(attribute(suites, 2, "name")).isEqualTo("charts/agent/templates/daemonset.yaml");
    assertThat(attribute(suites, 3, "name")).isEqualTo(JunitReportWriter.INPUT_SUITE);
    assertThat(attribute(suites, 3, "errors")).isEqualTo("2");
  }

  @Test
  void violatedPolicyFailsWithEveryLocation() throws Exception {
    Element rbac = testCase(parse(xml), "ClusterRole ops-admin: Wildcard RBAC rule");
    Element failure = (Element) rbac.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("HIGH");
    assertThat(failure.getTextContent())
        .isEqualTo(
            "cluster/rbac.yaml:7: rule 0 grants verbs [\"*\"] on resources [\"*\"]\n"
                + "cluster/rbac.yaml: rule 1 grants every verb on secrets");
    Element privileged = testCase(parse(xml), "Deployment shop/web: Privileged container");
    assertThat(privileged.getElementsByTagName("failure").item(0).getTextContent())
        .isEqualTo("deploy/web app.yaml:21:13: container \"app\" runs privileged: <&>'");
  }

  @Test
  void waivedAndNotEvaluatedPoliciesAreSkippedWithTheReason() throws Exception {
    Document document = parse(xml);
    assertThat(skippedMessage(testCase(document, "Deployment shop/web: Latest image tag")))
        .isEqualTo("waived: Pinned by the release pipeline & checked <daily>");
    assertThat(skippedMessage(testCase(document, "Deployment shop/web: 90-day image age")))
        .isEqualTo("not evaluated: needs image scan data");
    Element passing = testCase(document, "Deployment shop/web: Run as non-root");
    assertThat(passing.getChildNodes().getLength()).isZero();
  }

  @Test
  void inputErrorsAreErrorsWithTheirPosition() throws Exception {
    Element broken = testCase(parse(xml), "broken.yaml:4:7");
    Element error = (Element) broken.getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("message")).startsWith("mapping values are not allowed here");
    assertThat(error.getTextContent()).startsWith("broken.yaml:4:7: mapping values");
    assertThat(testCase(parse(xml), "missing dir/absent.yaml")).isNotNull();
  }

  @Test
  void charactersXmlCannotHoldAreReplaced() throws Exception {
    ObjectRef object = new ObjectRef("v1", "Pod", "default", "bad\u0001name", "pod.yaml", 1);
    Finding finding =
        new Finding(
            "Odd",
            "odd",
            Severity.LOW,
            "bell \u0007 and lone surrogate \uD800 and ]]> end",
            "pod.yaml",
            2,
            3,
            "spec",
            false,
            false,
            null,
            List.of());
    List<ObjectResult> results =
        List.of(new ObjectResult(object, List.of(finding), List.of(), List.of("odd")));
    Report report =
        new Report(
            "0.1.0-test",
            List.of(),
            results,
            Summary.of(results, List.of()),
            List.of(),
            List.of(),
            List.of());
    Document document = parse(render(new JunitReportWriter(), report));
    Element failure = (Element) document.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("bell \uFFFD and lone surrogate \uFFFD and ]]> end");
    assertThat(testCase(document, "Pod default/bad\uFFFDname: Odd")).isNotNull();
  }

  private static Document parse(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
  }

  private static String attribute(NodeList elements, int index, String name) {
    return ((Element) elements.item(index)).getAttribute(name);
  }

  private static Element testCase(Document document, String name) {
    NodeList cases = document.getElementsByTagName("testcase");
    for (int index = 0; index < cases.getLength(); index++) {
      Element testCase = (Element) cases.item(index);
      if (testCase.getAttribute("name").equals(name)) {
        return testCase;
      }
    }
    throw new AssertionError("no test case named " + name);
  }

  private static String skippedMessage(Element testCase) {
    return ((Element) testCase.getElementsByTagName("skipped").item(0)).getAttribute("message");
  }
}
