"""Cosine search with normalized vectors."""

import faiss
import numpy as np


def build_cosine_index(doc_vectors: np.ndarray) -> faiss.Index:
    faiss.normalize_L2(doc_vectors)
    index = faiss.IndexFlatIP(doc_vectors.shape[1])  # near: similarity-search/flat-ip-unnormalized
    index.add(doc_vectors)
    return index
