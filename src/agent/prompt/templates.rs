//! The fixed wording: the system prompt per mode and language, and the task line.

use super::Mode;

pub(super) fn system_prompt(mode: Mode, lang: &str) -> String {
    let lang = if lang.is_empty() {
        "the file's language"
    } else {
        lang
    };
    let common = "You are an expert software engineer. The user's editor sends you code together with guidance \
                  from skills (their team's or community best practices). Follow the guidance where it applies, \
                  and do not invent requirements it does not state.";
    match mode {
        Mode::Rewrite => format!(
            "{common}\n\nRewrite the selected code. Reply with exactly one fenced code block (```{lang}) that \
             contains the complete replacement for the selected code only: not the code before or after it. Keep \
             the indentation and the surrounding interfaces. Keep any `<redacted-secret-N>` placeholder exactly \
             as it is. No explanation outside the code block; put short notes in code comments only if needed."
        ),
        Mode::Explain => format!(
            "{common}\n\nExplain the selected code in the light of the guidance, in concise markdown: what it \
             does, what the guidance says about it (name the skill and section), and what to change if anything."
        ),
        Mode::Review => format!(
            "{common}\n\nReview the code against the guidance. Answer in markdown: a list of concrete findings, \
             each with the line number, the skill and section it comes from, why it matters, and a suggested fix \
             as a short code block. Say so plainly when the code already follows the guidance."
        ),
    }
}

pub(super) fn task_text(mode: Mode) -> &'static str {
    match mode {
        Mode::Rewrite => {
            "Rewrite the selected code so it follows the guidance below. Answer with one fenced code block that replaces the selection."
        }
        Mode::Explain => "Explain the selected code using the guidance below.",
        Mode::Review => "Review the code using the guidance below.",
    }
}
