package fr.spplus.gold;

import static fr.spplus.gold.SilverFixture.BRETAGNE;
import static fr.spplus.gold.SilverFixture.IDF;
import static fr.spplus.gold.SilverFixture.MISSING;
import static fr.spplus.gold.SilverFixture.date;
import static fr.spplus.gold.SilverFixture.row;
import static org.apache.spark.sql.functions.col;

import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ExperienceFactsTest {

  private static final StructType FACTS = new StructType(new StructField[] {
      new StructField("experience_id", DataTypes.LongType, true, Metadata.empty()),
      new StructField("region_name", DataTypes.StringType, true, Metadata.empty()),
      new StructField("region_code", DataTypes.StringType, true, Metadata.empty()),
      new StructField("answered", DataTypes.BooleanType, true, Metadata.empty()),
      new StructField("delay_hours", DataTypes.DoubleType, true, Metadata.empty()),
      new StructField("rated", DataTypes.BooleanType, true, Metadata.empty()),
      new StructField("converted", DataTypes.BooleanType, true, Metadata.empty()),
      new StructField("month", DataTypes.DateType, true, Metadata.empty())});

  private static Dataset<Row> facts() {
    return SilverFixture.facts().select("experience_id", "region_name", "region_code", "answered", "delay_hours",
        "rated", "converted", "month");
  }

  @Test
  void experienceLevelFacts() {
    Dataset<Row> expected = Frames.rows(FACTS,
        // e1: 10:00 - 08:00 = 2 h; rated/converted by its S1 slot 1 ("utile")
        row(1L, IDF, "11", true, 2.0, true, true, date("2024-03-01")),
        // e2: 12:00 - 08:00 = 4 h; "pas utile" is rated, not converted
        row(2L, IDF, "11", true, 4.0, true, false, date("2024-03-01")),
        row(3L, IDF, "11", true, 10.0, true, true, date("2024-03-01")),
        // e4: 2024-03-04 08:00 -> 2024-03-05 04:00 = 20 h
        row(4L, IDF, "11", true, 20.0, false, false, date("2024-03-01")),
        // e5: A traiter and no first response: not answered, no delay
        row(5L, IDF, "11", false, null, false, false, date("2024-03-01")),
        // e6: 23:30Z on Jan 31 is 00:30 on Feb 1 in Paris (CET, +1): February; delay 30 min = 0.5 h
        row(6L, BRETAGNE, "53", true, 0.5, true, true, date("2024-02-01")),
        // e7: 22:30Z is 23:30 in Paris: still January; a zero delay is defined
        row(7L, BRETAGNE, "53", true, 0.0, false, false, date("2024-01-01")),
        // e8: answered by state Traitées alone; rated by its slot with structure_id ""
        row(8L, BRETAGNE, "53", true, null, true, false, date("2024-02-01")),
        // e9: first response one hour before publication: answered, delay undefined
        row(9L, BRETAGNE, "53", true, null, true, false, date("2024-02-01")),
        // e10: no region name, code 84 -> (Non renseignée, null)
        row(10L, MISSING, null, false, null, false, false, date("2024-04-01")),
        // e11: empty region name, code 93 -> (Non renseignée, null); 13:00 - 10:00 = 3 h
        row(11L, MISSING, null, true, 3.0, false, false, date("2024-04-01")),
        row(12L, MISSING, null, false, null, false, false, date("2024-05-01")),
        // e13: 1 h 30 min 36 µs = 1.5 + 36e-6 / 3600 = 1.50000001 h (microseconds kept);
        // rated and converted by a structure slot without id
        row(13L, IDF, "11", true, 1.50000001, true, true, date("2024-03-01")),
        row(14L, BRETAGNE, "53", true, 6.0, true, false, date("2024-02-01")),
        // e15: state null and no first response: not answered (false, not null);
        // 2024-06-30 22:30Z is 2024-07-01 00:30 in Paris (CEST, +2): July
        row(15L, IDF, "11", false, null, false, false, date("2024-07-01")));
    Frames.assertFrameEquals(expected, facts(), "experience_id");
  }

  @Test
  void monthDoesNotDependOnTheSessionTimeZone() {
    String key = "spark.sql.session.timeZone";
    String before = SharedSpark.spark().conf().get(key);
    try {
      for (String zone : new String[] {"UTC", "America/Los_Angeles", "Asia/Tokyo"}) {
        SharedSpark.spark().conf().set(key, zone);
        Dataset<Row> months = facts().where(col("experience_id").isin(6L, 7L, 15L)).select("experience_id", "month");
        Dataset<Row> expected = Frames.rows(new StructType(new StructField[] {FACTS.fields()[0], FACTS.fields()[7]}),
            row(6L, date("2024-02-01")), row(7L, date("2024-01-01")), row(15L, date("2024-07-01")));
        Frames.assertFrameEquals(expected, months, "experience_id");
      }
    } finally {
      SharedSpark.spark().conf().set(key, before);
    }
  }
}
