package fr.spplus.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

  @Test
  void aStatementEndsAtTheSemicolonOfItsLastLine() {
    StatementSplitter s = new StatementSplitter();
    assertEquals(List.of(), s.add("SELECT region_name"));
    assertTrue(s.inStatement());
    assertEquals(List.of("SELECT region_name\nFROM gold.kpi_by_region"), s.add("FROM gold.kpi_by_region;"));
    assertFalse(s.inStatement());
  }

  @Test
  void severalStatementsOnOneLineAndARemainder() {
    StatementSplitter s = new StatementSplitter();
    assertEquals(List.of("SELECT 1", "SELECT 2"), s.add("SELECT 1; SELECT 2 ;SELECT"));
    assertEquals("SELECT", s.remainder());
    assertNull(s.remainder());
  }

  @Test
  void semicolonsInStringsIdentifiersAndCommentsDoNotEndAStatement() {
    StatementSplitter s = new StatementSplitter();
    assertEquals(List.of(), s.add("SELECT 'a;b', \"c;d\", `e;f`, 'it\\'s;' -- not the end;"));
    assertEquals(List.of(), s.add("/* still; not */ FROM t"));
    assertEquals(List.of("SELECT 'a;b', \"c;d\", `e;f`, 'it\\'s;' -- not the end;\n/* still; not */ FROM t"),
        s.add(";"));
  }

  @Test
  void emptyStatementsAndCommentOnlyTextAreDropped() {
    StatementSplitter s = new StatementSplitter();
    assertEquals(List.of(), s.add(" ; ;"));
    assertEquals(List.of(), s.add("-- a comment;"));
    assertEquals(List.of(), s.add(";"));
    s.add("-- only a comment");
    assertNull(s.remainder());
  }

  @Test
  void aBackslashCommandAfterTheLastStatementIsTakenOut() {
    StatementSplitter s = new StatementSplitter();
    assertEquals(List.of("SELECT 1"), s.add("SELECT 1; \\q"));
    assertEquals("\\q", s.takeCommand());
    assertFalse(s.inStatement());
    s.add("SELECT '\\q'");
    assertNull(s.takeCommand());
    assertTrue(s.inStatement());
  }
}
