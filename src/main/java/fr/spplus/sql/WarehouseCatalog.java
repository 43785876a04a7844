package fr.spplus.sql;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.max_by;

import fr.spplus.audit.RunRecord;
import fr.spplus.publish.DataDictionary;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Makes the warehouse's Delta tables queryable by name ({@code bronze.experiences_raw},
 * {@code silver.experiences}, {@code gold.kpi_by_structure}, {@code audit.runs}, …): one database
 * per layer in the session catalog, one view per table that exists.
 *
 * <p>By default ({@link Snapshot#LAST_RUN}) each view reads the Delta version that the last
 * completed run (audit/runs, status succeeded or partial) wrote, as named in its
 * {@code table_versions}; a table that run did not touch is read at the version written by the
 * latest completed run that did. So silver and gold always come from one run, even while a run is
 * writing or after a run that failed half-way. audit/runs itself is read at its latest version (it
 * is the publication point and also lists failed runs). {@link Snapshot#LATEST} reads the newest
 * version of every table instead. A table that no completed run names (a warehouse written before
 * runs recorded their versions) is read at its latest version.
 *
 * <p>The views live in the session's in-memory catalog and vanish with the session; nothing is
 * written to the warehouse. Risk: with a Hive metastore the databases and views would be created
 * in the metastore for everyone, so registration refuses to run on a session with Hive support.
 */
public final class WarehouseCatalog {

  /** Which version of each table the views read. */
  public enum Snapshot {
    /** The versions the last completed run published (a consistent set). */
    LAST_RUN,
    /** The newest version of each table. */
    LATEST
  }

  /**
   * One registered table.
   *
   * @param location the table's qualified path
   * @param version the Delta version the view reads, or null for "whatever is latest when queried"
   * @param runId the run that wrote that version, or null when read at latest
   */
  public record Entry(TableSpec spec, String location, Long version, String runId) {

    public String sqlName() {
      return spec.sqlName();
    }

    /** E.g. {@code version 3 (run 20240901T…)} or {@code latest version}. */
    public String describeVersion() {
      return version == null ? "latest version" : "version " + version + (runId == null ? "" : " (run " + runId + ")");
    }
  }

  /**
   * What was registered: the tables, the last completed run when the views are pinned to it, and
   * warnings for the user (tables that could not be read at their published version).
   */
  public record Registration(String warehouse, Snapshot snapshot, String lastRunId, List<Entry> entries,
                             List<String> warnings) {}

  private WarehouseCatalog() {}

  /**
   * Creates the layer databases and one view per existing table of {@code warehouse}. Fails when
   * the warehouse holds none of the tables.
   */
  public static Registration register(SparkSession spark, String warehouse, Snapshot snapshot) {
    String catalog = spark.conf().get("spark.sql.catalogImplementation", "in-memory");
    if (!"in-memory".equals(catalog)) {
      throw new SqlFailure("the session uses the '" + catalog + "' catalog: registering the warehouse there would "
          + "create databases bronze, silver, gold and audit for every user of the metastore; run spplus sql "
          + "without Hive support (spark.sql.catalogImplementation=in-memory)");
    }
    String root = qualify(spark, warehouse);
    DeltaTables tables = new DeltaTables(spark, root);
    Map<String, Published> published = snapshot == Snapshot.LAST_RUN && tables.exists(Tables.AUDIT_RUNS)
        ? published(tables.read(Tables.AUDIT_RUNS))
        : Map.of();
    String lastRun = snapshot == Snapshot.LAST_RUN ? RunRecord.lastCompletedRun(spark, tables) : null;

    List<Entry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Set<String> layers = new LinkedHashSet<>();
    for (TableSpec spec : DataDictionary.allTables()) {
      if (!tables.exists(spec)) {
        continue;
      }
      Published p = spec.equals(Tables.AUDIT_RUNS) ? null : published.get(spec.path());
      if (layers.add(spec.layer())) {
        createDatabase(spark, spec.layer());
      }
      entries.add(createView(spark, spec, tables.path(spec), p, warnings));
    }
    if (entries.isEmpty()) {
      throw new SqlFailure("no table of the warehouse found under " + root
          + ": give the warehouse of a run with --warehouse DIR (or run 'spplus run' first)");
    }
    return new Registration(root, snapshot, lastRun, List.copyOf(entries), List.copyOf(warnings));
  }

  /** A table version named by a completed run. */
  record Published(long version, String runId) {}

  /**
   * For each table path, the version written by the latest completed run (by run id, which starts
   * with the run's start instant) whose {@code table_versions} names it.
   */
  static Map<String, Published> published(Dataset<Row> runs) {
    Dataset<Row> versions = publishedVersions(runs);
    Map<String, Published> out = new HashMap<>();
    for (Row r : versions.collectAsList()) {
      out.put(r.getString(0), new Published(r.getLong(1), r.getString(2)));
    }
    return out;
  }

  /** audit/runs → (table, version, run_id): one row per table named by a completed run. */
  static Dataset<Row> publishedVersions(Dataset<Row> runs) {
    return runs.where(col("status").isin(RunRecord.SUCCEEDED, RunRecord.PARTIAL))
        .select(col("run_id"), explode(col("table_versions")).as(new String[] {"table", "version"}))
        .groupBy(col("table"))
        .agg(max_by(col("version"), col("run_id")).as("version"), functions.max(col("run_id")).as("run_id"));
  }

  private static void createDatabase(SparkSession spark, String layer) {
    // The in-memory catalog makes a directory for each database: keep it out of the working directory.
    String location = scratchDirectory(layer + ".db");
    spark.sql("CREATE DATABASE IF NOT EXISTS " + layer + " COMMENT 'spplus warehouse layer " + layer
        + "' LOCATION '" + location.replace("'", "\\'") + "'");
  }

  private static Entry createView(SparkSession spark, TableSpec spec, String location, Published published,
                                  List<String> warnings) {
    String source = "delta.`" + location.replace("`", "``") + "`";
    if (published != null) {
      try {
        spark.sql("CREATE OR REPLACE VIEW " + spec.sqlName() + " AS SELECT * FROM " + source + " VERSION AS OF "
            + published.version());
        return new Entry(spec, location, published.version(), published.runId());
      } catch (Exception e) {
        // Old versions disappear after VACUUM or log clean-up; the table stays readable at its latest version.
        warnings.add(spec.path() + " version " + published.version() + " (run " + published.runId()
            + ") cannot be read any more (" + SqlFailure.firstLine(e) + "); reading its latest version");
      }
    }
    spark.sql("CREATE OR REPLACE VIEW " + spec.sqlName() + " AS SELECT * FROM " + source);
    return new Entry(spec, location, null, null);
  }

  /** A directory of the session catalog, under the temporary folder (never the warehouse: it may be read-only). */
  static String scratchDirectory(String name) {
    return Path.of(System.getProperty("java.io.tmpdir"), "spplus-sql-catalog", name).toUri().toString();
  }

  private static String qualify(SparkSession spark, String warehouse) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(warehouse);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      String q = fs.makeQualified(p).toString();
      return q.endsWith("/") ? q.substring(0, q.length() - 1) : q;
    } catch (java.io.IOException e) {
      throw new SqlFailure("cannot open warehouse " + warehouse + ": " + e.getMessage(), e);
    }
  }
}
