package fr.spplus.source;

import java.time.ZoneId;

/**
 * The time zone of the exports, named in one place: a time without an offset in an export is
 * Europe/Paris local time, a date without a time is midnight there, and "the month" of an instant
 * is its Europe/Paris month (docs/contract.md sections 1 and 5). The job's Spark session uses it
 * as its time zone, the parsers and the gold months read it from here, and so do the report and
 * the sample generator.
 */
public final class ExportZone {

  /** The zone's id, for Spark functions and settings that take a string. */
  public static final String ID = "Europe/Paris";
  public static final ZoneId ZONE = ZoneId.of(ID);

  private ExportZone() {}
}
