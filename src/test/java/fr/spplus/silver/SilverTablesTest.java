package fr.spplus.silver;

import static fr.spplus.testing.Frames.assertFrameEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** silver/experiences, the slot tables and data_quality_issues from two hand-written winning records. */
class SilverTablesTest {

  static final StructType WINNING = Tables.SILVER_WINNING_RECORDS.schema();
  static Dataset<Row> winners;

  static Row winning(long id, Map<String, String> fields) {
    Object[] v = new Object[WINNING.size()];
    v[WINNING.fieldIndex("experience_id")] = id;
    v[WINNING.fieldIndex("source_file")] = "export-2024-03-15.csv";
    v[WINNING.fieldIndex("snapshot_date")] = Date.valueOf("2024-03-15");
    v[WINNING.fieldIndex("record_number")] = id;
    fields.forEach((k, value) -> v[WINNING.fieldIndex(k)] = value);
    return RowFactory.create(v);
  }

  @BeforeAll
  static void fixture() {
    Map<String, String> a = new HashMap<>();
    a.put("state", " traitée");
    a.put("status", "Expérience avec réponse");
    a.put("written_at", "10/03/2024 09:00");
    a.put("published_at", "10/03/2024 10:00");
    a.put("first_response_at", "12/03/2024 10:00");
    a.put("title", " Titre ");
    a.put("description", "Desc");
    a.put("posted_as", "la personne concernée");
    a.put("sentiment", "Négatif");
    a.put("department_code", "33");
    a.put("department_name", "Gironde");
    a.put("region_name", "Nouvelle-Aquitaine");
    a.put("region_code", "75");
    a.put("country", "France");
    a.put("out_of_scope", "Non");
    a.put("similar_experiences", "3");
    a.put("improvement_to_consider", "x");
    a.put("tag_accessibility", "Positif");
    a.put("tag_information", "négatif");
    a.put("tag_relation", "");
    a.put("tag_reactivity", "Bof");
    a.put("tag_simplicity", "");
    a.put("procedures_entered", "Demande RSA");
    a.put("typology_id_1", "T1");
    a.put("typology_name_1", "Demande de prestation");
    a.put("postal_code_1", "33000");
    a.put("typology_country_1", "France");
    a.put("channels_1", "Téléphone|fax");
    a.put("business_tags_1", "Délai, Délai;Accueil");
    a.put("typology_id_2", "");
    a.put("typology_name_2", " ");
    a.put("channels_2", "Accueil");
    a.put("business_tags_2", "");
    a.put("typology_id_3", "");
    a.put("typology_name_3", "Rendez-vous");
    a.put("postal_code_3", "");
    a.put("typology_country_3", "");
    a.put("channels_3", "");
    a.put("business_tags_3", "");
    a.put("structure_id_1", "S1");
    a.put("structure_name_1", "CAF de la Gironde");
    a.put("response_status_1", "Réponse apportée");
    a.put("useful_votes_1", "4");
    a.put("useless_votes_1", "");
    a.put("author_rating_1", "utile");
    a.put("response_text_1", "Bonjour");
    a.put("ai_similarity_1", "87");
    a.put("structure_id_2", "S2");
    a.put("structure_name_2", "CPAM");
    a.put("response_status_2", "Statut bizarre");
    a.put("useful_votes_2", "-1");
    a.put("useless_votes_2", "2");
    a.put("author_rating_2", "Inutile");
    a.put("ai_similarity_2", "150");
    a.put("structure_id_3", "");
    a.put("structure_name_3", "");
    Map<String, String> b = new HashMap<>();
    b.put("state", "A traiter");
    b.put("written_at", "hier");
    b.put("published_at", "2024-03-11T08:00:00Z");
    b.put("first_response_at", "2024-03-11T07:00:00Z");
    winners = SharedSpark.spark().createDataFrame(List.of(winning(10, a), winning(11, b)), WINNING);
  }

  static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  static scala.collection.immutable.Seq<String> seq(String... values) {
    return CollectionConverters.asScala(List.of(values)).toList();
  }

