package fr.spplus.publish;

import static fr.spplus.publish.TableSpec.column;
import static fr.spplus.source.BronzeColumns.CONTENT_HASH;
import static fr.spplus.source.BronzeColumns.ENCODING;
import static fr.spplus.source.BronzeColumns.EXTRA_COLUMNS;
import static fr.spplus.source.BronzeColumns.INGESTED_AT;
import static fr.spplus.source.BronzeColumns.RAW_RECORD;
import static fr.spplus.source.BronzeColumns.RECORD_NUMBER;
import static fr.spplus.source.BronzeColumns.RUN_ID;
import static fr.spplus.source.BronzeColumns.SNAPSHOT_DATE;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import fr.spplus.source.BronzeColumns;
import fr.spplus.source.SourceColumns;
import fr.spplus.source.SourceColumns.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every table of the warehouse (docs/contract.md section 2), schemas declared once. Column comments carry
 * the French source label (bronze, silver) or what the column measures (gold, audit).
 */
public final class Tables {

  private Tables() {}


  // ---------------------------------------------------------------- shared columns

  static StructField sourceFile() {
    return column(SOURCE_FILE, StringType, "Nom du fichier d'export (base name) d'où vient l'enregistrement");
  }

  static StructField snapshotDate() {
    return column(SNAPSHOT_DATE, DateType,
        "Date de l'instantané: première date du nom du fichier, sinon date de dernière modification (UTC)");
  }

  static StructField recordNumber() {
    return column(RECORD_NUMBER, LongType,
        "Numéro de l'enregistrement dans son fichier (1 = premier après l'en-tête)");
  }

  static StructField runId() {
    return column(RUN_ID, StringType, "Identifiant de l'exécution du job qui a écrit la ligne");
  }

  private static StructField label(Column c, org.apache.spark.sql.types.DataType type) {
    return column(c.name(), type, c.label());
  }

  // ---------------------------------------------------------------- bronze

  /** The metadata columns bronze puts before the record's fields. */
  public static final List<String> BRONZE_METADATA = BronzeColumns.METADATA;

  public static final TableSpec BRONZE_EXPERIENCES_RAW = new TableSpec("bronze/experiences_raw",
      "Every record of every ingested export file, as read (all fields as strings).",
      bronzeSchema(), List.of());

  private static StructType bronzeSchema() {
    List<StructField> fields = new ArrayList<>(List.of(
        sourceFile(), snapshotDate(), recordNumber(),
        column(ENCODING, StringType, "Encodage avec lequel le fichier a été lu (UTF-8, windows-1252, UTF-16)"),
        runId(),
        column(INGESTED_AT, TimestampType, "Instant d'ingestion du fichier"),
        column(CONTENT_HASH, StringType, "SHA-256 du contenu du fichier (version du fichier)"),
        column(RAW_RECORD, StringType,
            "Texte exact de l'enregistrement quand son nombre de champs diffère de l'en-tête; null sinon")));
    for (Column c : SourceColumns.KNOWN) {
      fields.add(label(c, StringType));
    }
    fields.add(column(EXTRA_COLUMNS, DataTypes.createMapType(StringType, StringType),
        "Colonnes inconnues du fichier: libellé d'en-tête tel qu'écrit -> valeur"));
    return new StructType(fields.toArray(StructField[]::new));
  }

  // ---------------------------------------------------------------- silver

