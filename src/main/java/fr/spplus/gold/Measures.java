package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.ANSWERED;
import static fr.spplus.gold.GoldColumns.CONVERTED;
import static fr.spplus.gold.GoldColumns.DELAY_HOURS;
import static fr.spplus.gold.GoldColumns.RATED;
import static fr.spplus.gold.GoldColumns.SENTIMENT;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.try_divide;

import fr.spplus.publish.TableSpec;
import fr.spplus.source.ClosedLists;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The building blocks shared by the gold tables: rates, exact percentiles, the experience-level
 * aggregates of kpi_by_typology / kpi_by_region / kpi_by_region_month, and the final conformance of
 * a result to its {@link TableSpec}.
 */
final class Measures {

  private Measures() {}

  /**
   * numerator / denominator as a double; null when the denominator is 0 or null. ANSI mode (on in
   * Spark 4) makes a plain division by zero throw, hence {@code try_divide}.
   */
  static Column rate(Column numerator, Column denominator) {
    return try_divide(numerator.cast(DataTypes.DoubleType), denominator.cast(DataTypes.DoubleType));
  }

  /** A non-null, non-empty string (silver trims ids; an id made of nothing is no id). */
  static Column present(Column text) {
    return text.isNotNull().and(length(text).gt(0));
  }

  /** Exact median (mean of the two middle values for an even count); nulls ignored. */
  static Column median(Column value) {
    return percentile(value, lit(0.5));
  }

  /** Exact 90th percentile, linear interpolation at rank (n − 1) · 0.9; nulls ignored. */
  static Column p90(Column value) {
    return percentile(value, lit(0.9));
  }

  /**
   * answered(s) of docs/contract.md section 3, recomputed from response_status (the contract's
   * definition) rather than read from silver's answered column: a null status is not answered.
   */
  static Column answeredSlot() {
    return coalesce(col(GoldColumns.RESPONSE_STATUS).isin(ClosedLists.ANSWERED_RESPONSE_STATUSES.toArray()),
        lit(false));
  }

  static Column isNegative() {
    return col(SENTIMENT).equalTo(ClosedLists.SENTIMENT_NEGATIVE);
  }

  /**
   * The indicators computed the same way over groups of distinct experiences carrying the columns of
   * {@link ExperienceFacts} (kpi_by_typology, kpi_by_region, kpi_by_region_month): experiences,
   * answered, response_rate, median / p90 delay_hours (over the defined delays), negative_experiences,
   * negative_rated, negative_converted, conversion_rate; plus any {@code extra} aggregates.
   */
  static Dataset<Row> experienceIndicators(RelationalGroupedDataset groups, Column... extra) {
    List<Column> aggregates = new ArrayList<>(List.of(
        count(lit(1)).as(GoldColumns.EXPERIENCES),
        count_if(col(ANSWERED)).as(ANSWERED),
        median(col(DELAY_HOURS)).as("median_delay_hours"),
        p90(col(DELAY_HOURS)).as("p90_delay_hours"),
        count_if(isNegative()).as("negative_experiences"),
        count_if(isNegative().and(col(RATED))).as("negative_rated"),
        count_if(isNegative().and(col(CONVERTED))).as("negative_converted")));
    aggregates.addAll(List.of(extra));
    Dataset<Row> aggregated =
        groups.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    return withRates(aggregated);
  }

  /** response_rate = answered / experiences and conversion_rate = negative_converted / negative_rated. */
  static Dataset<Row> withRates(Dataset<Row> aggregated) {
    return aggregated
        .withColumn("response_rate", rate(col(ANSWERED), col(GoldColumns.EXPERIENCES)))
        .withColumn("conversion_rate", rate(col("negative_converted"), col("negative_rated")));
  }


  /**
   * Checks at the boundary that a silver input has the columns gold reads, so that a renamed column
   * fails here with its name rather than deep in an analysis error.
   */
  static void requireColumns(Dataset<Row> frame, String table, String... names) {
    List<String> available = Arrays.asList(frame.columns());
    for (String name : names) {
      if (!available.contains(name)) {
        throw new IllegalArgumentException(table + " has no column " + name + " (it has " + available
            + "): gold reads the silver tables as fr.spplus.publish.Tables declares them");
      }
    }
  }
}
