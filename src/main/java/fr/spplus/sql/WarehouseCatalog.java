package fr.spplus.sql;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.max_by;

import fr.spplus.audit.RunManifest;
import fr.spplus.audit.RunRecord;
import fr.spplus.publish.DataDictionary;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
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
    Lazy lazy = lazy(spark, warehouse, snapshot);
    lazy.ensureAll();
    return lazy.registration();
  }

  /**
   * Prepares the warehouse for queries without opening any table: the layer databases of the tables
   * that exist (a listing of their folders), and no view yet. {@link Lazy#ensure} then creates the
   * views a statement names, the first time it names them: creating a view reads the table's Delta
   * log, which for twenty tables cost more than the query itself. Fails when the warehouse holds none
   * of the tables.
   */
  public static Lazy lazy(SparkSession spark, String warehouse, Snapshot snapshot) {
    String catalog = spark.conf().get("spark.sql.catalogImplementation", "in-memory");
    if (!"in-memory".equals(catalog)) {
      throw new SqlFailure("the session uses the '" + catalog + "' catalog: registering the warehouse there would "
          + "create databases bronze, silver, gold and audit for every user of the metastore; run spplus sql "
          + "without Hive support (spark.sql.catalogImplementation=in-memory)");
    }
    String root = qualify(spark, warehouse);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<String, Long> present = RunManifest.tableVersions(root, conf);
    List<TableSpec> specs = DataDictionary.allTables().stream().filter(t -> present.containsKey(t.path())).toList();
    if (specs.isEmpty()) {
      throw new SqlFailure("no table of the warehouse found under " + root
          + ": give the warehouse of a run with --warehouse DIR (or run 'spplus run' first)");
    }
    Lazy lazy = new Lazy(spark, root, snapshot, specs, RunManifest.current(root, conf).orElse(null));
    specs.stream().map(TableSpec::layer).distinct().forEach(layer -> createDatabase(spark, layer));
    return lazy;
  }

  /** The warehouse's views, created when a statement first names them. */
  public static final class Lazy {

    private static final Pattern NAME = Pattern.compile("(?i)\\b(bronze|silver|gold|audit)\\b(?:\\s*\\.\\s*`?(\\w+)`?)?");

    private final SparkSession spark;
    private final String root;
    private final Snapshot snapshot;
    private final List<TableSpec> specs;
    private final RunManifest.Content manifest;
    private final Map<TableSpec, Entry> registered = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private Map<String, Published> published;
    private String lastRun;
    private boolean lastRunKnown;

    private Lazy(SparkSession spark, String root, Snapshot snapshot, List<TableSpec> specs,
                 RunManifest.Content manifest) {
      this.spark = spark;
      this.root = root;
      this.snapshot = snapshot;
      this.specs = specs;
      this.manifest = manifest;
    }

    /**
     * Creates the views of the tables a statement names: {@code layer.table}, or every table of a
     * layer named alone ({@code SHOW TABLES IN gold}, {@code USE gold}). A name inside a string or a
     * comment only creates a view too many.
     */
    public void ensure(String statement) {
      Matcher m = NAME.matcher(statement);
      while (m.find()) {
        String layer = m.group(1).toLowerCase(java.util.Locale.ROOT);
        String table = m.group(2) == null ? null : m.group(2).toLowerCase(java.util.Locale.ROOT);
        for (TableSpec spec : specs) {
          if (spec.layer().equals(layer) && (table == null || spec.name().equals(table))) {
            register(spec);
          }
        }
      }
    }

    /** Creates every view (the table list, \\d). */
    public void ensureAll() {
      specs.forEach(this::register);
    }

    /** How many tables the warehouse holds (registered or not). */
    public int tableCount() {
      return specs.size();
    }

    /** What is registered so far. */
    public Registration registration() {
      return new Registration(root, snapshot, lastRun(), List.copyOf(registered.values()), List.copyOf(warnings));
    }

    /** Warnings not yet shown; each is returned once. */
    public List<String> takeWarnings() {
      List<String> out = List.copyOf(warnings);
      warnings.clear();
      return out;
    }

    private void register(TableSpec spec) {
      if (registered.containsKey(spec)) {
        return;
      }
      Published p = spec.equals(Tables.AUDIT_RUNS) || snapshot == Snapshot.LATEST ? null : published(spec);
      registered.put(spec, createView(spark, spec, root + "/" + spec.path(), p, warnings));
    }

    /**
     * The version the last completed run published for a table: from the manifest when it is
     * current and names the table's writer (no Spark job), else from audit/runs (read once).
     */
    private Published published(TableSpec spec) {
      if (manifest != null && manifest.tableWriters().containsKey(spec.path())) {
        return new Published(manifest.tableVersions().get(spec.path()), manifest.tableWriters().get(spec.path()));
      }
      if (published == null) {
        DeltaTables tables = new DeltaTables(spark, root);
        published = specs.contains(Tables.AUDIT_RUNS) ? WarehouseCatalog.published(tables.read(Tables.AUDIT_RUNS))
            : Map.of();
      }
      return published.get(spec.path());
    }

    private String lastRun() {
      if (snapshot != Snapshot.LAST_RUN) {
        return null;
      }
      if (manifest != null) {
        return manifest.runId();
      }
      if (!lastRunKnown) {
        lastRun = RunRecord.lastCompletedRun(spark, new DeltaTables(spark, root));
        lastRunKnown = true;
      }
      return lastRun;
    }
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
