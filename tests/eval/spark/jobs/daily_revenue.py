"""Daily revenue rollup."""

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.functions import pandas_udf
from pyspark.sql.types import StringType

spark = SparkSession.builder.appName("daily_revenue").getOrCreate()

ORDER_COLUMNS = ["order_id", "amount", "tax", "shipping"]


@F.udf(returnType=StringType())  # expect: spark/python-udf
def email_domain(email):
    return email.split("@")[-1].lower()


@pandas_udf("double")  # near: spark/python-udf
def to_eur(amount):
    return amount * 0.92


def run(src: str, out: str) -> None:
    legacy = spark.read.option("header", True).option("inferSchema", "true").csv(src)  # expect: spark/infer-schema
    orders = spark.read.schema("order_id string, amount double, tax double, shipping double, email string").option("header", True).csv(src)  # near: spark/infer-schema

    for c in ORDER_COLUMNS[1:]:  # expect: spark/withcolumn-loop
        orders = orders.withColumn(c, F.col(c).cast("decimal(18,2)"))
    orders = orders.select(*[F.col(c).cast("decimal(18,2)").alias(c) if c in ORDER_COLUMNS[1:] else F.col(c) for c in orders.columns])  # near: spark/withcolumn-loop

    orders = orders.withColumn("domain", email_domain("email"))
    orders = orders.withColumn("domain_builtin", F.lower(F.substring_index("email", "@", -1)))  # near: spark/python-udf

    rows = orders.filter(F.col("amount") > 0).collect()  # expect: spark/collect
    sample = orders.limit(20).collect()  # near: spark/collect
    preview = orders.toPandas()  # expect: spark/to-pandas
    head = orders.limit(100).toPandas()  # near: spark/to-pandas

    if orders.count() == 0:  # expect: spark/count-for-empty
        return
    if orders.isEmpty():  # near: spark/count-for-empty
        return
    print(len(rows), len(sample), len(preview), len(head), legacy.columns)

    orders.coalesce(1).write.mode("overwrite").parquet(out)  # expect: spark/single-partition
    orders.repartition("domain").write.mode("overwrite").partitionBy("domain").parquet(out)  # near: spark/single-partition
