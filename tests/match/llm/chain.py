from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI

prompt = ChatPromptTemplate.from_messages([("system", "Answer briefly."), ("human", "{question}")])
chain = prompt | ChatOpenAI(model="gpt-4.1-mini")
