package dev.bulwark.detect.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes JUnit XML in the subset of the format that GitHub, GitLab and Jenkins all read: one test
 * suite per input file, one test case per (object, applicable policy). A violated policy is a
 * failure, a waived or not-evaluated one is skipped, and input errors are errors in a separate
 * {@value #INPUT_SUITE} suite.
 *
 * <p>The XML declaration says UTF-8, so the caller must encode {@code out} as UTF-8. Characters
 * that XML 1.0 cannot hold are replaced by U+FFFD.
 */
final class JunitReportWriter implements ReportWriter {
  static final String INPUT_SUITE = "bulwark-input";

  // The JDK's own implementation, so that another StAX provider on the class path cannot change
  // the output.
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private enum Outcome {
    PASSED,
    FAILURE,
    SKIPPED,
    ERROR
  }

  private record TestCase(String name, Outcome outcome, String message, String type, String body) {}

  private record Suite(String name, List<TestCase> cases) {}

  @Override
  public void write(Report report, Writer out) throws IOException {
    List<Suite> suites = suites(report);
    try {
      XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "bulwark");
      writeCounts(xml, suites.stream().flatMap(suite -> suite.cases().stream()).toList());
      for (Suite suite : suites) {
        writeSuite(xml, suite);
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the JUnit XML report: " + e.getMessage(), e);
    }
  }

  private static List<Suite> suites(Report report) {
    Map<String, PolicyInfo> policies = new LinkedHashMap<>();
    report.policies().forEach(policy -> policies.putIfAbsent(policy.id(), policy));
    Map<String, List<TestCase>> byFile = new LinkedHashMap<>();
    for (ObjectResult result : report.results()) {
      List<TestCase> cases =
          byFile.computeIfAbsent(result.object().file(), file -> new ArrayList<>());
      for (String policyId : policyIds(result)) {
        cases.add(testCase(result, policyId, policies));
      }
    }
    List<Suite> suites = new ArrayList<>();
    byFile.forEach((file, cases) -> suites.add(new Suite(file, cases)));
    if (!report.errors().isEmpty()) {
      suites.add(
          new Suite(
              INPUT_SUITE, report.errors().stream().map(JunitReportWriter::errorCase).toList()));
    }
    return suites;
  }

  // Every policy that says something about the object gets a test case, even one missing from
  // the applicable list.
  private static Set<String> policyIds(ObjectResult result) {
    Set<String> ids = new LinkedHashSet<>(result.applicablePolicyIds());
    result.violations().forEach(finding -> ids.add(finding.policyId()));
    result.notEvaluated().forEach(notEvaluated -> ids.add(notEvaluated.policyId()));
    return ids;
  }

  private static TestCase testCase(
      ObjectResult result, String policyId, Map<String, PolicyInfo> policies) {
    List<Finding> findings =
        result.violations().stream()
            .filter(finding -> finding.policyId().equals(policyId))
            .toList();
    List<NotEvaluated> notEvaluated =
        result.notEvaluated().stream().filter(entry -> entry.policyId().equals(policyId)).toList();
    String name =
        result.object().kind()
            + " "
            + result.object().namespacedName()
            + ": "
            + policyName(policyId, policies, findings, notEvaluated);
    List<Finding> active = findings.stream().filter(finding -> !finding.waived()).toList();
    if (!active.isEmpty()) {
      return new TestCase(
          name,
          Outcome.FAILURE,
          active.stream().map(Finding::message).collect(Collectors.joining("; ")),
          active.getFirst().severity().name(),
          active.stream()
              .map(finding ->
                  Locations.prefix(
                      Locations.format(finding.file(), finding.line(), finding.column()),
                      finding.message()))
              .collect(Collectors.joining("\n")));
    }
    if (!findings.isEmpty()) {
      return skipped(name, "waived: " + waiverReasons(findings));
    }
    if (!notEvaluated.isEmpty()) {
      return skipped(name, "not evaluated: " + notEvaluated.getFirst().reason());
    }
    return new TestCase(name, Outcome.PASSED, "", "", "");
  }

  private static String policyName(
      String policyId,
      Map<String, PolicyInfo> policies,
      List<Finding> findings,
      List<NotEvaluated> notEvaluated) {
    PolicyInfo policy = policies.get(policyId);
    if (policy != null) {
      return policy.name();
    }
    if (!findings.isEmpty()) {
      return findings.getFirst().policy();
    }
    return notEvaluated.isEmpty() ? policyId : notEvaluated.getFirst().policy();
  }

  private static String waiverReasons(List<Finding> findings) {
    return findings.stream()
        .map(JunitReportWriter::waiverReason)
        .filter(reason -> !reason.isEmpty())
        .distinct()
        .collect(Collectors.joining("; "));
  }

  private static String waiverReason(Finding finding) {
    WaiverInfo waiver = finding.waiver();
    return waiver == null ? "" : waiver.reason();
  }

  private static TestCase skipped(String name, String message) {
    return new TestCase(name, Outcome.SKIPPED, message, "", "");
  }

  private static TestCase errorCase(ReportError error) {
    String location = Locations.format(error.file(), error.line(), error.column());
    return new TestCase(
        location.isEmpty() ? error.message() : location,
        Outcome.ERROR,
        error.message(),
        "InputError",
        Locations.prefix(location, error.message()));
  }

  private static void writeSuite(XMLStreamWriter xml, Suite suite) throws XMLStreamException {
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", xmlSafe(suite.name()));
    writeCounts(xml, suite.cases());
    for (TestCase testCase : suite.cases()) {
      writeTestCase(xml, suite.name(), testCase);
    }
    if (!suite.cases().isEmpty()) {
      xml.writeCharacters("\n  ");
    }
    xml.writeEndElement();
  }

  private static void writeCounts(XMLStreamWriter xml, List<TestCase> cases)
      throws XMLStreamException {
    xml.writeAttribute("tests", Integer.toString(cases.size()));
    xml.writeAttribute("failures", count(cases, Outcome.FAILURE));
    xml.writeAttribute("errors", count(cases, Outcome.ERROR));
    xml.writeAttribute("skipped", count(cases, Outcome.SKIPPED));
  }

  private static String count(List<TestCase> cases, Outcome outcome) {
    return Long.toString(cases.stream().filter(testCase -> testCase.outcome() == outcome).count());
  }

  private static void writeTestCase(XMLStreamWriter xml, String className, TestCase testCase)
      throws XMLStreamException {
    xml.writeCharacters("\n    ");
    if (testCase.outcome() == Outcome.PASSED) {
      xml.writeEmptyElement("testcase");
      writeTestCaseName(xml, className, testCase);
      return;
    }
    xml.writeStartElement("testcase");
    writeTestCaseName(xml, className, testCase);
    xml.writeCharacters("\n      ");
    if (testCase.outcome() == Outcome.SKIPPED) {
      xml.writeEmptyElement("skipped");
      xml.writeAttribute("message", xmlSafe(testCase.message()));
    } else {
      xml.writeStartElement(testCase.outcome() == Outcome.FAILURE ? "failure" : "error");
      xml.writeAttribute("message", xmlSafe(testCase.message()));
      xml.writeAttribute("type", xmlSafe(testCase.type()));
      xml.writeCharacters(xmlSafe(testCase.body()));
      xml.writeEndElement();
    }
    xml.writeCharacters("\n    ");
    xml.writeEndElement();
  }

  private static void writeTestCaseName(XMLStreamWriter xml, String className, TestCase testCase)
      throws XMLStreamException {
    xml.writeAttribute("classname", xmlSafe(className));
    xml.writeAttribute("name", xmlSafe(testCase.name()));
  }

  /** {@code text} with every character XML 1.0 forbids replaced by U+FFFD. */
  static String xmlSafe(String text) {
    StringBuilder safe = new StringBuilder(text.length());
    text.codePoints()
        .map(codePoint -> allowedInXml(codePoint) ? codePoint : 0xFFFD)
        .forEach(safe::appendCodePoint);
    return safe.toString();
  }

  private static boolean allowedInXml(int codePoint) {
    return codePoint == 0x9
        || codePoint == 0xA
        || codePoint == 0xD
        || (codePoint >= 0x20 && codePoint <= 0xD7FF)
        || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
        || codePoint >= 0x10000;
  }
}
