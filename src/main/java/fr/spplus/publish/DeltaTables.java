package fr.spplus.publish;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Reads and writes the warehouse's Delta tables. Every write conforms the data to its
 * {@link TableSpec} (column order, types, comments) and tags the Delta commit with the run id
 * ({@code userMetadata}), so DESCRIBE HISTORY tells which run wrote which version.
 *
 * <p>Each write is one Delta transaction: readers see the table before or after it, never half of it.
 */
public final class DeltaTables {

  /** Tables written at once by {@link #overwriteAll}. */
  static final int PARALLEL_WRITES = 4;

  private static final int COMMIT_DIGITS = 20;
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{" + COMMIT_DIGITS + "}\\.json");

  private final SparkSession spark;
  private final String warehouse;
  private final Map<String, String> tableProperties;

  public DeltaTables(SparkSession spark, String warehouse) {
    this(spark, warehouse, Map.of());
  }

  /** @param tableProperties Delta properties set on every table this object creates */
  public DeltaTables(SparkSession spark, String warehouse, Map<String, String> tableProperties) {
    this.spark = spark;
    this.warehouse = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    this.tableProperties = Map.copyOf(tableProperties);
  }

  public String warehouse() {
    return warehouse;
  }

  public String path(TableSpec spec) {
    return warehouse + "/" + spec.path();
  }

  public boolean exists(TableSpec spec) {
    return DeltaTable.isDeltaTable(spark, path(spec));
  }

  public Dataset<Row> read(TableSpec spec) {
    return spark.read().format("delta").load(path(spec));
  }

  /** The table at a given version (time travel). */
  public Dataset<Row> read(TableSpec spec, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(spec));
  }

  /** The table, or an empty frame of its schema when it does not exist yet. */
  public Dataset<Row> readOrEmpty(TableSpec spec) {
    return exists(spec) ? read(spec) : emptyOf(spec);
  }

  /** An empty frame of the table's schema. */
  public Dataset<Row> emptyOf(TableSpec spec) {
    return spark.createDataFrame(java.util.List.of(), spec.schema());
  }

  /** Replaces the table's content in one transaction; returns the new version. */
  public long overwrite(Dataset<Row> data, TableSpec spec, String runId) {
    return write(data, spec, runId, SaveMode.Overwrite, Map.of());
  }

  /**
   * Replaces several independent tables, each in its own transaction, at the same time: the
   * writes of small tables are mostly driver-side Delta work and job scheduling, which overlap
   * well with each other's tasks. {@code afterEach} runs after each table is committed.
   *
   * @return the new version of each table, in the order of {@code data}
   */
  public Map<TableSpec, Long> overwriteAll(Map<TableSpec, Dataset<Row>> data, String runId, Runnable afterEach) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(data.size(), PARALLEL_WRITES));
    try {
      Map<TableSpec, Future<Long>> pending = new LinkedHashMap<>();
      data.forEach((spec, frame) -> pending.put(spec, pool.submit(() -> {
        long version = overwrite(frame, spec, runId);
        afterEach.run();
        return version;
      })));
      Map<TableSpec, Long> versions = new LinkedHashMap<>();
      for (Map.Entry<TableSpec, Future<Long>> e : pending.entrySet()) {
        versions.put(e.getKey(), await(e.getValue(), e.getKey()));
      }
      return versions;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long await(Future<Long> write, TableSpec spec) {
    try {
      return write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + spec.path(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("writing " + spec.path() + ": " + cause.getMessage(), cause);
    }
  }

  /**
   * Replaces the rows matching {@code condition} (a SQL predicate on the table's columns) by
   * {@code data}, whose rows must all match it, in one transaction; creates the table when it does
   * not exist. Returns the new version.
   */
  public long replaceWhere(Dataset<Row> data, TableSpec spec, String condition, String runId) {
    if (!exists(spec)) {
      return overwrite(data, spec, runId);
    }
    spec.conform(data).write().format("delta").mode(SaveMode.Overwrite)
        .option("userMetadata", runId)
        .option("replaceWhere", condition)
        .save(path(spec));
    return latestVersion(spec);
  }

  /**
   * Delta MERGE of {@code source} (conformed to the spec) into the existing table, in one transaction:
   * target rows ({@code t}) matching a source row ({@code s}) by {@code condition} get the
   * {@code set} expressions; source rows matching none are inserted when {@code insertWhen} holds.
   * The commit carries the run id like every other write. Returns the new version.
   */
  public long merge(Dataset<Row> source, TableSpec spec, String condition, Map<String, String> set,
                    String insertWhen, String runId) {
    // MERGE takes no writer options: the run id goes through the session's commit-info setting,
    // set only around this call (the other writes pass it as an option, which wins over it).
    String key = "spark.databricks.delta.commitInfo.userMetadata";
    spark.conf().set(key, runId);
    try {
      DeltaTable.forPath(spark, path(spec)).as("t")
          .merge(spec.conform(source).as("s"), condition)
          .whenMatched().updateExpr(set)
          .whenNotMatched(insertWhen).insertAll()
          .execute();
    } finally {
      spark.conf().unset(key);
    }
    return latestVersion(spec);
  }

  /** Appends to the table (created on first use) in one transaction; returns the new version. */
  public long append(Dataset<Row> data, TableSpec spec, String runId) {
    return append(data, spec, runId, Map.of());
  }

  /**
   * Appends, and when this write creates the table gives it these properties too (the configured
   * table properties win over them).
   */
  public long append(Dataset<Row> data, TableSpec spec, String runId, Map<String, String> ownProperties) {
    return write(data, spec, runId, SaveMode.Append, ownProperties);
  }

  private long write(Dataset<Row> data, TableSpec spec, String runId, SaveMode mode,
                     Map<String, String> ownProperties) {
    var writer = spec.conform(data).write().format("delta").mode(mode)
        .option("userMetadata", runId)
        .partitionBy(spec.partitionColumns().toArray(String[]::new));
    if (mode == SaveMode.Overwrite) {
      // A schema change in a new release (a column added) replaces the old schema.
      writer = writer.option("overwriteSchema", "true");
    }
    if (!exists(spec)) {
      // Delta takes "delta.*" writer options as the properties of the table it creates: set in the
      // creating commit itself, they apply to its files (statistics) and cost no extra commit.
      Map<String, String> properties = new java.util.HashMap<>(ownProperties);
      properties.putAll(tableProperties);
      writer = writer.options(properties);
    }
    writer.save(path(spec));
    return latestVersion(spec);
  }

  /** The latest version of a table, or -1 when it does not exist. */
  public long version(TableSpec spec) {
    return exists(spec) ? latestVersion(spec) : -1;
  }

  /**
   * The latest version of a table known to exist: the highest commit file of its log. The Delta
   * protocol names each commit {@code _delta_log/<version, 20 digits>.json}; listing that folder
   * costs no Spark job, where reading the history (DESCRIBE HISTORY) costs one per write.
   */
  private long latestVersion(TableSpec spec) {
    Path log = new Path(path(spec), "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long latest = -1;
      for (FileStatus f : fs.listStatus(log, p -> COMMIT_FILE.matcher(p.getName()).matches())) {
        latest = Math.max(latest, Long.parseLong(f.getPath().getName().substring(0, COMMIT_DIGITS)));
      }
      if (latest < 0) {
        throw new IllegalStateException("no commit file in " + log);
      }
      return latest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + log + ": " + e.getMessage(), e);
    }
  }

}
