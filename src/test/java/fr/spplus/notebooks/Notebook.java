package fr.spplus.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Jupyter notebook of notebooks/, read as JSON, and the Spark SQL of its code cells: every
 * {@code spark.sql("""…""")} or {@code spark.sql(f"""…""")} call. The only Python inside a query is
 * {@code {WAREHOUSE}} (an f-string); {@code {{}} and {@code }}} are literal braces.
 */
record Notebook(Path path, JsonNode json) {

  static final Path FOLDER = Path.of("notebooks");

  /** Marks a query that may return no rows on the sample warehouse (a comment in the query). */
  static final String MAY_BE_EMPTY = "-- may be empty";
  /** Marks a check that must return no rows (a comment in the query). */
  static final String EXPECT_NO_ROWS = "-- expect no rows";

  private static final Pattern SPARK_SQL = Pattern.compile("spark\\.sql\\(\\s*(f?)\"\"\"(.*?)\"\"\"\\s*\\)",
      Pattern.DOTALL);
  private static final Pattern ANY_SPARK_SQL = Pattern.compile("spark\\.sql\\(");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  /** One query of a code cell. */
  record Query(Notebook notebook, int cell, int index, String text) {

    /** The query with the warehouse's path in place of {@code {WAREHOUSE}}. */
    String sql(String warehouse) {
      String s = PLACEHOLDER.matcher(text.replace("{{", "\u0000").replace("}}", "\u0001"))
          .replaceAll(m -> {
            if (!m.group(1).equals("WAREHOUSE")) {
              throw new IllegalArgumentException(this + ": only {WAREHOUSE} may be substituted, found {" + m.group(1)
                  + "}");
            }
            return Matcher.quoteReplacement(warehouse);
          });
      return s.replace('\u0000', '{').replace('\u0001', '}');
    }

    boolean mayBeEmpty() {
      return text.contains(MAY_BE_EMPTY);
    }

    boolean expectsNoRows() {
      return text.contains(EXPECT_NO_ROWS);
    }

    @Override
    public String toString() {
      return notebook.name() + " cell " + cell + " query " + index;
    }
  }

  static List<Notebook> all() {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().map(Notebook::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Notebook read(Path path) {
    try {
      return new Notebook(path, new ObjectMapper().readTree(Files.readString(path)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " as JSON: " + e.getMessage(), e);
    }
  }

  String name() {
    return path.getFileName().toString();
  }

  List<JsonNode> cells() {
    List<JsonNode> out = new ArrayList<>();
    json.path("cells").forEach(out::add);
    return out;
  }

  /** A cell's source: a string or a list of strings, joined. */
  static String source(JsonNode cell) {
    JsonNode s = cell.path("source");
    if (s.isTextual()) {
      return s.asText();
    }
    StringBuilder sb = new StringBuilder();
    s.forEach(line -> sb.append(line.asText()));
    return sb.toString();
  }

  /** Every Spark SQL query of the code cells, in order. */
  List<Query> queries() {
    List<Query> out = new ArrayList<>();
    List<JsonNode> cells = cells();
    for (int i = 0; i < cells.size(); i++) {
      if (!"code".equals(cells.get(i).path("cell_type").asText())) {
        continue;
      }
      Matcher m = SPARK_SQL.matcher(source(cells.get(i)));
      int index = 0;
      while (m.find()) {
        out.add(new Query(this, i, index++, m.group(2)));
      }
    }
    return out;
  }

  /** How many {@code spark.sql(} calls the code cells make (each must be a query {@link #queries} finds). */
  int sparkSqlCalls() {
    int n = 0;
    for (JsonNode cell : cells()) {
      if ("code".equals(cell.path("cell_type").asText())) {
        n += (int) ANY_SPARK_SQL.matcher(source(cell)).results().count();
      }
    }
    return n;
  }
}
