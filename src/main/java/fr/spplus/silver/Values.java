package fr.spplus.silver;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import fr.spplus.source.ClosedLists;
import fr.spplus.source.ClosedLists.ValueList;
import fr.spplus.source.ExportZone;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Column expressions that turn the export's strings into typed values (docs/contract.md sections 1 and 5).
 * Built-in functions only. Each parser returns null for a value it cannot read; the matching
 * {@code …Invalid} predicate says when that null hides a data-quality issue (a non-empty value
 * that did not parse), so that silver and data_quality_issues agree by construction.
 */
public final class Values {


  // dd/MM/yyyy, dd/MM/yyyy HH:mm, dd/MM/yyyy HH:mm:ss, dd/MM/yyyy – HH:mm (en dash or hyphen, spaces optional)
  static final String FRENCH_DATE =
      "^(\\d{2})/(\\d{2})/(\\d{4})(?: (\\d{2}):(\\d{2})(?::(\\d{2}))?| *[–-] *(\\d{2}):(\\d{2}))?$";
  // yyyy-MM-dd, yyyy-MM-dd[T ]HH:mm:ss[.fraction], yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:mm). An offset
  // only after T (the lookahead): "2023-05-12 10:22:00+02:00" is none of the listed shapes.
  static final String ISO_DATE = "^(?!\\d{4}-\\d{2}-\\d{2} .*(?:Z|[+-]\\d{2}:\\d{2})$)"
      + "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:\\d{2})?)?$";

  private Values() {}

  /**
   * Every character of Unicode's White_Space property (what Java's {@code (?U)\\s} matches): tab,
   * line feed, vertical tab, form feed, carriage return, space, NEL, no-break space, Ogham space
   * mark, the spaces U+2000 to U+200A, line and paragraph separators, narrow no-break space,
   * medium mathematical space, ideographic space.
   */
  static final String WHITESPACE = "\t\n\u000B\f\r \u0085\u00A0\u1680"
      + "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A"
      + "\u2028\u2029\u202F\u205F\u3000";

  /**
   * Removes Unicode whitespace at both ends (Spark's one-argument trim removes only spaces). Only
   * the ends are looked at, so a long free-text value costs no more than a short one.
   */
  public static Column utrim(Column c) {
    return trim(c, WHITESPACE);
  }

  /** The trimmed value, null when empty. */
  public static Column text(Column c) {
    return nullif(utrim(c), lit(""));
  }

  /** True when the cell holds something other than whitespace. */
  public static Column present(Column c) {
    return c.isNotNull().and(length(utrim(c)).gt(0));
  }

  /** The closed-list matching key: trimmed, lower case, accents folded; inner whitespace kept. */
  public static Column key(Column c) {
    return translate(lower(utrim(c)), ClosedLists.ACCENTED, ClosedLists.PLAIN);
  }

  /**
   * The canonical value of a closed list, null when empty or unknown: one lookup of the value's key
   * in a literal map (the key is computed once, not once per list entry).
   */
  public static Column closed(Column c, ValueList list) {
    Column[] entries = list.byKey().entrySet().stream()
        .flatMap(e -> java.util.stream.Stream.of(lit(e.getKey()), lit(e.getValue())))
        .toArray(Column[]::new);
    return try_element_at(map(entries), key(c));
  }

  public static Column closedInvalid(Column c, ValueList list) {
    return present(c).and(closed(c, list).isNull());
  }

  /** Oui/Non, true/false, 1/0, x (true), case-insensitive; empty is false; a missing column stays null. */
  public static Column bool(Column c) {
    return when(c.isNotNull().and(length(utrim(c)).equalTo(0)), lit(false))
        .otherwise(closed(c, ClosedLists.BOOLEAN).cast(DataTypes.BooleanType));
  }

  public static Column boolInvalid(Column c) {
    return closedInvalid(c, ClosedLists.BOOLEAN);
  }

  /** Plain digits fitting an INT; empty is 0; a missing column stays null. */
  public static Column count(Column c) {
    Column t = utrim(c);
    return when(c.isNull(), lit(null).cast(DataTypes.IntegerType))
        .when(length(t).equalTo(0), lit(0))
        .when(t.rlike("^[0-9]+$"), t.try_cast(DataTypes.IntegerType));
  }

