package fr.spplus.gold;

import static fr.spplus.gold.SilverFixture.BRETAGNE;
import static fr.spplus.gold.SilverFixture.IDF;
import static fr.spplus.gold.SilverFixture.MISSING;
import static fr.spplus.gold.SilverFixture.expected;
import static fr.spplus.gold.SilverFixture.row;

import fr.spplus.publish.GoldTables;
import fr.spplus.testing.Frames;
import org.junit.jupiter.api.Test;

class TagFrequencyByRegionTest {

  /** K of the small-cell rule: rows of one experience are small, rows of 2 or more are not. */
  private static final int K = 2;

  @Test
  void oneRowPerRegionTagAndValence() {
    Frames.assertFrameEquals(expected(GoldTables.TAG_FREQUENCY_BY_REGION,
        // small_cell: experiences < K (or region_experiences < K, never the case here)
        // Bretagne, 5 experiences
        row(BRETAGNE, "53", "Accessibilité", "Positif", 1L, 5L, 0.2, true),              // e6
        row(BRETAGNE, "53", "Information/Explication", "Positif", 1L, 5L, 0.2, true),    // e7
        row(BRETAGNE, "53", "Relation", "Positif", 1L, 5L, 0.2, true),                   // e7
        row(BRETAGNE, "53", "Réactivité", "Négatif", 2L, 5L, 0.4, false),                // e9, e14
        // Île-de-France, 7 experiences
        row(IDF, "11", "Accessibilité", "Négatif", 1L, 7L, 1.0 / 7, true),               // e5
        row(IDF, "11", "Accessibilité", "Positif", 2L, 7L, 2.0 / 7, false),              // e1, e2
        row(IDF, "11", "Information/Explication", "Négatif", 1L, 7L, 1.0 / 7, true),     // e1
        row(IDF, "11", "Relation", "Négatif", 1L, 7L, 1.0 / 7, true),                    // e3
        row(IDF, "11", "Réactivité", "Positif", 1L, 7L, 1.0 / 7, true),                  // e13
        row(IDF, "11", "Simplicité/Complexité", "Négatif", 1L, 7L, 1.0 / 7, true),       // e5
        // Non renseignée, 3 experiences
        row(MISSING, null, "Accessibilité", "Positif", 1L, 3L, 1.0 / 3, true),           // e12
        row(MISSING, null, "Simplicité/Complexité", "Positif", 1L, 3L, 1.0 / 3, true)),  // e10
        TagFrequencyByRegion.compute(SilverFixture.facts(), K), "region_name", "region_code", "tag", "valence");
  }
}
