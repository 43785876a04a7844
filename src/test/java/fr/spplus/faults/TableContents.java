package fr.spplus.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import fr.spplus.testing.Frames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Content comparison of two tables as multisets of rows, for the many whole-warehouse comparisons of
 * the fault tests. The schema is compared as {@link Frames} does (names and types); the rows through
 * a canonical text per row (map entries sorted by key, doubles to nine significant digits: the
 * same tolerance in spirit as Frames' 1e-9 on figures of order 1 to 1000), sorted, so duplicates
 * count. It costs one collect per table, where {@link Frames#assertFrameEquals} costs several Spark
 * jobs; the tests use Frames where a single table is compared.
 */
final class TableContents {

  private TableContents() {}

  static void assertSame(String what, Dataset<Row> expected, Dataset<Row> actual) {
    assertEquals(Frames.plain(expected.schema()).treeString(), Frames.plain(actual.schema()).treeString(),
        what + ": schemas differ");
    assertSameRows(what, canonical(expected), canonical(actual));
  }

  /** The table's rows as canonical text, sorted. */
  static List<String> canonical(Dataset<Row> table) {
    return table.collectAsList().stream().map(TableContents::canonical).sorted().collect(Collectors.toList());
  }

  static void assertSameRows(String what, List<String> expected, List<String> actual) {
    if (expected.equals(actual)) {
      return;
    }
    Map<String, Integer> missing = counts(expected);
    Map<String, Integer> extra = counts(actual);
    for (String row : new ArrayList<>(missing.keySet())) {
      int common = Math.min(missing.get(row), extra.getOrDefault(row, 0));
      missing.merge(row, -common, Integer::sum);
      extra.merge(row, -common, Integer::sum);
    }
    fail(what + ": " + expected.size() + " rows expected, " + actual.size() + " found\n  only expected:\n"
        + show(missing) + "\n  only found:\n" + show(extra));
  }

  private static Map<String, Integer> counts(List<String> rows) {
    Map<String, Integer> out = new HashMap<>();
    rows.forEach(r -> out.merge(r, 1, Integer::sum));
    return out;
  }

  private static String show(Map<String, Integer> rows) {
    return rows.entrySet().stream().filter(e -> e.getValue() > 0).limit(10)
        .map(e -> "    " + e.getValue() + " x " + abbreviate(e.getKey())).collect(Collectors.joining("\n"));
  }

  private static String abbreviate(String s) {
    return s.length() <= 600 ? s : s.substring(0, 600) + "…";
  }

  static String canonical(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Row r) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        fields.add(canonical(r.get(i)));
      }
      return "[" + String.join(" | ", fields) + "]";
    }
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.9g", d);
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      Map<String, String> sorted = new TreeMap<>();
      CollectionConverters.asJava(m).forEach((k, x) -> sorted.put(canonical(k), canonical(x)));
      return sorted.toString();
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return CollectionConverters.asJava(s).stream().map(TableContents::canonical)
          .collect(Collectors.joining(", ", "<", ">"));
    }
    return String.valueOf(v);
  }
}
