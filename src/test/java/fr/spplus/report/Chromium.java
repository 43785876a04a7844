package fr.spplus.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives a real headless Chromium (Debian's {@code chromium} package; {@code .ci/run} installs it)
 * from a test: the DOM after the page loaded, a screenshot, and what the page wrote to its console.
 * The executable is {@code -Dspplus.chromium=PATH}, else the first of chromium, chromium-browser,
 * google-chrome on the PATH.
 */
final class Chromium {

  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
      "google-chrome-stable");
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  /** What one browser invocation printed. */
  record Result(String stdout, String stderr, int exitCode) {

    /**
     * The page's console output (console messages, uncaught errors, Content-Security-Policy
     * violations, failed loads): Chromium logs each as a {@code :CONSOLE} line on stderr.
     */
    List<String> consoleLines() {
      return stderr.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
    }
  }

  private final Path executable;
  private final Path profile;

  private Chromium(Path executable, Path profile) {
    this.executable = executable;
    this.profile = profile;
  }

  /** @param profile an empty folder for the browser's profile (a test's temporary folder) */
  static Chromium find(Path profile) {
    String configured = System.getProperty("spplus.chromium");
    if (configured != null && !configured.isBlank()) {
      return new Chromium(Path.of(configured), profile);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return new Chromium(candidate, profile);
        }
      }
    }
    fail("no Chromium found on the PATH (" + NAMES + "): the report is tested in a real browser. Install "
        + "Debian's chromium package (apt-get install chromium; .ci/run does it) or pass -Dspplus.chromium=PATH");
    throw new AssertionError("unreachable");
  }

  /** The serialised DOM once the page has loaded. */
  Result dumpDom(Path page) {
    return run("--dump-dom", page.toUri().toString());
  }

  /** A PNG of the page's first {@code height} pixels at {@code width} pixels wide. */
  Result screenshot(Path page, Path png, int width, int height) {
    return run("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars",
        page.toUri().toString());
  }

  private Result run(String... args) {
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile.toAbsolutePath(), "--enable-logging=stderr", "--v=0"));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
      Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("Chromium did not finish within " + TIMEOUT + ": " + command);
      }
      return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
          p.exitValue());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running Chromium", e);
    }
  }
}
