package fr.spplus.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The record scan that cuts a large export into ranges: where ranges may start (never inside a
 * quoted field, after a doubled quote or between CR and LF), the record numbers they carry, the
 * records each range gives back, and the files it declines to cut.
 */
class RecordRangesTest {

  // Offsets by hand: "ID;Nom\n" is bytes 0-6; record 1 "1;"a;\nb"\n" bytes 7-15 (a line feed at 11
  // inside quotes); record 2 "2;"x""y"\n" bytes 16-24 (a doubled quote at 19-20); a blank line at
  // 25; record 3 "3;z" bytes 26-28, with no line end. 29 bytes.
  private static final String LF = "ID;Nom\n1;\"a;\nb\"\n2;\"x\"\"y\"\n\n3;z";
  // The same with CR LF: header 0-7; record 1 8-18 (CR LF at 13-14 inside quotes); record 2 19-28;
  // blank line 29-30; record 3 31-33. 34 bytes.
  private static final String CRLF = "ID;Nom\r\n1;\"a;\r\nb\"\r\n2;\"x\"\"y\"\r\n\r\n3;z";

  @Test
  void aCutMovesToTheNextLineStartWhereverItFalls() throws IOException {
    assertEquals(29, bytes(LF).length);
    // Line starts after the header: 7 (record 1), 16 (record 2), 25 (the blank line, before record 3), 26.
    long[] starts = {7, 16, 25, 26};
    long[] firsts = {1, 2, 3, 3};
    for (int cut = 1; cut < 29; cut++) {
      RecordRanges.Plan plan = RecordRanges.plan(in(LF), ';', new long[] {cut});
      int i = firstAtOrAfter(starts, cut);
      if (i < 0) {
        assertFalse(plan.split(), "cut " + cut + " is in the last record");
        assertEquals("no record starts after the first cut", plan.oneTaskWhy());
        continue;
      }
      assertEquals(List.of(new RecordRanges.Range(0, starts[i], 0, firsts[i]),
          new RecordRanges.Range(starts[i], 29, firsts[i], 4 - firsts[i])), plan.ranges(), "cut " + cut);
      assertEquals(Boolean.FALSE, plan.crlf());
    }
  }

  @Test
  void crLfLineEndsAreOneLineEndAndStayInsideQuotedFields() throws IOException {
    assertEquals(34, bytes(CRLF).length);
    long[] starts = {8, 19, 29, 31};
    long[] firsts = {1, 2, 3, 3};
    for (int cut = 1; cut < 34; cut++) {
      RecordRanges.Plan plan = RecordRanges.plan(in(CRLF), ';', new long[] {cut});
      int i = firstAtOrAfter(starts, cut);
      if (i < 0) {
        assertFalse(plan.split(), "cut " + cut);
        continue;
      }
      assertEquals(starts[i], plan.ranges().get(1).start(), "cut " + cut);
      assertEquals(firsts[i], plan.ranges().get(1).firstRecord(), "cut " + cut);
      assertEquals(Boolean.TRUE, plan.crlf());
    }
  }

  @Test
  void severalCutsMakeSeveralRangesAndCutsInOneRecordMakeOne() throws IOException {
    // 5, 9 and 12 fall in the header and in record 1: two ranges start, at 7 and at 16.
    RecordRanges.Plan plan = RecordRanges.plan(in(LF), ';', new long[] {5, 9, 12, 20});
    assertEquals(List.of(new RecordRanges.Range(0, 7, 0, 1), new RecordRanges.Range(7, 16, 1, 1),
        new RecordRanges.Range(16, 25, 2, 1), new RecordRanges.Range(25, 29, 3, 1)), plan.ranges());
    // A cut that finds no record start before the last record leaves the others.
    assertEquals(2, RecordRanges.plan(in(LF), ';', new long[] {20, 27, 28}).ranges().size());
  }

  @Test
  void evenCutsShareTheBytes() {
    assertEquals(List.of(), toList(RecordRanges.evenCuts(100, 1)));
    assertEquals(List.of(33L, 66L), toList(RecordRanges.evenCuts(100, 3)));
  }

  @Test
  void whereSparksParserCouldDisagreeTheFileIsReadWhole() throws IOException {
    assertOneTask("ID;Nom\n1;a\"b\n", "a quote inside an unquoted field at byte 10");
    assertOneTask("ID;Nom\n1;\"a\"b\n", "text after a closing quote at byte 12");
    assertOneTask("ID;Nom\n1;\"abc\n", "the file ends inside a quoted field");
    assertOneTask("ID;Nom\r\n1;a\n", "line ends change style (CR LF then LF) at byte 11");
    assertOneTask("ID;Nom\n1;a\r\n", "line ends change style (LF then CR LF) at byte 11");
    assertOneTask("ID;Nom\n1;a\r2;b\n", "a carriage return outside quotes without a line feed at byte 11");
    assertOneTask("ID;Nom\n  \n2;b\n", "a line of only spaces or control characters at byte 9");
    assertOneTask("ID\tNom\n\t\n2\tb\n", "a line of only spaces or control characters at byte 8");
    // Line breaks inside quotes must have the file's style (a range's parser detects it from its first one).
    assertOneTask("ID;Nom\n1;\"a\r\nb\"\n", "a carriage return inside quotes in a file whose lines end with LF at byte 11");
    assertOneTask("ID;Nom\r\n1;\"a\nb\"\r\n",
        "a line feed inside quotes without a carriage return in a file whose lines end with CR LF at byte 12");
    assertOneTask("ID;Nom\r\n1;\"a\rb\"\r\n", "a carriage return inside quotes without a line feed at byte 13");
    assertOneTask("\"I\nD\";Nom\n1;a\n", "a line break inside quotes in the first record at byte 2");
    // Quotes that open a field after a separator, and doubled quotes, are regular.
    assertTrue(RecordRanges.plan(in("ID;Nom\n\"\";\"\"\"\"\n2;b\n"), ';', new long[] {1}).split());
  }

  private static void assertOneTask(String content, String why) throws IOException {
    RecordRanges.Plan plan = RecordRanges.plan(in(content), content.indexOf('\t') >= 0 ? '\t' : ';', new long[] {1});
    assertFalse(plan.split(), content);
    assertEquals(why, plan.oneTaskWhy());
    assertNull(plan.crlf());
  }

  private static int firstAtOrAfter(long[] starts, int cut) {
    for (int i = 0; i < starts.length; i++) {
      if (starts[i] >= cut) {
        return i;
      }
    }
    return -1;
  }

  private static List<Long> toList(long[] values) {
    List<Long> out = new ArrayList<>();
    for (long v : values) {
      out.add(v);
    }
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static InputStream in(String s) {
    return new ByteArrayInputStream(bytes(s));
  }
}
