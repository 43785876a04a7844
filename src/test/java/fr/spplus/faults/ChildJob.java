package fr.spplus.faults;

import static org.junit.jupiter.api.Assertions.fail;

import fr.spplus.testing.QuickJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code spplus run} in a separate JVM (fr.spplus.cli.Main with the test classpath), for what the
 * test JVM cannot do to itself: be killed with SIGKILL ({@link Process#destroyForcibly()} on
 * Linux), or run beside another run. Its standard output and error are collected line by line, so
 * a test can wait for a fault point's {@code FAULTPOINT name} line.
 *
 * <p>A child JVM costs 15 to 40 seconds on two cores (JVM and Spark start-up, a cold first Delta
 * write): the tests start as few as they can.
 */
final class ChildJob implements AutoCloseable {

  /** Generous: a child competes for two cores with the test JVM and, in CI, nothing else. */
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread pump;
  private final String name;

  private ChildJob(String name, Process process) {
    this.name = name;
    this.process = process;
    this.pump = new Thread(this::pump, "child-output-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts {@code spplus run} with the given arguments after "run".
   *
   * @param properties JVM system properties (e.g. the fault point), as {@code key=value}
   */
  static ChildJob start(String name, List<String> properties, List<String> runArgs) {
    return start(name, List.of(), properties, runArgs);
  }

  /** @param prefix a command the JVM runs under (e.g. setpriv), or empty */
  static ChildJob start(String name, List<String> prefix, List<String> properties, List<String> runArgs) {
    return start(name, prefix, List.of(), properties, runArgs);
  }

  /** @param jvmOptions further JVM options (e.g. a class-loading log) */
  static ChildJob start(String name, List<String> prefix, List<String> jvmOptions, List<String> properties,
                        List<String> runArgs) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(sparkJvmOptions());
    cmd.add("-Xmx1g");
    cmd.addAll(QuickJvm.OPTIONS);
    cmd.addAll(jvmOptions);
    properties.forEach(p -> cmd.add("-D" + p));
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add("fr.spplus.cli.Main");
    cmd.add("run");
    cmd.addAll(List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.sql.shuffle.partitions=1", "--conf", "spark.databricks.delta.snapshotPartitions=1",
        "--conf", "spark.driver.host=127.0.0.1"));
    cmd.addAll(runArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    try {
      return new ChildJob(name, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a child JVM: " + e.getMessage(), e);
    }
  }

  /** A run armed to stop at a fault point; with a resume file, it goes on once that file exists. */
  static ChildJob startAt(String name, String faultPoint, Path resumeFile, List<String> runArgs) {
    List<String> props = new ArrayList<>(List.of(FaultPoints.PROPERTY + "=" + faultPoint));
    if (resumeFile != null) {
      props.add(FaultPoints.RESUME_FILE_PROPERTY + "=" + resumeFile);
    }
    return start(name, props, runArgs);
  }

  long pid() {
    return process.pid();
  }

  /** Waits for a line containing {@code text}; fails (with the output) when the process ends first or on timeout. */
  void awaitLine(String text) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (lines) {
      int seen = 0;
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (lines.get(seen).contains(text)) {
            return;
          }
        }
        if (!pump.isAlive()) {
          fail("child " + name + " ended (exit " + exitValueOrNull() + ") before printing '" + text + "':\n"
              + output());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail("child " + name + " did not print '" + text + "' within " + TIMEOUT + ":\n" + output());
        }
        try {
          lines.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 1000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fail("interrupted");
        }
      }
    }
  }

  /** Waits for the fault point's announcement. */
  void awaitFaultPoint(String point) {
    awaitLine(FaultPoints.ANNOUNCE + point);
  }

  /** SIGKILL: no shutdown hook, no finally block runs in the child. */
  void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  int awaitExit() {
    waitForExit();
    return process.exitValue();
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        fail("child " + name + " did not finish within " + TIMEOUT + ":\n" + output());
      }
      pump.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
  }

  private Integer exitValueOrNull() {
    return process.isAlive() ? null : process.exitValue();
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process was killed: its output ends here
    } finally {
      synchronized (lines) {
        lines.notifyAll();
      }
    }
  }

  /**
   * The JVM options Spark needs on Java 17 (pom.xml's spark.jvm.opens), taken from this JVM's own
   * arguments: surefire started it with them.
   */
  static List<String> sparkJvmOptions() {
    List<String> out = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || a.startsWith("-Djdk.reflect.useDirectMethodHandle")
          || a.startsWith("-Dio.netty.tryReflectionSetAccessible")) {
        out.add(a);
      }
    }
    return out;
  }

  /** The test classpath: surefire names it in surefire.test.class.path (java.class.path may be its booter jar). */
  static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }
}
