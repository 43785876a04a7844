package fr.spplus.gold;

import static fr.spplus.gold.SilverFixture.date;
import static fr.spplus.gold.SilverFixture.row;
import static fr.spplus.gold.SilverFixture.ts;

import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import java.sql.Date;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A hand-built silver/experience_history over four snapshots, with the silver/experiences rows the
 * backlog reads, shared by the history gold tests. The snapshots straddle both 2024 DST changes:
 *
 * <pre>
 *  snapshot     00:00 Europe/Paris   previous
 *  d1 2024-03-01  2024-02-29T23:00Z (CET)    -
 *  d2 2024-03-31  2024-03-30T23:00Z (CET: the clocks go forward at 02:00 that day)   d1
 *  d3 2024-10-27  2024-10-26T22:00Z (CEST: the clocks go back at 03:00 that day)    d2
 *  d4 2024-11-05  2024-11-04T23:00Z (CET)    d3
 * </pre>
 *
 * The versions (present / answered; "-" = removed, answered null):
 *
 * <pre>
 *  e  region (name, code)        published_at (UTC)     d1                 d2                 d3                  d4
 *  1  Île-de-France, 11          2024-03-23 23:00       .                  published open     (extends)           changed answered
 *  2  Île-de-France, 11          2024-03-23 22:59:59    .                  published open     changed answered    (extends)
 *  3  Île-de-France, 11          2024-02-29 23:00       published open     changed answered   changed answered    (extends)
 *  4  Bretagne, 53               2024-02-20 11:00       published open     (extends)          removed -           (extends)
 *  5  "  ", 93 -> Non renseignée null                    .                  published open     (extends)           (extends)
 *  6  Bretagne, 53               2024-02-01 10:00       published answered removed -          reappeared answered (extends)
 *  8  Île-de-France, 11          2024-09-26 22:00       .                  .                  published open      (extends)
 *  9  Île-de-France, 11          2024-09-26 21:59:59    .                  .                  published open      (extends)
 * </pre>
 *
 * e3's version at d3 changes only a tracked attribute the tables do not read (it stays answered).
 */
final class HistoryFixture {

  private HistoryFixture() {}

  static final Date D1 = date("2024-03-01");
  static final Date D2 = date("2024-03-31");
  static final Date D3 = date("2024-10-27");
  static final Date D4 = date("2024-11-05");

  static final StructType SNAPSHOTS = new StructType(new StructField[] {
      field("snapshot_date", DataTypes.DateType), field("previous_snapshot_date", DataTypes.DateType)});

  private static final StructType VERSION_COLUMNS = new StructType(new StructField[] {
      field("experience_id", DataTypes.LongType), field("valid_from", DataTypes.DateType),
      field("valid_to", DataTypes.DateType), field("change", DataTypes.StringType),
      field("present", DataTypes.BooleanType), field("answered", DataTypes.BooleanType),
      field("rated_slots", DataTypes.IntegerType)});

  /** The versions of the table above, in silver/experience_history's schema (the columns not given null). */
  static Dataset<Row> history() {
    return history(
        // experience_id, valid_from, valid_to, change, present, answered, rated_slots
        row(1L, D2, D4, "published", true, false, 0),
        row(1L, D4, null, "changed", true, true, 0),
        row(2L, D2, D3, "published", true, false, 0),
        row(2L, D3, null, "changed", true, true, 0),
        row(3L, D1, D2, "published", true, false, 0),
        row(3L, D2, D3, "changed", true, true, 0),
        row(3L, D3, null, "changed", true, true, 1),
        row(4L, D1, D3, "published", true, false, 0),
        row(4L, D3, null, "removed", false, null, null),
        row(5L, D2, null, "published", true, false, 0),
        row(6L, D1, D2, "published", true, true, 0),
        row(6L, D2, D3, "removed", false, null, null),
        row(6L, D3, null, "reappeared", true, true, 0),
        row(8L, D3, null, "published", true, false, 0),
        row(9L, D3, null, "published", true, false, 0));
  }

  /** Versions given as (experience_id, valid_from, valid_to, change, present, answered, rated_slots). */
  static Dataset<Row> history(Object[]... versions) {
    return SilverFixture.inSchema(Frames.rows(VERSION_COLUMNS, versions), Tables.SILVER_EXPERIENCE_HISTORY.schema());
  }

  private static final StructType EXPERIENCE_COLUMNS = new StructType(new StructField[] {
      field("experience_id", DataTypes.LongType), field("published_at", DataTypes.TimestampType),
      field("region_name", DataTypes.StringType), field("region_code", DataTypes.StringType)});

  /** silver/experiences of the experiences above (the columns the backlog does not read are null). */
  static Dataset<Row> experiences() {
    Dataset<Row> given = Frames.rows(EXPERIENCE_COLUMNS,
        row(1L, ts("2024-03-23T23:00:00Z"), SilverFixture.IDF, "11"),
        row(2L, ts("2024-03-23T22:59:59Z"), SilverFixture.IDF, "11"),
        row(3L, ts("2024-02-29T23:00:00Z"), SilverFixture.IDF, "11"),
        row(4L, ts("2024-02-20T11:00:00Z"), SilverFixture.BRETAGNE, "53"),
        row(5L, null, "  ", "93"),
        row(6L, ts("2024-02-01T10:00:00Z"), SilverFixture.BRETAGNE, "53"),
        row(8L, ts("2024-09-26T22:00:00Z"), SilverFixture.IDF, "11"),
        row(9L, ts("2024-09-26T21:59:59Z"), SilverFixture.IDF, "11"));
    return SilverFixture.inSchema(given, Tables.SILVER_EXPERIENCES.schema());
  }

  /** The four snapshots, each with its previous one. */
  static Dataset<Row> snapshots() {
    return snapshots(row(D1, null), row(D2, D1), row(D3, D2), row(D4, D3));
  }

  /** Snapshots given as (snapshot_date, previous_snapshot_date). */
  static Dataset<Row> snapshots(Object[]... rows) {
    return Frames.rows(SNAPSHOTS, rows);
  }

  private static StructField field(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }
}
