package fr.spplus.report;

import static fr.spplus.report.Html.attr;
import static fr.spplus.report.Html.text;

import java.util.List;

/** The HTML pieces every section is made of: a card, a tile, a data table. Every string is escaped. */
final class Cards {

  private Cards() {}

  /** A card with a title, a lede, a chart (already rendered SVG), a table (already rendered) and its sources. */
  static String section(String id, String title, String lede, String chart, String table, String source) {
    return "<section class=\"card\" id=\"" + attr(id) + "\"><h2>" + text(title) + "</h2><p class=\"lede\">"
        + text(lede) + "</p><figure>" + chart + "</figure>" + table + "<p class=\"source\">" + text(source)
        + "</p></section>";
  }

  static String tile(String id, String label, String value, String detail) {
    return "<div class=\"tile\" id=\"" + attr(id) + "\"><div class=\"label\">" + text(label)
        + "</div><div class=\"value\">" + text(value) + "</div><div class=\"detail\">" + text(detail)
        + "</div></div>";
  }

  /** A data table in a closed details element ("The figures as a table"). */
  static String table(String id, List<String> headers, List<List<String>> rows) {
    return table(id, headers, rows, false);
  }

  /** A data table, in a closed details element unless {@code open}; every cell escaped. */
  static String table(String id, List<String> headers, List<List<String>> rows, boolean open) {
    StringBuilder b = new StringBuilder();
    if (!open) {
      b.append("<details><summary>The figures as a table</summary>");
    }
    b.append("<div class=\"scroll\"><table class=\"data\" id=\"").append(attr(id)).append("\"><thead><tr>");
    for (String h : headers) {
      b.append("<th>").append(text(h)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      b.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        String v = row.get(i);
        boolean numeric = i > 0 && !v.isEmpty() && (Character.isDigit(v.charAt(0)) || v.equals("–"));
        b.append(numeric ? "<td class=\"num\">" : "<td>").append(text(v)).append("</td>");
      }
      b.append("</tr>");
    }
    if (rows.isEmpty()) {
      b.append("<tr><td colspan=\"").append(headers.size()).append("\">none</td></tr>");
    }
    b.append("</tbody></table></div>");
    if (!open) {
      b.append("</details>");
    }
    return b.toString();
  }

  /** What a chart says when every figure is withheld or its table is empty. */
  static String empty() {
    return "<p class=\"note\">Nothing to show: every figure is withheld or the table is empty.</p>";
  }
}
