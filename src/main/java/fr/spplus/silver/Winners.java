package fr.spplus.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import fr.spplus.publish.Tables;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The winner rule: of all accepted records of an experience, the one with the latest snapshot date;
 * ties go to the file whose base name sorts last (code points: Spark compares strings as UTF-8
 * bytes, which orders them by code point), then to the record that comes last in its file.
 *
 * <p>The rule is a maximum, so it can be applied incrementally: the winners of (previous winners ∪
 * new records) are the winners of all records.
 */
public final class Winners {

  private Winners() {}

  /** One row per experience_id, shaped as silver/winning_records. */
  public static Dataset<Row> pick(Dataset<Row> accepted) {
    var order = Window.partitionBy(col("experience_id"))
        .orderBy(col("snapshot_date").desc(), col("source_file").desc(), col("record_number").desc());
    Column[] columns = Arrays.stream(Tables.SILVER_WINNING_RECORDS.schema().fieldNames())
        .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    return accepted.select(columns)
        .withColumn("_rank", row_number().over(order))
        .where(col("_rank").equalTo(1))
        .drop("_rank");
  }
}
