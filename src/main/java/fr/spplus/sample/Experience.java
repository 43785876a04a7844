package fr.spplus.sample;

import fr.spplus.sample.Referential.Department;
import fr.spplus.sample.Referential.Family;
import fr.spplus.sample.Referential.Region;
import fr.spplus.sample.Referential.Structure;
import fr.spplus.sample.Referential.Typology;
import java.time.Instant;
import java.util.List;

/**
 * One experience as the platform knows it over its whole life: what the user wrote, and when each
 * later event happens (responses, ratings, votes, actions). A snapshot renders the experience as it
 * stood at a cutoff instant; nothing here depends on a snapshot.
 *
 * <p>Slot lists always have {@link fr.spplus.source.SourceColumns#SLOTS} entries; an empty slot is
 * null. Nullable instants mean "never happens".
 *
 * @param departmentCodeOnly when true the region name is left empty while its code is written
 *     (the contract then files the experience under "Non renseignée")
 * @param closedAt the experience is marked processed without any response at this instant
 */
record Experience(
    long id,
    String internalId,
    Family family,
    Instant writtenAt,
    Instant publishedAt,
    String title,
    String description,
    String postedAs,
    String sentiment,
    Department department,
    Region region,
    boolean departmentCodeOnly,
    String country,
    List<TypologySlot> typologies,
    boolean outOfScope,
    String outOfScopeSpelling,
    Instant closedAt,
    List<StructureSlot> structures,
    List<String> generalTags,
    int similarFinal,
    boolean improvement,
    String noImprovementSpelling,
    Instant actionEngagedAt,
    Instant actionDoneAt,
    String pseudonym,
    String proceduresEntered) {

  /** A typology slot; the cells are fixed once (the platform does not rewrite them between exports). */
  record TypologySlot(Typology typology, String name, String postalCode, String country, String channelsCell,
                      String businessTagsCell) {}

  /**
   * A structure slot and its response timeline.
   *
   * @param finalStatus the response status the slot ends with once {@code finalStatusAt} is past
   *     ({@code Réponse apportée} in between)
   * @param rating the author's rating as spelled, shown from {@code ratedAt}
   */
  record StructureSlot(Structure structure, String name, Instant validationAt, Instant respondedAt,
                       String finalStatus, Instant finalStatusAt, Instant ratedAt, String rating, int usefulFinal,
                       int uselessFinal, String answer, Integer aiSimilarity) {}

  /** The first response visible before the cutoff (the earliest across slots), or null. */
  Instant firstResponseBefore(Instant cutoff) {
    return firstResponse(structures, cutoff);
  }

  static Instant firstResponse(List<StructureSlot> structures, Instant cutoff) {
    Instant first = null;
    for (StructureSlot s : structures) {
      if (s != null && s.respondedAt() != null && s.respondedAt().isBefore(cutoff)
          && (first == null || s.respondedAt().isBefore(first))) {
        first = s.respondedAt();
      }
    }
    return first;
  }
}
