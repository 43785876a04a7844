package fr.spplus.silver;

import static org.apache.spark.sql.functions.col;

import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The version rules of docs/contract.md section 6 on a hand-made four-snapshot fixture of bronze
 * records, each experience pinning one rule; the expected versions are written out by hand. The
 * incremental rule ({@link ExperienceHistory#advance}) is then checked to give the same rows as the
 * full build, one snapshot at a time.
 */
class ExperienceHistoryTest {

  static final StructType BRONZE = Tables.BRONZE_EXPERIENCES_RAW.schema();
  static final String D1 = "2024-01-01";
  static final String D2 = "2024-01-08";
  static final String D3 = "2024-01-15";
  static final String D4 = "2024-01-22";
  static final String F1 = "export-2024-01-01.csv";
  // Two files of the second snapshot: B sorts last, so its records win within that date.
  static final String A = "export-2024-01-08-a.csv";
  static final String B = "export-2024-01-08-b.csv";
  static final String F3 = "export-2024-01-15.csv";
  static final String F4 = "export-2024-01-22.csv";
  static final String WAITING = "Expérience en attente de réponse";
  static final String WITH_ANSWER = "Expérience avec réponse";
  static final Timestamp ANSWERED_AT = Timestamp.from(Instant.parse("2024-01-10T08:00:00Z"));

  static Row record(String file, String snapshot, long number, String id, Object... fields) {
    Object[] base = {"source_file", file, "snapshot_date", Date.valueOf(snapshot), "record_number", number,
        "content_hash", "h-" + file, "experience_id", id, "published_at", "01/12/2023"};
    Object[] all = Arrays.copyOf(base, base.length + fields.length);
    System.arraycopy(fields, 0, all, base.length, fields.length);
    return Frames.row(BRONZE, all);
  }

  static final List<Row> RECORDS = List.of(
      // 1: published, an unchanged observation extends, answered (changed), rated useful (changed).
      record(F1, D1, 1, "1", "state", " a traiter ", "status", WAITING, "structure_id_1", "S1",
          "response_status_1", "En attente de réponse"),
      record(A, D2, 1, "1", "state", "A traiter", "status", WAITING, "structure_id_1", "S1",
          "response_status_1", "en attente de reponse"),
      record(F3, D3, 1, "1", "state", "Traitée", "status", WITH_ANSWER, "first_response_at", "10/01/2024 09:00",
          "structure_id_1", "S1", "response_status_1", "Réponse apportée"),
      record(F4, D4, 1, "1", "state", "Traitées", "status", WITH_ANSWER, "first_response_at", "2024-01-10T09:00:00",
          "structure_id_1", "S1", "response_status_1", "Réponse apportée", "author_rating_1", "utile"),
      // 2: absent at d2 and d3 (removed once), back at d4 (reappeared).
      record(F1, D1, 2, "2", "state", "A traiter"),
      record(F4, D4, 2, "2", "state", "A traiter"),
      // 3: seen at d2 only through a record quarantined invalid_published_at: nothing changes at d2.
      record(F1, D1, 3, "3", "state", "A traiter"),
      record(B, D2, 3, "3", "state", "Traitées", "published_at", "31/02/2024"),
      // 4: two files of d2 and two records in the last one: B's last record is the observation. Slot 2
      // has a rating but neither id nor name: an empty slot, not counted.
      record(A, D2, 2, "4", "state", "Traitées"),
      record(B, D2, 1, "4", "state", "Traitée"),
      record(B, D2, 2, "4", "state", "A traiter", "structure_name_1", "Mairie", "author_rating_1", "pas utile",
          "author_rating_2", "utile"),
      record(F3, D3, 2, "4", "state", "A traiter", "structure_name_1", "Mairie", "author_rating_1", "inutile"),
      // 5: every tracked attribute null (an unknown status is null too): nulls compare equal.
      record(F1, D1, 5, "5", "state", ""),
      record(A, D2, 5, "5"),
      record(F3, D3, 5, "5", "status", "bidule"),
      record(F4, D4, 5, "5", "state", "   "),
      // 6: seen before its first observation (ignored), then seen only through quarantine at d3.
      record(F1, D1, 6, "6", "published_at", ""),
      record(A, D2, 6, "00006", "state", "A traiter"),
      record(F3, D3, 6, "6", "published_at", "hier"),
      // 7: a malformed record sees nothing: absent at d3.
      record(F1, D1, 7, "7", "state", "A traiter"),
      record(B, D2, 7, "7", "state", "A traiter"),
      record(F3, D3, 7, "7", "raw_record", "7;A traiter;x"),
      record(F4, D4, 7, "7", "state", "A traiter"));

  static Row version(long id, String from, String to, String change, Boolean present, String state, String status,
                     Timestamp answeredAt, Integer answeredSlots, Integer rated, Integer useful, Boolean answered,
                     String file) {
    return RowFactory.create(id, Date.valueOf(from), to == null ? null : Date.valueOf(to), change, present, state,
        status, answeredAt, answeredSlots, rated, useful, answered, file);
  }

  static Row present(long id, String from, String to, String change, String state, String file) {
    return version(id, from, to, change, true, state, null, null, 0, 0, 0, false, file);
  }

  static Row removed(long id, String from, String to) {
    return version(id, from, to, "removed", false, null, null, null, null, null, null, null, null);
  }

  static final List<Row> EXPECTED = List.of(
      version(1, D1, D3, "published", true, "A traiter", WAITING, null, 0, 0, 0, false, F1),
      version(1, D3, D4, "changed", true, "Traitées", WITH_ANSWER, ANSWERED_AT, 1, 0, 0, true, F3),
      version(1, D4, null, "changed", true, "Traitées", WITH_ANSWER, ANSWERED_AT, 1, 1, 1, true, F4),
      present(2, D1, D2, "published", "A traiter", F1),
      removed(2, D2, D4),
      present(2, D4, null, "reappeared", "A traiter", F4),
      present(3, D1, D3, "published", "A traiter", F1),
      removed(3, D3, null),
      version(4, D2, D4, "published", true, "A traiter", null, null, 0, 1, 0, false, B),
      removed(4, D4, null),
      present(5, D1, null, "published", null, F1),
      present(6, D2, D4, "published", "A traiter", A),
      removed(6, D4, null),
      present(7, D1, D3, "published", "A traiter", F1),
      removed(7, D3, D4),
      present(7, D4, null, "reappeared", "A traiter", F4));

  static Dataset<Row> bronze(List<String> dates) {
    return SharedSpark.spark().createDataFrame(RECORDS, BRONZE)
        .where(col("snapshot_date").isin(dates.stream().map(Date::valueOf).toArray()));
  }

  static Dataset<Row> snapshots(List<String> dates) {
    List<Row> rows = dates.stream().map(d -> RowFactory.create(Date.valueOf(d))).toList();
    return SharedSpark.spark().createDataFrame(rows,
        new StructType().add("snapshot_date", DataTypes.DateType));
  }

  static Dataset<Row> build(List<String> dates) {
    Dataset<Row> records = bronze(dates);
    Dataset<Row> verdicts = Verdicts.of(records);
    return ExperienceHistory.build(Observations.of(records, verdicts), Verdicts.seen(verdicts), snapshots(dates));
  }

  /** What the Delta MERGE does with {@link ExperienceHistory#advance}'s rows, in memory. */
  static Dataset<Row> merge(Dataset<Row> history, Dataset<Row> changes) {
    Dataset<Row> closing = changes.where(col("valid_to").isNotNull());
    Dataset<Row> kept = history.join(closing.select("experience_id", "valid_from"),
        new String[] {"experience_id", "valid_from"}, "left_anti");
    return kept.unionByName(closing).unionByName(changes.where(col("valid_to").isNull()));
  }

  static Dataset<Row> expected(List<Row> rows) {
    return SharedSpark.spark().createDataFrame(rows, Tables.SILVER_EXPERIENCE_HISTORY.schema());
  }

  @Test
  void versionsFollowTheContractRules() {
    Frames.assertFrameEquals(expected(EXPECTED), build(List.of(D1, D2, D3, D4)), "experience_id", "valid_from");
  }

  @Test
  void theFirstSnapshotPublishesEveryExperienceItObserves() {
    Frames.assertFrameEquals(expected(List.of(
            version(1, D1, null, "published", true, "A traiter", WAITING, null, 0, 0, 0, false, F1),
            present(2, D1, null, "published", "A traiter", F1),
            present(3, D1, null, "published", "A traiter", F1),
            present(5, D1, null, "published", null, F1),
            present(7, D1, null, "published", "A traiter", F1))),
        build(List.of(D1)), "experience_id", "valid_from");
  }

  @Test
  void aSnapshotThatSeesNothingRemovesEveryPresentExperienceOnce() {
    // An empty export of 2024-01-29 after the four: the five experiences present at d4 are removed.
    List<String> dates = List.of(D1, D2, D3, D4, "2024-01-29");
    Dataset<Row> history = build(dates);
    List<String> removedLast = new ArrayList<>();
    for (Row r : history.where(col("valid_from").equalTo(Date.valueOf("2024-01-29"))).orderBy("experience_id")
        .collectAsList()) {
      removedLast.add(r.getLong(0) + ":" + r.getString(3));
    }
    org.junit.jupiter.api.Assertions.assertEquals(List.of("1:removed", "2:removed", "5:removed", "7:removed"),
        removedLast);
    org.junit.jupiter.api.Assertions.assertEquals(EXPECTED.size() + 4, history.count());
  }

  @Test
  void advancingOneSnapshotAtATimeGivesTheFullBuild() {
    List<String> dates = List.of(D1, D2, D3, D4);
    Dataset<Row> history = build(List.of(D1));
    // As a daily run does: silver picks the winners of the kept winners and the new records first,
    // and the new snapshot's observations are read from them (HistoryStage.merge).
    Dataset<Row> winners = Winners.pick(SharedSpark.spark().createDataFrame(List.of(),
        Tables.SILVER_WINNING_RECORDS.schema()), bronze(List.of(D1)), Verdicts.of(bronze(List.of(D1))));
    for (int i = 1; i < dates.size(); i++) {
      Dataset<Row> records = bronze(List.of(dates.get(i)));
      Dataset<Row> verdicts = Verdicts.of(records);
      LocalDate date = LocalDate.parse(dates.get(i));
      winners = SharedSpark.spark().createDataFrame(Winners.pick(winners, records, verdicts).collectAsList(),
          Tables.SILVER_WINNING_RECORDS.schema());
      Dataset<Row> current = history.where(col("valid_to").isNull());
      Dataset<Row> changes = ExperienceHistory.advance(current,
          Observations.ofLatestSnapshot(winners, Experiences.normalise(winners), Slots.structures(winners), date),
          Verdicts.seen(verdicts), date);
      history = SharedSpark.spark().createDataFrame(merge(history, changes).collectAsList(),
          Tables.SILVER_EXPERIENCE_HISTORY.schema());
    }
    Frames.assertFrameEquals(expected(EXPECTED), history, "experience_id", "valid_from");
  }
}
