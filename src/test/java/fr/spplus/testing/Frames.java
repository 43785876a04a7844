package fr.spplus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Whole-DataFrame comparison for tests: schema first (names and types; nullability and comments are
 * not compared), then the rows in a fixed order, with a message naming the first row that differs.
 * The final check is spark-testing-base's {@code assertDataFrameApproximateEquals}.
 */
public final class Frames {

  /** Absolute tolerance on doubles: hand-computed rates and hours are exact to far better than this. */
  public static final double TOLERANCE = 1e-9;

  private Frames() {}

  public static Dataset<Row> rows(StructType schema, Object[]... rows) {
    List<Row> list = Arrays.stream(rows).map(RowFactory::create).collect(Collectors.toList());
    return SharedSpark.spark().createDataFrame(list, schema);
  }

  /**
   * A row of the schema with the named fields set, the others null: {@code row(schema, "a", 1, "b",
   * null)}. A name given twice takes its last value.
   */
  public static Row row(StructType schema, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values[schema.fieldIndex((String) namesAndValues[i])] = namesAndValues[i + 1];
    }
    return RowFactory.create(values);
  }

  public static void assertFrameEquals(Dataset<Row> expected, Dataset<Row> actual, String... orderBy) {
    StructType expectedSchema = plain(expected.schema());
    StructType actualSchema = plain(actual.schema());
    assertEquals(expectedSchema.treeString(), actualSchema.treeString(), "schemas differ");
    Column[] order = Arrays.stream(orderBy).map(functions::col).toArray(Column[]::new);
    Dataset<Row> e = SharedSpark.spark().createDataFrame(expected.orderBy(order).collectAsList(), expectedSchema);
    Dataset<Row> a = SharedSpark.spark().createDataFrame(actual.orderBy(order).collectAsList(), actualSchema);
    List<Row> er = e.collectAsList();
    List<Row> ar = a.collectAsList();
    for (int i = 0; i < Math.max(er.size(), ar.size()); i++) {
      Row x = i < er.size() ? er.get(i) : null;
      Row y = i < ar.size() ? ar.get(i) : null;
      if (x == null || y == null || !rowsClose(x, y)) {
        fail("row " + i + " (ordered by " + String.join(", ", orderBy) + ") differs\n expected: " + x
            + "\n   actual: " + y + "\n(expected " + er.size() + " rows, got " + ar.size() + ")\nall actual rows:\n"
            + ar.stream().map(Row::toString).collect(Collectors.joining("\n")));
      }
    }
    new JavaDataFrameSuiteBase().assertDataFrameApproximateEquals(e, a, TOLERANCE);
  }

  private static boolean rowsClose(Row x, Row y) {
    if (x.size() != y.size()) {
      return false;
    }
    for (int i = 0; i < x.size(); i++) {
      Object a = x.get(i);
      Object b = y.get(i);
      if (a instanceof Double da && b instanceof Double db) {
        if (Math.abs(da - db) > TOLERANCE && !(da.isNaN() && db.isNaN())) {
          return false;
        }
      } else if (a == null ? b != null : !a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  /** The schema with nullability and metadata dropped, recursively. */
  public static StructType plain(StructType schema) {
    return new StructType(Arrays.stream(schema.fields())
        .map(f -> new StructField(f.name(), plain(f.dataType()), true, Metadata.empty()))
        .toArray(StructField[]::new));
  }

  private static DataType plain(DataType type) {
    if (type instanceof StructType s) {
      return plain(s);
    }
    if (type instanceof ArrayType a) {
      return new ArrayType(plain(a.elementType()), true);
    }
    if (type instanceof MapType m) {
      return new MapType(plain(m.keyType()), plain(m.valueType()), true);
    }
    return type;
  }
}
