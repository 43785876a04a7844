package fr.spplus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmallCellPolicyTest {

  private record Cell(String name, long experiences, boolean flagged) {}

  private static final SmallCellPolicy K5 = new SmallCellPolicy(5);

  private static SmallCellPolicy.Withheld<Cell> withhold(Cell... cells) {
    return K5.againstTotal(List.of(cells), Cell::experiences, c -> K5.small(c.experiences(), c.flagged()));
  }

  @Test
  void aRowIsSmallBelowKOrWhenTheRunFlaggedIt() {
    assertTrue(K5.small(4, false));
    assertFalse(K5.small(5, false));
    assertTrue(K5.small(50, true), "the run's K may be larger than the report's");
    assertTrue(K5.enough(5));
    assertFalse(K5.enough(4));
  }

  @Test
  void nothingSmallNothingWithheld() {
    SmallCellPolicy.Withheld<Cell> w = withhold(new Cell("a", 5, false), new Cell("b", 9, false));
    assertEquals(Set.of(), w.rows());
    assertEquals(0, w.complementary());
  }

  @Test
  void smallRowsAddingUpToKNeedNoCompanion() {
    Cell a = new Cell("a", 2, false);
    Cell b = new Cell("b", 3, false);
    SmallCellPolicy.Withheld<Cell> w = withhold(a, b, new Cell("c", 40, false));
    assertEquals(Set.of(a, b), w.rows(), "2 + 3 = K: the group cannot be split by subtraction");
    assertEquals(0, w.complementary());
  }

  @Test
  void aLoneSmallRowTakesTheSmallestOtherRowWithIt() {
    Cell small = new Cell("small", 1, false);
    Cell next = new Cell("next", 6, false);
    Cell large = new Cell("large", 60, false);
    SmallCellPolicy.Withheld<Cell> w = withhold(large, small, next);
    assertEquals(Set.of(small, next), w.rows(), "total − shown would give the small row's 1");
    assertEquals(1, w.complementary());
  }

  @Test
  void aFlaggedRowIsWithheldAtAnySize() {
    Cell flagged = new Cell("flagged", 7, true);
    SmallCellPolicy.Withheld<Cell> w = withhold(flagged, new Cell("b", 9, false));
    assertEquals(Set.of(flagged), w.rows());
  }

  @Test
  void aTotalUnderKWithholdsEverything() {
    SmallCellPolicy.Withheld<Cell> w = withhold(new Cell("a", 1, false), new Cell("b", 2, false));
    assertEquals(2, w.rows().size());
  }

  @Test
  void kMustBeAtLeastOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SmallCellPolicy(0));
    assertTrue(e.getMessage().contains("--min-cell-size"));
  }
}
