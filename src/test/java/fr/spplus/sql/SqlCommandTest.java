package fr.spplus.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.publish.DataDictionary;
import fr.spplus.publish.TableSpec;
import fr.spplus.sql.SqlCli.Outcome;
import fr.spplus.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spplus sql} where no warehouse is needed: the checks of the command line, what a folder
 * without tables gives, how the published version of each table is chosen, the SQL names. Queries
 * on a real warehouse are in {@link SqlCommandIT} (integration tier: it needs a run of the job).
 */
class SqlCommandTest {

  /** An empty configuration file: conf/spplus.properties would change the shared session's settings. */
  private static Path config;

  @BeforeAll
  static void emptyConfiguration(@TempDir Path dir) throws IOException {
    SharedSpark.spark();
    config = Files.writeString(dir.resolve("empty.properties"), "");
  }

  @Test
  void aFolderWithoutTablesIsNotAWarehouse(@TempDir Path empty) {
    Outcome o = SqlCli.cli("sql", "SELECT 1", "--warehouse", empty.toString(), "--config", config.toString());
    assertEquals(1, o.exitCode());
    assertTrue(o.err().contains("no table of the warehouse found under"), o.err());
  }

  @Test
  void theFormatOptionIsChecked(@TempDir Path empty) {
    Outcome o = SqlCli.cli("sql", "SELECT 1", "--warehouse", empty.toString(), "--config", config.toString(),
        "--format", "xml");
    assertEquals(2, o.exitCode());
    assertTrue(o.err().contains("--format is table, csv or json"), o.err());
  }

  @Test
  void publishedVersionsComeFromTheLatestCompletedRunThatWroteEachTable() {
    List<String> rows = WarehouseCatalog.publishedVersions(SharedSpark.spark().sql(String.join(" ",
            "SELECT * FROM VALUES",
            "('r1', 'succeeded', map('silver/experiences', 0L, 'gold/kpi_by_region', 0L)),",
            "('r2', 'partial', map('audit/files', 1L)),",
            "('r3', 'succeeded', map('silver/experiences', 1L, 'gold/kpi_by_region', 1L)),",
            "('r4', 'failed', map('silver/experiences', 2L)),",
            "('r5', 'succeeded', CAST(map() AS MAP<STRING, BIGINT>))",
            "AS runs(run_id, status, table_versions)")))
        .orderBy("table").collectAsList().stream().map(Object::toString).toList();
    assertEquals(List.of("[audit/files,1,r2]", "[gold/kpi_by_region,1,r3]", "[silver/experiences,1,r3]"), rows);
  }

  @Test
  void sqlNamesAreLayerDotTable() {
    for (TableSpec t : DataDictionary.allTables()) {
      assertEquals(t.path().replace('/', '.'), t.sqlName());
    }
  }
}
