package fr.spplus.silver;

import static fr.spplus.silver.Observations.EXPERIENCE_ID;
import static fr.spplus.silver.Observations.TRACKED;
import static fr.spplus.source.BronzeColumns.SNAPSHOT_DATE;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import fr.spplus.publish.Tables;
import fr.spplus.source.ClosedLists;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * silver/experience_history (docs/contract.md section 6): the versions of every experience across
 * the snapshots, from its {@link Observations} and the experiences each snapshot <em>sees</em>
 * ({@link Verdicts#seen}).
 *
 * <p>An <em>event</em> of e at snapshot d is either its observation there (present, with its tracked
 * attributes) or its absence (not present, attributes null: no record of date d sees e, while e was
 * observed earlier). A version starts at an event that differs from the one before it (present and
 * every tracked attribute compared with null-safe equality), so an event equal to the current
 * version extends it, and an experience seen at d only through a quarantined record has no event
 * at d. Two ways to apply that rule give the same rows:
 *
 * <ul>
 *   <li>{@link #build}: every snapshot at once, with window functions over each experience's events
 *       (a first build, or a late export: the rows after a late snapshot may all change);</li>
 *   <li>{@link #advance}: one new snapshot, later than every other, from the current versions alone:
 *       the rows to MERGE into the history (the current versions it closes and the versions it
 *       opens), so that a daily run costs what the experiences cost, not what the history does.</li>
 * </ul>
 */
public final class ExperienceHistory {

  public static final String PUBLISHED = "published";
  public static final String CHANGED = "changed";
  public static final String REMOVED = "removed";
  public static final String REAPPEARED = "reappeared";

  private static final String PRESENT = "present";
  private static final String VALID_FROM = "valid_from";
  private static final String VALID_TO = "valid_to";
  private static final String CHANGE = "change";

  private ExperienceHistory() {}

  /** answered(e) of docs/contract.md section 3 on a version's attributes; false, not null, when both are null. */
  public static Column answered(Column state, Column firstResponseAt) {
    return coalesce(firstResponseAt.isNotNull().or(state.equalTo(ClosedLists.STATE_DONE)), lit(false));
  }

  /**
   * The whole history.
   *
   * @param observations {@link Observations#of} the current version of every file
   * @param seen {@link Verdicts#seen} of the same records
   * @param snapshots one row per snapshot date (column snapshot_date; duplicates allowed): the dates of
   *     the ingested files, including those whose records see nothing (every experience is absent there)
   */
  public static Dataset<Row> build(Dataset<Row> observations, Dataset<Row> seen, Dataset<Row> snapshots) {
    Column d = col(SNAPSHOT_DATE);
    Dataset<Row> next = snapshots.select(d).distinct()
        .withColumn("next_snapshot", lead(d, 1).over(Window.orderBy(d)));
    // Seen before its first observation, e is not absent after it: only dates from then on count.
    Dataset<Row> firstObserved = observations.groupBy(col(EXPERIENCE_ID)).agg(min(d).as("first_observed"));
    WindowSpec perExperience = Window.partitionBy(col(EXPERIENCE_ID)).orderBy(d);
    // e is absent at the snapshot that follows a date where it was seen, unless it is seen there too;
    // the later snapshots of the same gap are absences equal to that one and would start nothing.
    Dataset<Row> absences = seen.join(firstObserved, EXPERIENCE_ID)
        .where(d.geq(col("first_observed")))
        .withColumn("next_seen", lead(d, 1).over(perExperience))
        .join(broadcast(next), SNAPSHOT_DATE)
        .where(col("next_snapshot").isNotNull()
            .and(col("next_seen").isNull().or(col("next_seen").gt(col("next_snapshot")))))
        .select(event(col(EXPERIENCE_ID), col("next_snapshot"), lit(false), c -> null));
    Dataset<Row> events = observations
        .select(event(col(EXPERIENCE_ID), d, lit(true), ExperienceHistory::observed))
        .unionByName(absences);

    List<Column> same = new ArrayList<>();
    same.add(lag(col(PRESENT), 1).over(perExperience).eqNullSafe(col(PRESENT)));
    for (String a : TRACKED) {
      same.add(lag(col(a), 1).over(perExperience).eqNullSafe(col(a)));
    }
    Column previousPresent = lag(col(PRESENT), 1).over(perExperience);
    Dataset<Row> starts = events
        .withColumn("previous_present", previousPresent)
        .withColumn("same", same.stream().reduce(Column::and).orElseThrow())
        .where(col("previous_present").isNull().or(not(col("same"))))
        .withColumn(CHANGE, change(col("previous_present"), col(PRESENT)));
    Dataset<Row> versions = starts
        .withColumn(VALID_FROM, d)
        .withColumn(VALID_TO, lead(d, 1).over(perExperience));
    return shape(versions);
  }

  /**
   * The rows to MERGE into the history for a new snapshot {@code date}, later than every snapshot the
   * history holds: each current version that ends at {@code date} (valid_to set to it) and each
   * version that starts there (valid_to null). Keyed by (experience_id, valid_from).
   *
   * @param current the current versions (valid_to null) of silver/experience_history
   * @param observations {@link Observations#of} the records of the files of {@code date}
   * @param seen {@link Verdicts#seen} of the same records
   */
  public static Dataset<Row> advance(Dataset<Row> current, Dataset<Row> observations, Dataset<Row> seen,
                                     LocalDate date) {
    Column day = lit(java.sql.Date.valueOf(date));
    Dataset<Row> c = current.select(Arrays.stream(current.columns()).map(n -> col(n).as("c_" + n))
        .toArray(Column[]::new));
    Dataset<Row> o = observations.where(col(SNAPSHOT_DATE).equalTo(day))
        .select(event(col(EXPERIENCE_ID), col(SNAPSHOT_DATE), lit(true), ExperienceHistory::observed));
    Dataset<Row> s = seen.where(col(SNAPSHOT_DATE).equalTo(day)).select(col(EXPERIENCE_ID).as("s_id"))
        .distinct();
    Dataset<Row> joined = c.join(o, col("c_" + EXPERIENCE_ID).equalTo(col(EXPERIENCE_ID)), "full_outer")
        .join(s, coalesce(col("c_" + EXPERIENCE_ID), col(EXPERIENCE_ID)).equalTo(col("s_id")), "left");

    // The event of e at date: its observation; its absence when nothing sees it and it was present;
    // none when it is seen only through quarantined records, or was already removed.
    Column observedNow = col(EXPERIENCE_ID).isNotNull();
    Column eventPresent = when(observedNow, lit(true))
        .when(col("s_id").isNull().and(col("c_" + PRESENT)), lit(false));
    List<Column> same = new ArrayList<>();
    same.add(col("c_" + PRESENT).eqNullSafe(eventPresent));
    for (String a : TRACKED) {
      same.add(col("c_" + a).eqNullSafe(when(observedNow, col(a))));
    }
    Column starts = eventPresent.isNotNull()
        .and(col("c_" + PRESENT).isNull().or(not(same.stream().reduce(Column::and).orElseThrow())));
    // One pass over the join gives both rows of an experience whose version ends here: the current
    // version closed at date (when there is one) and the version opened at date.
    Column closed = when(col("c_" + VALID_FROM).isNotNull(),
        struct(versionColumns(n -> n.equals(VALID_TO) ? day : col("c_" + n))));
    Column opened = struct(versionColumns(n -> {
      if (n.equals(EXPERIENCE_ID)) {
        return coalesce(col("c_" + EXPERIENCE_ID), col(EXPERIENCE_ID));
      }
      return switch (n) {
        case VALID_FROM -> day;
        case VALID_TO -> lit(null);
        case PRESENT -> eventPresent;
        case CHANGE -> change(col("c_" + PRESENT), eventPresent);
        default -> when(observedNow, col(n));
      };
    }));
    return joined.where(starts)
        .select(explode(array(closed, opened)).as("version"))
        .where(col("version").isNotNull())
        .select(col("version.*"));
  }

  /** An event's columns: experience_id, snapshot_date, present, the tracked attributes, source_file. */
  private static Column[] event(Column id, Column date, Column present, Function<String, Column> attribute) {
    List<Column> out = new ArrayList<>(List.of(id.as(EXPERIENCE_ID), date.as(SNAPSHOT_DATE), present.as(PRESENT)));
    for (String a : TRACKED) {
      out.add(typed(attribute.apply(a), a));
    }
    out.add(typed(attribute.apply(SOURCE_FILE), SOURCE_FILE));
    return out.toArray(Column[]::new);
  }

  private static Column observed(String attribute) {
    return col(attribute);
  }

  private static Column typed(Column value, String name) {
    DataType type = Tables.SILVER_EXPERIENCE_HISTORY.schema().apply(name).dataType();
    return (value == null ? lit(null) : value).cast(type).as(name);
  }

  /** What opened a version, from the presence of the version before it (null: none) and its own. */
  private static Column change(Column previousPresent, Column present) {
    return when(previousPresent.isNull(), lit(PUBLISHED))
        .when(not(present), lit(REMOVED))
        .when(not(previousPresent), lit(REAPPEARED))
        .otherwise(lit(CHANGED));
  }

  /** The versions in the table's columns; answered derived from them, null in a removed version. */
  private static Dataset<Row> shape(Dataset<Row> versions) {
    return versions.select(versionColumns(ExperienceHistory::observed));
  }

  /**
   * The table's columns, each from {@code value} of its name, cast to its type; answered derived from
   * the present, state and first_response_at values.
   */
  private static Column[] versionColumns(Function<String, Column> value) {
    List<Column> out = new ArrayList<>();
    for (StructField f : Tables.SILVER_EXPERIENCE_HISTORY.schema().fields()) {
      Column v = f.name().equals("answered")
          ? when(value.apply(PRESENT), answered(value.apply("state"), value.apply("first_response_at")))
          : value.apply(f.name());
      out.add(v.cast(f.dataType()).as(f.name()));
    }
    return out.toArray(Column[]::new);
  }
}
