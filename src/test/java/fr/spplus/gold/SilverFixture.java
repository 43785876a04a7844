package fr.spplus.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A hand-built silver warehouse of 15 experiences, shared by the gold tests, in the exact schemas of
 * {@link Tables}. Every gold figure the tests expect is computed by hand from the tables below; the
 * per-experience facts are summarised here once:
 *
 * <pre>
 *  e   region (name, code)        state      sentiment  published_at (UTC)       first_response_at (UTC)       answered delay_h     rated conv  Paris month
 *  1   Île-de-France, 11          Traitées   Négatif    2024-03-01 08:00         2024-03-01 10:00              T        2           T     T     2024-03
 *  2   Île-de-France, 11          Traitées   Négatif    2024-03-02 08:00         2024-03-02 12:00              T        4           T     F     2024-03
 *  3   Île-de-France, 11          Traitées   Positif    2024-03-03 08:00         2024-03-03 18:00              T        10          T     T     2024-03
 *  4   Île-de-France, 11          Traitées   Neutre     2024-03-04 08:00         2024-03-05 04:00              T        20          F     F     2024-03
 *  5   Île-de-France, 11          A traiter  Négatif    2024-03-05 08:00         -                             F        -           F     F     2024-03
 *  13  Île-de-France, 11          Traitées   Négatif    2024-03-06 08:00         2024-03-06 09:30:00.000036    T        1.50000001  T     T     2024-03
 *  15  Île-de-France, 11          null       Positif    2024-06-30 22:30         -                             F        -           F     F     2024-07 (00:30 CEST)
 *  6   Bretagne, 53               Traitées   Négatif    2024-01-31 23:30         2024-02-01 00:00              T        0.5         T     T     2024-02 (00:30 CET)
 *  7   Bretagne, 53               Traitées   Positif    2024-01-31 22:30         2024-01-31 22:30              T        0 (counts)  F     F     2024-01
 *  8   Bretagne, 53               Traitées   null       2024-02-10 10:00         -                             T(state) -           T     F     2024-02
 *  9   Bretagne, 53               A traiter  Négatif    2024-02-11 10:00         2024-02-11 09:00 (before)     T(first) - (neg.)    T     F     2024-02
 *  14  Bretagne, 53               Traitées   Négatif    2024-02-12 10:00         2024-02-12 16:00              T        6           T     F     2024-02
 *  10  null, 84  -> Non renseignée, null  A traiter  Négatif  2024-04-01 10:00   -                             F        -           F     F     2024-04
 *  11  "", 93    -> Non renseignée, null  Traitées   Neutre   2024-04-02 10:00   2024-04-02 13:00              T        3           F     F     2024-04
 *  12  null, null -> Non renseignée, null A traiter  Positif  2024-05-03 10:00   -                             F        -           F     F     2024-05
 * </pre>
 *
 * rated / converted come from every structure slot of the experience, including slots whose
 * structure_id is empty: e13's only rating is on a slot without id ("utile"), e8's on a slot with
 * id "" ("pas utile").
 */
final class SilverFixture {

  private SilverFixture() {}

  static final String IDF = "Île-de-France";
  static final String BRETAGNE = "Bretagne";
  static final String MISSING = "Non renseignée";

