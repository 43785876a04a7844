package fr.spplus.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.audit.RunRecord;
import fr.spplus.cli.CliParser;
import fr.spplus.cli.ExitCode;
import fr.spplus.cli.Settings;
import fr.spplus.job.Progress;
import fr.spplus.job.RunJob;
import fr.spplus.job.RunOptions;
import fr.spplus.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs of the job in the test JVM, on the shared session: the options come from the command line
 * parser and {@link Settings}, exactly as {@code spplus run} resolves them, and the run is
 * {@link RunJob#run()}, which leaves the session running (the CLI's {@code Main} would stop a
 * session it created).
 */
final class Runs {

  private Runs() {}

  /** A finished run: its exit code, audit row and everything it printed. */
  record Result(int exitCode, RunRecord record, String output) {
    String runId() {
      return record.runId();
    }
  }

  static String[] argv(Path warehouse, List<Path> inputs, String... extra) {
    List<String> argv = new ArrayList<>(List.of("run", "--warehouse", warehouse.toString()));
    for (String e : extra) {
      argv.add(e);
    }
    argv.add("--input");
    inputs.forEach(p -> argv.add(p.toString()));
    return argv.toArray(String[]::new);
  }

  static RunOptions options(Path warehouse, List<Path> inputs, String... extra) {
    CliParser.Result parsed = CliParser.parse(argv(warehouse, inputs, extra), System.out, System.err);
    assertTrue(parsed.parsed(), "arguments not parsed");
    return Settings.resolve(parsed.args());
  }

  static Result run(Path warehouse, List<Path> inputs, String... extra) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new Tee(System.out, captured), true, StandardCharsets.UTF_8);
    RunJob.Outcome outcome = new RunJob(SharedSpark.spark(), options(warehouse, inputs, extra), new Progress(out))
        .run();
    out.flush();
    return new Result(ExitCode.of(outcome.record()).code(), outcome.record(), captured.toString(StandardCharsets.UTF_8));
  }

  static Result run(Path warehouse, Path input) {
    return run(warehouse, List.of(input));
  }

  /** A run that stopped at a fault point, was let go, and ended: its result, or what it threw. */
  record Paused(Result result, Throwable failure) {}

  /**
   * A run in this JVM armed to stop at a fault point: when it gets there, {@code atPoint} runs (the
   * test changes the world), then the run goes on to its end.
   */
  static Paused runPausedAt(String point, Path resumeFile, Runnable atPoint, Path warehouse, List<Path> inputs) {
    PrintStream console = System.out;
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    java.util.concurrent.atomic.AtomicReference<Result> result = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    System.setProperty(fr.spplus.faults.FaultPoints.PROPERTY, point);
    System.setProperty(fr.spplus.faults.FaultPoints.RESUME_FILE_PROPERTY, resumeFile.toString());
    System.setOut(new PrintStream(new Tee(console, seen), true, StandardCharsets.UTF_8));
    try {
      Thread worker = new Thread(() -> {
        try {
          result.set(run(warehouse, inputs));
        } catch (Throwable t) {
          failure.set(t);
        }
      }, "run-paused-at-" + point);
      worker.start();
      long deadline = System.nanoTime() + ChildJob.TIMEOUT.toNanos();
      while (!seen.toString(StandardCharsets.UTF_8).contains(fr.spplus.faults.FaultPoints.ANNOUNCE + point)) {
        if (!worker.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("the run did not stop at " + point, failure.get());
        }
        Thread.sleep(50);
      }
      atPoint.run();
      java.nio.file.Files.createFile(resumeFile);
      worker.join(ChildJob.TIMEOUT.toMillis());
      return new Paused(result.get(), failure.get());
    } catch (InterruptedException | java.io.IOException e) {
      throw new AssertionError(e);
    } finally {
      System.clearProperty(fr.spplus.faults.FaultPoints.PROPERTY);
      System.clearProperty(fr.spplus.faults.FaultPoints.RESUME_FILE_PROPERTY);
      System.setOut(console);
    }
  }

  /** Writes to the console and keeps a copy. */
  static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) {
      try {
        a.write(c);
        b.write(c);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      try {
        a.write(buf, off, len);
        b.write(buf, off, len);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void flush() {
      try {
        a.flush();
        b.flush();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
