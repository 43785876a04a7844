package fr.spplus.sql;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.parser.ParseException;

/** A query or a registration that failed; the message is meant for the person who typed the query. */
public final class SqlFailure extends RuntimeException {

  public SqlFailure(String message) {
    super(message);
  }

  public SqlFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Wraps what Spark threw (often a checked AnalysisException) with its message, without the query
   * plan. Spark's exception is attached as suppressed, not as the cause: the command line prints a
   * failure's root cause next to its message, and Spark's repeats the message with the plan; the
   * stack trace (--verbose) still shows it.
   */
  static SqlFailure of(Exception e) {
    if (e instanceof SqlFailure f) {
      return f;
    }
    SqlFailure failure = new SqlFailure(message(e));
    failure.addSuppressed(e);
    return failure;
  }

  /**
   * Spark's message for a failed statement. An analysis error's message carries the logical plan
   * after the first lines; the simple message leaves it out. A parse error keeps its pointer lines
   * ({@code == SQL ==} and a caret under the mistake).
   */
  static String message(Throwable e) {
    String m = e instanceof ParseException || !(e instanceof AnalysisException a) ? e.getMessage()
        : a.getSimpleMessage();
    if (m == null || m.isBlank()) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      m = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
    return m.strip();
  }

  static String firstLine(Throwable e) {
    String m = message(e);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
