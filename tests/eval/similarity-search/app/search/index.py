"""Hybrid search over the help center."""

from collections import defaultdict

import faiss
import numpy as np
from rank_bm25 import BM25Okapi


def build_index(doc_vectors: np.ndarray) -> faiss.Index:
    index = faiss.IndexFlatIP(doc_vectors.shape[1])  # expect: similarity-search/flat-ip-unnormalized
    index.add(doc_vectors)
    return index


def build_ivf(doc_vectors: np.ndarray, nlist: int) -> faiss.Index:
    quantizer = faiss.IndexFlatL2(doc_vectors.shape[1])  # near: similarity-search/flat-ip-unnormalized
    index = faiss.IndexIVFFlat(quantizer, doc_vectors.shape[1], nlist)
    index.train(doc_vectors)
    index.add(doc_vectors)
    index.nprobe = 1  # expect: similarity-search/ivf-nprobe-one
    index.nprobe = 16  # near: similarity-search/ivf-nprobe-one
    return index


def score(bm25: BM25Okapi, query: list[str], bm25_score: float, vector_score: float) -> float:
    combined = bm25_score + vector_score  # expect: similarity-search/raw-score-sum
    weighted = 0.3 * bm25_score  # near: similarity-search/raw-score-sum
    return combined + weighted + len(bm25.get_scores(query))


def rrf(rankings: list[list[str]], k: int = 60) -> dict[str, float]:
    scores: dict[str, float] = defaultdict(float)
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking, start=1):
            scores[doc_id] += 1.0 / (k + rank)
    return scores