  static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }

  static Date date(String iso) {
    return Date.valueOf(iso);
  }

  static Object[] row(Object... values) {
    return values;
  }

  static List<String> list(String... values) {
    return Arrays.asList(values);
  }

  private static final StructType EXPERIENCE_COLUMNS = new StructType(new StructField[] {
      field("experience_id", DataTypes.LongType), field("state", DataTypes.StringType),
      field("published_at", DataTypes.TimestampType), field("first_response_at", DataTypes.TimestampType),
      field("sentiment", DataTypes.StringType), field("region_code", DataTypes.StringType),
      field("region_name", DataTypes.StringType), field("tag_accessibility", DataTypes.StringType),
      field("tag_information", DataTypes.StringType), field("tag_relation", DataTypes.StringType),
      field("tag_reactivity", DataTypes.StringType), field("tag_simplicity", DataTypes.StringType)});

  /** silver/experiences (columns gold does not read are null). */
  static Dataset<Row> experiences() {
    Dataset<Row> given = Frames.rows(EXPERIENCE_COLUMNS,
        // id, state, published_at, first_response_at, sentiment, region_code, region_name,
        // tags: accessibility, information, relation, reactivity, simplicity
        row(1L, "Traitées", ts("2024-03-01T08:00:00Z"), ts("2024-03-01T10:00:00Z"), "Négatif", "11", IDF, "Positif", "Négatif", null, null, null),
        row(2L, "Traitées", ts("2024-03-02T08:00:00Z"), ts("2024-03-02T12:00:00Z"), "Négatif", "11", IDF, "Positif", null, null, null, null),
        row(3L, "Traitées", ts("2024-03-03T08:00:00Z"), ts("2024-03-03T18:00:00Z"), "Positif", "11", IDF, null, null, "Négatif", null, null),
        row(4L, "Traitées", ts("2024-03-04T08:00:00Z"), ts("2024-03-05T04:00:00Z"), "Neutre", "11", IDF, null, null, null, null, null),
        row(5L, "A traiter", ts("2024-03-05T08:00:00Z"), null, "Négatif", "11", IDF, "Négatif", null, null, null, "Négatif"),
        row(6L, "Traitées", ts("2024-01-31T23:30:00Z"), ts("2024-02-01T00:00:00Z"), "Négatif", "53", BRETAGNE, "Positif", null, null, null, null),
        row(7L, "Traitées", ts("2024-01-31T22:30:00Z"), ts("2024-01-31T22:30:00Z"), "Positif", "53", BRETAGNE, null, "Positif", "Positif", null, null),
        row(8L, "Traitées", ts("2024-02-10T10:00:00Z"), null, null, "53", BRETAGNE, null, null, null, null, null),
        row(9L, "A traiter", ts("2024-02-11T10:00:00Z"), ts("2024-02-11T09:00:00Z"), "Négatif", "53", BRETAGNE, null, null, null, "Négatif", null),
        row(10L, "A traiter", ts("2024-04-01T10:00:00Z"), null, "Négatif", "84", null, null, null, null, null, "Positif"),
        row(11L, "Traitées", ts("2024-04-02T10:00:00Z"), ts("2024-04-02T13:00:00Z"), "Neutre", "93", "", null, null, null, null, null),
        row(12L, "A traiter", ts("2024-05-03T10:00:00Z"), null, "Positif", null, null, "Positif", null, null, null, null),
        row(13L, "Traitées", ts("2024-03-06T08:00:00Z"), ts("2024-03-06T09:30:00.000036Z"), "Négatif", "11", IDF, null, null, null, "Positif", null),
        row(14L, "Traitées", ts("2024-02-12T10:00:00Z"), ts("2024-02-12T16:00:00Z"), "Négatif", "53", BRETAGNE, null, null, null, "Négatif", null),
        row(15L, null, ts("2024-06-30T22:30:00Z"), null, "Positif", "11", IDF, null, null, null, null, null));
    return inSchema(given, Tables.SILVER_EXPERIENCES.schema());
  }

  private static final StructType STRUCTURE_COLUMNS = new StructType(new StructField[] {
      field("experience_id", DataTypes.LongType), field("slot", DataTypes.IntegerType),
      field("structure_id", DataTypes.StringType), field("structure_name", DataTypes.StringType),
      field("response_status", DataTypes.StringType), field("answered", DataTypes.BooleanType),
      field("useful_votes", DataTypes.IntegerType), field("useless_votes", DataTypes.IntegerType),
      field("author_rating", DataTypes.StringType)});

  /** silver/experience_structures (response_text and ai_similarity null). */
  static Dataset<Row> structures() {
    return structures(
        // experience_id, slot, structure_id, structure_name, response_status, answered, useful_votes,
        // useless_votes, author_rating
        row(1L, 1, "S1", "Mairie de Paris", "Réponse apportée", true, 3, 1, "utile"),
        row(1L, 2, "S1", "Mairie de Paris", null, false, 2, null, null),
        row(2L, 1, "S1", "Mairie Paris", "Réponse modifiée avec notification", true, 0, 4, "pas utile"),
        row(3L, 1, "S1", "Mairie de Paris", "Réponse adoptée", true, null, null, "utile"),
        row(4L, 1, "S1", "Mairie Paris", "Réponse apportée", true, 1, 0, null),
        row(5L, 1, "S1", null, "En attente de réponse", false, null, null, null),
        row(6L, 1, "S2", "CAF Bretagne", "Réponse apportée", true, 5, 5, "utile"),
        row(7L, 1, "S2", "caf Bretagne", "Réponse apportée", true, null, 0, null),
        row(9L, 1, "S2", "caf Bretagne", "Réponse apportée", true, 0, 0, "pas utile"),
        row(14L, 1, "S2", "CAF Bretagne", "Réponse dépubliée", false, null, null, "pas utile"),
        row(10L, 1, "S3", "Préfecture 84", null, false, null, null, null),
        row(12L, 1, "S3", "Préfecture 84", "En attente de réponse", false, null, null, null),
        row(11L, 1, "S4", null, "Réponse adoptée", true, 0, 0, null),
        row(13L, 1, null, "Préfecture du Nord", "Réponse apportée", true, 7, 1, "utile"),
        row(8L, 1, "", "Mairie de Rennes", "Réponse apportée", true, 9, 9, "pas utile"));
  }

  /** silver/experience_structures holding only these rows, given as in {@link #structures()}. */
  static Dataset<Row> structures(Object[]... rows) {
    return inSchema(Frames.rows(STRUCTURE_COLUMNS, rows), Tables.SILVER_EXPERIENCE_STRUCTURES.schema());
  }

  private static final StructType TYPOLOGY_COLUMNS = new StructType(new StructField[] {
      field("experience_id", DataTypes.LongType), field("slot", DataTypes.IntegerType),
      field("typology_id", DataTypes.StringType), field("typology_name", DataTypes.StringType),
      field("channels", DataTypes.createArrayType(DataTypes.StringType)),
      field("business_tags", DataTypes.createArrayType(DataTypes.StringType))});

  /** silver/experience_typologies (postal_code and typology_country null). */
  static Dataset<Row> typologies() {
    Dataset<Row> given = Frames.rows(TYPOLOGY_COLUMNS,
        // experience_id, slot, typology_id, typology_name, channels, business_tags
        row(1L, 1, "T1", "Carte identité", list("Téléphone", "Accueil"), list("Papiers")),
        row(1L, 2, "T1", "Carte identité", list("Téléphone"), list("Papiers", "Urgence")),
        row(2L, 1, "T1", "Carte d'identité", list("E-mail"), list()),
        row(3L, 1, "T1", "Carte d'identité", list(), list("Papiers")),
        row(13L, 1, "T1", "Carte identité", list("Accueil"), list()),
        row(13L, 2, "T3", "Impôts", list("Courrier"), list("Fiscalité")),
        row(6L, 1, "T2", "Allocations", list("Démarche en ligne"), list("Aides")),
        row(7L, 1, "T2", "Allocations", list("Démarche en ligne", "Téléphone"), list("Aides", "Logement")),
        row(8L, 1, "T2", "Allocations", list(), list()),
        row(9L, 1, "T2", "Allocations", list("Téléphone"), list()),
        row(14L, 1, "T2", "Allocations familiales", list("Téléphone"), list("Aides")),
        row(10L, 1, "T3", "Impots", list("Courrier"), list("Fiscalité")),
        row(11L, 1, "T3", null, list("Accueil", "Courrier"), list()),
        row(12L, 1, "", "Autre demande", list("Téléphone"), list("Urgence")));
    return inSchema(given, Tables.SILVER_EXPERIENCE_TYPOLOGIES.schema());
  }

  static Dataset<Row> facts() {
    return ExperienceFacts.of(experiences(), structures());
  }

  /** The expected frame of a gold table: its schema, these rows. */
  static Dataset<Row> expected(TableSpec spec, Object[]... rows) {
    return Frames.rows(Frames.plain(spec.schema()), rows);
  }

  private static StructField field(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  /** The given columns placed in the silver schema, the others null, all cast to the silver types. */
  static Dataset<Row> inSchema(Dataset<Row> given, StructType schema) {
    List<String> present = Arrays.asList(given.columns());
    Column[] columns = Arrays.stream(schema.fields())
        .map(f -> (present.contains(f.name()) ? col(f.name()) : lit(null)).cast(f.dataType()).as(f.name()))
        .toArray(Column[]::new);
    return given.select(columns);
  }
}
