import faiss
import numpy as np

index = faiss.IndexFlatIP(384)
index.add(np.random.rand(10, 384).astype("float32"))
