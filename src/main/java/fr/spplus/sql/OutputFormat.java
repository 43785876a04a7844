package fr.spplus.sql;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * How a query's result is printed. Values are Spark's own string forms (the cast to STRING), so
 * timestamps show in the session time zone (Europe/Paris) and doubles unrounded.
 *
 * <ul>
 *   <li>{@link #TABLE}: an aligned text table for people; numbers right-aligned, {@code NULL} for
 *       null, line breaks shown as {@code ⏎}, cells cut at {@value #MAX_CELL} characters and at most
 *       {@value #MAX_TABLE_ROWS} rows (the footer says when something was cut).</li>
 *   <li>{@link #CSV}: RFC 4180, comma-separated, a header line, every row and full values; null is
 *       an empty field.</li>
 *   <li>{@link #JSON}: JSON lines, one object per row with every column (null included); nested
 *       values (arrays, maps) stay JSON arrays and objects.</li>
 * </ul>
 * CSV and JSON stream the rows to the output (one partition at a time on the driver).
 */
public enum OutputFormat {
  TABLE, CSV, JSON;

  static final int MAX_TABLE_ROWS = 1000;
  static final int MAX_CELL = 80;
  private static final String NULL = "NULL";

  /** {@code table}, {@code csv} or {@code json} (null: table). */
  public static OutputFormat parse(String name) {
    if (name == null) {
      return TABLE;
    }
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SqlFailure("unknown output format '" + name + "': table, csv or json");
    }
  }

  public void print(Dataset<Row> result, PrintStream out) {
    switch (this) {
      case TABLE -> printTable(result, out);
      case CSV -> printCsv(result, out);
      case JSON -> printJson(result, out);
      default -> throw new IllegalStateException(name());
    }
    out.flush();
  }

  // ---------------------------------------------------------------- table

  private static void printTable(Dataset<Row> result, PrintStream out) {
    StructField[] fields = result.schema().fields();
    List<Row> rows = asStrings(result).takeAsList(MAX_TABLE_ROWS + 1);
    boolean moreRows = rows.size() > MAX_TABLE_ROWS;
    List<String[]> cells = new ArrayList<>();
    boolean[] cut = {false};
    for (Row r : rows.subList(0, Math.min(rows.size(), MAX_TABLE_ROWS))) {
      String[] line = new String[fields.length];
      for (int i = 0; i < fields.length; i++) {
        line[i] = r.isNullAt(i) ? NULL : tableCell(r.getString(i), cut);
      }
      cells.add(line);
    }
    out.print(renderTable(fields, cells));
    String footer = "(" + cells.size() + (cells.size() == 1 ? " row" : " rows");
    if (moreRows) {
      footer += "; only the first " + MAX_TABLE_ROWS + " shown";
    }
    if (moreRows || cut[0]) {
      footer += "; --format csv or json prints every row and full values";
    }
    out.println(footer + ")");
  }

  /** The table text: header, a rule, the rows; one space of padding, columns separated by {@code |}. */
  static String renderTable(StructField[] fields, List<String[]> cells) {
    int n = fields.length;
    int[] width = new int[n];
    boolean[] right = new boolean[n];
    for (int i = 0; i < n; i++) {
      width[i] = length(fields[i].name());
      right[i] = fields[i].dataType() instanceof NumericType;
    }
    for (String[] line : cells) {
      for (int i = 0; i < n; i++) {
        width[i] = Math.max(width[i], length(line[i]));
      }
    }
    StringBuilder sb = new StringBuilder();
    appendLine(sb, Arrays.stream(fields).map(StructField::name).toArray(String[]::new), width, new boolean[n]);
    sb.append(IntStream.range(0, n).mapToObj(i -> "-".repeat(width[i] + 2)).collect(Collectors.joining("+")))
        .append('\n');
    for (String[] line : cells) {
      appendLine(sb, line, width, right);
    }
    return sb.toString();
  }

  private static void appendLine(StringBuilder sb, String[] values, int[] width, boolean[] right) {
    for (int i = 0; i < values.length; i++) {
      String pad = " ".repeat(width[i] - length(values[i]));
      sb.append(i == 0 ? " " : " | ").append(right[i] ? pad + values[i] : values[i] + (i == values.length - 1 ? "" : pad));
    }
    sb.append('\n');
  }

  private static String tableCell(String value, boolean[] cut) {
    String v = value.replace("\r\n", "⏎").replace('\n', '⏎').replace('\r', '⏎').replace('\t', ' ');
    if (length(v) > MAX_CELL) {
      cut[0] = true;
      v = v.substring(0, v.offsetByCodePoints(0, MAX_CELL - 1)) + "…";
    }
    return v;
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  // ---------------------------------------------------------------- csv

  private static void printCsv(Dataset<Row> result, PrintStream out) {
    out.println(Arrays.stream(result.schema().fieldNames()).map(OutputFormat::csvField)
        .collect(Collectors.joining(",")));
    int n = result.schema().fields().length;
    Iterator<Row> it = asStrings(result).toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(',');
        }
        if (!r.isNullAt(i)) {
          sb.append(csvField(r.getString(i)));
        }
      }
      out.println(sb);
    }
  }

  static String csvField(String v) {
    boolean quote = v.isEmpty() || v.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  // ---------------------------------------------------------------- json

  private static void printJson(Dataset<Row> result, PrintStream out) {
    Iterator<Row> it = result.select(to_json(struct(col("*")), Map.of("ignoreNullFields", "false")))
        .toLocalIterator();
    while (it.hasNext()) {
      out.println(it.next().getString(0));
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Every column cast to STRING (Spark's rendering, session time zone). Columns are renamed by
   * position first: a result may have two columns of the same name, or names with dots.
   */
  private static Dataset<Row> asStrings(Dataset<Row> result) {
    int n = result.schema().fields().length;
    String[] positional = IntStream.range(0, n).mapToObj(i -> "c" + i).toArray(String[]::new);
    Column[] cast = Arrays.stream(positional).map(c -> col(c).cast("string")).toArray(Column[]::new);
    return result.toDF(positional).select(cast);
  }
}
