package fr.spplus.source;

import java.util.List;

/**
 * The names of the columns the reader puts around each record's fields in bronze (who read what,
 * from where, when), named once. Silver and the audit carry several of them under the same names,
 * so a record can be traced from any table back to its file and line. The record's own fields
 * take their names from {@link SourceColumns}.
 */
public final class BronzeColumns {

  /** The export file's base name. */
  public static final String SOURCE_FILE = "source_file";
  /** The file's snapshot date (see {@link SnapshotDates}). */
  public static final String SNAPSHOT_DATE = "snapshot_date";
  /** The record's position in its file, 1 for the first record after the header. */
  public static final String RECORD_NUMBER = "record_number";
  /** The encoding the file was read with. */
  public static final String ENCODING = "encoding";
  /** The run that read the record. */
  public static final String RUN_ID = "run_id";
  public static final String INGESTED_AT = "ingested_at";
  /** The SHA-256 of the file's bytes: two contents under one name are two versions of the file. */
  public static final String CONTENT_HASH = "content_hash";
  /** The record's text as the CSV reader saw it. */
  public static final String RAW_RECORD = "raw_record";
  /** The fields of columns the job does not know, by header label. */
  public static final String EXTRA_COLUMNS = "extra_columns";

  /** The metadata columns, in the order bronze puts them before the record's fields. */
  public static final List<String> METADATA =
      List.of(SOURCE_FILE, SNAPSHOT_DATE, RECORD_NUMBER, ENCODING, RUN_ID, INGESTED_AT, CONTENT_HASH, RAW_RECORD);

  private BronzeColumns() {}
}
