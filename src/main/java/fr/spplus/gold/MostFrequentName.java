package fr.spplus.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The display name of a structure or typology: the most frequent name among its slot rows (a
 * repeated slot counts twice), empty names ignored, ties to the smallest by code point. Spark's
 * default string order (UTF8_BINARY) compares UTF-8 bytes, which is code point order. An id whose
 * names are all empty gets no row (callers left-join, giving a null name).
 */
public final class MostFrequentName {

  private static final String SLOTS = "slots";
  private static final String RANK = "rank";

  private MostFrequentName() {}

  /** Columns {@code idColumn}, {@code nameColumn}: one row per id that has a non-empty name. */
  public static Dataset<Row> of(Dataset<Row> slots, String idColumn, String nameColumn) {
    return slots
        .where(Measures.present(col(idColumn)).and(Measures.present(col(nameColumn))))
        .groupBy(col(idColumn), col(nameColumn))
        .agg(count(lit(1)).as(SLOTS))
        .withColumn(RANK, row_number().over(
            Window.partitionBy(col(idColumn)).orderBy(col(SLOTS).desc(), col(nameColumn).asc())))
        .where(col(RANK).equalTo(1))
        .select(col(idColumn), col(nameColumn));
  }
}
