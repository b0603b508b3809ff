package dev.bulwark.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;

/**
 * The one CEL compiler and runtime every rule shares. Both are immutable and thread-safe, and
 * building them is costly, so they are built once per JVM.
 */
final class CelEnvironment {
  static final String OBJECT = "object";
  static final String WORKLOAD = "workload";
  static final String CONTAINER = "container";
  static final List<String> VARIABLES = List.of(OBJECT, WORKLOAD, CONTAINER);

  /**
   * The most comprehension iterations ({@code all}, {@code exists}, {@code map}, {@code filter},
   * summed over nesting) one evaluation of one expression may run. Rules over real manifests need a
   * few hundred at most; the cap stops a rule such as three nested loops over a large list from
   * stalling a scan, and such an evaluation is reported as a rule error.
   */
  static final int ITERATION_LIMIT = 10_000;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .comprehensionMaxIterations(ITERATION_LIMIT)
          // YAML writes 1 and 1.0 alike to people: let `cpu > 1` work whether cpu is an int or a
          // double.
          .enableHeterogeneousNumericComparisons(true)
          .build();

  private static final CelType VARIABLE_TYPE = MapType.create(SimpleType.STRING, SimpleType.DYN);

  /** Holds the compiler, so that it and the runtime can be built on different threads. */
  private static final class Compiler {
    private static final CelCompiler COMPILER =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings())
            .addVar(OBJECT, VARIABLE_TYPE)
            .addVar(WORKLOAD, VARIABLE_TYPE)
            .addVar(CONTAINER, VARIABLE_TYPE)
            .build();
  }

  /** Holds the runtime; see {@link Compiler}. */
  private static final class Runtime {
    private static final CelRuntime RUNTIME =
        CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings())
            .build();
  }

  private CelEnvironment() {}

  /** Builds the compiler now (class initialization; safe to call from any thread). */
  static void prepareCompiler() {
    compile("true");
  }

  /** Builds the runtime now (class initialization; safe to call from any thread). */
  static void prepareRuntime() {
    java.util.Objects.requireNonNull(Runtime.RUNTIME, "runtime");
  }

  /** Parses and type-checks one expression. */
  static CelValidationResult compile(String expression) {
    return Compiler.COMPILER.compile(expression);
  }

  /** Plans the evaluation of a checked expression; the program is immutable and thread-safe. */
  static CelRuntime.Program program(CelAbstractSyntaxTree ast) throws CelEvaluationException {
    return Runtime.RUNTIME.createProgram(ast);
  }
}
