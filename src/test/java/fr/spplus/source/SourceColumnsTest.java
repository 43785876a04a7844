package fr.spplus.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceColumnsTest {

  @Test
  void officialDescriptionHas59ColumnsAndKnownAddsTheRecentOnes() {
    assertEquals(59, SourceColumns.OFFICIAL.size());
    assertEquals(59 + 3 * 2 + 2, SourceColumns.KNOWN.size());
    assertEquals(SourceColumns.KNOWN.size(), new HashSet<>(SourceColumns.KNOWN.stream().map(c -> c.name()).toList()).size());
    assertEquals("ID expérience", SourceColumns.OFFICIAL.get(0).label());
    assertEquals("Date de première réponse", SourceColumns.OFFICIAL.get(58).label());
  }

  @Test
  void labelsMatchIgnoringCaseAccentsApostrophesAndWhitespace() {
    assertEquals("experience_id", SourceColumns.byLabel("  id   EXPERIENCE ").orElseThrow().name());
    assertEquals("status", SourceColumns.byLabel("Statut de l’expérience").orElseThrow().name());
    assertEquals("state", SourceColumns.byLabel("État expérience").orElseThrow().name());
    assertEquals("written_at", SourceColumns.byLabel("Ecrit le").orElseThrow().name());
    assertEquals("first_response_at", SourceColumns.byLabel("Date de premiere réponse").orElseThrow().name());
    assertEquals("typology_name_2", SourceColumns.byLabel("Intitulé typologie 2").orElseThrow().name());
    // a non-breaking space inside the label is whitespace too
    assertEquals("region_name", SourceColumns.byLabel("Intitulé\u00A0région usager").orElseThrow().name());
  }

  @Test
  void olderHeaderAliasesNameTheSameColumns() {
    assertEquals("state", SourceColumns.byLabel("Etat de l'expérience").orElseThrow().name());
    for (var pair : List.of(
        List.of("Tags généraux Accessibilité", "tag_accessibility"),
        List.of("Tags généraux Information/Explication", "tag_information"),
        List.of("Tags généraux Relation", "tag_relation"),
        List.of("Tags généraux Réactivité", "tag_reactivity"),
        List.of("Tags généraux Simplicité/Complexité", "tag_simplicity"))) {
      assertEquals(pair.get(1), SourceColumns.byLabel(pair.get(0)).orElseThrow().name(), pair.get(0));
    }
  }

  @Test
  void unknownLabelsAreNotKnown() {
    assertTrue(SourceColumns.byLabel("Identifiant interne").isEmpty());
    assertTrue(SourceColumns.byLabel("ID experiences").isEmpty());
  }

  @Test
  void recentExportColumnsAreKnown() {
    assertEquals("response_text_3", SourceColumns.byLabel("Réponse structure 3").orElseThrow().name());
    assertEquals("ai_similarity_1",
        SourceColumns.byLabel("Taux de similarité réponse IA structure 1").orElseThrow().name());
    assertEquals("author_pseudonym", SourceColumns.byLabel("Pseudonyme usager").orElseThrow().name());
    assertEquals("procedures_entered", SourceColumns.byLabel("Démarches saisies par usager").orElseThrow().name());
  }
}