  public static final TableSpec SILVER_EXPERIENCES = new TableSpec("silver/experiences",
      "One clean row per experience: the winning record of all snapshots, typed and normalised.",
      new StructType(new StructField[] {
          column("experience_id", LongType, SourceColumns.EXPERIENCE_ID.label()),
          label(SourceColumns.STATE, StringType),
          label(SourceColumns.STATUS, StringType),
          label(SourceColumns.WRITTEN_AT, TimestampType),
          label(SourceColumns.PUBLISHED_AT, TimestampType),
          label(SourceColumns.FIRST_RESPONSE_AT, TimestampType),
          label(SourceColumns.TITLE, StringType),
          label(SourceColumns.DESCRIPTION, StringType),
          label(SourceColumns.POSTED_AS, StringType),
          label(SourceColumns.SENTIMENT, StringType),
          label(SourceColumns.DEPARTMENT_CODE, StringType),
          label(SourceColumns.DEPARTMENT_NAME, StringType),
          label(SourceColumns.REGION_CODE, StringType),
          label(SourceColumns.REGION_NAME, StringType),
          label(SourceColumns.COUNTRY, StringType),
          label(SourceColumns.OUT_OF_SCOPE, BooleanType),
          label(SourceColumns.SIMILAR_EXPERIENCES, IntegerType),
          label(SourceColumns.IMPROVEMENT, BooleanType),
          label(SourceColumns.TAG_ACCESSIBILITY, StringType),
          label(SourceColumns.TAG_INFORMATION, StringType),
          label(SourceColumns.TAG_RELATION, StringType),
          label(SourceColumns.TAG_REACTIVITY, StringType),
          label(SourceColumns.TAG_SIMPLICITY, StringType),
          label(SourceColumns.PROCEDURES_ENTERED, StringType),
          snapshotDate(),
          sourceFile(),
      }), List.of());

  public static final TableSpec SILVER_EXPERIENCE_TYPOLOGIES = new TableSpec("silver/experience_typologies",
      "The three typology slots unpivoted: one row per non-empty slot.",
      new StructType(new StructField[] {
          column("experience_id", LongType, SourceColumns.EXPERIENCE_ID.label()),
          column("slot", IntegerType, "Numéro du créneau N (1 à 3) des colonnes « … typologie N »"),
          label(SourceColumns.TYPOLOGY_SLOT.id(), StringType),
          label(SourceColumns.TYPOLOGY_SLOT.name(), StringType),
          label(SourceColumns.TYPOLOGY_SLOT.postalCode(), StringType),
          label(SourceColumns.TYPOLOGY_SLOT.country(), StringType),
          column(SourceColumns.TYPOLOGY_SLOT.channels().name(), DataTypes.createArrayType(StringType),
              SourceColumns.TYPOLOGY_SLOT.channels().label() + " (valeurs canoniques)"),
          label(SourceColumns.TYPOLOGY_SLOT.businessTags(), DataTypes.createArrayType(StringType)),
      }), List.of());

  public static final TableSpec SILVER_EXPERIENCE_STRUCTURES = new TableSpec("silver/experience_structures",
      "The three structure slots unpivoted: one row per non-empty slot.",
      new StructType(new StructField[] {
          column("experience_id", LongType, SourceColumns.EXPERIENCE_ID.label()),
          column("slot", IntegerType, "Numéro du créneau N (1 à 3) des colonnes « … structure N »"),
          label(SourceColumns.STRUCTURE_SLOT.id(), StringType),
          label(SourceColumns.STRUCTURE_SLOT.name(), StringType),
          label(SourceColumns.STRUCTURE_SLOT.responseStatus(), StringType),
          column("answered", BooleanType,
              "Statut réponse structure N parmi Réponse apportée, Réponse modifiée avec notification, Réponse adoptée"),
          label(SourceColumns.STRUCTURE_SLOT.usefulVotes(), IntegerType),
          label(SourceColumns.STRUCTURE_SLOT.uselessVotes(), IntegerType),
          label(SourceColumns.STRUCTURE_SLOT.authorRating(), StringType),
          label(SourceColumns.STRUCTURE_SLOT.responseText(), StringType),
          label(SourceColumns.STRUCTURE_SLOT.aiSimilarity(), IntegerType),
      }), List.of());

