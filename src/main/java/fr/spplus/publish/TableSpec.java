package fr.spplus.publish;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One Delta table of the warehouse: its path under the warehouse root ({@code layer/name}), its
 * schema with a comment on every column, and a one-line description. Declared once in
 * {@link Tables}; writers, readers, tests and the data dictionary all use these specs.
 */
public record TableSpec(String path, String description, StructType schema, List<String> partitionColumns) {

  public TableSpec {
    for (StructField f : schema.fields()) {
      if (f.getComment().isEmpty()) {
        throw new IllegalArgumentException("column " + f.name() + " of " + path + " has no comment");
      }
    }
  }

  /**
   * The data reduced to this table's columns, in its order, cast to its types and carrying its
   * comments: the one conform step, run by the transformations that build a table (so that what a
   * test compares is the table) and at every write (a frame already conformed passes unchanged).
   * A missing column is a bug of the transformation, reported with the table's name.
   */
  public Dataset<Row> conform(Dataset<Row> data) {
    if (data.schema().equals(schema)) {
      return data;
    }
    List<String> available = Arrays.asList(data.columns());
    Column[] columns = new Column[schema.fields().length];
    for (int i = 0; i < columns.length; i++) {
      StructField f = schema.fields()[i];
      if (!available.contains(f.name())) {
        throw new IllegalStateException(path + ": the transformation produced no column " + f.name()
            + " (it has " + available + ")");
      }
      columns[i] = col(f.name()).cast(f.dataType()).as(f.name(), f.metadata());
    }
    return data.select(columns);
  }

  /** An unpartitioned table. */
  public TableSpec(String path, String description, StructType schema) {
    this(path, description, schema, List.of());
  }

  /** The layer, e.g. {@code silver}. */
  public String layer() {
    return path.substring(0, path.indexOf('/'));
  }

  /** The table name within its layer, e.g. {@code experiences}. */
  public String name() {
    return path.substring(path.indexOf('/') + 1);
  }

  /** The SQL name readers use: {@code layer.name}. */
  public String sqlName() {
    return layer() + "." + name();
  }

  /** The column names, in schema order. */
  public List<String> columns() {
    return List.of(schema.fieldNames());
  }

  /** A nullable column carrying its comment. */
  public static StructField column(String name, DataType type, String comment) {
    Metadata meta = new MetadataBuilder().putString("comment", comment).build();
    return new StructField(name, type, true, meta);
  }
}
