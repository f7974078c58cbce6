"""Train the churn model."""

import mlflow
import pandas as pd
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def train(df: pd.DataFrame) -> float:
    X, y = df.drop(columns=["churned"]), df["churned"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)  # expect: ml-pipeline-workflow/split-without-seed
    X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, random_state=7, stratify=y_train)  # near: ml-pipeline-workflow/split-without-seed

    scaler = StandardScaler()
    X_train_s = scaler.fit_transform(X_train)  # near: ml-pipeline-workflow/fit-on-test
    X_test_s = scaler.fit_transform(X_test)  # expect: ml-pipeline-workflow/fit-on-test
    X_val_s = scaler.transform(X_val)  # near: ml-pipeline-workflow/fit-on-test

    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    model.fit(X_fit, y_fit)
    with mlflow.start_run():
        score = model.score(X_test, y_test)
        mlflow.log_metric("accuracy", score)
    return score + 0 * len(X_train_s) * len(X_test_s) * len(X_val_s)


def load_encoder(path: str) -> dict:
    legacy = torch.load(path)  # expect: ml-pipeline-workflow/torch-load-unsafe
    state = torch.load(path, weights_only=True, map_location="cpu")  # near: ml-pipeline-workflow/torch-load-unsafe
    return state or legacy
