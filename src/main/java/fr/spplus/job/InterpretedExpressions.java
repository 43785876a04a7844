package fr.spplus.job;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a step of a run with Spark's expressions interpreted ({@link SparkSessions#LITTLE_DATA}),
 * then gives the session back the settings it had. The gold steps use it in every run: their
 * queries are many (about sixty) over one aggregate per experience, so generating and compiling
 * Java code for each stage costs more than it saves. Measured on 2 cores, one daily increment of
 * 120,000 experiences, three runs each: gold 14.1–14.8 s → 13.3–13.5 s, the history's gold
 * 5.4–6.1 s → 4.6–4.7 s; the history step itself was slower interpreted (5.3–6.0 → 6.8–6.9 s), so
 * it keeps generated code, as bronze and silver do (docs/performance.md, "Interpreted expressions
 * for the gold steps").
 *
 * <p>A configuration (conf file or --conf) that sets either setting decides for the whole run:
 * the steps then leave the session as it is.
 */
final class InterpretedExpressions {

  private final SparkSession spark;
  private final boolean configured;

  /** @param settings the run's Spark settings from the configuration and the command line */
  InterpretedExpressions(SparkSession spark, Map<String, String> settings) {
    this.spark = spark;
    this.configured = SparkSessions.LITTLE_DATA.keySet().stream().anyMatch(settings::containsKey);
  }

  /** Runs {@code step} with expressions interpreted, unless the configuration decides. */
  <T> T run(Supplier<T> step) {
    if (configured) {
      return step.get();
    }
    RuntimeConfig conf = spark.conf();
    // Both settings have defaults: get() gives the session's value, set or not.
    Map<String, String> before = new HashMap<>();
    SparkSessions.LITTLE_DATA.forEach((key, value) -> {
      before.put(key, conf.get(key));
      conf.set(key, value);
    });
    try {
      return step.get();
    } finally {
      before.forEach(conf::set);
    }
  }
}
