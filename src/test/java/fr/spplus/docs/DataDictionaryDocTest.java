package fr.spplus.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fr.spplus.publish.DataDictionary;
import fr.spplus.publish.TableSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/tables.md is generated from the table specs (the Delta column comments): it must be exactly
 * what {@link DataDictionary#markdown()} writes, so a column added, renamed or re-commented in the
 * code fails the build until the file is regenerated.
 */
class DataDictionaryDocTest {

  static final Path TABLES_MD = Path.of("docs/tables.md");
  static final String REGENERATE = "run `bin/spplus docs --out docs/tables.md` and commit the result";

  @Test
  void docsTablesMdIsInSyncWithTheCode() throws IOException {
    assertTrue(Files.isRegularFile(TABLES_MD), TABLES_MD + " is missing: " + REGENERATE);
    String committed = Files.readString(TABLES_MD, StandardCharsets.UTF_8);
    String generated = DataDictionary.markdown();
    if (!committed.equals(generated)) {
      fail(TABLES_MD + " is out of date with the table specs: " + REGENERATE + ".\nFirst difference:\n"
          + firstDifference(committed, generated));
    }
  }

  @Test
  void theDictionaryDescribesEveryColumnOfEveryTable() {
    String md = DataDictionary.markdown();
    for (TableSpec t : DataDictionary.allTables()) {
      assertTrue(md.contains("\n## " + t.path() + "\n"), t.path() + " has a section");
      assertTrue(md.contains("`" + t.sqlName() + "`"), t.path() + " gives its SQL name");
      for (String c : t.columns()) {
        assertTrue(md.contains("| `" + c + "` |"), t.path() + "." + c + " is listed");
      }
    }
  }

  /** The first line that differs, with its number, committed then generated. */
  static String firstDifference(String committed, String generated) {
    List<String> a = committed.lines().toList();
    List<String> b = generated.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "(end of file)";
      String y = i < b.size() ? b.get(i) : "(end of file)";
      if (!x.equals(y)) {
        return "line " + (i + 1) + "\n  in docs/tables.md: " + x + "\n  from the code:     " + y;
      }
    }
    return "(line ends or a trailing newline)";
  }
}
