package fr.spplus.silver;

import static fr.spplus.source.BronzeColumns.RUN_ID;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import fr.spplus.source.ClosedLists;
import fr.spplus.source.ClosedLists.ValueList;
import fr.spplus.source.SourceColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver/data_quality_issues: one row per problem in the values of a winning record. The checks use
 * the same predicates as the parsers in {@link Values}, so a value silver turned into null is listed
 * here exactly when it was not empty.
 */
public final class DataQuality {

  public static final String UNKNOWN_VALUE = "unknown_value";
  public static final String UNPARSEABLE_DATE = "unparseable_date";
  public static final String INVALID_NUMBER = "invalid_number";
  public static final String NEGATIVE_DELAY = "negative_delay";

  private DataQuality() {}

  /** The issues of winning records, with the run that found them. */
  public static Dataset<Row> issues(Dataset<Row> winningRecords, String runId) {
    List<Column> single = new ArrayList<>();
    List<Column> lists = new ArrayList<>();
    closedList(single, SourceColumns.STATE, ClosedLists.STATE);
    closedList(single, SourceColumns.STATUS, ClosedLists.STATUS);
    closedList(single, SourceColumns.POSTED_AS, ClosedLists.POSTED_AS);
    closedList(single, SourceColumns.SENTIMENT, ClosedLists.SENTIMENT);
    for (SourceColumns.Column tag : SourceColumns.GENERAL_TAGS) {
      closedList(single, tag, ClosedLists.TAG_VALENCE);
    }
    for (SourceColumns.Column c : List.of(SourceColumns.OUT_OF_SCOPE, SourceColumns.IMPROVEMENT)) {
      single.add(issue(Values.boolInvalid(raw(c)), c, UNKNOWN_VALUE, raw(c)));
    }
    single.add(issue(Values.countInvalid(raw(SourceColumns.SIMILAR_EXPERIENCES)), SourceColumns.SIMILAR_EXPERIENCES,
        INVALID_NUMBER, raw(SourceColumns.SIMILAR_EXPERIENCES)));
    // Date de publication is always valid here: a record without one is quarantined.
    for (SourceColumns.Column c : List.of(SourceColumns.WRITTEN_AT, SourceColumns.FIRST_RESPONSE_AT)) {
      single.add(issue(Values.timestampInvalid(raw(c)), c, UNPARSEABLE_DATE, raw(c)));
    }
    Column published = Values.timestamp(raw(SourceColumns.PUBLISHED_AT));
    Column firstResponse = Values.timestamp(raw(SourceColumns.FIRST_RESPONSE_AT));
    single.add(issue(unix_micros(firstResponse).lt(unix_micros(published)), SourceColumns.FIRST_RESPONSE_AT,
        NEGATIVE_DELAY, raw(SourceColumns.FIRST_RESPONSE_AT)));
    for (int n = 1; n <= SourceColumns.SLOTS; n++) {
      SourceColumns.StructureSlot s = SourceColumns.structure(n);
      closedList(single, s.responseStatus(), ClosedLists.RESPONSE_STATUS);
      closedList(single, s.authorRating(), ClosedLists.AUTHOR_RATING);
      for (SourceColumns.Column c : List.of(s.usefulVotes(), s.uselessVotes())) {
        single.add(issue(Values.countInvalid(raw(c)), c, INVALID_NUMBER, raw(c)));
      }
      single.add(issue(Values.percentageInvalid(raw(s.aiSimilarity())), s.aiSimilarity(), INVALID_NUMBER,
          raw(s.aiSimilarity())));
      SourceColumns.Column channels = SourceColumns.typology(n).channels();
      // One issue per unknown value of a multi-valued cell.
      lists.add(transform(Values.unknownChannels(coalesce(raw(channels), lit(""))),
          v -> struct(lit(channels.label()).as("column"), lit(UNKNOWN_VALUE).as("issue"), v.as("raw_value"))));
    }
    Column singles = filter(array(single.toArray(Column[]::new)), x -> x.isNotNull());
    Column all = singles;
    for (Column list : lists) {
      all = concat(all, list);
    }
    return winningRecords
        .select(col("experience_id"), col(SOURCE_FILE), explode(all).as("i"))
        .select(col("experience_id"), col(SOURCE_FILE), col("i.column").as("column"), col("i.issue").as("issue"),
            col("i.raw_value").as("raw_value"), lit(runId).as(RUN_ID));
  }

  private static void closedList(List<Column> out, SourceColumns.Column c, ValueList list) {
    out.add(issue(Values.closedInvalid(raw(c), list), c, UNKNOWN_VALUE, raw(c)));
  }

  private static Column issue(Column when, SourceColumns.Column c, String issue, Column rawValue) {
    return when(when, struct(lit(c.label()).as("column"), lit(issue).as("issue"), rawValue.as("raw_value")));
  }

  private static Column raw(SourceColumns.Column c) {
    return col(c.name());
  }
}
