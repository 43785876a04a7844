package fr.spplus.sql;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spplus sql [QUERY] [--format table|csv|json] [--latest] --warehouse DIR}: registers the
 * warehouse's tables by name, then runs the query, or opens the interactive prompt when there is
 * none. The session is the caller's (created and stopped by the command line).
 */
public final class SqlCommand {

  /**
   * @param warehouse the warehouse root
   * @param query the query, or null for the interactive prompt
   * @param format table (default), csv or json
   * @param latest read the newest version of every table instead of the last run's
   */
  public record Options(String warehouse, String query, String format, boolean latest) {}

  private SqlCommand() {}

  /**
   * Settings for a session made for this command (the configuration's own come on top): the
   * in-memory catalog's directory in the temporary folder rather than ./spark-warehouse, no web UI.
   */
  public static Map<String, String> sessionDefaults() {
    return Map.of("spark.sql.warehouse.dir", WarehouseCatalog.scratchDirectory("spark-warehouse"),
        // A query on the prompt does not need the web UI; starting it costs about a second.
        "spark.ui.enabled", "false");
  }

  /**
   * Runs the command and returns its exit code (0). A query may hold several statements separated
   * by {@code ;}, run in order; the first one Spark rejects throws {@link SqlFailure}. At the prompt
   * errors are printed and the prompt goes on.
   *
   * @param prompts print the banner and prompts (standard input is a terminal)
   */
  public static int run(SparkSession spark, Options options, InputStream in, PrintStream out, PrintStream err,
                        boolean prompts) {
    OutputFormat format = OutputFormat.parse(options.format());
    // Views are created for the tables each statement names, when it first names them.
    WarehouseCatalog.Lazy catalog = WarehouseCatalog.lazy(spark, options.warehouse(),
        options.latest() ? WarehouseCatalog.Snapshot.LATEST : WarehouseCatalog.Snapshot.LAST_RUN);
    SqlShell shell = new SqlShell(spark, catalog, format, out, err);
    if (options.query() != null && !options.query().isBlank()) {
      for (String statement : statements(options.query())) {
        shell.execute(statement);
      }
      return 0;
    }
    return shell.interactive(in, prompts);
  }

  /** The statements of a one-shot query: several may be given, separated by ';'. */
  static List<String> statements(String query) {
    StatementSplitter splitter = new StatementSplitter();
    List<String> all = new ArrayList<>();
    for (String line : query.split("\\R", -1)) {
      all.addAll(splitter.add(line));
    }
    String last = splitter.remainder();
    if (last != null) {
      all.add(last);
    }
    if (all.isEmpty()) {
      throw new SqlFailure("the query is empty");
    }
    return all;
  }
}
