package fr.spplus.silver;

import static fr.spplus.silver.Values.closed;
import static fr.spplus.silver.Values.count;
import static fr.spplus.silver.Values.percentage;
import static fr.spplus.silver.Values.text;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import fr.spplus.source.ClosedLists;
import fr.spplus.source.SourceColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The typology and structure slots (columns "… N", N = 1..3) unpivoted into long tables, one row per
 * non-empty slot. A slot is empty when its ID and its label are both empty.
 */
public final class Slots {

  /** The slot tables' column names: the registry's slot columns without their slot suffix. */
  private static final SourceColumns.TypologySlot TYPOLOGY = SourceColumns.TYPOLOGY_SLOT;
  private static final SourceColumns.StructureSlot STRUCTURE = SourceColumns.STRUCTURE_SLOT;

  private Slots() {}

  /** silver/experience_typologies. */
  public static Dataset<Row> typologies(Dataset<Row> winningRecords) {
    List<Column> slots = new ArrayList<>();
    for (int n = 1; n <= SourceColumns.SLOTS; n++) {
      SourceColumns.TypologySlot s = SourceColumns.typology(n);
      slots.add(struct(
          lit(n).as("slot"),
          text(col(s.id().name())).as(TYPOLOGY.id().name()),
          text(col(s.name().name())).as(TYPOLOGY.name().name()),
          text(col(s.postalCode().name())).as(TYPOLOGY.postalCode().name()),
          text(col(s.country().name())).as(TYPOLOGY.country().name()),
          Values.channels(col(s.channels().name())).as(TYPOLOGY.channels().name()),
          Values.multi(col(s.businessTags().name())).as(TYPOLOGY.businessTags().name())));
    }
    return unpivot(winningRecords, slots, TYPOLOGY.id().name(), TYPOLOGY.name().name());
  }

  /** silver/experience_structures. */
  public static Dataset<Row> structures(Dataset<Row> winningRecords) {
    return unpivot(winningRecords, structureSlots(), STRUCTURE.id().name(), STRUCTURE.name().name());
  }

  /**
   * The record's non-empty structure slots, as an array of structs of the fields a per-record figure
   * over the slots needs (the history's answered_slots, rated_slots, useful_slots): the slot's id and
   * label (which decide whether it is empty), answered and the author's rating, normalised by the same
   * expressions as silver/experience_structures. The free-text fields are left out: normalising a
   * long response text for every record of a snapshot is most of the cost of a narrower figure.
   */
  static Column nonEmptyStructureSlots() {
    List<Column> slots = new ArrayList<>();
    for (int n = 1; n <= SourceColumns.SLOTS; n++) {
      SourceColumns.StructureSlot s = SourceColumns.structure(n);
      Column status = responseStatus(s);
      slots.add(struct(
          text(col(s.id().name())).as(STRUCTURE.id().name()),
          text(col(s.name().name())).as(STRUCTURE.name().name()),
          answered(status).as("answered"),
          authorRating(s).as(STRUCTURE.authorRating().name())));
    }
    return filter(array(slots.toArray(Column[]::new)),
        s -> s.getField(STRUCTURE.id().name()).isNotNull().or(s.getField(STRUCTURE.name().name()).isNotNull()));
  }

  private static List<Column> structureSlots() {
    List<Column> slots = new ArrayList<>();
    for (int n = 1; n <= SourceColumns.SLOTS; n++) {
      SourceColumns.StructureSlot s = SourceColumns.structure(n);
      Column status = responseStatus(s);
      slots.add(struct(
          lit(n).as("slot"),
          text(col(s.id().name())).as(STRUCTURE.id().name()),
          text(col(s.name().name())).as(STRUCTURE.name().name()),
          status.as(STRUCTURE.responseStatus().name()),
          answered(status).as("answered"),
          count(col(s.usefulVotes().name())).as(STRUCTURE.usefulVotes().name()),
          count(col(s.uselessVotes().name())).as(STRUCTURE.uselessVotes().name()),
          authorRating(s).as(STRUCTURE.authorRating().name()),
          text(col(s.responseText().name())).as(STRUCTURE.responseText().name()),
          percentage(col(s.aiSimilarity().name())).as(STRUCTURE.aiSimilarity().name())));
    }
    return slots;
  }

  private static Column responseStatus(SourceColumns.StructureSlot s) {
    return closed(col(s.responseStatus().name()), ClosedLists.RESPONSE_STATUS);
  }

  /** The slot has an answer: its normalised response status is one of the answered ones (false, not null). */
  private static Column answered(Column responseStatus) {
    return coalesce(responseStatus.isin(ClosedLists.ANSWERED_RESPONSE_STATUSES.toArray()), lit(false));
  }

  private static Column authorRating(SourceColumns.StructureSlot s) {
    return closed(col(s.authorRating().name()), ClosedLists.AUTHOR_RATING);
  }

  private static Dataset<Row> unpivot(Dataset<Row> winningRecords, List<Column> slots, String id, String name) {
    return winningRecords
        .select(col("experience_id"), explode(array(slots.toArray(Column[]::new))).as("s"))
        .select(col("experience_id"), col("s.*"))
        .where(col(id).isNotNull().or(col(name).isNotNull()));
  }
}
