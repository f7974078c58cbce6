"""Ticket triage with the OpenAI API."""

import openai
from openai import OpenAI

from app.settings import settings

TRIAGE_RULES = "You triage support tickets. Reply with a category and a priority."
client = OpenAI(timeout=30, max_retries=2)


def triage_legacy(user_message: str) -> str:
    messages = [
        {"role": "system", "content": f"You triage tickets. The customer wrote: {user_message}"},  # expect: prompt-engineering/system-prompt-injection
    ]
    resp = openai.ChatCompletion.create(model="gpt-4o", messages=messages)  # expect: prompt-engineering/legacy-openai-api
    return resp["choices"][0]["message"]["content"]


def triage(user_message: str, locale: str) -> str:
    messages = [
        {"role": "system", "content": f"{TRIAGE_RULES} Answer in {settings.language_names[locale]}."},  # near: prompt-engineering/system-prompt-injection
        {"role": "user", "content": f"<ticket>\n{user_message}\n</ticket>"},  # near: prompt-engineering/system-prompt-injection
    ]
    resp = client.chat.completions.create(model=settings.chat_model, messages=messages)  # near: prompt-engineering/legacy-openai-api
    return resp.choices[0].message.content or ""


def complete_legacy(prompt: str) -> str:
    resp = client.completions.create(model="text-davinci-003", prompt=prompt, max_tokens=200)  # expect: prompt-engineering/retired-model
    return resp.choices[0].text


def complete(prompt: str) -> str:
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])  # near: prompt-engineering/retired-model
    return resp.choices[0].message.content or ""
