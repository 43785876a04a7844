package fr.spplus.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.publish.Tables;
import fr.spplus.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class QuarantineTest {

  static final StructType BRONZE = Tables.BRONZE_EXPERIENCES_RAW.schema();

  /** A bronze row with the given record number, raw_record, ID and publication date; other fields null. */
  static Row bronze(long record, String rawRecord, String id, String published) {
    Object[] values = new Object[BRONZE.size()];
    values[BRONZE.fieldIndex("source_file")] = "f.csv";
    values[BRONZE.fieldIndex("record_number")] = record;
    values[BRONZE.fieldIndex("raw_record")] = rawRecord;
    values[BRONZE.fieldIndex("experience_id")] = id;
    values[BRONZE.fieldIndex("published_at")] = published;
    return RowFactory.create(values);
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
  void acceptedRecordsCarryTheIdAsBigintWithLeadingZerosDropped() {
    Dataset<Row> classified = Quarantine.classify(SharedSpark.spark().createDataFrame(
        List.of(bronze(1, null, " 00123 ", "01/03/2024"), bronze(2, null, "x", "01/03/2024")), BRONZE));
    List<Row> accepted = Quarantine.accepted(classified).select("experience_id").collectAsList();
    assertEquals(1, accepted.size());
    assertEquals(123L, accepted.get(0).getLong(0));
  }
}
