package fr.spplus.job;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;

/**
 * What a person watching a run sees: one line per step on standard output, stage timings for the
 * run's audit row, and the Spark UI's job descriptions. A stage is one call, {@link #stage}, so
 * the name a timing is recorded under and the name the Spark UI shows cannot differ.
 */
public final class Progress {

  private final PrintStream out;
  private final Map<String, Double> stageSeconds = new LinkedHashMap<>();

  public Progress(PrintStream out) {
    this.out = out;
  }

  public void say(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
    out.flush();
  }

  /** Runs a stage that starts no Spark job: records and prints its duration. */
  public <T> T stage(String name, Supplier<T> body) {
    long t0 = System.nanoTime();
    try {
      return body.get();
    } finally {
      double seconds = (System.nanoTime() - t0) / 1e9;
      stageSeconds.merge(name, seconds, Double::sum);
      say("  %-10s %7.2f s", name, seconds);
    }
  }

  /**
   * Runs a stage whose Spark jobs the UI lists as "{@code name}: {@code detail}" (just the name when
   * detail is null); records and prints its duration under the same name.
   */
  public <T> T stage(SparkContext spark, String name, String detail, Supplier<T> body) {
    describe(spark, name, detail);
    return stage(name, body);
  }

  /** Names the Spark jobs of an untimed step (the audit row, which carries the timings itself). */
  public void describe(SparkContext spark, String name, String detail) {
    spark.setJobDescription(detail == null ? name : name + ": " + detail);
  }

  public Map<String, Double> stageSeconds() {
    return Map.copyOf(stageSeconds);
  }
}
