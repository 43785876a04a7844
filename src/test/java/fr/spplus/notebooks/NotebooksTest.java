package fr.spplus.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The notebooks of notebooks/ as data scientists open them: the JSON structure (nbformat 4),
 * committed without outputs, the setup cells (versions of pom.xml, the warehouse setting), and
 * every {@code spark.sql} call written so that {@link NotebookQueriesIT} can run it on the sample
 * warehouse (integration tier: that warehouse is a run of the job).
 */
class NotebooksTest {

  static final List<String> EXPECTED = List.of("01_overview.ipynb", "02_response_rates_and_delays.ipynb",
      "03_sentiment_conversion.ipynb", "04_tag_frequencies_by_region.ipynb", "05_data_quality.ipynb",
      "06_backlog_and_history.ipynb", "07_ai_assisted_answers.ipynb");

  private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");

  @Test
  void theNotebooksAreThere() {
    assertEquals(EXPECTED, Notebook.all().stream().map(Notebook::name).toList());
  }

  @Test
  void everyNotebookIsValidNbformat4() {
    List<String> problems = new ArrayList<>();
    for (Notebook nb : Notebook.all()) {
      JsonNode j = nb.json();
      check(problems, nb, j.path("nbformat").isInt() && j.path("nbformat").asInt() == 4, "nbformat is 4");
      check(problems, nb, j.path("nbformat_minor").isInt(), "nbformat_minor is an integer");
      JsonNode kernel = j.path("metadata").path("kernelspec");
      check(problems, nb, kernel.path("name").isTextual() && kernel.path("display_name").isTextual(),
          "metadata.kernelspec has name and display_name");
      check(problems, nb, "python".equals(kernel.path("language").asText()), "the kernel's language is python");
      check(problems, nb, j.path("cells").isArray() && !j.path("cells").isEmpty(), "cells is a non-empty array");
      List<JsonNode> cells = nb.cells();
      for (int i = 0; i < cells.size(); i++) {
        JsonNode c = cells.get(i);
        String where = "cell " + i + " ";
        check(problems, nb, CELL_TYPES.contains(c.path("cell_type").asText()), where + "has a known cell_type");
        check(problems, nb, c.path("metadata").isObject(), where + "has a metadata object");
        JsonNode source = c.path("source");
        boolean lines = source.isArray();
        source.forEach(l -> check(problems, nb, l.isTextual(), where + "source lines are strings"));
        check(problems, nb, source.isTextual() || lines, where + "has a source (string or list of strings)");
        check(problems, nb, !Notebook.source(c).isBlank(), where + "is not empty");
        if (j.path("nbformat_minor").asInt() >= 5) {
          check(problems, nb, c.path("id").isTextual(), where + "has an id (nbformat 4.5)");
        }
        if ("code".equals(c.path("cell_type").asText())) {
          check(problems, nb, c.path("outputs").isArray(), where + "(code) has outputs");
          check(problems, nb, c.has("execution_count"), where + "(code) has execution_count");
          // Committed clean: outputs would go stale and could leak data from someone's warehouse.
          check(problems, nb, c.path("outputs").isEmpty() && c.path("execution_count").isNull(),
              where + "(code) is committed without outputs");
        } else {
          check(problems, nb, !c.has("outputs"), where + "(" + c.path("cell_type").asText() + ") has no outputs");
        }
      }
    }
    if (!problems.isEmpty()) {
      fail("notebook structure:\n" + String.join("\n", problems));
    }
  }

  @Test
  void theFirstCellsSayHowToInstallAndBuildTheSession() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    String spark = property(pom, "spark.version");
    String delta = property(pom, "delta.version");
    for (Notebook nb : Notebook.all()) {
      List<JsonNode> cells = nb.cells();
      JsonNode first = cells.get(0);
      assertEquals("markdown", first.path("cell_type").asText(), nb.name() + ": the first cell explains the setup");
      String text = Notebook.source(first);
      assertTrue(text.contains("pip install pyspark==" + spark + " delta-spark==" + delta),
          nb.name() + ": the first cell installs pyspark " + spark + " and delta-spark " + delta
              + " (the versions of pom.xml)");
      assertTrue(text.contains("SPPLUS_WAREHOUSE") && text.contains("WAREHOUSE"),
          nb.name() + ": the first cell says how to point the notebook at a warehouse");
      String setup = Notebook.source(cells.get(1));
      assertEquals("code", cells.get(1).path("cell_type").asText());
      for (String needed : List.of("io.delta.sql.DeltaSparkSessionExtension",
          "org.apache.spark.sql.delta.catalog.DeltaCatalog", "\"spark.sql.session.timeZone\", \"Europe/Paris\"",
          "configure_spark_with_delta_pip", "WAREHOUSE = os.environ.get(\"SPPLUS_WAREHOUSE\"")) {
        assertTrue(setup.contains(needed), nb.name() + ": the session cell sets " + needed);
      }
    }
  }

  @Test
  void everySparkSqlCallIsAQueryTheTestCanRun() {
    for (Notebook nb : Notebook.all()) {
      assertEquals(nb.sparkSqlCalls(), nb.queries().size(),
          nb.name() + ": write every query as spark.sql(f\"\"\"…\"\"\") so that this test runs it");
      assertFalse(nb.queries().isEmpty(), nb.name() + " has queries");
    }
  }

  private static void check(List<String> problems, Notebook nb, boolean ok, String what) {
    if (!ok) {
      problems.add(nb.name() + ": " + what);
    }
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertTrue(m.find(), "pom.xml has " + name);
    return m.group(1);
  }
}
