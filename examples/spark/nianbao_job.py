"""Parse 政府信息公开工作年度报告 files with Spark: one typed row per file, in Parquet.

    spark-submit nianbao_job.py INPUT OUTPUT [--partitions N]

INPUT is a directory (walked recursively) or a glob of report files in any form the
parser reads (text in UTF-8/UTF-16/GBK, HTML pages, DOCX files); Spark's ``binaryFile``
source reads their bytes. Each partition is parsed inside ``mapInPandas`` by the
pip-installed ``nianbao`` module (bytes in, typed rows out, every file of a batch parsed
by one call on the executor's cores with the GIL released). The job writes

- ``OUTPUT/reports``: one row per file with the columns of ``nianbao.schema()`` — the
  same typed schema as ``nianbao.to_arrow`` and the CLI's ``nianbao parse --parquet``
  (``path``, counts and years as long, money as double, ``published`` as date, ``error``
  / ``error_message`` for a file that is no report, ``diagnostics`` as an array of
  structs);
- ``OUTPUT/diagnostics``: one row per diagnostic (``path``, ``code``, ``severity``,
  ``message``, ``line``, ``column``, ``page``).

See README.md beside this file for running it on a cluster.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas
    from pyspark.sql import DataFrame, SparkSession

#: The file names the job reads (Hadoop glob; the CLI walks the same extensions).
REPORT_FILES = "*.{txt,md,markdown,html,htm,docx,pdf,TXT,MD,HTML,HTM,DOCX,PDF}"


def spark_schema() -> Any:
    """The Spark schema of the reports table: ``nianbao.arrow_schema()`` in Spark's
    types."""
    import nianbao
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(nianbao.arrow_schema())


def parse_partition(batches: Iterator[pandas.DataFrame]) -> Iterator[pandas.DataFrame]:
    """The ``mapInPandas`` function: batches of ``(path, content)`` in, typed rows out.

    Runs on the executors; it imports ``nianbao`` once per partition, and each batch of
    files is parsed by one ``parse_many`` call (bytes, on the executor's cores, GIL
    released). The flat columns are Arrow-backed, so Spark receives them without a
    conversion through Python objects (null stays null, never NaN).
    """
    import nianbao
    import pandas as pd

    for frame in batches:
        results = nianbao.parse_many([bytes(b) for b in frame["content"]])
        table = nianbao.to_arrow(results, paths=list(frame["path"]))
        typed = table.drop_columns(["diagnostics"]).to_pandas(types_mapper=pd.ArrowDtype)
        # Spark converts nested values itself: lists of dicts, None for a failed file.
        typed["diagnostics"] = pd.Series(table.column("diagnostics").to_pylist(), dtype=object)
        yield typed


def reports(spark: SparkSession, source: str, partitions: int | None = None) -> DataFrame:
    """The typed reports of every report file under ``source`` (a directory or a glob)."""
    files = (
        spark.read.format("binaryFile")
        .option("pathGlobFilter", REPORT_FILES)
        .option("recursiveFileLookup", "true")
        .load(source)
        .select("path", "content")
    )
    if partitions:
        files = files.repartition(partitions)
    return files.mapInPandas(parse_partition, schema=spark_schema())


def diagnostics(table: DataFrame) -> DataFrame:
    """One row per diagnostic of the reports table."""
    from pyspark.sql import functions as F

    return table.select("path", F.explode("diagnostics").alias("d")).select("path", "d.*")


def run(spark: SparkSession, source: str, output: str, partitions: int | None = None) -> None:
    """Write ``output/reports`` and ``output/diagnostics`` (Parquet, overwritten)."""
    # The executors import this module to find parse_partition (when it is imported
    # rather than run by spark-submit).
    spark.sparkContext.addPyFile(__file__)
    reports(spark, source, partitions).write.mode("overwrite").parquet(f"{output}/reports")
    written = spark.read.parquet(f"{output}/reports")
    diagnostics(written).write.mode("overwrite").parquet(f"{output}/diagnostics")


def main(argv: Sequence[str] | None = None) -> None:
    from pyspark.sql import SparkSession

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="a directory of report files, or a glob")
    parser.add_argument("output", help="where to write reports/ and diagnostics/")
    parser.add_argument("--partitions", type=int, default=None,
                        help="repartition the files into N partitions first")
    args = parser.parse_args(argv)
    spark = SparkSession.builder.appName("nianbao").getOrCreate()
    try:
        run(spark, args.input, args.output, args.partitions)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
