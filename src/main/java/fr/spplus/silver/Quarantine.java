package fr.spplus.silver;

import static fr.spplus.source.BronzeColumns.RAW_RECORD;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import fr.spplus.source.SourceColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The rejection rules of docs/contract.md section 1: each bronze record gets at most one reason, the
 * first that applies in this order.
 */
public final class Quarantine {

  public static final String MALFORMED_RECORD = "malformed_record";
  public static final String MISSING_ID = "missing_id";
  public static final String INVALID_ID = "invalid_id";
  public static final String INVALID_PUBLISHED_AT = "invalid_published_at";

  /** Column added by {@link #classify}: the reason, null for an accepted record. */
  public static final String REASON = "reason";

  private Quarantine() {}

  /** Adds {@link #REASON} to bronze-shaped records. */
  public static Dataset<Row> classify(Dataset<Row> bronze) {
    Column id = Values.utrim(col(SourceColumns.EXPERIENCE_ID.name()));
    Column published = col(SourceColumns.PUBLISHED_AT.name());
    Column reason = when(col(RAW_RECORD).isNotNull(), lit(MALFORMED_RECORD))
        .when(id.isNull().or(id.equalTo("")), lit(MISSING_ID))
        .when(id.rlike("^[0-9]+$").and(id.try_cast(DataTypes.LongType).isNotNull()).equalTo(false), lit(INVALID_ID))
        .when(Values.timestamp(published).isNull(), lit(INVALID_PUBLISHED_AT));
    return bronze.withColumn(REASON, reason);
  }
}
