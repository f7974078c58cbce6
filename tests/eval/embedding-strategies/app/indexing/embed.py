"""Embed knowledge-base chunks."""

from openai import OpenAI

client = OpenAI()
EMBED_MODEL = "text-embedding-3-small"  # near: embedding-strategies/legacy-embedding-model


def embed_legacy(chunks: list[str]) -> list[list[float]]:
    resp = client.embeddings.create(model="text-embedding-ada-002", input=chunks)  # expect: embedding-strategies/legacy-embedding-model
    return [d.embedding for d in resp.data]


def embed_one_by_one(chunks: list[str]) -> list[list[float]]:
    vectors = []
    for chunk in chunks:  # expect: embedding-strategies/embed-in-loop
        vectors.append(client.embeddings.create(model=EMBED_MODEL, input=[chunk]).data[0].embedding)
    return vectors


def embed(chunks: list[str]) -> list[list[float]]:
    resp = client.embeddings.create(model=EMBED_MODEL, input=chunks, dimensions=512)
    for item in resp.data:  # near: embedding-strategies/embed-in-loop
        assert len(item.embedding) == 512
    return [d.embedding for d in resp.data]
