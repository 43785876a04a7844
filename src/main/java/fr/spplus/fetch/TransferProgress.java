package fr.spplus.fetch;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a person watching sees during the download: on a terminal, one line rewritten in place
 * (bytes, percent when the size is known, rate), at most five times a second; elsewhere (a
 * scheduler's log) nothing until the one summary line the fetch prints at the end.
 */
final class TransferProgress {

  private static final long PAINT_NANOS = 200_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private final long expected;
  private final long start = System.nanoTime();
  private long lastPaint;
  private boolean painted;

  TransferProgress(PrintStream out, boolean terminal, long expectedBytes) {
    this.out = out;
    this.terminal = terminal;
    this.expected = expectedBytes;
  }

  void update(long bytes) {
    if (!terminal) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastPaint < PAINT_NANOS) {
      return;
    }
    lastPaint = now;
    painted = true;
    out.print("\r  " + line(bytes, now - start) + "   ");
    out.flush();
  }

  /** Ends the line being rewritten, so that what follows starts on its own line. */
  void end() {
    if (painted) {
      out.print("\r\033[K");
      out.flush();
      painted = false;
    }
  }

  String line(long bytes, long nanos) {
    String percent = expected > 0 ? String.format(Locale.ROOT, " of %s (%d %%)", size(expected),
        Math.min(100, bytes * 100 / expected)) : "";
    return size(bytes) + percent + ", " + rate(bytes, nanos);
  }

  static String size(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    return String.format(Locale.ROOT, bytes < 1_000_000 ? "%.1f kB" : "%.1f MB",
        bytes / (bytes < 1_000_000 ? 1e3 : 1e6));
  }

  static String rate(long bytes, long nanos) {
    double seconds = Math.max(nanos, 1) / 1e9;
    return String.format(Locale.ROOT, "%.2f MB/s", bytes / 1e6 / seconds);
  }
}
