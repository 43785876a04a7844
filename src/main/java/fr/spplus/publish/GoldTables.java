package fr.spplus.publish;

import static fr.spplus.publish.TableSpec.column;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The gold tables: the indicator tables of docs/contract.md sections 3 and 7 ({@link #RECOMPUTED})
 * and the two history tables of section 6 ({@link #HISTORY}); paths, column names and order, types,
 * and a comment on every column saying what it measures and how. Counts are BIGINT, rates, hours
 * and days DOUBLE (unrounded, null when the denominator is 0), months and snapshots DATE.
 *
 * <p>The comments use the contract's notation: e is an experience of silver/experiences;
 * answered(e) ⇔ first_response_at is not null or state = 'Traitées'; delay_hours(e) =
 * (first_response_at − published_at) in hours, defined when both exist and the difference is ≥ 0;
 * rated(e) ⇔ some structure slot of e has an author_rating; converted(e) ⇔ some structure slot of e
 * has author_rating = 'utile'. A region is the pair (region_name, region_code), ('Non renseignée',
 * null) when the export has no region name. The comments themselves are in French, like the other
 * tables' (docs/gold-metrics.md explains them in English).
 *
 * <p>Every table ends with {@link #SMALL_CELL} (an extra column, beyond the contract's): true when
 * the row describes fewer than K experiences, K being the run's minimum cell size.
 */
public final class GoldTables {

  private GoldTables() {}

  /** The BOOLEAN column appended to every gold table: the row describes fewer than K experiences. */
  public static final String SMALL_CELL = "small_cell";

  public static final TableSpec KPI_BY_STRUCTURE = new TableSpec("gold/kpi_by_structure",
      "Response and satisfaction indicators per structure (one row per non-empty structure_id).",
      schema(
          column("structure_id", StringType, "ID structure N (créneaux à ID vide exclus)"),
          column("structure_name", StringType,
              "Intitulé le plus fréquent parmi les créneaux de la structure (un créneau répété compte deux fois, "
                  + "intitulés vides ignorés; égalité: le plus petit par point de code; null si tous vides)"),
          column("experiences", LongType, "Nombre d'expériences distinctes liées à la structure"),
          column("answered", LongType,
              "Expériences distinctes dont un créneau de cette structure a un statut de réponse parmi Réponse "
                  + "apportée, Réponse modifiée avec notification, Réponse adoptée"),
          column("response_rate", DoubleType, "answered / experiences"),
          column("median_delay_hours", DoubleType,
              "Médiane exacte de delay_hours(e) sur les expériences distinctes répondues par cette structure et à "
                  + "délai défini (moyenne des deux valeurs centrales si nombre pair)"),
          column("p90_delay_hours", DoubleType,
              "90e centile de delay_hours(e), mêmes expériences que la médiane, interpolation linéaire au rang "
                  + "(n−1)·0,9"),
          column("negative_experiences", LongType, "Expériences liées de ressenti Négatif"),
          column("negative_rated", LongType,
              "Expériences Négatif dont un créneau de cette structure a une évaluation par l'auteur"),
          column("negative_converted", LongType,
              "Expériences Négatif dont un créneau de cette structure est évalué « utile » par l'auteur"),
          column("conversion_rate", DoubleType, "negative_converted / negative_rated"),
          column("useful_votes", LongType,
              "Somme des votes « utile » des visiteurs sur tous les créneaux de la structure (null si tous null)"),
          column("useless_votes", LongType,
              "Somme des votes « inutile » des visiteurs sur tous les créneaux de la structure (null si tous null)"),
          column("usefulness_rate", DoubleType, "useful_votes / (useful_votes + useless_votes)"),
          smallCell("experiences < K")));

  public static final TableSpec KPI_BY_TYPOLOGY = new TableSpec("gold/kpi_by_typology",
      "Response and satisfaction indicators per typology (one row per non-empty typology_id).",
      schema(
          column("typology_id", StringType, "ID typologie N (créneaux à ID vide exclus)"),
          column("typology_name", StringType,
              "Intitulé le plus fréquent parmi les créneaux de la typologie (un créneau répété compte deux fois, "
                  + "intitulés vides ignorés; égalité: le plus petit par point de code; null si tous vides)"),
          column("experiences", LongType, "Nombre d'expériences distinctes liées à la typologie"),
          column("answered", LongType, "Expériences liées avec answered(e)"),
          column("response_rate", DoubleType, "answered / experiences"),
          column("median_delay_hours", DoubleType,
              "Médiane exacte de delay_hours(e) sur les expériences liées à délai défini"),
          column("p90_delay_hours", DoubleType,
              "90e centile de delay_hours(e) sur les expériences liées à délai défini, interpolation linéaire au "
                  + "rang (n−1)·0,9"),
          column("negative_experiences", LongType, "Expériences liées de ressenti Négatif"),
          column("negative_rated", LongType, "Expériences liées de ressenti Négatif avec rated(e)"),
          column("negative_converted", LongType, "Expériences liées de ressenti Négatif avec converted(e)"),
          column("conversion_rate", DoubleType, "negative_converted / negative_rated"),
          smallCell("experiences < K")));

  public static final TableSpec KPI_BY_REGION = new TableSpec("gold/kpi_by_region",
      "Volume, sentiment, response and conversion indicators per user region.",
      schema(regionKpiColumns(false)));

  public static final TableSpec KPI_BY_REGION_MONTH = new TableSpec("gold/kpi_by_region_month",
      "The kpi_by_region indicators per region and Europe/Paris month of publication.",
      schema(regionKpiColumns(true)));

  public static final TableSpec TAG_FREQUENCY_BY_REGION = new TableSpec("gold/tag_frequency_by_region",
      "How often each general tag is given, by valence, per region.",
      schema(
          regionName(),
          regionCode(),
          column("tag", StringType,
              "Libellé source du tag général: Accessibilité, Information/Explication, Relation, Réactivité, "
                  + "Simplicité/Complexité"),
          column("valence", StringType, "Valeur du tag: Positif ou Négatif"),
          column("experiences", LongType, "Expériences de la région portant ce tag avec cette valence"),
          regionExperiences(),
          column("share", DoubleType, "experiences / region_experiences"),
          smallCell("experiences < K ou region_experiences < K")));

  public static final TableSpec BUSINESS_TAG_FREQUENCY_BY_REGION = new TableSpec(
      "gold/business_tag_frequency_by_region",
      "How often each business tag (Tags métier typologie N) appears, per region.",
      schema(
          regionName(),
          regionCode(),
          column("business_tag", StringType, "Tag métier, tel qu'écrit (Tags métier typologie N)"),
          column("experiences", LongType,
              "Expériences distinctes de la région portant ce tag dans au moins un créneau typologie (même à ID "
                  + "vide)"),
          regionExperiences(),
          column("share", DoubleType, "experiences / region_experiences"),
          smallCell("experiences < K ou region_experiences < K")));

  public static final TableSpec CHANNEL_FREQUENCY_BY_TYPOLOGY = new TableSpec("gold/channel_frequency_by_typology",
      "How often each contact channel is listed, per typology.",
      schema(
          column("typology_id", StringType, "ID typologie N (créneaux à ID vide exclus)"),
          column("typology_name", StringType, "Intitulé le plus fréquent de la typologie (même règle que kpi_by_typology)"),
          column("channel", StringType, "Canal (valeur canonique de Canaux Typologie N)"),
          column("experiences", LongType,
              "Expériences distinctes dont un créneau de cette typologie liste ce canal"),
          column("typology_experiences", LongType, "Expériences distinctes liées à la typologie"),
          column("share", DoubleType, "experiences / typology_experiences"),
          smallCell("experiences < K ou typology_experiences < K")));

  public static final TableSpec RESPONSE_BACKLOG = new TableSpec("gold/response_backlog",
      "The response backlog at each snapshot, per region: experiences present, answered, open, and how old the "
          + "open ones are.",
      schema(
          snapshotDate("Date de l'instantané (export) auquel l'arriéré est mesuré"),
          column("region_name", StringType,
              "Intitulé région usager de l'expérience dans silver/experiences; « Non renseignée » quand l'export "
                  + "n'en donne pas"),
          regionCode(),
          column("present", LongType,
              "Expériences de la région présentes à l'instantané (la version de silver/experience_history qui "
                  + "couvre la date est présente)"),
          column("answered", LongType, "Expériences présentes dont la version qui couvre la date est répondue (answered)"),
          column("open", LongType, "present − answered: expériences présentes sans réponse"),
          column("response_rate", DoubleType, "answered / present"),
          column("open_over_7_days", LongType,
              "Expériences ouvertes d'âge > 7 jours à l'instantané (exactement 7 jours ne compte pas); âge = "
                  + "(date de l'instantané à 00:00 Europe/Paris − published_at de silver/experiences) en jours "
                  + "(secondes / 86 400)"),
          column("open_over_30_days", LongType,
              "Expériences ouvertes d'âge > 30 jours à l'instantané (exactement 30 jours ne compte pas), même âge"),
          column("median_open_age_days", DoubleType,
              "Médiane exacte de l'âge en jours des expériences ouvertes ayant une date de publication (moyenne "
                  + "des deux valeurs centrales si nombre pair); null s'il n'y en a aucune"),
          smallCell("present < K")));

  public static final TableSpec SNAPSHOT_ACTIVITY = new TableSpec("gold/snapshot_activity",
      "What happened at each snapshot since the previous one: experiences published, changed, removed, "
          + "reappeared, newly answered.",
      schema(
          snapshotDate("Date de l'instantané (export)"),
          column("previous_snapshot_date", DateType,
              "Instantané précédent (la plus grande date d'instantané antérieure); null pour le premier"),
          column("present", LongType,
              "Expériences présentes à l'instantané; present = present du précédent + published + reappeared − "
                  + "removed"),
          column("published", LongType,
              "Versions « published » commençant à l'instantané: expériences vues pour la première fois"),
          column("changed", LongType,
              "Versions « changed » commençant à l'instantané: état, statut, date de première réponse ou "
                  + "nombres de créneaux répondus / évalués / évalués utiles modifiés"),
          column("removed", LongType,
              "Versions « removed » commençant à l'instantané: expériences absentes de l'export, présentes au "
                  + "précédent"),
          column("reappeared", LongType,
              "Versions « reappeared » commençant à l'instantané: expériences revenues après une absence"),
          column("newly_answered", LongType,
              "Expériences répondues (answered) dans la version qui couvre l'instantané, présentes et non "
                  + "répondues dans celle qui couvre l'instantané précédent"),
          smallCell("present < K")));

  public static final TableSpec AI_ANSWER_QUALITY = new TableSpec("gold/ai_answer_quality",
      "Answers by closeness to an AI draft: satisfaction, conversion, votes and delay per month and band "
          + "(docs/contract.md section 7).",
      schema(
          column("month", DateType,
              "Premier jour du mois (Europe/Paris) de published_at (Date de publication) de l'expérience; "
                  + "expériences sans published_at exclues"),
          column("ai_band", StringType,
              "Tranche de Taux de similarité réponse IA structure N: identical (100), high (50 à 99), "
                  + "low (0 à 49), none (pas de valeur)"),
          column("answers", LongType,
              "Créneaux structure répondus (statut Réponse apportée, Réponse modifiée avec notification ou "
                  + "Réponse adoptée) de la tranche"),
          column("experiences", LongType,
              "Expériences distinctes ayant au moins un créneau répondu dans la tranche (une expérience à deux "
                  + "créneaux dans deux tranches compte dans les deux)"),
          column("rated", LongType, "Créneaux répondus ayant une évaluation par l'auteur"),
          column("useful", LongType, "Créneaux répondus évalués « utile » par l'auteur"),
          column("useful_rate", DoubleType, "useful / rated"),
          column("negative_rated", LongType,
              "Créneaux répondus d'expériences de ressenti Négatif ayant une évaluation par l'auteur"),
          column("negative_converted", LongType,
              "Créneaux répondus d'expériences de ressenti Négatif évalués « utile » par l'auteur"),
          column("conversion_rate", DoubleType, "negative_converted / negative_rated"),
          column("useful_votes", LongType,
              "Somme des votes « utile » des visiteurs sur les créneaux répondus (null si tous null)"),
          column("useless_votes", LongType,
              "Somme des votes « inutile » des visiteurs sur les créneaux répondus (null si tous null)"),
          column("usefulness_rate", DoubleType, "useful_votes / (useful_votes + useless_votes)"),
          column("median_delay_hours", DoubleType,
              "Médiane exacte de delay_hours(e) sur les expériences distinctes de la ligne à délai défini "
                  + "(chacune une fois, quel que soit son nombre de créneaux)"),
          smallCell("experiences < K")));

  /**
   * The indicator tables recomputed in full from silver by every run, in the order it writes them:
   * the seven of docs/contract.md section 3, then ai_answer_quality (section 7).
   */
  public static final List<TableSpec> RECOMPUTED = List.of(KPI_BY_STRUCTURE, KPI_BY_TYPOLOGY, KPI_BY_REGION,
      KPI_BY_REGION_MONTH, TAG_FREQUENCY_BY_REGION, BUSINESS_TAG_FREQUENCY_BY_REGION, CHANNEL_FREQUENCY_BY_TYPOLOGY,
      AI_ANSWER_QUALITY);

  /**
   * The history tables (docs/contract.md section 6): one or more rows per snapshot, written for the
   * snapshots a run adds or affects only, from silver/experience_history.
   */
  public static final List<TableSpec> HISTORY = List.of(RESPONSE_BACKLOG, SNAPSHOT_ACTIVITY);

  /** Every gold table: {@link #RECOMPUTED}, then {@link #HISTORY}. */
  public static final List<TableSpec> ALL = concat(RECOMPUTED, HISTORY);

  private static List<TableSpec> concat(List<TableSpec> first, List<TableSpec> second) {
    List<TableSpec> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  private static StructType schema(StructField... fields) {
    return new StructType(fields);
  }

  private static StructType schema(List<StructField> fields) {
    return new StructType(fields.toArray(StructField[]::new));
  }

  /**
   * The small-cell flag, last column of every gold table: the row describes too few experiences to
   * be published (K = the run's --min-cell-size, conf key gold.min_cell_size). The rows stay in
   * gold so that totals still add up; whoever publishes withholds the flagged ones.
   */
  private static StructField smallCell(String rule) {
    return column(SMALL_CELL, BooleanType,
        "Petite cellule: " + rule + " (K = --min-cell-size de l'exécution, gold.min_cell_size, 5 par défaut); "
            + "vrai = chiffre à ne pas publier, il pourrait désigner une personne");
  }

  private static StructField snapshotDate(String comment) {
    return column("snapshot_date", DateType, comment);
  }

  private static StructField regionName() {
    return column("region_name", StringType,
        "Intitulé région usager; « Non renseignée » quand l'export n'en donne pas");
  }

  private static StructField regionCode() {
    return column("region_code", StringType,
        "Code INSEE Région usager; null quand l'intitulé de région est absent (quel que soit le code)");
  }

  private static StructField regionExperiences() {
    return column("region_experiences", LongType, "Toutes les expériences de la région");
  }

  private static List<StructField> regionKpiColumns(boolean monthly) {
    String of = monthly ? "de la région publiées ce mois" : "de la région";
    List<StructField> fields = new ArrayList<>(List.of(regionName(), regionCode()));
    if (monthly) {
      fields.add(column("month", DateType,
          "Premier jour du mois (Europe/Paris) de published_at (Date de publication)"));
    }
    fields.addAll(List.of(
        column("experiences", LongType, "Expériences " + of),
        column("positive", LongType, "Expériences " + of + " de ressenti Positif"),
        column("neutral", LongType, "Expériences " + of + " de ressenti Neutre"),
        column("negative", LongType, "Expériences " + of + " de ressenti Négatif"),
        column("answered", LongType, "Expériences " + of + " avec answered(e)"),
        column("response_rate", DoubleType, "answered / experiences"),
        column("median_delay_hours", DoubleType,
            "Médiane exacte de delay_hours(e) sur les expériences " + of + " à délai défini"),
        column("p90_delay_hours", DoubleType,
            "90e centile de delay_hours(e) sur les expériences " + of
                + " à délai défini, interpolation linéaire au rang (n−1)·0,9"),
        column("negative_rated", LongType, "Expériences " + of + " de ressenti Négatif avec rated(e)"),
        column("negative_converted", LongType, "Expériences " + of + " de ressenti Négatif avec converted(e)"),
        column("conversion_rate", DoubleType, "negative_converted / negative_rated"),
        smallCell("experiences < K")));
    return fields;
  }
}
