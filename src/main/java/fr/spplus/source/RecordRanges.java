package fr.spplus.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one large export into byte ranges that each hold whole records, so that several tasks parse
 * it at once. Spark reads a multi-line CSV file as one task whatever its size (a line break may be
 * inside a quoted field, so a task cannot start reading at an arbitrary byte); the plan below is
 * made by one sequential scan of the file on the driver ({@link RecordScanner}: quote state only,
 * no field parsing), which knows where each record starts and how many records precede it, so the
 * record numbers stay those of the whole-file read.
 *
 * <p>Each range is then parsed by Spark's own multi-line CSV parser in its own task
 * ({@link RangeReads}): the parser, its options and the bronze shape are those of a file read whole.
 */
public final class RecordRanges {

  /**
   * Bytes [start, end) of a file, holding {@code records} records whose first is record number
   * {@code firstRecord} of the file (the header being record 0; empty lines are no records).
   */
  public record Range(long start, long end, long firstRecord, long records) implements Serializable {}

  /**
   * How to read a file: two ranges or more, or one task and why.
   *
   * @param crlf whether the file's records end with CR LF (known when split)
   */
  public record Plan(List<Range> ranges, Boolean crlf, String oneTaskWhy) {

    static Plan oneTask(String why) {
      return new Plan(List.of(), null, why);
    }

    public boolean split() {
      return ranges.size() > 1;
    }
  }

  private static final int BUFFER = 1 << 16;

  private RecordRanges() {}

  /**
   * Plans the ranges of the file read from {@code in}: it is cut at the
   * first record start at or after each of {@code cuts} (byte offsets, ascending). A cut that falls
   * in the last record, or on the start of the previous range, makes no range of its own.
   */
  static Plan plan(InputStream in, char separator, long[] cuts) throws IOException {
    RecordScanner scanner = new RecordScanner(separator);
    List<Long> starts = new ArrayList<>();
    List<Long> firstRecords = new ArrayList<>();
    starts.add(0L);
    firstRecords.add(0L);
    int nextCut = 0;
    long records = 0;
    long offset = 0;
    byte[] buf = new byte[BUFFER];
    int n;
    while ((n = in.read(buf)) > 0) {
      for (int i = scanner.skipOrdinary(buf, 0, n); i < n; i = scanner.skipOrdinary(buf, i + 1, n)) {
        RecordScanner.Step step = scanner.next(buf[i]);
        if (step == RecordScanner.Step.IRREGULAR) {
          return Plan.oneTask(scanner.irregularity() + " at byte " + (offset + i));
        }
        if (step == RecordScanner.Step.RECORD_END || step == RecordScanner.Step.BLANK_LINE) {
          records += step == RecordScanner.Step.RECORD_END ? 1 : 0;
          // The next record starts at the byte after this line end: a range starts there when a cut
          // lies at or before it (and after the previous range's start).
          long next = offset + i + 1;
          if (nextCut < cuts.length && next >= cuts[nextCut]) {
            starts.add(next);
            firstRecords.add(records);
            while (nextCut < cuts.length && cuts[nextCut] <= next) {
              nextCut++;
            }
          }
        }
      }
      offset += n;
    }
    RecordScanner.Step last = scanner.atEnd();
    if (last == RecordScanner.Step.IRREGULAR) {
      return Plan.oneTask(scanner.irregularity());
    }
    if (last == RecordScanner.Step.RECORD_END) {
      records++;
    }
    // A range that would start at the very end holds nothing.
    if (starts.get(starts.size() - 1) == offset) {
      starts.remove(starts.size() - 1);
      firstRecords.remove(firstRecords.size() - 1);
    }
    List<Range> ranges = new ArrayList<>();
    for (int r = 0; r < starts.size(); r++) {
      long end = r + 1 < starts.size() ? starts.get(r + 1) : offset;
      long nextFirst = r + 1 < starts.size() ? firstRecords.get(r + 1) : records;
      ranges.add(new Range(starts.get(r), end, firstRecords.get(r), nextFirst - firstRecords.get(r)));
    }
    return ranges.size() > 1 ? new Plan(List.copyOf(ranges), scanner.crlf(), null)
        : Plan.oneTask("no record starts after the first cut");
  }

  /** Byte offsets that cut {@code size} bytes into {@code parts} equal parts. */
  static long[] evenCuts(long size, int parts) {
    long[] cuts = new long[Math.max(0, parts - 1)];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = size * (i + 1) / parts;
    }
    return cuts;
  }
}
