package fr.spplus.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.publish.DataDictionary;
import fr.spplus.sql.SqlCli.Outcome;
import fr.spplus.testing.SharedSpark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spplus sql} on the warehouse of a run on the bundled sample ({@link SampleWarehouse}):
 * through the command line (queries, output formats, exit codes), and the interactive prompt fed
 * from a stream. Integration tier: the warehouse is a whole run of the job (about a minute). The
 * checks that need no warehouse are in {@link SqlCommandTest}.
 */
class SqlCommandIT {

  private static Path warehouse;
  private static SparkSession spark;
  /** An empty configuration file: conf/spplus.properties would change the shared session's settings. */
  private static Path config;

  @BeforeAll
  static void buildWarehouse(@TempDir Path dir) throws java.io.IOException {
    warehouse = SampleWarehouse.path();
    spark = SharedSpark.spark();
    config = java.nio.file.Files.writeString(dir.resolve("empty.properties"), "");
  }

  private static Outcome sql(String query, String... options) {
    List<String> argv = new java.util.ArrayList<>(List.of("sql", query, "--warehouse", warehouse.toString(),
        "--config", config.toString()));
    argv.addAll(Arrays.asList(options));
    return SqlCli.cli(argv.toArray(String[]::new));
  }

  private static Outcome prompt(Path warehouse, String input, boolean latest) {
    return SqlCli.prompt(spark, warehouse, input, latest);
  }

  @Test
  void everyTableOfTheWarehouseIsQueryableByItsSqlName() {
    String union = DataDictionary.allTables().stream()
        .map(t -> "SELECT '" + t.sqlName() + "' AS name, count(*) AS n FROM " + t.sqlName())
        .collect(Collectors.joining(" UNION ALL "));
    Outcome o = sql(union + " ORDER BY name", "--format", "csv");
    assertEquals(0, o.exitCode(), o.err());
    List<String> lines = o.out().lines().toList();
    assertEquals("name,n", lines.get(0));
    assertEquals(DataDictionary.allTables().size() + 1, lines.size(), o.out());
    assertTrue(lines.contains("silver.experiences," + SampleWarehouse.SAMPLE_EXPERIENCES), o.out());
    // The bundled sample: 1,082 + 1,523 + 1,941 records (data/sample/README.md).
    assertTrue(lines.contains("bronze.experiences_raw,4546"), o.out());
    assertTrue(lines.contains("audit.runs,1"), o.out());
  }

  @Test
  void tableOutputIsAlignedWithARowCount() {
    Outcome o = sql("SELECT region_name, experiences, response_rate FROM gold.kpi_by_region "
        + "ORDER BY experiences DESC, region_name LIMIT 3;");
    assertEquals(0, o.exitCode(), o.err());
    List<String> lines = o.out().lines().toList();
    assertEquals(6, lines.size(), o.out());
    assertTrue(lines.get(0).matches(" region_name +\\| experiences \\| response_rate"), lines.get(0));
    assertTrue(lines.get(1).matches("-+\\+-+\\+-+"), lines.get(1));
    int bar = lines.get(0).indexOf('|');
    for (String row : lines.subList(2, 5)) {
      assertEquals(bar, row.indexOf('|'), "columns aligned:\n" + o.out());
    }
    assertTrue(lines.get(2).startsWith(" Île-de-France "), o.out());
    assertEquals("(3 rows)", lines.get(5));
  }

  @Test
  void jsonLinesCarryEveryColumnWithNulls() {
    Outcome o = sql("SELECT experience_id, first_response_at, channels FROM silver.experiences "
        + "JOIN silver.experience_typologies USING (experience_id) "
        + "WHERE first_response_at IS NULL AND slot = 1 ORDER BY experience_id LIMIT 2", "--format", "json");
    assertEquals(0, o.exitCode(), o.err());
    List<String> lines = o.out().lines().toList();
    assertEquals(2, lines.size(), o.out());
    for (String line : lines) {
      assertTrue(line.matches("\\{\"experience_id\":\\d+,\"first_response_at\":null,\"channels\":\\[.*]}"), line);
    }
  }

