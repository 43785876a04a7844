package fr.spplus.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.publish.DataDictionary;
import fr.spplus.publish.TableSpec;
import fr.spplus.sql.SampleWarehouse;
import fr.spplus.sql.SqlCommand;
import fr.spplus.testing.SharedSpark;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/bi.md says true things about real tables: its Spark SQL examples ({@code ```sql spark}
 * blocks and {@code bin/spplus sql "…"} lines) run on a warehouse built from the bundled sample
 * ({@link SampleWarehouse}, a run of the job: hence the integration tier) and return rows, the
 * prompt transcript is what the prompt prints, every table is at reader protocol 1, and the counts
 * it calls additive add up. {@link BiDocTest} checks what needs no warehouse.
 */
class BiDocIT {

  /** The warehouse root the examples use, replaced by the sample warehouse's. */
  static final String EXAMPLE_WAREHOUSE = "/data/spplus/warehouse";

  private static String doc;
  private static String warehouse;
  private static SparkSession spark;

  @BeforeAll
  static void setUp() throws IOException {
    doc = Files.readString(BiDocTest.BI_MD, StandardCharsets.UTF_8);
    warehouse = SampleWarehouse.path().toString();
    spark = SharedSpark.spark();
  }

  /** Runs statements as {@code bin/spplus sql} does (tables by name, pinned versions); returns the output. */
  private static String spplusSql(String query, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SqlCommand.run(spark, new SqlCommand.Options(warehouse, query, format, false),
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return out.toString(StandardCharsets.UTF_8);
  }

  static List<String> sparkBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^```sql spark\\n(.*?)^```$", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  static List<String> commandLineQueries(String markdown) {
    List<String> queries = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^bin/spplus sql \"([^\"]+)\"").matcher(markdown);
    while (m.find()) {
      queries.add(m.group(1));
    }
    return queries;
  }

  @TestFactory
  List<DynamicTest> everySparkSqlExampleRunsAndReturnsRows() {
    List<DynamicTest> tests = new ArrayList<>();
    List<String> blocks = sparkBlocks(doc);
    List<String> lines = commandLineQueries(doc);
    assertTrue(blocks.size() >= 5, "docs/bi.md has its ```sql spark examples");
    assertTrue(lines.size() >= 5, "docs/bi.md has its bin/spplus sql examples");
    for (int i = 0; i < blocks.size(); i++) {
      String sql = blocks.get(i).replace(EXAMPLE_WAREHOUSE, warehouse);
      tests.add(DynamicTest.dynamicTest("```sql spark block " + (i + 1), () -> assertRows(sql)));
    }
    for (String q : lines) {
      tests.add(DynamicTest.dynamicTest("bin/spplus sql \"" + q + "\"", () -> assertRows(q)));
    }
    return tests;
  }

  private static void assertRows(String sql) {
    String csv = spplusSql(sql, "csv");
    assertTrue(csv.lines().count() > 1, "no rows on the sample warehouse:\n" + sql + "\n" + csv);
  }

  @Test
  void thePromptTranscriptIsWhatThePromptPrints() {
    Matcher m = Pattern.compile("(?s)\\$ bin/spplus sql\\n.*?\\nspplus> (.*?;)\\n(.*?)\\nspplus> \\\\q\\n")
        .matcher(doc);
    assertTrue(m.find(), "docs/bi.md has a prompt transcript");
    String statement = m.group(1).replace("\n     -> ", "\n");
    String expected = m.group(2) + "\n";
    assertEquals(expected, spplusSql(statement, "table"),
        "the transcript in docs/bi.md must show the sample warehouse's real output");
  }

  @Test
  void everyTableIsAtReaderProtocolOneWithoutReaderFeatures() {
    for (TableSpec t : DataDictionary.allTables()) {
      Row detail = spark.sql("DESCRIBE DETAIL delta.`" + warehouse + "/" + t.path() + "`")
          .select("minReaderVersion", "minWriterVersion").first();
      assertEquals(1, detail.getInt(0), t.path() + ": docs/bi.md promises reader protocol version 1");
      assertEquals(2, detail.getInt(1), t.path() + ": docs/bi.md says writer protocol version 2");
    }
    assertTrue(doc.contains("reader protocol version 1"));
  }

  @Test
  void regionCountsAddUpAcrossMonthsAsTheDocSays() {
    String counts = "experiences, positive, neutral, negative, answered, negative_rated, negative_converted";
    String sums = "sum(experiences), sum(positive), sum(neutral), sum(negative), sum(answered), "
        + "sum(negative_rated), sum(negative_converted)";
    List<Row> byRegion = spark.sql("SELECT region_name, region_code, " + counts + " FROM delta.`" + warehouse
        + "/gold/kpi_by_region` ORDER BY region_name, region_code").collectAsList();
    List<Row> fromMonths = spark.sql("SELECT region_name, region_code, " + sums + " FROM delta.`" + warehouse
        + "/gold/kpi_by_region_month` GROUP BY region_name, region_code ORDER BY region_name, region_code")
        .collectAsList();
    assertFalse(byRegion.isEmpty());
    assertEquals(byRegion.toString(), fromMonths.toString());
  }
}
