package fr.spplus.sql;

import fr.spplus.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** {@code spplus sql} driven from a test: through the command line, or the prompt fed from a string. */
final class SqlCli {

  /** What a command printed, and its exit code. */
  record Outcome(int exitCode, String out, String err) {}

  private SqlCli() {}

  /** {@link Main#execute} in this JVM, standard output and error captured. */
  static synchronized Outcome cli(String... argv) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(argv);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  /** The interactive prompt on {@code warehouse}, reading {@code input}. */
  static Outcome prompt(SparkSession spark, Path warehouse, String input, boolean latest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SqlCommand.run(spark, new SqlCommand.Options(warehouse.toString(), null, null, latest),
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), true);
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
