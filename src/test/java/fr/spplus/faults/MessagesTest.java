package fr.spplus.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.cli.Main;
import fr.spplus.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees when a run cannot do its work: the exit code, and one line on standard error
 * naming what and why, the stack trace only with --verbose. Through {@link Main#execute} in this
 * JVM (it finds the shared session running and leaves it running), with an empty configuration
 * file so that the project's conf/ does not retune the shared session.
 */
class MessagesTest {

  @TempDir
  static Path dir;
  static Path config;
  static Path inputs;

  record Outcome(int exitCode, List<String> err) {}

  @BeforeAll
  static void session() throws IOException {
    SharedSpark.spark();
    config = Files.writeString(dir.resolve("empty.properties"), "");
    inputs = Files.createDirectories(dir.resolve("inputs"));
  }

  static Outcome execute(String... argv) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(new Runs.Tee(err, captured), true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(argv);
      System.err.flush();
      return new Outcome(code, captured.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> !l.matches("^\\d\\d:\\d\\d:\\d\\d (WARN|ERROR) .*")).toList());
    } finally {
      System.setErr(err);
    }
  }

  @Test
  void aMissingInputIsAUsageErrorInOneLine() {
    Path missing = dir.resolve("no-such-folder");
    Outcome o = execute("run", "--config", config.toString(), "--input", missing.toString(),
        "--warehouse", dir.resolve("w-missing").toString());
    assertEquals(2, o.exitCode());
    assertEquals(List.of("spplus: input not found: " + missing + " (give an existing folder or file with --input)"),
        o.err());
  }

  @Test
  void aFailureIsOneLineNamingTheCauseWithTheStackTraceOnlyUnderVerbose() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("warehouse-is-a-file"), "x");
    String[] argv = {"run", "--config", config.toString(), "--input", inputs.toString(),
        "--warehouse", notADirectory.toString()};
    Outcome quiet = execute(argv);
    assertEquals(1, quiet.exitCode());
    assertEquals(2, quiet.err().size(), String.join("\n", quiet.err()));
    assertTrue(quiet.err().get(0).startsWith("spplus: FAILED: cannot create the warehouse lock " + notADirectory),
        quiet.err().get(0));
    assertEquals("(run again with --verbose for the stack trace)", quiet.err().get(1));

    String[] verbose = java.util.Arrays.copyOf(argv, argv.length + 1);
    verbose[argv.length] = "--verbose";
    Outcome loud = execute(verbose);
    assertEquals(1, loud.exitCode());
    assertEquals(quiet.err().get(0), loud.err().get(0));
    assertTrue(loud.err().stream().anyMatch(l -> l.startsWith("\tat fr.spplus.job.WarehouseLock.acquire")),
        String.join("\n", loud.err()));
  }

  @Test
  void aWarehouseInUseNamesTheRunHoldingItAndHowToClearAStaleLock() throws IOException {
    Path w = Files.createDirectories(dir.resolve("w-busy"));
    long pid = ProcessHandle.current().pid();
    String host = InetAddress.getLocalHost().getHostName();
    Files.writeString(w.resolve("_lock"), "run_id=20240101T000000000Z-holder\nhost=" + host + "\npid=" + pid
        + "\nstarted_at=2024-01-01T00:00:00Z\n");
    Outcome o = execute("run", "--config", config.toString(), "--input", inputs.toString(),
        "--warehouse", w.toString());
    assertEquals(1, o.exitCode());
    assertEquals("spplus: FAILED: warehouse " + w + " is in use by run 20240101T000000000Z-holder (pid " + pid + " on "
        + host + ", started 2024-01-01T00:00:00Z); wait for it to finish, or delete " + w.resolve("_lock")
        + " if no run is active", o.err().get(0));
    assertFalse(o.err().stream().anyMatch(l -> l.startsWith("\tat ")));
    assertTrue(Files.exists(w.resolve("_lock")), "a live holder's lock is left alone");
  }
}
