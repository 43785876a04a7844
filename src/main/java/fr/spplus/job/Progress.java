package fr.spplus.job;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a person watching a run sees: one line per step on standard output, and stage timings. */
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

  /** Runs a stage, records and prints its duration. */
  public <T> T stage(String name, java.util.function.Supplier<T> body) {
    long t0 = System.nanoTime();
    try {
      return body.get();
    } finally {
      double seconds = (System.nanoTime() - t0) / 1e9;
      stageSeconds.merge(name, seconds, Double::sum);
      say("  %-10s %7.2f s", name, seconds);
    }
  }

  public Map<String, Double> stageSeconds() {
    return Map.copyOf(stageSeconds);
  }
}
