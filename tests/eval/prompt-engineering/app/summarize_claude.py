"""Summaries with the Anthropic API."""

from anthropic import Anthropic

client = Anthropic()
SUMMARY_RULES = "Summarize the document in three bullet points."


def summarize_legacy(user_text: str) -> str:
    msg = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=512,
        system=f"Summarize this for the customer: {user_text}",  # expect: prompt-engineering/system-prompt-injection
        messages=[{"role": "user", "content": "Go."}],
    )
    return msg.content[0].text


def summarize(user_text: str) -> str:
    msg = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=512,
        system=SUMMARY_RULES,  # near: prompt-engineering/system-prompt-injection
        messages=[{"role": "user", "content": f"<document>\n{user_text}\n</document>"}],
    )
    return msg.content[0].text
