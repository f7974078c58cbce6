import chromadb

client = chromadb.PersistentClient(path="./index")
collection = client.get_or_create_collection("docs")


def retrieve(question: str, k: int = 5):
    return collection.query(query_texts=[question], n_results=k)
