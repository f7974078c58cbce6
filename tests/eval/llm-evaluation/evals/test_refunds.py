"""Evals for the refund policy assistant."""

import pytest
from openai import OpenAI

from app.bot import ask
from evals.judge import REFUND_RUBRIC, judge

client = OpenAI()


def test_refund_exact():
    answer = ask("Can I get a refund after 40 days?")
    assert answer == "No, refunds are only possible within 30 days."  # expect: llm-evaluation/exact-match-assert


def test_refund_properties():
    answer = ask("Can I get a refund after 40 days?")
    assert "30 days" in answer  # near: llm-evaluation/exact-match-assert
    assert judge(answer, rubric=REFUND_RUBRIC).score >= 4


@pytest.mark.parametrize("question", ["Where is my order?", "How do I reset my password?"])
def test_category(question):
    result = ask(question, mode="classify")
    assert result.category == "support"  # near: llm-evaluation/exact-match-assert
