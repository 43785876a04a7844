package fr.spplus.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class QuarantineTest {

  static final StructType BRONZE = Tables.BRONZE_EXPERIENCES_RAW.schema();

  /** A bronze row with the given record number, raw_record, ID and publication date; other fields null. */
  static Row bronze(long record, String rawRecord, String id, String published) {
    return Frames.row(BRONZE, "source_file", "f.csv", "record_number", record, "raw_record", rawRecord,
        "experience_id", id, "published_at", published);
  }

  static List<String> reasons(Row... rows) {
    Dataset<Row> classified = Quarantine.classify(SharedSpark.spark().createDataFrame(List.of(rows), BRONZE));
    List<String> out = new ArrayList<>();
    for (Row r : classified.orderBy("record_number").select(Quarantine.REASON).collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  @Test
  void eachReasonAndAcceptedRecords() {
    assertEquals(Arrays.asList(null, "malformed_record", "missing_id", "missing_id", "invalid_id", "invalid_id",
            "invalid_id", "invalid_id", "invalid_published_at", "invalid_published_at", null, null),
        reasons(
            bronze(1, null, "123", "01/03/2024"),
            bronze(2, "1;x", "1", "01/03/2024"),
            bronze(3, null, "", "01/03/2024"),
            bronze(4, null, " \u00A0 ", "01/03/2024"),
            bronze(5, null, "12a", "01/03/2024"),
            bronze(6, null, "-5", "01/03/2024"),
            bronze(7, null, "9223372036854775808", "01/03/2024"),
            bronze(8, null, "1 2", "01/03/2024"),
            bronze(9, null, "10", ""),
            bronze(10, null, "11", "31/02/2024"),
            bronze(11, null, " 00123 ", "2024-03-01T10:00:00Z"),
            bronze(12, null, "9223372036854775807", "01/03/2024")));
  }

  @Test
  void reasonsAreCheckedInTheContractOrder() {
    // Malformed wins over everything; a missing ID over a bad date; an invalid ID over a bad date.
    assertEquals(List.of("malformed_record", "missing_id", "invalid_id"),
        reasons(bronze(1, "x", "", "hier"), bronze(2, null, "", "hier"), bronze(3, null, "abc", "hier")));
  }

  @Test
  void verdictsCarryTheReasonAndTheIdOfTheExperienceSeenAsBigintWithLeadingZerosDropped() {
    Dataset<Row> verdicts = Verdicts.of(SharedSpark.spark().createDataFrame(
        List.of(bronze(1, null, " 00123 ", "01/03/2024"), bronze(2, null, "x", "01/03/2024"),
            bronze(3, null, "77", "31/02/2024")), BRONZE));
    assertEquals(List.of("source_file", "content_hash", "record_number", "snapshot_date", "reason", "experience_id"),
        List.of(verdicts.columns()));
    List<String> rows = new ArrayList<>();
    for (Row r : verdicts.orderBy("record_number").collectAsList()) {
      rows.add(r.getLong(2) + ":" + r.getString(4) + ":" + r.get(5));
    }
    // An invalid publication date leaves the ID valid: the record sees experience 77 (docs/contract.md section 6).
    assertEquals(List.of("1:null:123", "2:invalid_id:null", "3:invalid_published_at:77"), rows);
    assertEquals(List.of(1L), Verdicts.accepted(verdicts).select("record_number").as(
        org.apache.spark.sql.Encoders.LONG()).collectAsList());
    assertEquals(List.of(2L, 3L), Verdicts.quarantined(verdicts).orderBy("record_number").select("record_number").as(
        org.apache.spark.sql.Encoders.LONG()).collectAsList());
  }

  @Test
  void countsByFileAndReason() {
    Dataset<Row> verdicts = Verdicts.of(SharedSpark.spark().createDataFrame(
        List.of(bronze(1, null, "1", "01/03/2024"), bronze(2, null, "2", "01/03/2024"),
            bronze(3, null, "", "01/03/2024"), bronze(4, "x", "4", "01/03/2024")), BRONZE));
    List<String> counts = new ArrayList<>();
    for (Row r : Verdicts.countsByFile(verdicts).orderBy("reason").collectAsList()) {
      counts.add(r.getString(0) + ":" + r.getString(1) + "=" + r.getLong(2));
    }
    assertEquals(List.of("f.csv:null=2", "f.csv:malformed_record=1", "f.csv:missing_id=1"), counts);
  }
}
