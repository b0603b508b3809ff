package dev.bulwark.cli.central;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --central URL} and how to reach it: the token ({@code --central-token-file}, else {@code
 * $BULWARK_CENTRAL_TOKEN}) and the certificates to trust ({@code --central-ca}).
 */
public final class CentralOptions {
  /** The environment variable that holds the token when no file is given. */
  public static final String TOKEN_VARIABLE = "BULWARK_CENTRAL_TOKEN";

  @Option(
      names = "--central",
      paramLabel = "URL",
      description =
          "Ask central at URL (https://host:port) to check, with its enabled policies, instead of"
              + " checking locally; output and exit codes are the same.")
  @Nullable String url;

  @Option(
      names = "--central-token-file",
      paramLabel = "FILE",
      description =
          "With --central: file holding the API token (default: $" + TOKEN_VARIABLE + ").")
  @Nullable Path tokenFile;

  @Option(
      names = "--central-ca",
      paramLabel = "FILE",
      description =
          "With --central: PEM certificates to trust for central (such as its tls.crt) instead of"
              + " the system's; the host name is still verified.")
  @Nullable Path certificateAuthority;

  /**
   * Whether central is asked.
   *
   * @param offlineOnly the options of the command that only make sense offline
   * @throws CommandLine.ParameterException for a central option without {@code --central}, or an
   *     offline-only option with it
   */
  public boolean requested(CommandLine commandLine, List<String> offlineOnly) {
    CommandLine.ParseResult parsed = commandLine.getParseResult();
    if (url == null) {
      if (tokenFile != null || certificateAuthority != null) {
        throw new CommandLine.ParameterException(
            commandLine, "--central-token-file and --central-ca only apply with --central");
      }
      return false;
    }
    List<String> given = new ArrayList<>();
    for (String option : offlineOnly) {
      if (parsed != null && parsed.hasMatchedOption(option)) {
        given.add(option);
      }
    }
    if (!given.isEmpty()) {
      throw new CommandLine.ParameterException(
          commandLine,
          String.join(", ", given)
              + (given.size() == 1 ? " only applies" : " only apply")
              + " to local checks: with --central, central's enabled policies decide");
    }
    return true;
  }

  /**
   * The client for the central the options name.
   *
   * @throws CommandLine.ParameterException for a bad URL, no token, or unreadable files
   */
  public CentralClient client(CommandLine commandLine, Map<String, String> environment) {
    URI base = base(commandLine);
    String token = token(commandLine, environment);
    try {
      return new CentralClient(base, token, certificateAuthority);
    } catch (CentralException e) {
      throw new CommandLine.ParameterException(commandLine, "--central-ca: " + e.getMessage(), e);
    }
  }

  private URI base(CommandLine commandLine) {
    String text = String.valueOf(url).strip();
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        throw new CommandLine.ParameterException(
            commandLine, "--central needs an https://host[:port] URL, not \"" + text + "\"");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new CommandLine.ParameterException(
          commandLine, "--central: \"" + text + "\" is not a URL: " + e.getReason(), e);
    }
  }

  private String token(CommandLine commandLine, Map<String, String> environment) {
    String token;
    if (tokenFile != null) {
      try {
        token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new CommandLine.ParameterException(
            commandLine,
            "--central-token-file: cannot read " + tokenFile + ": " + e.getMessage(),
            e);
      }
    } else {
      token = environment.getOrDefault(TOKEN_VARIABLE, "").strip();
    }
    if (token.isEmpty()) {
      throw new CommandLine.ParameterException(
          commandLine,
          "--central needs an API token: give --central-token-file FILE or set " + TOKEN_VARIABLE);
    }
    return token;
  }
}
