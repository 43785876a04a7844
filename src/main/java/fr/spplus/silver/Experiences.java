package fr.spplus.silver;

import static fr.spplus.silver.Values.bool;
import static fr.spplus.silver.Values.closed;
import static fr.spplus.silver.Values.count;
import static fr.spplus.silver.Values.text;
import static fr.spplus.silver.Values.timestamp;
import static fr.spplus.source.BronzeColumns.SNAPSHOT_DATE;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.col;

import fr.spplus.source.ClosedLists;
import fr.spplus.source.SourceColumns;
import fr.spplus.source.SourceColumns.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** silver/experiences: one typed, normalised row per winning record. */
public final class Experiences {

  private Experiences() {}

  public static Dataset<Row> normalise(Dataset<Row> winningRecords) {
    return winningRecords.select(
        col("experience_id"),
        state().as("state"),
        status().as("status"),
        timestamp(raw(SourceColumns.WRITTEN_AT)).as("written_at"),
        timestamp(raw(SourceColumns.PUBLISHED_AT)).as("published_at"),
        firstResponseAt().as("first_response_at"),
        text(raw(SourceColumns.TITLE)).as("title"),
        text(raw(SourceColumns.DESCRIPTION)).as("description"),
        closed(raw(SourceColumns.POSTED_AS), ClosedLists.POSTED_AS).as("posted_as"),
        closed(raw(SourceColumns.SENTIMENT), ClosedLists.SENTIMENT).as("sentiment"),
        text(raw(SourceColumns.DEPARTMENT_CODE)).as("department_code"),
        text(raw(SourceColumns.DEPARTMENT_NAME)).as("department_name"),
        text(raw(SourceColumns.REGION_CODE)).as("region_code"),
        text(raw(SourceColumns.REGION_NAME)).as("region_name"),
        text(raw(SourceColumns.COUNTRY)).as("country"),
        bool(raw(SourceColumns.OUT_OF_SCOPE)).as("out_of_scope"),
        count(raw(SourceColumns.SIMILAR_EXPERIENCES)).as("similar_experiences"),
        bool(raw(SourceColumns.IMPROVEMENT)).as("improvement_to_consider"),
        closed(raw(SourceColumns.TAG_ACCESSIBILITY), ClosedLists.TAG_VALENCE).as("tag_accessibility"),
        closed(raw(SourceColumns.TAG_INFORMATION), ClosedLists.TAG_VALENCE).as("tag_information"),
        closed(raw(SourceColumns.TAG_RELATION), ClosedLists.TAG_VALENCE).as("tag_relation"),
        closed(raw(SourceColumns.TAG_REACTIVITY), ClosedLists.TAG_VALENCE).as("tag_reactivity"),
        closed(raw(SourceColumns.TAG_SIMPLICITY), ClosedLists.TAG_VALENCE).as("tag_simplicity"),
        text(raw(SourceColumns.PROCEDURES_ENTERED)).as("procedures_entered"),
        col(SNAPSHOT_DATE),
        col(SOURCE_FILE));
  }

  /** state normalised as in silver/experiences (the history tracks the same values). */
  static org.apache.spark.sql.Column state() {
    return closed(raw(SourceColumns.STATE), ClosedLists.STATE);
  }

  static org.apache.spark.sql.Column status() {
    return closed(raw(SourceColumns.STATUS), ClosedLists.STATUS);
  }

  static org.apache.spark.sql.Column firstResponseAt() {
    return timestamp(raw(SourceColumns.FIRST_RESPONSE_AT));
  }

  static org.apache.spark.sql.Column raw(Column c) {
    return col(c.name());
  }
}
