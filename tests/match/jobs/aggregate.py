from pyspark.sql import SparkSession, functions as F

spark = SparkSession.builder.appName("aggregate").getOrCreate()
orders = spark.read.parquet("s3://bucket/orders")
orders.groupBy("customer_id").agg(F.sum("amount").alias("total")).write.parquet("s3://bucket/totals")
