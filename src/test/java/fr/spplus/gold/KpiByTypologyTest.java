package fr.spplus.gold;

import static fr.spplus.gold.SilverFixture.expected;
import static fr.spplus.gold.SilverFixture.row;

import fr.spplus.publish.GoldTables;
import fr.spplus.testing.Frames;
import org.junit.jupiter.api.Test;

class KpiByTypologyTest {

  /** K of the small-cell rule: T1 has exactly K experiences (not small), T3 fewer. */
  private static final int K = 4;

  @Test
  void oneRowPerTypologyOverExperienceLevelFacts() {
    Frames.assertFrameEquals(expected(GoldTables.KPI_BY_TYPOLOGY,
        // T1: e1 (slots 1 and 2), e2, e3, e13 = 4 distinct experiences, all answered -> 1.0
        //   name: "Carte identité" 3 slots (e1 twice, e13) vs "Carte d'identité" 2 (e2, e3)
        //   delays: e1 2, e2 4, e3 10, e13 1.50000001 -> sorted 1.50000001, 2, 4, 10
        //     median (2 + 4) / 2 = 3; p90 rank 3 * 0.9 = 2.7 -> 4 + 0.7 * (10 - 4) = 8.2
        //   negative: e1, e2, e13 = 3; rated(e): all three; converted(e): e1, e13 = 2 -> 2 / 3
        //   small_cell: 4 = K -> false
        row("T1", "Carte identité", 4L, 4L, 1.0, 3.0, 8.2, 3L, 3L, 2L, 2.0 / 3, false),
        // T2: e6, e7, e8, e9, e14 = 5; answered(e): all (e8 by state, e9 by first response) -> 1.0
        //   name "Allocations" 4 vs "Allocations familiales" 1
        //   delays: e6 0.5, e7 0, e14 6 (e8 none, e9 negative) -> sorted 0, 0.5, 6
        //     median 0.5; p90 rank 2 * 0.9 = 1.8 -> 0.5 + 0.8 * (6 - 0.5) = 4.9
        //   negative: e6, e9, e14 = 3, all rated; converted: e6 -> 1 / 3
        //   small_cell: 5 >= K -> false
        row("T2", "Allocations", 5L, 5L, 1.0, 0.5, 4.9, 3L, 3L, 1L, 1.0 / 3, false),
        // T3: e13, e10, e11 = 3; answered: e13, e11 = 2 -> 2 / 3
        //   name: "Impôts" (e13) vs "Impots" (e10), e11's empty: tie, 'o' U+006F < 'ô' U+00F4 -> "Impots"
        //   delays: e13 1.50000001, e11 3 -> median (1.50000001 + 3) / 2 = 2.250000005;
        //     p90 rank 0.9 -> 1.50000001 + 0.9 * (3 - 1.50000001) = 1.50000001 + 1.349999991 = 2.850000001
        //   negative: e13, e10 = 2; rated: e13 = 1; converted: e13 = 1 -> 1.0
        //   small_cell: 3 < K -> true
        row("T3", "Impots", 3L, 2L, 2.0 / 3, 2.250000005, 2.850000001, 2L, 1L, 1L, 1.0, true)),
        // e12's slot has typology_id "": left out.
        KpiByTypology.compute(SilverFixture.facts(), SilverFixture.typologies(), K), "typology_id");
  }
}
