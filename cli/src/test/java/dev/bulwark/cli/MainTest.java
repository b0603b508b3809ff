package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  @Test
  void versionPrintsTheProjectVersion() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute("--version")).isZero();
    assertThat(out.toString()).startsWith("bulwark 0.");
  }

  @Test
  void unknownOptionIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    assertThat(commandLine.execute("--no-such-option")).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(err.toString()).contains("Unknown option");
  }
}
