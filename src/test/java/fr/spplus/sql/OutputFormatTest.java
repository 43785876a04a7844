package fr.spplus.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.spplus.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The three output formats on literal queries (no warehouse needed). */
class OutputFormatTest {

  private static String print(OutputFormat format, String query) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    format.print(SharedSpark.spark().sql(query), out);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static final String VALUES = "SELECT * FROM VALUES "
      + "('Île-de-France', 370L, 0.8D, CAST(NULL AS STRING)), "
      + "('a,b \"c\"', 2L, CAST(NULL AS DOUBLE), 'line 1\nline 2') AS t(region, experiences, rate, note) "
      + "ORDER BY experiences DESC";

  @Test
  void tableAlignsColumnsAndRightAlignsNumbers() {
    assertEquals(String.join("\n",
        " region        | experiences | rate | note",
        "---------------+-------------+------+---------------",
        " Île-de-France |         370 |  0.8 | NULL",
        " a,b \"c\"       |           2 | NULL | line 1⏎line 2",
        "(2 rows)", ""), print(OutputFormat.TABLE, VALUES));
  }

  @Test
  void tableCutsLongCellsAndSaysSo() {
    String out = print(OutputFormat.TABLE, "SELECT repeat('x', 100) AS long");
    assertEquals(String.join("\n",
        " long",
        "-" .repeat(OutputFormat.MAX_CELL + 2),
        " " + "x".repeat(OutputFormat.MAX_CELL - 1) + "…",
        "(1 row; --format csv or json prints every row and full values)", ""), out);
  }

  @Test
  void csvQuotesWhatNeedsQuotingAndLeavesNullEmpty() {
    assertEquals(String.join("\n",
        "region,experiences,rate,note",
        "Île-de-France,370,0.8,",
        "\"a,b \"\"c\"\"\",2,,\"line 1\nline 2\"", ""), print(OutputFormat.CSV, VALUES));
    assertEquals("e\n\"\"\n", print(OutputFormat.CSV, "SELECT '' AS e"));
  }

  @Test
  void jsonLinesKeepNullsNestedValuesAndParisOffsets() {
    assertEquals(String.join("\n",
        "{\"region\":\"Île-de-France\",\"experiences\":370,\"rate\":0.8,\"note\":null}",
        "{\"region\":\"a,b \\\"c\\\"\",\"experiences\":2,\"rate\":null,\"note\":\"line 1\\nline 2\"}", ""),
        print(OutputFormat.JSON, VALUES));
    assertEquals("{\"tags\":[\"Accueil\",\"E-mail\"],\"at\":\"2024-07-01T10:00:00.000+02:00\"}\n",
        print(OutputFormat.JSON,
            "SELECT array('Accueil', 'E-mail') AS tags, TIMESTAMP '2024-07-01 08:00:00Z' AS at"));
  }

  @Test
  void timestampsPrintInParisTime() {
    assertEquals("at\n2024-01-15 09:30:00\n",
        print(OutputFormat.CSV, "SELECT TIMESTAMP '2024-01-15 08:30:00Z' AS at"));
  }

  @Test
  void unknownFormatIsRefused() {
    assertEquals(OutputFormat.TABLE, OutputFormat.parse(null));
    assertEquals(OutputFormat.CSV, OutputFormat.parse("csv"));
    assertThrows(SqlFailure.class, () -> OutputFormat.parse("xml"));
  }
}