  @Test
  void experiencesAreTypedAndNormalised() {
    Dataset<Row> expected = Frames.rows(Frames.plain(Tables.SILVER_EXPERIENCES.schema()),
        new Object[] {10L, "Traitées", "Expérience avec réponse", at("2024-03-10T08:00:00Z"),
            at("2024-03-10T09:00:00Z"), at("2024-03-12T09:00:00Z"), "Titre", "Desc", "La personne concernée",
            "Négatif", "33", "Gironde", "75", "Nouvelle-Aquitaine", "France", false, 3, true, "Positif", "Négatif",
            null, null, null, "Demande RSA", Date.valueOf("2024-03-15"), "export-2024-03-15.csv"},
        new Object[] {11L, "A traiter", null, null, at("2024-03-11T08:00:00Z"), at("2024-03-11T07:00:00Z"), null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            Date.valueOf("2024-03-15"), "export-2024-03-15.csv"});
    assertFrameEquals(expected, Experiences.normalise(winners), "experience_id");
  }

  @Test
  void typologySlotsAreUnpivotedAndEmptySlotsDropped() {
    Dataset<Row> expected = Frames.rows(Frames.plain(Tables.SILVER_EXPERIENCE_TYPOLOGIES.schema()),
        new Object[] {10L, 1, "T1", "Demande de prestation", "33000", "France", seq("Téléphone"),
            seq("Délai", "Accueil")},
        new Object[] {10L, 3, null, "Rendez-vous", null, null, seq(), seq()});
    assertFrameEquals(expected, Slots.typologies(winners), "experience_id", "slot");
  }

  @Test
  void structureSlotsAreUnpivotedWithAnsweredVotesAndRatings() {
    Dataset<Row> expected = Frames.rows(Frames.plain(Tables.SILVER_EXPERIENCE_STRUCTURES.schema()),
        new Object[] {10L, 1, "S1", "CAF de la Gironde", "Réponse apportée", true, 4, 0, "utile", "Bonjour", 87},
        new Object[] {10L, 2, "S2", "CPAM", null, false, null, 2, "pas utile", null, null});
    assertFrameEquals(expected, Slots.structures(winners), "experience_id", "slot");
  }

  @Test
  void dataQualityIssuesNameTheOfficialColumnAndTheRawValue() {
    Dataset<Row> expected = Frames.rows(Frames.plain(Tables.SILVER_DATA_QUALITY_ISSUES.schema()),
        new Object[] {10L, "export-2024-03-15.csv", "Réactivité", "unknown_value", "Bof", "r1"},
        new Object[] {10L, "export-2024-03-15.csv", "Canaux Typologie 1", "unknown_value", "fax", "r1"},
        new Object[] {10L, "export-2024-03-15.csv", "Statut réponse structure 2", "unknown_value", "Statut bizarre",
            "r1"},
        new Object[] {10L, "export-2024-03-15.csv", "Evaluation utile réponse structure 2 par visiteurs",
            "invalid_number", "-1", "r1"},
        new Object[] {10L, "export-2024-03-15.csv", "Taux de similarité réponse IA structure 2", "invalid_number",
            "150", "r1"},
        new Object[] {11L, "export-2024-03-15.csv", "Écrit le", "unparseable_date", "hier", "r1"},
        new Object[] {11L, "export-2024-03-15.csv", "Date de première réponse", "negative_delay",
            "2024-03-11T07:00:00Z", "r1"});
    assertFrameEquals(expected, DataQuality.issues(winners, "r1"), "experience_id", "column");
  }

  @Test
  void aiSimilarityOutsideZeroToHundredIsNullInSilverAndAnIssueUnderItsOfficialLabel() {
    Map<String, String> r = new HashMap<>();
    r.put("published_at", "2024-06-01T10:00:00Z");
    r.put("state", "Traitées");
    for (int n = 1; n <= 3; n++) {
      r.put("structure_id_" + n, "S" + n);
      r.put("response_status_" + n, "Réponse apportée");
    }
    r.put("ai_similarity_1", "85,5");
    r.put("ai_similarity_2", "n/a");
    r.put("ai_similarity_3", " 100 ");
    Dataset<Row> one = SharedSpark.spark().createDataFrame(List.of(winning(20, r)), WINNING);
    Dataset<Row> structures = Slots.structures(one).select("slot", "ai_similarity").orderBy("slot");
    assertEquals("[[1,null], [2,null], [3,100]]", structures.collectAsList().toString());
    Dataset<Row> expected = Frames.rows(Frames.plain(Tables.SILVER_DATA_QUALITY_ISSUES.schema()),
        new Object[] {20L, "export-2024-03-15.csv", "Taux de similarité réponse IA structure 1", "invalid_number",
            "85,5", "r2"},
        new Object[] {20L, "export-2024-03-15.csv", "Taux de similarité réponse IA structure 2", "invalid_number",
            "n/a", "r2"});
    assertFrameEquals(expected, DataQuality.issues(one, "r2"), "column");
  }
}