  public static Column countInvalid(Column c) {
    return present(c).and(count(c).isNull());
  }

  /** An integer percentage 0–100 (AI similarity); empty or missing is null. */
  public static Column percentage(Column c) {
    Column n = count(c);
    return when(present(c).and(n.between(0, 100)), n);
  }

  public static Column percentageInvalid(Column c) {
    return present(c).and(percentage(c).isNull());
  }

  /**
   * A date-time in one of the accepted shapes as an instant; null when empty or unparseable.
   * Naive times are Europe/Paris local time (a DST gap or overlap resolves as
   * ZonedDateTime.ofLocal does: make_timestamp builds a ZonedDateTime the same way); a date
   * alone is midnight. Impossible dates and times give null, never a rolled-over value.
   *
   * <p>One pass per value: the trimmed text is rewritten by the matching shape's regex into
   * {@code year|month|day|hour|minute|second|fraction|zone} (a group that did not take part is
   * empty) and split once; the parts are bound as lambda variables so that neither the trim nor
   * the regex runs again for each part (about 30 times cheaper than extracting each group).
   */
  public static Column timestamp(Column c) {
    return bind(utrim(c), t -> {
      Column parts = when(t.rlike(FRENCH_DATE), regexp_replace(t, FRENCH_DATE, "$3|$2|$1|$4$7|$5$8|$6||"))
          .when(t.rlike(ISO_DATE), regexp_replace(t, ISO_DATE, "$1|$2|$3|$4|$5|$6|$7|$8"));
      return bind(split(parts, "\\|", -1), p -> {
        Column hour = orElse(p.getItem(3), "0");
        Column minute = orElse(p.getItem(4), "0");
        Column second = orElse(p.getItem(5), "0");
        // Seconds with up to six fraction digits (microseconds, Spark's precision).
        Column fraction = substring(orElse(p.getItem(6), "0"), 1, 6);
        Column made = call_function("try_make_timestamp",
            p.getItem(0).cast(DataTypes.IntegerType), p.getItem(1).cast(DataTypes.IntegerType),
            p.getItem(2).cast(DataTypes.IntegerType), hour.cast(DataTypes.IntegerType),
            minute.cast(DataTypes.IntegerType),
            concat(second, lit("."), fraction).cast(DataTypes.createDecimalType(16, 6)),
            orElse(p.getItem(7), ExportZone.ID));
        // make_timestamp turns second 60 into the next minute: an impossible time must stay unparseable.
        return when(p.isNotNull().and(second.cast(DataTypes.IntegerType).lt(60)), made);
      });
    });
  }

  public static Column timestampInvalid(Column c) {
    return present(c).and(timestamp(c).isNull());
  }

  /** A multi-valued cell: split on , | ; and line breaks, trimmed, empties and exact duplicates dropped. */
  public static Column multi(Column c) {
    Column parts = transform(split(c, "[,|;\\r\\n]"), Values::utrim);
    return when(c.isNotNull(), array_distinct(filter(parts, p -> length(p).gt(0))));
  }

  /** Channels: each value of {@link #multi} mapped to its canonical spelling, unknowns dropped, deduplicated. */
  public static Column channels(Column c) {
    Column mapped = transform(multi(c), v -> closed(v, ClosedLists.CHANNEL));
    return array_distinct(filter(mapped, v -> v.isNotNull()));
  }

  /** The values of a channels cell that are not channels, as written (trimmed). */
  public static Column unknownChannels(Column c) {
    return filter(multi(c), v -> closed(v, ClosedLists.CHANNEL).isNull());
  }

  /** f applied to the value of e, e evaluated once (a lambda variable, however often f uses it). */
  private static Column bind(Column e, java.util.function.Function<Column, Column> f) {
    return element_at(transform(array(e), f::apply), 1);
  }

  /** The string, or the default when it is empty. */
  private static Column orElse(Column s, String otherwise) {
    return coalesce(nullif(s, lit("")), lit(otherwise));
  }
}
