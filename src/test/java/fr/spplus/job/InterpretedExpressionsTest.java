package fr.spplus.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.testing.SharedSpark;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gold steps' interpreted expressions: set for the step, the session's own settings back after. */
class InterpretedExpressionsTest {

  private static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  private static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

  private final SparkSession spark = SharedSpark.spark();
  private final RuntimeConfig conf = spark.conf();
  private final Map<String, String> sessionSettings = new HashMap<>();

  @BeforeEach
  void generatedCodeOutsideTheStep() {
    for (String key : List.of(WHOLE_STAGE, FACTORY_MODE)) {
      sessionSettings.put(key, conf.get(key));
    }
    conf.set(WHOLE_STAGE, "true");
    conf.set(FACTORY_MODE, "FALLBACK");
  }

  @AfterEach
  void sessionAsTheSuiteHadIt() {
    sessionSettings.forEach(conf::set);
  }

  @Test
  void theStepRunsWithoutGeneratedCodeAndTheSessionGetsItsSettingsBack() {
    assertTrue(compiled(query()), "outside the step, the query's stages are compiled");

    List<Object> inside = new InterpretedExpressions(spark, Map.of()).run(() -> List.of(
        compiled(query()), conf.get(FACTORY_MODE), query().collectAsList().toString()));

    assertEquals(List.of(false, "NO_CODEGEN", "[[4], [6], [8]]"), inside);
    assertEquals("true", conf.get(WHOLE_STAGE));
    assertEquals("FALLBACK", conf.get(FACTORY_MODE));
    assertTrue(compiled(query()));
  }

  @Test
  void theSessionsDefaultsComeBack() {
    conf.unset(WHOLE_STAGE);
    conf.unset(FACTORY_MODE);

    new InterpretedExpressions(spark, Map.of()).run(() -> compiled(query()));

    assertEquals("true", conf.get(WHOLE_STAGE));
    assertEquals("FALLBACK", conf.get(FACTORY_MODE));
    assertTrue(compiled(query()));
  }

  @Test
  void theSettingsComeBackWhenTheStepFails() {
    InterpretedExpressions steps = new InterpretedExpressions(spark, Map.of());

    assertThrows(IllegalStateException.class, () -> steps.run(() -> {
      throw new IllegalStateException("a gold table could not be written");
    }));

    assertEquals("true", conf.get(WHOLE_STAGE));
    assertEquals("FALLBACK", conf.get(FACTORY_MODE));
  }

  @Test
  void aConfigurationThatSetsEitherSettingDecidesForTheWholeRun() {
    for (Map.Entry<String, String> setting : Map.of(WHOLE_STAGE, "true", FACTORY_MODE, "CODEGEN_ONLY").entrySet()) {
      Map<String, String> configuration =
          Map.of(setting.getKey(), setting.getValue(), "spark.sql.shuffle.partitions", "8");

      boolean compiledInside = new InterpretedExpressions(spark, configuration).run(() -> compiled(query()));

      assertTrue(compiledInside, "configured " + setting);
      assertEquals("FALLBACK", conf.get(FACTORY_MODE));
    }
  }

  /** A query without a shuffle: its executed plan is Spark's own, not adaptive execution's wrapper. */
  private Dataset<Row> query() {
    return spark.range(1, 5).selectExpr("id * 2 as x").where("x > 2");
  }

  private static boolean compiled(Dataset<Row> query) {
    return query.queryExecution().executedPlan().exists(node -> node instanceof WholeStageCodegenExec);
  }
}
