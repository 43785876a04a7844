package fr.spplus.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a command to its end in a child process, for the tests that check a script or a scheduler
 * file the way a user or a scheduler runs it.
 *
 * <p>The output goes to a file rather than through a pipe: reading a pipe to its end before waiting
 * would block as long as the child runs, so a hung child would hang the build instead of failing
 * the test after the timeout.
 */
public final class Processes {

  /** The exit code and everything the child wrote, standard output and standard error merged. */
  public record Result(int exit, String output) {}

  /**
   * Runs {@code command} with the environment {@code environment} makes of this JVM's (add, change
   * or remove variables); fails the test, with the command and its output so far, when the child
   * has not ended after {@code timeout} (it is killed, with its own children).
   */
  public static Result run(List<String> command, Consumer<Map<String, String>> environment, Duration timeout)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("spplus-child-", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      environment.accept(builder.environment());
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        fail("still running after " + timeout.toSeconds() + " s, killed: " + command + "\n" + read(log));
      }
      return new Result(process.exitValue(), read(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String read(Path log) throws IOException {
    return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
  }

  private Processes() {}
}
