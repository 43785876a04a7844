package fr.spplus.gold;

import static fr.spplus.gold.SilverFixture.expected;
import static fr.spplus.gold.SilverFixture.row;

import fr.spplus.publish.GoldTables;
import fr.spplus.testing.Frames;
import org.junit.jupiter.api.Test;

class ChannelFrequencyByTypologyTest {

  /** K of the small-cell rule: T3's Courrier row has exactly K experiences (not small). */
  private static final int K = 3;

  @Test
  void distinctExperiencesPerTypologyAndChannel() {
    Frames.assertFrameEquals(expected(GoldTables.CHANNEL_FREQUENCY_BY_TYPOLOGY,
        // small_cell: experiences < K (or typology_experiences < K, never the case here)
        // T1, 4 experiences (e1, e2, e3, e13): Accueil e1, e13; E-mail e2;
        //   Téléphone in both slots of e1: one experience
        row("T1", "Carte identité", "Accueil", 2L, 4L, 0.5, true),
        row("T1", "Carte identité", "E-mail", 1L, 4L, 0.25, true),
        row("T1", "Carte identité", "Téléphone", 1L, 4L, 0.25, true),
        // T2, 5 experiences (e6, e7, e8, e9, e14): Démarche en ligne e6, e7; Téléphone e7, e9, e14
        row("T2", "Allocations", "Démarche en ligne", 2L, 5L, 0.4, true),
        row("T2", "Allocations", "Téléphone", 3L, 5L, 0.6, false),
        // T3, 3 experiences (e13, e10, e11): Accueil e11; Courrier all three
        row("T3", "Impots", "Accueil", 1L, 3L, 1.0 / 3, true),
        row("T3", "Impots", "Courrier", 3L, 3L, 1.0, false)),
        // e12's Téléphone is on a slot with typology_id "": left out.
        ChannelFrequencyByTypology.compute(SilverFixture.typologies(), K), "typology_id", "channel");
  }
}
