package fr.spplus.gold;

import static fr.spplus.gold.SilverFixture.expected;
import static fr.spplus.gold.SilverFixture.row;

import fr.spplus.publish.GoldTables;
import fr.spplus.testing.Frames;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class KpiByStructureTest {

  /** K of the small-cell rule: S2 has exactly K experiences (not small), S3 and S4 fewer. */
  private static final int K = 4;

  @Test
  void oneRowPerStructureWithItsOwnSlots() {
    Frames.assertFrameEquals(expected(GoldTables.KPI_BY_STRUCTURE,
        // S1: slots e1 (x2), e2, e3, e4, e5 -> 5 distinct experiences (e1 once).
        //   name: "Mairie de Paris" 3 slots (e1 twice, e3) vs "Mairie Paris" 2 (e2, e4); e5's is empty.
        //   (counted per experience it would be a 2-2 tie won by "Mairie Paris": ' P' < ' d')
        //   answered: e1 (slot 1 apportée; slot 2 null status), e2 (modifiée), e3 (adoptée), e4 -> 4;
        //     e5 "En attente de réponse" is not -> 4 / 5 = 0.8
        //   delays of e1..e4: 2, 4, 10, 20 -> median (4 + 10) / 2 = 7;
        //     p90 rank 3 * 0.9 = 2.7 -> 10 + 0.7 * (20 - 10) = 17
        //   negative: e1, e2, e5 = 3; rated: e1 (utile), e2 (pas utile) = 2; converted: e1 = 1 -> 0.5
        //   useful: 3 + 2 (e1 both slots) + 0 + 1 = 6; useless: 1 + 4 + 0 = 5 -> 6 / 11
        //   small_cell: 5 >= K -> false
        row("S1", "Mairie de Paris", 5L, 4L, 0.8, 7.0, 17.0, 3L, 2L, 1L, 0.5, 6L, 5L, 6.0 / 11, false),
        // S2: e6, e7, e9, e14 = 4. Names: "CAF Bretagne" (e6, e14) vs "caf Bretagne" (e7, e9): tie,
        //   'C' (U+0043) < 'c' (U+0063) -> "CAF Bretagne".
        //   answered: e6, e7, e9 = 3 (e14 dépubliée) -> 0.75
        //   delays of answered e: e6 0.5, e7 0, e9 negative (excluded); e14's 6 h is not an answer of S2
        //     -> {0, 0.5}: median 0.25; p90 rank 0.9 -> 0 + 0.9 * 0.5 = 0.45
        //   negative: e6, e9, e14 = 3; rated: all three = 3; converted: e6 = 1 -> 1 / 3
        //   useful: 5 + 0 = 5 (nulls ignored); useless: 5 + 0 + 0 = 5 -> 0.5
        //   small_cell: 4 = K is not below K -> false
        row("S2", "CAF Bretagne", 4L, 3L, 0.75, 0.25, 0.45, 3L, 3L, 1L, 1.0 / 3, 5L, 5L, 0.5, false),
        // S3: e10, e12 = 2, none answered (null status, En attente) -> 0.0; no delay -> nulls
        //   negative: e10 = 1, not rated -> 0 / 0: conversion null; votes all null -> sums and rate null
        //   small_cell: 2 < K -> true
        row("S3", "Préfecture 84", 2L, 0L, 0.0, null, null, 1L, 0L, 0L, null, null, null, null, true),
        // S4: e11 only, its name empty -> null name; adoptée, delay 3 -> 3, 3; Neutre -> 0, 0, 0, null;
        //   votes 0 and 0 -> 0 / (0 + 0): usefulness null
        //   small_cell: 1 < K -> true
        row("S4", null, 1L, 1L, 1.0, 3.0, 3.0, 0L, 0L, 0L, null, 0L, 0L, null, true)),
        // The slots of e13 (no structure_id) and e8 (structure_id "") are left out.
        KpiByStructure.compute(SilverFixture.facts(), SilverFixture.structures(), K), "structure_id");
  }

  /**
   * docs/contract.md section 3: negative_rated and negative_converted of a structure read that
   * structure's own slot, not the experience's ratings. e1 and e2 are Négatif (SilverFixture), e3 is
   * Positif; each is linked to two structures rated differently:
   *
   * <pre>
   *  e1  SA utile        SB pas utile
   *  e2  SA (no rating)  SB utile
   *  e3  SA utile        (Positif: in no negative count)
   * </pre>
   *
   * SA: negative e1, e2; rated e1; converted e1 -> 1 / 1. SB: negative e1, e2; rated both; converted
   * e2 -> 1 / 2. Read at the experience level (rated and converted when any slot is), both would be
   * 2 / 2.
   */
  @Test
  void anExperienceLinkedToTwoStructuresCountsEachStructuresOwnRating() {
    Dataset<Row> structures = SilverFixture.structures(
        // experience_id, slot, structure_id, structure_name, response_status, answered, useful_votes,
        // useless_votes, author_rating
        row(1L, 1, "SA", "Mairie A", "Réponse apportée", true, null, null, "utile"),
        row(1L, 2, "SB", "CAF B", "Réponse apportée", true, null, null, "pas utile"),
        row(2L, 1, "SA", "Mairie A", "Réponse apportée", true, null, null, null),
        row(2L, 2, "SB", "CAF B", "Réponse apportée", true, null, null, "utile"),
        row(3L, 1, "SA", "Mairie A", "Réponse apportée", true, null, null, "utile"));
    Dataset<Row> facts = ExperienceFacts.of(SilverFixture.experiences(), structures);
    Dataset<Row> kpi = KpiByStructure.compute(facts, structures, 1)
        .select("structure_id", "experiences", "negative_experiences", "negative_rated", "negative_converted",
            "conversion_rate");
    Frames.assertFrameEquals(Frames.rows(Frames.plain(kpi.schema()),
            row("SA", 3L, 2L, 1L, 1L, 1.0),
            row("SB", 2L, 2L, 2L, 1L, 0.5)),
        kpi, "structure_id");
  }
}
