package fr.spplus.gold;

import fr.spplus.source.SourceColumns;

/**
 * Column names gold reads from silver and the names of its intermediate facts. The gold output
 * names are those of {@link fr.spplus.publish.GoldTables}; they are repeated here only where a
 * transformation builds them.
 */
final class GoldColumns {

  private GoldColumns() {}

  // silver/experiences
  static final String EXPERIENCE_ID = SourceColumns.EXPERIENCE_ID.name();
  static final String STATE = SourceColumns.STATE.name();
  static final String PUBLISHED_AT = SourceColumns.PUBLISHED_AT.name();
  static final String FIRST_RESPONSE_AT = SourceColumns.FIRST_RESPONSE_AT.name();
  static final String SENTIMENT = SourceColumns.SENTIMENT.name();
  static final String REGION_NAME = SourceColumns.REGION_NAME.name();
  static final String REGION_CODE = SourceColumns.REGION_CODE.name();

  // silver/experience_typologies
  static final String TYPOLOGY_ID = SourceColumns.TYPOLOGY_SLOT.id().name();
  static final String TYPOLOGY_NAME = SourceColumns.TYPOLOGY_SLOT.name().name();
  static final String CHANNELS = SourceColumns.TYPOLOGY_SLOT.channels().name();
  static final String BUSINESS_TAGS = SourceColumns.TYPOLOGY_SLOT.businessTags().name();

  // silver/experience_structures
  static final String STRUCTURE_ID = SourceColumns.STRUCTURE_SLOT.id().name();
  static final String STRUCTURE_NAME = SourceColumns.STRUCTURE_SLOT.name().name();
  static final String RESPONSE_STATUS = SourceColumns.STRUCTURE_SLOT.responseStatus().name();
  static final String USEFUL_VOTES = SourceColumns.STRUCTURE_SLOT.usefulVotes().name();
  static final String USELESS_VOTES = SourceColumns.STRUCTURE_SLOT.uselessVotes().name();
  static final String AUTHOR_RATING = SourceColumns.STRUCTURE_SLOT.authorRating().name();
  static final String AI_SIMILARITY = SourceColumns.STRUCTURE_SLOT.aiSimilarity().name();

  // silver/experience_history (docs/contract.md section 6) and the snapshots a history table is computed for
  static final String VALID_FROM = "valid_from";
  static final String VALID_TO = "valid_to";
  static final String CHANGE = "change";
  static final String PRESENT = "present";
  static final String SNAPSHOT_DATE = "snapshot_date";
  static final String PREVIOUS_SNAPSHOT_DATE = "previous_snapshot_date";

  // the values of silver/experience_history's change column
  static final String CHANGE_PUBLISHED = "published";
  static final String CHANGE_CHANGED = "changed";
  static final String CHANGE_REMOVED = "removed";
  static final String CHANGE_REAPPEARED = "reappeared";

  // experience facts (ExperienceFacts) and gold measures
  static final String ANSWERED = "answered";
  static final String DELAY_HOURS = "delay_hours";
  static final String RATED = "rated";
  static final String CONVERTED = "converted";
  static final String MONTH = "month";
  static final String EXPERIENCES = "experiences";
  static final String SHARE = "share";
  static final String REGION_EXPERIENCES = "region_experiences";
  static final String TYPOLOGY_EXPERIENCES = "typology_experiences";
  static final String TAG = "tag";
  static final String VALENCE = "valence";
  static final String BUSINESS_TAG = "business_tag";
  static final String CHANNEL = "channel";
}
