package fr.spplus.gold;

import static fr.spplus.gold.SilverFixture.BRETAGNE;
import static fr.spplus.gold.SilverFixture.IDF;
import static fr.spplus.gold.SilverFixture.MISSING;
import static fr.spplus.gold.SilverFixture.expected;
import static fr.spplus.gold.SilverFixture.row;

import fr.spplus.publish.GoldTables;
import fr.spplus.testing.Frames;
import org.junit.jupiter.api.Test;

class BusinessTagFrequencyByRegionTest {

  /** K of the small-cell rule: rows of one experience are small, rows of 2 or more are not. */
  private static final int K = 2;

  @Test
  void distinctExperiencesPerRegionAndBusinessTag() {
    Frames.assertFrameEquals(expected(GoldTables.BUSINESS_TAG_FREQUENCY_BY_REGION,
        // small_cell: experiences < K (or region_experiences < K, never the case here)
        // Bretagne, 5 experiences: Aides in e6, e7, e14; Logement in e7
        row(BRETAGNE, "53", "Aides", 3L, 5L, 0.6, false),
        row(BRETAGNE, "53", "Logement", 1L, 5L, 0.2, true),
        // Île-de-France, 7: Fiscalité in e13 (its T3 slot); Papiers in e1 (both slots: once) and e3;
        //   Urgence in e1 slot 2
        row(IDF, "11", "Fiscalité", 1L, 7L, 1.0 / 7, true),
        row(IDF, "11", "Papiers", 2L, 7L, 2.0 / 7, false),
        row(IDF, "11", "Urgence", 1L, 7L, 1.0 / 7, true),
        // Non renseignée, 3: Fiscalité in e10; Urgence in e12, whose slot has an empty typology_id
        //   (the tag belongs to the experience)
        row(MISSING, null, "Fiscalité", 1L, 3L, 1.0 / 3, true),
        row(MISSING, null, "Urgence", 1L, 3L, 1.0 / 3, true)),
        BusinessTagFrequencyByRegion.compute(SilverFixture.facts(), SilverFixture.typologies(), K),
        "region_name", "region_code", "business_tag");
  }
}
