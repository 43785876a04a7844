package fr.spplus.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs SQL on a session where the warehouse is registered ({@link WarehouseCatalog}): one query, or
 * an interactive prompt that reads statements ended by {@code ;} until {@code \q} or the end of the
 * input. At the prompt a failing statement prints its error and the prompt goes on; a statement
 * left without its {@code ;} at the end of the input still runs (so {@code echo "SELECT 1" | spplus
 * sql} works).
 */
public final class SqlShell {

  static final String PROMPT = "spplus> ";
  static final String CONTINUATION = "     -> ";
  static final String HELP = String.join("\n",
      "Statements end with ';' and may span lines. Tables are named layer.table (SHOW TABLES IN gold;).",
      "  \\d          list the tables and the Delta version each one reads",
      "  \\d NAME     the columns of a table, with their meaning (DESCRIBE NAME)",
      "  \\?          this help",
      "  \\q          quit (end of input also quits)");

  private final SparkSession spark;
  private final WarehouseCatalog.Lazy catalog;
  private final OutputFormat format;
  private final PrintStream out;
  private final PrintStream err;

  public SqlShell(SparkSession spark, WarehouseCatalog.Lazy catalog, OutputFormat format,
                  PrintStream out, PrintStream err) {
    this.spark = spark;
    this.catalog = catalog;
    this.format = format;
    this.out = out;
    this.err = err;
  }

  /** Runs one statement and prints its result; throws {@link SqlFailure} when Spark rejects it. */
  public void execute(String statement) {
    Dataset<Row> result;
    try {
      spark.sparkContext().setJobDescription("spplus sql: " + abbreviate(statement));
      catalog.ensure(statement);
      catalog.takeWarnings().forEach(w -> err.println("warning: " + w));
      result = spark.sql(statement);
      if (result.schema().fields().length > 0) {
        format.print(result, out);
      }
    } catch (Exception e) {
      throw SqlFailure.of(e);
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  /**
   * The interactive prompt. Prompts go to the output only when {@code prompts} is set (a terminal);
   * errors go to the error stream. Returns the exit code: 0.
   */
  public int interactive(InputStream in, boolean prompts) {
    if (prompts) {
      out.println(banner());
      out.println("Type \\? for help, \\q to quit.");
    }
    StatementSplitter splitter = new StatementSplitter();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    try {
      while (true) {
        if (prompts) {
          out.print(splitter.inStatement() ? CONTINUATION : PROMPT);
          out.flush();
        }
        String line = reader.readLine();
        if (line == null) {
          String last = splitter.remainder();
          if (last != null) {
            run(last);
          }
          break;
        }
        for (String statement : splitter.add(line)) {
          run(statement);
        }
        String command = splitter.takeCommand();
        if (command != null && !command(command)) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the input: " + e.getMessage(), e);
    }
    if (prompts) {
      out.println();
    }
    out.flush();
    return 0;
  }

  /** What the views read, one line. */
  String banner() {
    WarehouseCatalog.Registration registration = catalog.registration();
    String read = registration.snapshot() == WarehouseCatalog.Snapshot.LATEST
        ? "the latest version of each table"
        : registration.lastRunId() == null
            ? "the latest version of each table (no completed run in audit/runs)"
            : "the tables as published by run " + registration.lastRunId() + " (--latest for the newest versions)";
    return "spplus sql: warehouse " + registration.warehouse() + ", " + catalog.tableCount()
        + " tables, reading " + read + ".";
  }

  private void run(String statement) {
    try {
      execute(statement);
    } catch (SqlFailure e) {
      err.println("error: " + e.getMessage());
      err.flush();
    }
  }

  /** A backslash command; false to quit. */
  private boolean command(String line) {
    String[] words = line.split("\\s+", 2);
    switch (words[0]) {
      case "\\q", "\\quit" -> {
        return false;
      }
      case "\\?", "\\h", "\\help" -> out.println(HELP);
      case "\\d" -> {
        if (words.length > 1) {
          run("DESCRIBE " + words[1].replace(";", "").strip());
        } else {
          listTables();
        }
      }
      default -> err.println("error: unknown command " + words[0] + " (\\? for help)");
    }
    out.flush();
    return true;
  }

  private void listTables() {
    catalog.ensureAll();
    catalog.takeWarnings().forEach(w -> err.println("warning: " + w));
    WarehouseCatalog.Registration registration = catalog.registration();
    out.println(banner());
    StringBuilder sb = new StringBuilder();
    int width = registration.entries().stream().mapToInt(e -> e.sqlName().length()).max().orElse(0);
    for (WarehouseCatalog.Entry e : registration.entries()) {
      sb.append("  ").append(e.sqlName()).append(" ".repeat(width - e.sqlName().length())).append("  ")
          .append(e.describeVersion()).append("  ").append(e.spec().description()).append('\n');
    }
    out.print(sb);
  }

  private static String abbreviate(String statement) {
    String one = statement.replaceAll("\\s+", " ");
    return one.length() <= 100 ? one : one.substring(0, 99) + "…";
  }

  List<WarehouseCatalog.Entry> entries() {
    return catalog.registration().entries();
  }
}
