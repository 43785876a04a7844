package fr.spplus.sample;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.silver.Values;
import fr.spplus.testing.SharedSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * One table of date texts, each with the instant docs/contract.md sections 1 and 5 give it (or none:
 * only the listed shapes parse), run through both readers: the job's ({@link Values#timestamp},
 * which silver uses) and the generator's independent restatement ({@link ContractRules}, which
 * writes expected.json). A text on which the two disagree would make the generator predict a
 * quarantine the job does not make, or the reverse.
 */
class DateShapesTableTest {

  /** Text → the instant it reads as, in UTC; null when it must not parse. */
  private static final Map<String, String> TABLE = table(
      // dd/MM/yyyy HH:mm, Paris time (summer UTC+2, winter UTC+1)
      "12/05/2023 10:22", "2023-05-12T08:22:00Z",
      "15/01/2024 10:00", "2024-01-15T09:00:00Z",
      // dd/MM/yyyy – HH:mm: en dash or hyphen, spaces around it optional
      "12/05/2023 – 10:22", "2023-05-12T08:22:00Z",
      "12/05/2023–10:22", "2023-05-12T08:22:00Z",
      "12/05/2023 - 10:22", "2023-05-12T08:22:00Z",
      "12/05/2023-10:22", "2023-05-12T08:22:00Z",
      "12/05/2023 -10:22", "2023-05-12T08:22:00Z",
      // dd/MM/yyyy HH:mm:ss and dd/MM/yyyy (midnight in Paris)
      "12/05/2023 10:22:33", "2023-05-12T08:22:33Z",
      "12/05/2023", "2023-05-11T22:00:00Z",
      // Unicode whitespace at the ends is trimmed
      " \u00A012/05/2023 10:22\t", "2023-05-12T08:22:00Z",
      // a naive time in the spring gap resolves as ZonedDateTime.ofLocal: one hour later
      "31/03/2024 02:30", "2024-03-31T01:30:00Z",
      // ISO-8601 with an offset or Z, after T
      "2023-05-12T10:22:00+02:00", "2023-05-12T08:22:00Z",
      "2023-05-12T10:22:00Z", "2023-05-12T10:22:00Z",
      "2023-05-12T10:22:00-03:30", "2023-05-12T13:52:00Z",
      "2023-05-12T10:22:00.123+02:00", "2023-05-12T08:22:00.123Z",
      // ISO-8601 without offset: Paris time; T or a space; a fraction allowed
      "2023-05-12T10:22:00", "2023-05-12T08:22:00Z",
      "2023-05-12 10:22:00", "2023-05-12T08:22:00Z",
      "2023-05-12 10:22:00.123", "2023-05-12T08:22:00.123Z",
      "2023-05-12", "2023-05-11T22:00:00Z",
      // Settled against the contract (the two readers disagreed): no listed shape, so none parses.
      "12/05/2023 – 10:22:00", null, // seconds are listed only after a space, not after a dash
      "12/05/2023  10:22", null, // one space between date and time, not two
      "2023-05-12 10:22:00+02:00", null, // an offset is listed only in the T form
      "2023-05-12 10:22:00Z", null,
      "12/05/2023\t10:22", null,
      // Other texts that are no listed shape, or no real date or time
      "12/05/2023 10:22:00.5", null,
      "2023-05-12T10:22", null,
      "2023-05-12T10:22:00+0200", null,
      "12/05/2023T10:22", null,
      "1/5/2023", null,
      "12/05/23", null,
      "31/02/2024", null,
      "2023-02-29", null,
      "2024-13-01", null,
      "12/05/2023 25:00", null,
      "12/05/2023 – 24:10", null,
      "hier", null,
      "", null);

  @Test
  void theJobReadsEachTextAsTheContractSays() {
    Map<String, Timestamp> job = job(new ArrayList<>(TABLE.keySet()));
    List<String> wrong = new ArrayList<>();
    TABLE.forEach((text, expected) -> {
      Timestamp got = job.get(text);
      Instant gotInstant = got == null ? null : got.toInstant();
      Instant want = expected == null ? null : Instant.parse(expected);
      if (!Objects.equals(want, gotInstant)) {
        wrong.add("'" + text + "': expected " + want + ", the job read " + gotInstant);
      }
    });
    assertEquals(List.of(), wrong);
  }

  @Test
  void theGeneratorsRulesParseExactlyTheSameTexts() {
    List<String> wrong = new ArrayList<>();
    TABLE.forEach((text, expected) -> {
      if (ContractRules.parseableDate(text) != (expected != null)) {
        wrong.add("'" + text + "': ContractRules says " + (expected == null ? "parseable" : "not parseable"));
      }
      Instant want = expected == null ? null : Instant.parse(expected);
      if (!Objects.equals(want, ContractRules.instant(text))) {
        wrong.add("'" + text + "': expected " + want + ", ContractRules read " + ContractRules.instant(text));
      }
    });
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyShapeTheGeneratorWritesReadsBackAsItsInstantInBothReaders() {
    Instant t = Instant.parse("2023-05-12T08:22:33.456Z");
    Map<String, Instant> written = new LinkedHashMap<>();
    for (DateShapes.Shape shape : DateShapes.Shape.values()) {
      written.put(shape.format(t), shape.asRead(t));
    }
    assertEquals(List.of("12/05/2023 10:22", "12/05/2023 – 10:22", "12/05/2023–10:22", "12/05/2023 - 10:22",
        "12/05/2023 10:22:33", "12/05/2023", "2023-05-12T10:22:33+02:00", "2023-05-12T08:22:33Z",
        "2023-05-12T10:22:33", "2023-05-12 10:22:33", "2023-05-12T10:22:33.456+02:00", "2023-05-12"),
        List.copyOf(written.keySet()), "the shapes as the generator writes them");
    Map<String, Timestamp> job = job(new ArrayList<>(written.keySet()));
    written.forEach((text, instant) -> {
      assertEquals(instant, job.get(text).toInstant(), text);
      assertEquals(true, ContractRules.parseableDate(text), text);
    });
  }

  private static Map<String, Timestamp> job(List<String> texts) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create(i, texts.get(i)));
    }
    StructType schema = new StructType().add("i", DataTypes.IntegerType).add("v", DataTypes.StringType);
    Map<String, Timestamp> out = new LinkedHashMap<>();
    for (Row r : SharedSpark.spark().createDataFrame(rows, schema)
        .select(col("i"), Values.timestamp(col("v")).as("t")).collectAsList()) {
      out.put(texts.get(r.getInt(0)), r.isNullAt(1) ? null : r.getTimestamp(1));
    }
    return out;
  }

  private static Map<String, String> table(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
