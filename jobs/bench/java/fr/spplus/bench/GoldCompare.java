package fr.spplus.bench;

import fr.spplus.job.SparkSessions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Benchmark check: the job's gold Delta tables against the DuckDB baseline's CSVs, row by row.
 *
 * <pre>
 *   GoldCompare --warehouse WH --baseline OUT_DIR [--tolerance 1e-9] [--max-diffs 10] [--audit]
 * </pre>
 *
 * For each gold table of {@link #KEYS} (the seven of docs/contract.md section 3): the rows are matched on the table's key columns (same row
 * sets both ways, no duplicate keys); every column of the baseline must exist in the job's table
 * and is compared, DOUBLE columns to a relative tolerance (default 1e-9), other columns exactly as
 * text (null = empty, as the baseline's CSV cannot tell them apart). Columns only the job has (e.g.
 * {@code small_cell}) are ignored. Prints one line per table and the first differences; exits 1 on
 * any difference, 2 on bad usage. With {@code --audit} it also prints the stage_seconds of the
 * warehouse's latest audit/runs row ({@code audit_stage NAME SECONDS} lines).
 *
 * <p>Gold tables the baseline does not compute ({@link #NOT_IN_BASELINE}) are named with their row
 * count and skipped, explicitly: the check says what it did not check rather than silently
 * passing over a table.
 */
public final class GoldCompare {

  /** Gold table → key columns (docs/contract.md section 3: the grain of each table). */
  static final Map<String, List<String>> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("kpi_by_structure", List.of("structure_id"));
    KEYS.put("kpi_by_typology", List.of("typology_id"));
    KEYS.put("kpi_by_region", List.of("region_name", "region_code"));
    KEYS.put("kpi_by_region_month", List.of("region_name", "region_code", "month"));
    KEYS.put("tag_frequency_by_region", List.of("region_name", "region_code", "tag", "valence"));
    KEYS.put("business_tag_frequency_by_region", List.of("region_name", "region_code", "business_tag"));
    KEYS.put("channel_frequency_by_typology", List.of("typology_id", "channel"));
  }

  /**
   * Job gold tables the DuckDB yardstick (/work/shared/bench/baseline.sql) does not compute:
   * reported as skipped, never compared (their figures are pinned by the job's own tests).
   */
  static final List<String> NOT_IN_BASELINE = List.of("ai_answer_quality");

  private GoldCompare() {}

  public static void main(String[] args) throws IOException {
    String warehouse = null;
    String baseline = null;
    double tolerance = 1e-9;
    int maxDiffs = 10;
    boolean audit = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warehouse" -> warehouse = args[++i];
        case "--baseline" -> baseline = args[++i];
        case "--tolerance" -> tolerance = Double.parseDouble(args[++i]);
        case "--max-diffs" -> maxDiffs = Integer.parseInt(args[++i]);
        case "--audit" -> audit = true;
        default -> {
          System.err.println("GoldCompare: unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    if (warehouse == null || baseline == null) {
      System.err.println("usage: GoldCompare --warehouse WH --baseline OUT_DIR [--tolerance 1e-9] [--max-diffs N] [--audit]");
      System.exit(2);
    }
    SparkSession spark = SparkSessions.create("spplus bench gold compare", "local[2]",
        Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2"));
    spark.sparkContext().setLogLevel("ERROR");
    int failures = 0;
    try {
      if (audit) {
        printAudit(spark, warehouse, System.out);
      }
      for (Map.Entry<String, List<String>> t : KEYS.entrySet()) {
        failures += compareTable(spark, warehouse, Path.of(baseline), t.getKey(), t.getValue(), tolerance, maxDiffs,
            System.out);
      }
      for (String table : NOT_IN_BASELINE) {
        reportSkipped(spark, warehouse, table, System.out);
      }
    } finally {
      spark.stop();
    }
    System.out.println(failures == 0 ? "gold check: OK (" + KEYS.size() + " tables equal to the baseline, "
        + NOT_IN_BASELINE.size() + " not in the baseline skipped)"
        : "gold check: FAILED (" + failures + " table(s) differ from the baseline)");
    System.exit(failures == 0 ? 0 : 1);
  }

  static void printAudit(SparkSession spark, String warehouse, PrintStream out) {
    Dataset<Row> runs = spark.read().format("delta").load(warehouse + "/audit/runs");
    List<Row> last = runs.orderBy(runs.col("started_at").desc()).limit(1).collectAsList();
    if (last.isEmpty()) {
      out.println("audit: no run recorded");
      return;
    }
    Row r = last.get(0);
    out.println("audit_run " + r.getAs("run_id") + " " + r.getAs("status"));
    if (List.of(runs.columns()).contains("stage_seconds")) {
      scala.collection.Map<String, Object> m = r.getAs("stage_seconds");
      if (m != null) {
        Map<String, Object> sorted = new TreeMap<>(scala.jdk.javaapi.CollectionConverters.asJava(m));
        sorted.forEach((k, v) -> out.printf(Locale.ROOT, "audit_stage %s %.2f%n", k, ((Number) v).doubleValue()));
      }
    }
  }

  /** Names a job table the baseline lacks, with its row count (or why it could not be read). */
  static void reportSkipped(SparkSession spark, String warehouse, String table, PrintStream out) {
    String rows;
    try {
      rows = spark.read().format("delta").load(warehouse + "/gold/" + table).count() + " rows";
    } catch (RuntimeException e) {
      rows = "cannot read the job's table: " + e.getMessage();
    }
    out.printf(Locale.ROOT, "gold %-34s SKIP: not computed by the baseline (job %s)%n", table, rows);
  }

  /** Compares one table; returns 1 when it differs, else 0. */
  static int compareTable(SparkSession spark, String warehouse, Path baselineDir, String table, List<String> keys,
                          double tolerance, int maxDiffs, PrintStream out) throws IOException {
    Path csv = baselineDir.resolve(table + ".csv");
    if (!Files.isRegularFile(csv)) {
      out.println("gold " + table + ": baseline file missing: " + csv);
      return 1;
    }
    List<List<String>> base = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
    List<String> header = base.remove(0);
    Dataset<Row> job;
    try {
      job = spark.read().format("delta").load(warehouse + "/gold/" + table);
    } catch (RuntimeException e) {
      out.println("gold " + table + ": cannot read the job's table: " + e.getMessage());
      return 1;
    }
    Map<String, DataType> types = new LinkedHashMap<>();
    for (StructField f : job.schema().fields()) {
      types.put(f.name(), f.dataType());
    }
    List<String> missing = header.stream().filter(c -> !types.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      out.println("gold " + table + ": columns missing from the job's table: " + missing);
      return 1;
    }
    List<String> ignored = types.keySet().stream().filter(c -> !header.contains(c)).toList();
    List<Row> jobRows = job.select(header.stream().map(job::col).toArray(org.apache.spark.sql.Column[]::new))
        .collectAsList();

    List<Integer> keyIdx = keys.stream().map(header::indexOf).toList();
    if (keyIdx.contains(-1)) {
      out.println("gold " + table + ": key columns " + keys + " not all in the baseline header " + header);
      return 1;
    }
    List<String> diffs = new ArrayList<>();
    int[] diffCount = {0};
    Map<String, List<String>> baseByKey = new LinkedHashMap<>();
    for (List<String> r : base) {
      if (r.size() != header.size()) {
        note(diffs, diffCount, maxDiffs, "baseline row with " + r.size() + " fields: " + r);
        continue;
      }
      String k = key(r, keyIdx);
      if (baseByKey.put(k, r) != null) {
        note(diffs, diffCount, maxDiffs, "baseline key twice: " + k);
      }
    }
    Map<String, List<String>> jobByKey = new LinkedHashMap<>();
    for (Row row : jobRows) {
      List<String> r = new ArrayList<>(header.size());
      for (int i = 0; i < header.size(); i++) {
        r.add(text(row.get(i)));
      }
      String k = key(r, keyIdx);
      if (jobByKey.put(k, r) != null) {
        note(diffs, diffCount, maxDiffs, "job key twice: " + k);
      }
    }
    int onlyJob = 0;
    int onlyBase = 0;
    int valueDiffs = 0;
    for (Map.Entry<String, List<String>> e : jobByKey.entrySet()) {
      List<String> b = baseByKey.get(e.getKey());
      if (b == null) {
        onlyJob++;
        note(diffs, diffCount, maxDiffs, "only in job:      " + e.getKey() + " -> " + e.getValue());
        continue;
      }
      List<String> j = e.getValue();
      for (int i = 0; i < header.size(); i++) {
        if (!same(j.get(i), b.get(i), types.get(header.get(i)), tolerance)) {
          valueDiffs++;
          note(diffs, diffCount, maxDiffs, String.format(Locale.ROOT, "value differs:    %s %s: job=%s baseline=%s",
              e.getKey(), header.get(i), j.get(i), b.get(i)));
        }
      }
    }
    for (Map.Entry<String, List<String>> e : baseByKey.entrySet()) {
      if (!jobByKey.containsKey(e.getKey())) {
        onlyBase++;
        note(diffs, diffCount, maxDiffs, "only in baseline: " + e.getKey() + " -> " + e.getValue());
      }
    }
    boolean ok = diffCount[0] == 0;
    out.printf(Locale.ROOT, "gold %-34s %s: job %d rows, baseline %d rows, %d only in job, %d only in baseline, "
            + "%d differing values%s%n", table, ok ? "OK  " : "DIFF", jobRows.size(), base.size(), onlyJob, onlyBase,
        valueDiffs, ignored.isEmpty() ? "" : " (ignored job-only columns " + ignored + ")");
    for (String d : diffs) {
      out.println("    " + d);
    }
    if (diffCount[0] > diffs.size()) {
      out.println("    … " + (diffCount[0] - diffs.size()) + " more differences");
    }
    return ok ? 0 : 1;
  }

  private static void note(List<String> diffs, int[] count, int max, String line) {
    count[0]++;
    if (diffs.size() < max) {
      diffs.add(line);
    }
  }

  private static String key(List<String> r, List<Integer> idx) {
    StringBuilder sb = new StringBuilder("[");
    for (int i : idx) {
      if (sb.length() > 1) {
        sb.append(" | ");
      }
      sb.append(r.get(i) == null ? "∅" : r.get(i));
    }
    return sb.append(']').toString();
  }

  private static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Double d) {
      return Double.toString(d);
    }
    return v.toString();
  }

  static boolean same(String job, String base, DataType type, double tolerance) {
    String a = job == null || job.isEmpty() ? null : job;
    String b = base == null || base.isEmpty() ? null : base;
    if (a == null || b == null) {
      return a == b;
    }
    if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
      double x;
      double y;
      try {
        x = Double.parseDouble(a);
        y = Double.parseDouble(b);
      } catch (NumberFormatException e) {
        return false;
      }
      if (x == y || (Double.isNaN(x) && Double.isNaN(y))) {
        return true;
      }
      return Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y));
    }
    if (type.equals(DataTypes.LongType) || type.equals(DataTypes.IntegerType)) {
      try {
        return Long.parseLong(a) == Long.parseLong(b);
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return a.equals(b);
  }

  /** RFC 4180 CSV as DuckDB's COPY writes it: ',' separated, '"' quotes, inner quotes doubled. */
  static final class Csv {
    static List<List<String>> parse(String s) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      int i = 0;
      int n = s.length();
      if (n > 0 && s.charAt(0) == '\uFEFF') {
        i = 1;
      }
      boolean any = false;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (quoted) {
          if (c == '"') {
            if (i + 1 < n && s.charAt(i + 1) == '"') {
              cur.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            cur.append(c);
          }
          continue;
        }
        if (c == '"') {
          quoted = true;
          wasQuoted = true;
          any = true;
        } else if (c == ',') {
          row.add(field(cur, wasQuoted));
          cur.setLength(0);
          wasQuoted = false;
          any = true;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
            i++;
          }
          if (any || cur.length() > 0) {
            row.add(field(cur, wasQuoted));
            rows.add(row);
          }
          row = new ArrayList<>();
          cur.setLength(0);
          wasQuoted = false;
          any = false;
        } else {
          cur.append(c);
          any = true;
        }
      }
      if (any || cur.length() > 0) {
        row.add(field(cur, wasQuoted));
        rows.add(row);
      }
      return rows;
    }

    private static String field(StringBuilder cur, boolean quoted) {
      return cur.length() == 0 && !quoted ? null : cur.toString();
    }
  }
}
