package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.ANSWERED;
import static fr.spplus.gold.GoldColumns.AUTHOR_RATING;
import static fr.spplus.gold.GoldColumns.CONVERTED;
import static fr.spplus.gold.GoldColumns.DELAY_HOURS;
import static fr.spplus.gold.GoldColumns.EXPERIENCE_ID;
import static fr.spplus.gold.GoldColumns.FIRST_RESPONSE_AT;
import static fr.spplus.gold.GoldColumns.MONTH;
import static fr.spplus.gold.GoldColumns.PUBLISHED_AT;
import static fr.spplus.gold.GoldColumns.RATED;
import static fr.spplus.gold.GoldColumns.REGION_CODE;
import static fr.spplus.gold.GoldColumns.REGION_NAME;
import static fr.spplus.gold.GoldColumns.SENTIMENT;
import static fr.spplus.gold.GoldColumns.STATE;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import fr.spplus.publish.Tables;
import fr.spplus.source.ClosedLists;
import fr.spplus.source.ExportZone;
import fr.spplus.source.SourceColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * One row per experience with the experience-level facts of docs/contract.md section 3, from which the
 * typology and region tables are aggregated:
 *
 * <ul>
 *   <li>{@code region_name}, {@code region_code}: the region pair, ('Non renseignée', null) when
 *       the export has no region name, whatever the code said;
 *   <li>{@code sentiment}, and the five general tags as in silver;
 *   <li>{@code answered}: first_response_at is not null or state = 'Traitées' (false, not null, when
 *       both are unknown);
 *   <li>{@code delay_hours}: (first_response_at − published_at) in hours, microsecond precision,
 *       null unless both exist and the difference is ≥ 0;
 *   <li>{@code rated} / {@code converted}: some structure slot of the experience (with or without a
 *       structure id) has an author_rating / has author_rating = 'utile';
 *   <li>{@code month}: first day of the Europe/Paris month of published_at.
 * </ul>
 */
public final class ExperienceFacts {

  private static final double MICROS_PER_HOUR = 3_600_000_000d;
  private static final double MICROS_PER_DAY = 86_400_000_000d;

  private ExperienceFacts() {}

  /**
   * @param experiences silver/experiences
   * @param structures silver/experience_structures (its author ratings make rated / converted)
   */
  public static Dataset<Row> of(Dataset<Row> experiences, Dataset<Row> structures) {
    Measures.requireColumns(experiences, Tables.SILVER_EXPERIENCES.path(), EXPERIENCE_ID, STATE, PUBLISHED_AT,
        FIRST_RESPONSE_AT, SENTIMENT, REGION_NAME, REGION_CODE);
    Measures.requireColumns(experiences, Tables.SILVER_EXPERIENCES.path(), tagColumns());
    Measures.requireColumns(structures, Tables.SILVER_EXPERIENCE_STRUCTURES.path(), EXPERIENCE_ID, AUTHOR_RATING);

    Dataset<Row> ratings = structures
        .groupBy(col(EXPERIENCE_ID))
        .agg(bool_or(col(AUTHOR_RATING).isNotNull()).as(RATED),
            bool_or(col(AUTHOR_RATING).equalTo(ClosedLists.RATING_USEFUL)).as(CONVERTED));

    List<Column> columns = new ArrayList<>(List.of(
        col(EXPERIENCE_ID),
        regionName(),
        regionCode(),
        col(SENTIMENT),
        coalesce(col(FIRST_RESPONSE_AT).isNotNull().or(col(STATE).equalTo(ClosedLists.STATE_DONE)), lit(false))
            .as(ANSWERED),
        delayHours(col(PUBLISHED_AT), col(FIRST_RESPONSE_AT)).as(DELAY_HOURS),
        coalesce(col(RATED), lit(false)).as(RATED),
        coalesce(col(CONVERTED), lit(false)).as(CONVERTED),
        parisMonth(col(PUBLISHED_AT)).as(MONTH)));
    for (String tag : tagColumns()) {
      columns.add(col(tag));
    }
    return experiences.join(ratings, new String[] {EXPERIENCE_ID}, "left").select(columns.toArray(Column[]::new));
  }

  /**
   * The region name of a silver/experiences row by docs/contract.md section 5's rule, named
   * region_name: 'Non renseignée' when the export gives no name.
   */
  static Column regionName() {
    return when(missingRegion(), lit(ClosedLists.REGION_MISSING)).otherwise(col(REGION_NAME)).as(REGION_NAME);
  }

  /** The region code going with {@link #regionName()}, named region_code: null when the name is missing, whatever the code said. */
  static Column regionCode() {
    return when(missingRegion().or(col(REGION_CODE).equalTo("")), lit(null).cast(DataTypes.StringType))
        .otherwise(col(REGION_CODE)).as(REGION_CODE);
  }

  private static Column missingRegion() {
    return col(REGION_NAME).isNull().or(trim(col(REGION_NAME)).equalTo(""));
  }

  /** The silver columns of the five general tags, in the export's order. */
  static String[] tagColumns() {
    return SourceColumns.GENERAL_TAGS.stream().map(SourceColumns.Column::name).toArray(String[]::new);
  }

  /**
   * Hours from {@code publishedAt} to {@code firstResponseAt}; null unless both exist and the
   * difference is ≥ 0 (zero counts). Computed on microseconds so that sub-second parts are kept.
   */
  public static Column delayHours(Column publishedAt, Column firstResponseAt) {
    return when(firstResponseAt.geq(publishedAt),
        unix_micros(firstResponseAt).minus(unix_micros(publishedAt)).divide(lit(MICROS_PER_HOUR)));
  }

  /**
   * The first day of the Europe/Paris month of an instant, independent of the session time zone:
   * {@code from_utc_timestamp} shifts the instant by the Paris offset in force at that instant, so
   * its epoch microseconds are Paris wall-clock microseconds; their day number is the Paris date.
   * (A cast to DATE or TIMESTAMP_NTZ would use the session time zone instead.)
   */
  public static Column parisMonth(Column instant) {
    Column parisWallMicros = unix_micros(from_utc_timestamp(instant, ExportZone.ID));
    Column parisDay = floor(parisWallMicros.divide(lit(MICROS_PER_DAY))).cast(DataTypes.IntegerType);
    return trunc(date_from_unix_date(parisDay), "MM");
  }
}
