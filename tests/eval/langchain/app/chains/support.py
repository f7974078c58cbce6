"""Support assistant chains."""

from langchain.agents import AgentType, initialize_agent
from langchain.chains import ConversationChain, LLMChain
from langchain.chat_models import ChatOpenAI as LegacyChatOpenAI  # expect: langchain/legacy-import
from langchain.memory import ConversationBufferMemory
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI  # near: langchain/legacy-import
from langgraph.checkpoint.memory import InMemorySaver  # near: langchain/legacy-memory
from langgraph.prebuilt import create_react_agent

prompt = ChatPromptTemplate.from_messages([("system", "Summarize the ticket."), ("user", "{text}")])
llm = ChatOpenAI(model="gpt-4o-mini", temperature=0, timeout=30, max_retries=2)


def summarize_legacy(doc: str) -> str:
    chain = LLMChain(llm=LegacyChatOpenAI(), prompt=prompt)  # expect: langchain/llmchain
    return chain.run(text=doc)  # expect: langchain/legacy-call


def summarize(doc: str) -> str:
    chain = prompt | llm | StrOutputParser()  # near: langchain/llmchain
    return chain.invoke({"text": doc})  # near: langchain/legacy-call


def legacy_agent(tools):
    return initialize_agent(tools, llm, agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION)  # expect: langchain/initialize-agent


def agent(tools):
    return create_react_agent(llm, tools, checkpointer=InMemorySaver())  # near: langchain/initialize-agent


def chat_legacy() -> ConversationChain:
    memory = ConversationBufferMemory()  # expect: langchain/legacy-memory
    return ConversationChain(llm=llm, memory=memory)


def run_job(job) -> None:
    job.run()  # near: langchain/legacy-call