  public static final TableSpec SILVER_QUARANTINE = new TableSpec("silver/quarantine",
      "Records that could not be trusted, kept with exactly one reason.",
      new StructType(new StructField[] {
          sourceFile(), snapshotDate(), recordNumber(),
          column("reason", StringType,
              "Motif: malformed_record, missing_id, invalid_id ou invalid_published_at (premier applicable)"),
          column(RAW_RECORD, StringType, "Texte de l'enregistrement d'origine"),
          runId(),
      }), List.of());

  public static final TableSpec SILVER_DATA_QUALITY_ISSUES = new TableSpec("silver/data_quality_issues",
      "Problems found in the values of the winning records, one row per problem.",
      new StructType(new StructField[] {
          column("experience_id", LongType, SourceColumns.EXPERIENCE_ID.label()),
          sourceFile(),
          column("column", StringType, "Libellé officiel de la colonne source"),
          column("issue", StringType, "unknown_value, unparseable_date, invalid_number ou negative_delay"),
          column("raw_value", StringType, "Valeur telle qu'écrite dans l'export"),
          runId(),
      }), List.of());

  /**
   * The versions of every experience across the snapshots (docs/contract.md section 6): a version
   * starts when the experience is published, its tracked attributes change, it leaves the export
   * (removed) or comes back (reappeared), and lasts until the next one starts.
   */
  public static final TableSpec SILVER_EXPERIENCE_HISTORY = new TableSpec("silver/experience_history",
      "One row per version of an experience across the snapshots: published, changed, removed, reappeared.",
      new StructType(new StructField[] {
          column("experience_id", LongType, SourceColumns.EXPERIENCE_ID.label()),
          column("valid_from", DateType, "Date de l'instantané où la version commence"),
          column("valid_to", DateType,
              "Date de l'instantané où la version suivante commence; null pour la version courante"),
          column("change", StringType,
              "Ce qui a ouvert la version: published (première observation), changed (attributs suivis modifiés), "
                  + "removed (absente de l'instantané), reappeared (de nouveau présente après une absence)"),
          column("present", BooleanType, "Expérience présente dans l'export pendant la version (false pour removed)"),
          label(SourceColumns.STATE, StringType),
          label(SourceColumns.STATUS, StringType),
          label(SourceColumns.FIRST_RESPONSE_AT, TimestampType),
          column("answered_slots", IntegerType,
              "Créneaux structure N dont le Statut réponse structure N est Réponse apportée, "
                  + "Réponse modifiée avec notification ou Réponse adoptée"),
          column("rated_slots", IntegerType, "Créneaux structure N ayant une Evaluation réponse structure N par auteur"),
          column("useful_slots", IntegerType, "Créneaux structure N évalués utile par l'auteur"),
          column("answered", BooleanType,
              "Répondue dans cette version: Date de première réponse renseignée ou Etat expérience = Traitées "
                  + "(false si les deux sont vides; null pour removed)"),
          column(SOURCE_FILE, StringType,
              "Nom du fichier d'export de l'observation qui a ouvert la version (null pour removed)"),
      }), List.of());

  /**
   * Internal state: the raw winning record of each experience (bronze columns, author name left
   * out), from which the silver tables are derived. Keeping it makes a daily run merge one new
   * snapshot into it instead of re-ranking all history.
   */
  public static final TableSpec SILVER_WINNING_RECORDS = new TableSpec("silver/winning_records",
      "Internal: the raw winning record of each experience, from which silver is derived.",
      winningRecordsSchema(), List.of());

