package dev.bulwark.cli.policy;

import dev.bulwark.cli.Main;
import dev.bulwark.cli.common.PolicyOptions;
import dev.bulwark.cli.common.PolicyOrigins;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.io.PolicyWriter;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark policy}: list, show, validate and export policies. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "List, show, validate and export policies.",
    subcommands = {
      PolicyCommand.ListPolicies.class,
      PolicyCommand.ShowPolicy.class,
      PolicyCommand.ValidatePolicies.class,
      PolicyCommand.ExportPolicies.class,
      PolicyCommand.PolicyDocs.class
    })
public final class PolicyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Loads policies, turning invalid ones into a usage error with every problem listed. */
  static Optional<List<Policy>> load(PolicyOptions options, PrintWriter err) {
    try {
      return Optional.of(options.load());
    } catch (InvalidPolicyException e) {
      err.println("bulwark: " + e.getMessage());
      return Optional.empty();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List policies.")
  static final class ListPolicies implements Callable<Integer> {
    @Mixin PolicyOptions policyOptions = new PolicyOptions();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Optional<List<Policy>> policies = load(policyOptions, spec.commandLine().getErr());
      if (policies.isEmpty()) {
        return Main.USAGE_OR_INPUT_ERROR;
      }
      int idWidth = 4;
      for (Policy policy : policies.get()) {
        idWidth = Math.max(idWidth, policy.id().length());
      }
      String row = "%-" + idWidth + "s  %-8s  %-14s  %-8s  %s%n";
      out.printf(row, "ID", "SEVERITY", "STAGES", "ENFORCED", "NAME");
      for (Policy policy : policies.get()) {
        out.printf(
            row,
            policy.id(),
            policy.severity(),
            policy.lifecycleStages().stream()
                .map(stage -> stage.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(",")),
            policy.isEnforcedAt(LifecycleStage.DEPLOY) ? "yes" : "",
            policy.name() + (policy.disabled() ? " (disabled)" : ""));
      }
      out.flush();
      return Main.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one policy (by id or name) as StackRox JSON with Bulwark's additions.")
  static final class ShowPolicy implements Callable<Integer> {
    @Parameters(paramLabel = "ID|NAME", description = "Policy id or name (case-insensitive).")
    String wanted = "";

    @Mixin PolicyOptions policyOptions = new PolicyOptions();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Optional<List<Policy>> policies = load(policyOptions, spec.commandLine().getErr());
      if (policies.isEmpty()) {
        return Main.USAGE_OR_INPUT_ERROR;
      }
      for (Policy policy : policies.get()) {
        if (policy.id().equalsIgnoreCase(wanted) || policy.name().equalsIgnoreCase(wanted)) {
          spec.commandLine().getOut().println(PolicyWriter.toStackRoxJson(policy, true));
          spec.commandLine().getOut().flush();
          return Main.OK;
        }
      }
      spec.commandLine()
          .getErr()
          .println(
              "bulwark: no policy with id or name \"" + wanted + "\" (see bulwark policy list)");
      return Main.USAGE_OR_INPUT_ERROR;
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Validate policy files: StackRox rules, criteria values, regular expressions, CEL rules,"
            + " native checks and their parameters.",
        "Exit codes: 0 all valid, 1 some policy is invalid, 2 usage error."
      })
  static final class ValidatePolicies implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Policy files or directories.")
    List<Path> paths = new ArrayList<>();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      for (Path path : paths) {
        if (!Files.exists(path)) {
          err.println("bulwark: " + path + ": no such file or directory");
          return Main.USAGE_OR_INPUT_ERROR;
        }
      }
      List<Policy> policies = new ArrayList<>();
      List<Problem> problems = new ArrayList<>();
      for (Path path : paths) {
        try {
          List<Policy> read = PolicyReader.read(path);
          problems.addAll(compileProblems(path, read));
          policies.addAll(read);
        } catch (InvalidPolicyException e) {
          problems.addAll(e.problems());
        }
      }
      if (!problems.isEmpty()) {
        problems.forEach(err::println);
        err.println("bulwark: " + problems.size() + " problem(s) found");
        return Main.POLICY_FAILURE;
      }
      long runtime = policies.stream().filter(p -> p.hasStage(LifecycleStage.RUNTIME)).count();
      spec.commandLine()
          .getOut()
          .printf(
              "%d policies valid (%d with runtime criteria, evaluated by the sensor)%n",
              policies.size(), runtime);
      spec.commandLine().getOut().flush();
      return Main.OK;
    }

    /**
     * What the compiler finds wrong (regular expressions, CEL rules) in the valid policies read
     * from {@code path}, each problem naming the file that declares its policy.
     */
    private static List<Problem> compileProblems(Path path, List<Policy> policies) {
      try {
        PolicyCompiler.compile(policies, List.of());
        return List.of();
      } catch (InvalidPolicyException e) {
        return PolicyOrigins.withFiles(e, List.of(path)).problems();
      }
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Export policies as a StackRox export bundle or SecurityPolicy resources.")
  static final class ExportPolicies implements Callable<Integer> {
    @Mixin PolicyOptions policyOptions = new PolicyOptions();

    @Option(
        names = "--format",
        defaultValue = "stackrox",
        description = "stackrox (JSON export bundle) or crd (SecurityPolicy resources, YAML).")
    String format = "stackrox";

    @Option(
        names = "--bulwark-extensions",
        description = "Keep Bulwark's controls and CEL rules (StackRox does not read them).")
    boolean bulwarkExtensions;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE.")
    @Nullable Path output;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Optional<List<Policy>> policies = load(policyOptions, spec.commandLine().getErr());
      if (policies.isEmpty()) {
        return Main.USAGE_OR_INPUT_ERROR;
      }
      String text =
          switch (format.toLowerCase(Locale.ROOT)) {
            case "stackrox" -> PolicyWriter.toStackRoxJson(policies.get(), bulwarkExtensions);
            case "crd" -> PolicyWriter.toSecurityPolicyYaml(policies.get(), bulwarkExtensions);
            default ->
                throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "unknown export format \"" + format + "\": use stackrox or crd");
          };
      return writeText(spec, output, text);
    }
  }

  @Command(
      name = "docs",
      mixinStandardHelpOptions = true,
      description = "Print the Markdown reference of the built-in policies (or of all criteria).")
  static final class PolicyDocs implements Callable<Integer> {
    @Option(
        names = "--criteria",
        description = "Document the policy criteria and native checks instead.")
    boolean criteria;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE.")
    @Nullable Path output;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      String text =
          criteria ? PolicyMarkdown.criteria() : PolicyMarkdown.policies(BuiltinPolicies.all());
      return writeText(spec, output, text);
    }
  }

  private static int writeText(
      CommandLine.Model.CommandSpec spec, @Nullable Path output, String text) throws IOException {
    if (output == null) {
      spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    }
    return Main.OK;
  }
}
