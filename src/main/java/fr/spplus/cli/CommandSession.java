package fr.spplus.cli;

import fr.spplus.job.RunOptions;
import fr.spplus.job.SparkSessions;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of one command ({@code run}, {@code sql}, {@code report}): opened when the
 * command needs it, closed when it ends, whatever happens. A session that already exists (a
 * notebook, a test calling {@link Main#execute}) is used and left running; one opened here is quiet
 * unless {@code --verbose}, and stopped. A command that can answer without Spark (fetch, docs,
 * generate, or a fast path decided before this) simply does not call it.
 */
final class CommandSession {

  private CommandSession() {}

  /** {@code body} with a session named {@code "spplus " + command}, from the options' master and settings. */
  static <T> T with(String command, RunOptions options, Function<SparkSession, T> body) {
    return with(command, options, options.sparkConf(), body);
  }

  /** The same, with {@code settings} instead of the options' own Spark settings. */
  static <T> T with(String command, RunOptions options, Map<String, String> settings,
                    Function<SparkSession, T> body) {
    boolean ours = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessions.create("spplus " + command, options.master(), settings);
    if (ours && !options.verbose()) {
      spark.sparkContext().setLogLevel("ERROR");
    }
    try {
      return body.apply(spark);
    } finally {
      if (ours) {
        spark.stop();
      }
    }
  }
}
