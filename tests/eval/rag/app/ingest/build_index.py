"""Build the help-center vector index."""

from langchain_chroma import Chroma
from langchain_openai import OpenAIEmbeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

embeddings = OpenAIEmbeddings(model="text-embedding-3-small")


def build_legacy(docs):
    splitter = RecursiveCharacterTextSplitter(chunk_size=8000, chunk_overlap=400)  # expect: rag/huge-chunks
    tight = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=0)  # expect: rag/zero-overlap
    chunks = splitter.split_documents(docs) + tight.split_documents(docs)
    db = Chroma.from_documents(chunks, embeddings, persist_directory="./index")
    db.persist()  # expect: rag/chroma-persist
    return db


def build(docs):
    splitter = RecursiveCharacterTextSplitter(chunk_size=1200, chunk_overlap=150)  # near: rag/zero-overlap
    small = RecursiveCharacterTextSplitter(chunk_size=800, chunk_overlap=100)  # near: rag/huge-chunks
    chunks = splitter.split_documents(docs) + small.split_documents(docs)
    return Chroma.from_documents(chunks, embeddings, persist_directory="./index")  # near: rag/chroma-persist