  private static StructType winningRecordsSchema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(column("experience_id", LongType, SourceColumns.EXPERIENCE_ID.label()));
    for (StructField f : BRONZE_EXPERIENCES_RAW.schema().fields()) {
      boolean dropped = f.name().equals(SourceColumns.EXPERIENCE_ID.name())
          || f.name().equals(SourceColumns.AUTHOR_PSEUDONYM.name()) || f.name().equals(EXTRA_COLUMNS)
          || f.name().equals(RAW_RECORD) || f.name().equals(INGESTED_AT);
      if (!dropped) {
        fields.add(f);
      }
    }
    return new StructType(fields.toArray(StructField[]::new));
  }

  // ---------------------------------------------------------------- audit

  public static final TableSpec AUDIT_RUNS = new TableSpec("audit/runs",
      "One row per run of the job.",
      new StructType(new StructField[] {
          runId(),
          column("started_at", TimestampType, "Début de l'exécution"),
          column("finished_at", TimestampType, "Fin de l'exécution"),
          column("status", StringType, "succeeded, partial (des fichiers rejetés) ou failed"),
          column("files_seen", LongType, "Fichiers d'export trouvés dans les entrées"),
          column("files_ingested", LongType, "Fichiers lus et ajoutés au bronze"),
          column("files_skipped", LongType, "Fichiers déjà ingérés avec le même contenu"),
          column("files_rejected", LongType, "Fichiers rejetés en entier"),
          column("records_read", LongType, "Enregistrements lus dans les fichiers ingérés"),
          column("records_accepted", LongType, "Enregistrements acceptés"),
          column("records_quarantined", LongType, "Enregistrements mis en quarantaine"),
          column("experiences", LongType, "Lignes de silver/experiences après l'exécution"),
          column("job_version", StringType, "Version du job"),
          column("options", StringType, "Configuration effective (JSON)"),
          column("silver_mode", StringType, "incremental (fusion des nouveaux fichiers) ou full (reconstruction depuis le bronze)"),
          column("stage_seconds", DataTypes.createMapType(StringType, DoubleType), "Durée de chaque étape, en secondes"),
          column("table_versions", DataTypes.createMapType(StringType, LongType),
              "Version Delta de chaque table écrite par l'exécution (lecture cohérente: VERSION AS OF)"),
          column("error", StringType, "Message d'erreur d'une exécution en échec"),
      }), List.of());

  public static final TableSpec AUDIT_FILES = new TableSpec("audit/files",
      "One row per file version seen by a run that ingested or rejected it: the ingestion ledger.",
      new StructType(new StructField[] {
          runId(),
          sourceFile(),
          column("path", StringType, "Chemin complet du fichier lu"),
          column(CONTENT_HASH, StringType, "SHA-256 du contenu du fichier"),
          column("size_bytes", LongType, "Taille du fichier en octets"),
          column("modified_at", TimestampType, "Date de dernière modification du fichier"),
          snapshotDate(),
          column("snapshot_date_from", StringType, "file_name ou last_modified: d'où vient snapshot_date"),
          column(ENCODING, StringType, "Encodage détecté"),
          column("separator", StringType, "Séparateur détecté"),
          column("header", DataTypes.createArrayType(StringType), "En-tête du fichier, libellés tels qu'écrits"),
          column("header_keys", DataTypes.createArrayType(StringType),
              "Pour chaque colonne de l'en-tête: la colonne bronze qu'elle remplit (nom snake_case ou clé de extra_columns)"),
          column("status", StringType, "ingested, reingested (contenu modifié sous le même nom) ou rejected"),
          column("rejection_reason", StringType, "Motif du rejet du fichier entier"),
          column("records_read", LongType, "Enregistrements lus"),
          column("records_accepted", LongType, "Enregistrements acceptés"),
          column("records_quarantined", LongType, "Enregistrements mis en quarantaine"),
          column("quarantined_by_reason", DataTypes.createMapType(StringType, LongType), "Quarantaine par motif"),
      }), List.of());

  public static final List<TableSpec> BRONZE = List.of(BRONZE_EXPERIENCES_RAW);

  public static final List<TableSpec> AUDIT = List.of(AUDIT_RUNS, AUDIT_FILES);

  public static final List<TableSpec> SILVER = List.of(SILVER_EXPERIENCES, SILVER_EXPERIENCE_TYPOLOGIES,
      SILVER_EXPERIENCE_STRUCTURES, SILVER_QUARANTINE, SILVER_DATA_QUALITY_ISSUES, SILVER_EXPERIENCE_HISTORY,
      SILVER_WINNING_RECORDS);

}
