"""Airflow DAG: the daily SP+ refresh (fetch the day's export, ingest it, rebuild silver and gold).

Two tasks, fetch then run:
  - spplus_fetch: `spplus fetch` through jobs/spplus-submit (BashOperator; a plain JVM, no Spark)
    downloads the current export from the data.gouv.fr dataset API into the landing folder, checked.
    "Up to date" (already fetched) is a success: the run then finds nothing new and says so.
  - spplus_run: `spplus run` on the landing folder, submitted with SparkSubmitOperator
    (apache-airflow-providers-apache-spark), only when the fetch succeeded.
The Airflow worker needs a Spark 4.1.0 client (spark-submit on PATH, or the connection's
"spark-binary"/SPARK_HOME), a checkout of the project with the cluster jar built, network access to
the cluster, and HTTPS access to the API (https_proxy / no_proxy in the worker's environment are
honoured).

Set up once (docs/operations.md, "Airflow"):
  - connection `spark_spplus`: type Spark, host spark://MASTER (or yarn, k8s://https://HOST), port 7077,
    extra {"deploy-mode": "client"}. Client mode keeps the job's own exit code: 3 (some files
    rejected) is then told apart from 1 (failure); in standalone cluster mode both are a failed driver.
  - variables (Admin > Variables) naming paths the driver and every executor can read:
    spplus_home (the checkout on the Airflow worker, for jobs/spplus-submit), spplus_jar (the
    cluster jar), spplus_conf (a copy of conf/standalone.properties), spplus_landing (the landing
    folder: fetch writes it, run reads it), spplus_warehouse (the Delta tables' root).

Exit codes, as the tasks see them: 0 success; 1 failure (of the fetch: its log's last line names the
address and the reason, nothing was landed; of the run: the tables are as the previous run left
them: clear the task to rerun once the cause is fixed); 2 bad usage (fix the variables); 3 the run
finished but some files were rejected (silver and gold are up to date without them; audit/files
says why). A retry does not help 2 or 3: one retry is kept for transient cluster failures (the
fetch retries network errors itself, with backoff, within its --max-time).
"""

from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# Spark on Java 17 needs these opens in every JVM (the same list as pom.xml's spark.jvm.opens).
JAVA_17_OPENS = " ".join([
    "-XX:+IgnoreUnrecognizedVMOptions",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
    "-Djdk.reflect.useDirectMethodHandle=false",
    "-Dio.netty.tryReflectionSetAccessible=true",
])
# The JVMs of a run: the opens and the throughput collector, as conf/standalone.properties gives
# jobs/spplus-submit (docs/performance.md, "Where a run's CPU goes").
RUN_JVM_OPTIONS = JAVA_17_OPENS + " -XX:+UseParallelGC"

with DAG(
    dag_id="spplus_daily_refresh",
    description="SP+ export from data.gouv.fr -> bronze, silver, gold Delta tables (spplus fetch, spplus run)",
    # The platform publishes its export overnight; run once it is there.
    schedule="30 6 * * *",
    start_date=pendulum.datetime(2025, 1, 1, tz="Europe/Paris"),
    # Each run ingests every file not yet ingested: a missed day is caught up by the next run.
    catchup=False,
    # The job locks its warehouse; a second run at the same time would fail, not wait.
    max_active_runs=1,
    default_args={
        "owner": "data-engineering",
        "retries": 1,
        "retry_delay": timedelta(minutes=20),
        "execution_timeout": timedelta(hours=2),
    },
    tags=["spplus", "spark", "delta"],
) as dag:
    fetch = BashOperator(
        task_id="spplus_fetch",
        # The wrapper's fetch step alone: SPPLUS_LANDING wins over the profile's fetch.landing. The
        # trailing space stops Airflow from taking a command ending in a file name for a template.
        bash_command="{{ var.value.spplus_home }}/jobs/spplus-submit fetch ",
        env={
            "SPPLUS_CONF": "{{ var.value.spplus_conf }}",
            "SPPLUS_JAR": "{{ var.value.spplus_jar }}",
            "SPPLUS_LANDING": "{{ var.value.spplus_landing }}",
        },
        # Keep the worker's environment (SPARK_HOME, PATH, https_proxy, no_proxy).
        append_env=True,
        # Longer than the fetch's own bound (--max-time, 30 min by default).
        execution_timeout=timedelta(minutes=45),
    )
    run = SparkSubmitOperator(
        task_id="spplus_run",
        conn_id="spark_spplus",
        application="{{ var.value.spplus_jar }}",
        java_class="fr.spplus.cli.Main",
        name="spplus daily refresh {{ ds }}",
        # What must be known before the driver starts. The job applies the configuration file's
        # other spark.* keys itself; these, given to spark-submit, win over the file's.
        driver_memory="2g",
        executor_memory="4g",
        executor_cores=2,
        total_executor_cores=4,
        application_args=[
            "run",
            "--config", "{{ var.value.spplus_conf }}",
            "--input", "{{ var.value.spplus_landing }}",
            "--warehouse", "{{ var.value.spplus_warehouse }}",
        ],
        conf={
            "spark.driver.extraJavaOptions": RUN_JVM_OPTIONS,
            "spark.executor.extraJavaOptions": RUN_JVM_OPTIONS,
            # Standalone cluster mode only: keep spark-submit until the driver ends.
            "spark.standalone.submit.waitAppCompletion": "true",
        },
        verbose=False,
    )
    # The run starts only when the fetch succeeded ("up to date" included).
    fetch >> run
