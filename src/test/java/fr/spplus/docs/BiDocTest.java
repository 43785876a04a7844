package fr.spplus.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/bi.md names every gold table under its path and SQL name, and its links lead somewhere. What
 * it says about the tables' content is checked on a real warehouse by {@link BiDocIT}.
 */
class BiDocTest {

  static final Path BI_MD = Path.of("docs/bi.md");

  @Test
  void theDocNamesEveryGoldTableAndItsLinksExist() throws IOException {
    String doc = Files.readString(BI_MD, StandardCharsets.UTF_8);
    for (TableSpec t : GoldTables.ALL) {
      assertTrue(doc.contains("`" + t.path() + "`"), "docs/bi.md lists " + t.path());
      assertTrue(doc.contains("`" + t.sqlName() + "`"), "docs/bi.md names " + t.sqlName());
    }
    Matcher links = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)").matcher(doc);
    while (links.find()) {
      Path target = BI_MD.getParent().resolve(links.group(1));
      assertTrue(Files.exists(target), "docs/bi.md links to " + links.group(1) + ", which does not exist");
    }
  }
}
