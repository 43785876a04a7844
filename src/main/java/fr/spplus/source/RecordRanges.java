package fr.spplus.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Cuts one large export into byte ranges that each hold whole records, so that several tasks parse
 * it at once. Spark reads a multi-line CSV file as one task whatever its size (a line break may be
 * inside a quoted field, so a task cannot start reading at an arbitrary byte); the plan below is
 * made by one sequential scan of the file on the driver ({@link RecordScanner}: quote state only,
 * no field parsing), which knows where each record starts and how many records precede it, so the
 * record numbers stay those of the whole-file read.
 *
 * <p>Each range's records are then handed to Spark's CSV parser as text ({@link #records}); the
 * parser, its options and the bronze shape are the same as for a file read whole.
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
   * Plans the ranges of a file of {@code size} bytes read from {@code in}: the file is cut at the
   * first record start at or after each of {@code cuts} (byte offsets, ascending). A cut that falls
   * in the last record, or on the start of the previous range, makes no range of its own.
   */
  static Plan plan(InputStream in, char separator, long[] cuts) throws IOException {
    RecordScanner scanner = new RecordScanner(separator, null);
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
      for (int i = 0; i < n; i++, offset++) {
        if (nextCut < cuts.length && offset >= cuts[nextCut] && scanner.atRecordStart() && offset > 0) {
          if (starts.get(starts.size() - 1) < offset) {
            starts.add(offset);
            firstRecords.add(records);
          }
          while (nextCut < cuts.length && cuts[nextCut] <= offset) {
            nextCut++;
          }
        }
        RecordScanner.Step step = scanner.next(buf[i]);
        if (step == RecordScanner.Step.RECORD_END) {
          records++;
        } else if (step == RecordScanner.Step.IRREGULAR) {
          return Plan.oneTask(scanner.irregularity() + " at byte " + offset);
        }
      }
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

  /**
   * The records of one range as text, in file order, without their line ends; empty lines are
   * skipped, as the whole-file reader skips them. {@code in} is positioned at the range's start.
   * Fails, naming the file, when the range does not hold the records the plan counted (the file
   * changed since it was planned).
   */
  public static Iterator<String> records(InputStream in, String fileName, Range range, char separator,
                                         boolean crlf, Charset charset) {
    return new RangeIterator(in, fileName, range, separator, crlf, charset);
  }

  /** Reads a range lazily: one record's bytes in memory at a time. */
  private static final class RangeIterator implements Iterator<String> {
    private final InputStream in;
    private final String fileName;
    private final Range range;
    private final Charset charset;
    private final RecordScanner scanner;
    private final int terminatorBytes;
    private final byte[] buf = new byte[BUFFER];
    private int bufLen;
    private int bufPos;
    private long offset;
    private byte[] record = new byte[1024];
    private int recordLen;
    private long emitted;
    private String next;
    private boolean done;

    RangeIterator(InputStream in, String fileName, Range range, char separator, boolean crlf, Charset charset) {
      this.in = in;
      this.fileName = fileName;
      this.range = range;
      this.charset = charset;
      this.scanner = new RecordScanner(separator, crlf);
      this.terminatorBytes = crlf ? 2 : 1;
      this.offset = range.start();
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String out = next;
      next = null;
      return out;
    }

    private String advance() {
      try {
        while (offset < range.end()) {
          if (bufPos == bufLen) {
            bufLen = in.read(buf, 0, (int) Math.min(buf.length, range.end() - offset));
            bufPos = 0;
            if (bufLen <= 0) {
              throw changed("it ends at byte " + offset + ", before the planned " + range.end());
            }
          }
          byte b = buf[bufPos++];
          offset++;
          append(b);
          switch (scanner.next(b)) {
            case RECORD_END -> {
              return emit(recordLen - terminatorBytes);
            }
            case BLANK_LINE -> recordLen = 0;
            case IRREGULAR -> throw changed(scanner.irregularity() + " at byte " + (offset - 1));
            default -> { }
          }
        }
        done = true;
        in.close();
        // The last record of a file may have no line end.
        String last = recordLen > 0 && scanner.atEnd() == RecordScanner.Step.RECORD_END ? emit(recordLen) : null;
        if (emitted != range.records()) {
          throw changed("its bytes " + range.start() + "-" + range.end() + " hold " + emitted
              + " records, not the planned " + range.records());
        }
        return last;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + fileName + " at byte " + offset, e);
      }
    }

    private void append(byte b) {
      if (recordLen == record.length) {
        record = Arrays.copyOf(record, record.length * 2);
      }
      record[recordLen++] = b;
    }

    private String emit(int length) {
      String text = new String(record, 0, length, charset);
      recordLen = 0;
      emitted++;
      if (emitted > range.records()) {
        throw changed("its bytes " + range.start() + "-" + range.end() + " hold more records than the planned "
            + range.records());
      }
      return text;
    }

    private IllegalStateException changed(String what) {
      return new IllegalStateException("export " + fileName + " changed while it was read in ranges: " + what);
    }
  }
}
