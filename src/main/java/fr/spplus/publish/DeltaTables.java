package fr.spplus.publish;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
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
    return exists(spec) ? read(spec) : spark.createDataFrame(java.util.List.of(), spec.schema());
  }

  /** Replaces the table's content in one transaction; returns the new version. */
  public long overwrite(Dataset<Row> data, TableSpec spec, String runId) {
    return write(data, spec, runId, SaveMode.Overwrite);
  }

  /** Appends to the table (created on first use) in one transaction; returns the new version. */
  public long append(Dataset<Row> data, TableSpec spec, String runId) {
    return write(data, spec, runId, SaveMode.Append);
  }

  private long write(Dataset<Row> data, TableSpec spec, String runId, SaveMode mode) {
    boolean created = !exists(spec);
    var writer = conform(data, spec).write().format("delta").mode(mode)
        .option("userMetadata", runId)
        .partitionBy(spec.partitionColumns().toArray(String[]::new));
    if (mode == SaveMode.Overwrite) {
      // A schema change in a new release (a column added) replaces the old schema.
      writer = writer.option("overwriteSchema", "true");
    }
    writer.save(path(spec));
    if (created) {
      setProperties(spec, tableProperties);
    }
    return version(spec);
  }

  /** Sets table properties that differ from the wanted ones (e.g. which columns get statistics). */
  public void setProperties(TableSpec spec, Map<String, String> properties) {
    if (properties.isEmpty() || !exists(spec)) {
      return;
    }
    Map<String, String> current = DeltaTable.forPath(spark, path(spec)).detail()
        .select("properties").first().getJavaMap(0);
    String changes = properties.entrySet().stream()
        .filter(e -> !e.getValue().equals(current.get(e.getKey())))
        .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
        .collect(Collectors.joining(", "));
    if (!changes.isEmpty()) {
      spark.sql("ALTER TABLE delta.`" + path(spec) + "` SET TBLPROPERTIES (" + changes + ")");
    }
  }

  /** The latest version of a table, or -1 when it does not exist. */
  public long version(TableSpec spec) {
    if (!exists(spec)) {
      return -1;
    }
    return DeltaTable.forPath(spark, path(spec)).history(1).select("version").first().getLong(0);
  }

  /** The data with exactly the spec's columns, in order, cast to their types, carrying their comments. */
  public static Dataset<Row> conform(Dataset<Row> data, TableSpec spec) {
    Column[] columns = Arrays.stream(spec.schema().fields())
        .map(DeltaTables::conformColumn)
        .toArray(Column[]::new);
    return data.select(columns);
  }

  private static Column conformColumn(StructField f) {
    return col(f.name()).cast(f.dataType()).as(f.name(), f.metadata());
  }
}
