//! Presets for the agent CLIs users already have (`agent.preset`): each runs the program in its
//! documented non-interactive mode, with the prompt where that program expects it. A preset only
//! names a program and its arguments for the `command` backend; like `agent.command`, it can come
//! from user or editor settings only, never from a workspace file (see `crate::settings`).
//!
//! The exact commands (also in docs/agent.md):
//!
//! | preset   | runs                                                          | prompt   |
//! |----------|---------------------------------------------------------------|----------|
//! | `claude` | `claude -p --output-format text`                              | stdin    |
//! | `codex`  | `codex exec --sandbox read-only --skip-git-repo-check -`      | stdin    |
//! | `gemini` | `gemini -p PROMPT`                                            | argument |
//! | `aider`  | `aider --no-git --no-auto-commits --no-pretty --no-stream --yes-always --message PROMPT` | argument |
//! | `llm`    | `llm --no-log`                                                | stdin    |

/// Marks the argument replaced by the prompt; a command without it gets the prompt on stdin.
pub const PROMPT_ARG: &str = "{prompt}";

/// Every preset name, for messages.
pub const NAMES: &[&str] = &["claude", "codex", "gemini", "aider", "llm"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Claude,
    Codex,
    Gemini,
    Aider,
    Llm,
}

impl Preset {
    pub fn parse(name: &str) -> Option<Preset> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "claude" | "claude-code" => Preset::Claude,
            "codex" => Preset::Codex,
            "gemini" | "gemini-cli" => Preset::Gemini,
            "aider" => Preset::Aider,
            "llm" => Preset::Llm,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Preset::Claude => "claude",
            Preset::Codex => "codex",
            Preset::Gemini => "gemini",
            Preset::Aider => "aider",
            Preset::Llm => "llm",
        }
    }

    /// The program looked up on `PATH` (`agent.command` may name another path for it).
    pub fn program(self) -> &'static str {
        self.name()
    }

    /// The arguments of the non-interactive mode; [`PROMPT_ARG`] stands for the prompt.
    pub fn args(self) -> &'static [&'static str] {
        match self {
            // Print mode: reads the prompt from stdin when none is given as an argument.
            Preset::Claude => &["-p", "--output-format", "text"],
            // `exec` is the headless mode; `-` reads the prompt from stdin. Read-only: the answer
            // comes back as text and skill-lsp applies it, the agent writes nothing itself.
            Preset::Codex => &[
                "exec",
                "--sandbox",
                "read-only",
                "--skip-git-repo-check",
                "-",
            ],
            // `-p/--prompt` is what makes it headless.
            Preset::Gemini => &["-p", PROMPT_ARG],
            // One message, reply printed, then exit; no repository changes of its own.
            Preset::Aider => &[
                "--no-git",
                "--no-auto-commits",
                "--no-pretty",
                "--no-stream",
                "--yes-always",
                "--message",
                PROMPT_ARG,
            ],
            // Reads the prompt from stdin; `--no-log` keeps code out of its history database.
            Preset::Llm => &["--no-log"],
        }
    }

    /// The command line as documented (`claude -p --output-format text`).
    pub fn command_line(self) -> String {
        std::iter::once(self.program())
            .chain(
                self.args()
                    .iter()
                    .map(|a| if *a == PROMPT_ARG { "PROMPT" } else { a }),
            )
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_and_prints_its_command() {
        for n in NAMES {
            let p = Preset::parse(n).unwrap();
            assert_eq!(p.name(), *n);
            assert!(p.command_line().starts_with(n));
        }
        assert_eq!(Preset::parse("cursor"), None);
        assert_eq!(
            Preset::Gemini.command_line(),
            "gemini -p PROMPT",
            "the prompt goes where the program expects it"
        );
    }
}
