package fr.spplus.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** silver/quarantine: the quarantined records found by their verdicts or by the rules, with their original text. */
class QuarantineRecordsTest {

  static final StructType BRONZE = Tables.BRONZE_EXPERIENCES_RAW.schema();
  static final StructType LAYOUT = new StructType()
      .add("source_file", DataTypes.StringType).add("content_hash", DataTypes.StringType)
      .add("header_keys", DataTypes.createArrayType(DataTypes.StringType)).add("separator", DataTypes.StringType);

  static Row bronze(long record, String rawRecord, String id, String published, String title) {
    return Frames.row(BRONZE, "source_file", "export-2024-03-01.csv", "content_hash", "h1",
        "snapshot_date", Date.valueOf("2024-03-01"), "record_number", record, "run_id", "run-1",
        "raw_record", rawRecord, "experience_id", id, "published_at", published, "title", title);
  }

  static Dataset<Row> records() {
    return SharedSpark.spark().createDataFrame(List.of(
        bronze(1, null, "11", "01/03/2024", "accepted"),
        bronze(2, null, "", "01/03/2024", "Hello; \"you\""),
        bronze(3, "3;01/03/2024;x;y", "3", "01/03/2024", "x"),
        bronze(4, null, "12", "hier", "plain")), BRONZE);
  }

  static Dataset<Row> layouts() {
    return SharedSpark.spark().createDataFrame(List.of(RowFactory.create("export-2024-03-01.csv", "h1",
        List.of("experience_id", "published_at", "title"), ";")), LAYOUT);
  }

  /** record_number | reason | raw_record of silver/quarantine rows, in record order. */
  static List<String> lines(Dataset<Row> quarantine) {
    List<String> out = new ArrayList<>();
    for (Row r : quarantine.orderBy("record_number").collectAsList()) {
      out.add(r.getAs("record_number") + "|" + r.getAs("reason") + "|" + r.getAs("raw_record"));
    }
    return out;
  }

  static final List<String> EXPECTED = List.of(
      // Rebuilt in header order with the file's separator; the title needs quotes (separator, quotes).
      "2|missing_id|;01/03/2024;\"Hello; \"\"you\"\"\"",
      // Malformed: the exact text the reader saw.
      "3|malformed_record|3;01/03/2024;x;y",
      "4|invalid_published_at|12;hier;plain");

  @Test
  void theVerdictsAndTheRulesFindTheSameRecordsWithTheirOriginalText() {
    Dataset<Row> records = records();
    assertEquals(EXPECTED, lines(QuarantineRecords.records(
        QuarantineRecords.byVerdicts(records, Verdicts.of(records)), layouts(), "run-1")));
    assertEquals(EXPECTED, lines(QuarantineRecords.records(QuarantineRecords.byRules(records), layouts(), "run-1")));
  }

  @Test
  void aboveTheBroadcastLimitSilverFindsTheQuarantinedRecordsByTheRules(@TempDir Path warehouse) {
    Dataset<Row> records = records();
    for (long limit : new long[] {SilverStage.QUARANTINE_BROADCAST_LIMIT, 2, 0}) {
      DeltaTables tables = new DeltaTables(SharedSpark.spark(), warehouse.resolve("limit-" + limit).toString());
      new SilverStage(tables, limit).write(SilverStage.Mode.FULL, records, Verdicts.of(records), layouts(), "run-1");
      assertEquals(EXPECTED, lines(tables.read(Tables.SILVER_QUARANTINE)), "limit " + limit);
      assertEquals(List.of(11L), tables.read(Tables.SILVER_WINNING_RECORDS).select("experience_id")
          .as(org.apache.spark.sql.Encoders.LONG()).collectAsList(), "limit " + limit);
    }
  }
}
