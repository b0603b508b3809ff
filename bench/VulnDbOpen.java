import dev.bulwark.vulndb.store.VulnerabilityStore;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times opening the vulnerability database and a lookup, in-process. The first open pays for
 * loading SQLite's classes and native library, the first lookup for Jackson's; later ones are what
 * a long-running process pays. Usage:
 * java --enable-native-access=ALL-UNNAMED -cp "cli/target/bulwark-cli.jar:cli/target/lib/*" bench/VulnDbOpen.java DIR
 */
public final class VulnDbOpen {
  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    int runs = 21;
    long[] opens = new long[runs];
    long[] lookups = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      try (VulnerabilityStore store = VulnerabilityStore.open(directory)) {
        long opened = System.nanoTime();
        if (store.affected("PyPI", "Django").isEmpty()) {
          throw new IllegalStateException("the PyPI dataset is not imported");
        }
        lookups[i] = System.nanoTime() - opened;
        opens[i] = opened - start;
      }
    }
    System.out.printf(
        "first open %.1f ms, first lookup (PyPI django) %.1f ms; then medians of %d: open %.2f ms,"
            + " lookup %.2f ms%n",
        opens[0] / 1e6, lookups[0] / 1e6, runs - 1, median(opens) / 1e6, median(lookups) / 1e6);
  }

  private static long median(long[] nanos) {
    long[] warm = Arrays.copyOfRange(nanos, 1, nanos.length);
    Arrays.sort(warm);
    return warm[warm.length / 2];
  }
}
