import dev.bulwark.vulndb.store.VulnerabilityStore;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times opening the vulnerability database and one lookup, in-process: the first open pays for
 * loading SQLite's native library, the later ones are what a long-running process pays.
 * Usage: java -cp "cli/target/bulwark-cli.jar:cli/target/lib/*" bench/VulnDbOpen.java DIR
 */
public final class VulnDbOpen {
  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    long[] nanos = new long[21];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      try (VulnerabilityStore store = VulnerabilityStore.open(directory)) {
        if (store.affected("PyPI", "Django").isEmpty()) {
          throw new IllegalStateException("the PyPI dataset is not imported");
        }
      }
      nanos[i] = System.nanoTime() - start;
    }
    long[] warm = Arrays.copyOfRange(nanos, 1, nanos.length);
    Arrays.sort(warm);
    System.out.printf(
        "open + lookup: first %.1f ms (loads SQLite's native library), median of the next %d %.2f ms%n",
        nanos[0] / 1e6, warm.length, warm[warm.length / 2] / 1e6);
  }
}
