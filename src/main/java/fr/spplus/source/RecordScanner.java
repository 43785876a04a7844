package fr.spplus.source;

/**
 * Finds where the records of an export end, byte by byte, without parsing their fields: the state
 * machine that lets one large export be read by several tasks (see {@link RecordRanges}).
 *
 * <p>It follows the CSV dialect the job reads (docs/contract.md section 1): a field that starts
 * with {@code "} is quoted and may hold separators, line breaks and doubled quotes; a record ends at
 * a line feed (or a carriage return and line feed) outside quotes; an empty line is no record. Only
 * ASCII bytes matter ({@code "}, the separator, CR, LF), and in UTF-8 and Windows-1252 these bytes
 * never occur inside another character, so the scan works on the stored bytes.
 *
 * <p>It is deliberately stricter than Spark's CSV parser: wherever the two could disagree on where
 * a record ends, it stops and says why ({@link #irregularity()}), and the file is then read by one
 * task as before. Those places are a quote inside an unquoted field, text between a closing quote
 * and the next separator, a carriage return outside quotes that no line feed follows, line ends
 * that change style within the file, a line break inside quotes of another style than the file's,
 * a line of only spaces or control characters, and a file that ends inside a quoted field.
 */
final class RecordScanner {

  /** What a byte did. */
  enum Step { MORE, RECORD_END, BLANK_LINE, IRREGULAR }

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;
  private static final int CARRIAGE_RETURN = 4;

  private final byte separator;
  private int state = FIELD_START;
  /** Bytes of the current record so far, terminator excluded. */
  private long recordBytes;
  /**
   * Whether every byte of the current record so far is a space or a control character. Whether
   * the parser makes a record of such a line depends on its whitespace settings; rather than
   * mirror them, the scan declines the file (its record count must be the parser's exactly).
   */
  private boolean onlyBlanks = true;
  /** Null until the first record's end; then whether records end with CR LF. */
  private Boolean crlf;
  private String irregularity;
  /** Inside a quoted field, the byte before was a carriage return. */
  private boolean quotedCarriageReturn;

  RecordScanner(char separator) {
    if (separator > 0x7F || separator == '"' || separator == '\r' || separator == '\n') {
      throw new IllegalArgumentException("a record scan needs an ASCII separator other than quote and line ends");
    }
    this.separator = (byte) separator;
  }

  /**
   * The index of the first byte in {@code buf[from, to)} that {@link #next} must see, the bytes
   * before it being ordinary content of the current field (most of a file): a fast path for
   * long quoted texts and values. Returns {@code to} when every byte is ordinary.
   */
  int skipOrdinary(byte[] buf, int from, int to) {
    int i = from;
    if (state == QUOTED && !quotedCarriageReturn) {
      while (i < to && buf[i] != '"' && buf[i] != '\r' && buf[i] != '\n') {
        i++;
      }
      if (i > from) {
        onlyBlanks = false;
      }
    } else if (state == UNQUOTED) {
      boolean blanks = true;
      while (i < to) {
        byte b = buf[i];
        if (b == separator || b == '"' || b == '\r' || b == '\n') {
          break;
        }
        blanks &= (b & 0xFF) <= ' ';
        i++;
      }
      onlyBlanks &= blanks;
    }
    recordBytes += i - from;
    return i;
  }

  Step next(byte b) {
    switch (state) {
      case QUOTED -> {
        return quoted(b);
      }
      case QUOTE_IN_QUOTED -> {
        if (b == '"') {
          state = QUOTED;
          return content();
        }
        if (b != separator && b != '\n' && b != '\r') {
          return irregular("text after a closing quote");
        }
      }
      case UNQUOTED -> {
        if (b == '"') {
          return irregular("a quote inside an unquoted field");
        }
      }
      case CARRIAGE_RETURN -> {
        return b == '\n' ? endOfLine(true) : irregular("a carriage return outside quotes without a line feed");
      }
      default -> {
        if (b == '"') {
          state = QUOTED;
          return content();
        }
      }
    }
    // FIELD_START, UNQUOTED, or the byte after a closing quote.
    if (b == '\n') {
      return endOfLine(false);
    }
    if (b == '\r') {
      state = CARRIAGE_RETURN;
      return Step.MORE;
    }
    state = b == separator ? FIELD_START : UNQUOTED;
    onlyBlanks &= (b & 0xFF) <= ' ';
    recordBytes++;
    return Step.MORE;
  }

  /**
   * A byte inside a quoted field. Line breaks there must have the file's style: a range is parsed
   * with the line end its parser detects in the range's first line break, quoted or not.
   */
  private Step quoted(byte b) {
    if (quotedCarriageReturn) {
      quotedCarriageReturn = false;
      return b == '\n' ? content() : irregular("a carriage return inside quotes without a line feed");
    }
    if (b == '"') {
      state = QUOTE_IN_QUOTED;
    } else if (b == '\r' || b == '\n') {
      if (crlf == null) {
        return irregular("a line break inside quotes in the first record");
      }
      if (!crlf && b == '\r') {
        return irregular("a carriage return inside quotes in a file whose lines end with LF");
      }
      if (crlf && b == '\n') {
        return irregular("a line feed inside quotes without a carriage return in a file whose lines end with CR LF");
      }
      quotedCarriageReturn = b == '\r';
    }
    return content();
  }

  /** At the end of the input: whether the bytes since the last record end make a last record. */
  Step atEnd() {
    if (state == QUOTED) {
      return irregular("the file ends inside a quoted field");
    }
    if (state == CARRIAGE_RETURN) {
      return irregular("a carriage return outside quotes without a line feed");
    }
    if (recordBytes == 0) {
      return Step.BLANK_LINE;
    }
    return onlyBlanks ? irregular("a line of only spaces or control characters") : Step.RECORD_END;
  }

  /** Why the scan stopped, or null. */
  String irregularity() {
    return irregularity;
  }

  /** The line-end style, once a record has ended: true for CR LF. */
  Boolean crlf() {
    return crlf;
  }

  private Step content() {
    onlyBlanks = false;
    recordBytes++;
    return Step.MORE;
  }

  private Step endOfLine(boolean withCarriageReturn) {
    if (crlf == null) {
      crlf = withCarriageReturn;
    } else if (crlf != withCarriageReturn) {
      return irregular("line ends change style (" + (crlf ? "CR LF" : "LF") + " then "
          + (withCarriageReturn ? "CR LF" : "LF") + ")");
    }
    long bytes = recordBytes;
    boolean blanks = onlyBlanks;
    state = FIELD_START;
    recordBytes = 0;
    onlyBlanks = true;
    if (bytes == 0) {
      return Step.BLANK_LINE;
    }
    return blanks ? irregular("a line of only spaces or control characters") : Step.RECORD_END;
  }

  private Step irregular(String why) {
    irregularity = why;
    return Step.IRREGULAR;
  }
}