  @Test
  void severalStatementsRunInOrder() {
    Outcome o = sql("SELECT 1 AS a; SELECT 'x;y' AS b;", "--format", "csv");
    assertEquals(0, o.exitCode(), o.err());
    assertEquals("a\n1\nb\nx;y\n", o.out());
  }

  @Test
  void aBadQueryExitsWithOneAndSaysWhy() {
    Outcome missing = sql("SELECT * FROM gold.no_such_table");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("TABLE_OR_VIEW_NOT_FOUND") && missing.err().contains("`gold`.`no_such_table`"),
        missing.err());
    assertFalse(missing.err().contains("UnresolvedRelation"), "no query plan in the message: " + missing.err());

    Outcome column = sql("SELECT response_ratio FROM gold.kpi_by_region");
    assertEquals(1, column.exitCode());
    assertTrue(column.err().contains("response_ratio") && column.err().contains("response_rate"),
        "names the column and suggests the right one: " + column.err());
  }

  @Test
  void viewsReadTheVersionsTheLastCompletedRunPublished(@TempDir Path dir) {
    Path copy = SampleWarehouse.copyTo(dir.resolve("warehouse"));
    long regions = spark.sql("SELECT * FROM delta.`" + copy + "/gold/kpi_by_region`").count();
    assertTrue(regions > 0);
    // A run that died after rewriting one gold table: its version must not be seen by default.
    spark.sql("DELETE FROM delta.`" + copy + "/gold/kpi_by_region`");

    Outcome pinned = prompt(copy, "SELECT count(*) AS n FROM gold.kpi_by_region;\n\\d\n", false);
    assertTrue(pinned.out().contains(" " + regions + "\n"), pinned.out());
    assertTrue(pinned.out().contains("reading the tables as published by run "), pinned.out());
    assertTrue(pinned.out().matches("(?s).*gold\\.kpi_by_region +version \\d+ \\(run \\d{8}T\\d{9}Z-[0-9a-f]{8}\\).*"),
        pinned.out());

    Outcome latest = prompt(copy, "SELECT count(*) AS n FROM gold.kpi_by_region;\n\\d\n", true);
    assertTrue(latest.out().contains("\n 0\n"), latest.out());
    assertTrue(latest.out().matches("(?s).*gold\\.kpi_by_region +latest version.*"), latest.out());
  }

  @Test
  void thePromptRunsStatementsUntilQuitAndSurvivesErrors() {
    String input = String.join("\n",
        "SELECT count(*) AS n",
        "  FROM silver.experiences;",
        "SELECT nope FROM gold.kpi_by_region;",
        "\\d gold.kpi_by_typology",
        "SELECT 'after' AS error; \\q",
        "\\q",
        "SELECT 'not run' AS x;");
    Outcome o = prompt(warehouse, input, false);
    assertEquals(0, o.exitCode());
    assertTrue(o.out().startsWith("spplus sql: warehouse file:"), o.out());
    assertTrue(o.out().contains(SqlShell.PROMPT + SqlShell.CONTINUATION + " n"), "continuation prompt:\n" + o.out());
    assertTrue(o.out().contains(" " + SampleWarehouse.SAMPLE_EXPERIENCES + "\n(1 row)"), o.out());
    assertTrue(o.err().contains("error: [UNRESOLVED_COLUMN"), o.err());
    assertTrue(o.out().contains(" typology_id "), "\\d NAME describes the table:\n" + o.out());
    assertTrue(o.out().contains(" after\n"), "the prompt goes on after an error:\n" + o.out());
    assertFalse(o.out().contains("not run"), o.out());
  }

  @Test
  void theLastStatementRunsAtEndOfInputEvenWithoutItsSemicolon() {
    Outcome o = prompt(warehouse, "SHOW TABLES IN audit", false);
    assertTrue(o.out().contains(" audit     | runs "), o.out());
    assertTrue(o.out().contains(" audit     | files "), o.out());
  }
}
