package fr.spplus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapesTheFiveSpecialCharacters() {
    assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Html.text("<script>alert(1)</script>"));
    assertEquals("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", Html.attr("\"><img src=x onerror=alert(1)>"));
    assertEquals("Tom &amp; Jerry&#39;s &amp;amp;", Html.text("Tom & Jerry's &amp;"));
    assertEquals("", Html.text(null));
  }

  @Test
  void keepsAccentsAndLineBreaksAndReplacesControlCharacters() {
    assertEquals("Île-de-France\tRéunion\n", Html.text("Île-de-France\tRéunion\n"));
    assertEquals("a\uFFFDb\uFFFDc\uFFFD", Html.text("a\u0000b\u0085c\uFFFF"));
    assertEquals("😀", Html.text("😀"));
    assertEquals("\uFFFD", Html.text("\uD800"));
  }

  @Test
  void shortensOnCodePointsBeforeEscaping() {
    assertEquals("Mairie de Paris", Html.shorten("  Mairie   de\nParis ", 20));
    assertEquals("<scri…", Html.shorten("<script>alert(1)</script>", 6));
    assertEquals("😀😀…", Html.shorten("😀😀😀😀", 3));
    assertEquals("&lt;scri…", Html.text(Html.shorten("<script>", 6)));
  }

  @Test
  void formatsNumbersTheSameWayWhateverTheDefaultLocale() {
    assertEquals("12,345", Html.count(12_345));
    assertEquals("33.3%", Html.percent(1.0 / 3));
    assertEquals("–", Html.percent(null));
    assertEquals("48.0 h", Html.hours(48.0));
    assertEquals("1,234 h", Html.hours(1234.4));
    assertEquals("0.5", Html.n(0.5));
  }
}
