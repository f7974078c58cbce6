//! The [`Reader`] of one guidance file: where its frontmatter keys are, and the problems found
//! in it so far (frontmatter that is not YAML, Agent Skills naming).

use std::path::Path;

use super::frontmatter;
use super::{Problem, Severity};

/// The file being parsed, and the problems found in it so far.
pub(super) struct Reader<'a> {
    pub(super) path: &'a Path,
    pub(super) text: &'a str,
    pub(super) fm: &'a frontmatter::Frontmatter,
    pub(super) problems: Vec<Problem>,
}

impl Reader<'_> {
    pub(super) fn push(
        &mut self,
        line: u32,
        severity: Severity,
        code: &'static str,
        message: String,
    ) {
        self.problems
            .push(Problem::new(self.path, line, severity, code, message));
    }

    /// 0-based line of `key:` in the frontmatter (0 when it is not there).
    pub(super) fn key_line(&self, key: &str) -> u32 {
        self.text
            .lines()
            .take(self.fm.body_line.max(1) as usize)
            .position(|l| l.trim_start().starts_with(&format!("{key}:")))
            .unwrap_or(0) as u32
    }

    pub(super) fn frontmatter_problems(&mut self) {
        let fm = self.fm;
        if let Some((line, err)) = &fm.yaml_error {
            self.push(
                *line,
                Severity::Hint,
                "lenient-yaml",
                format!("frontmatter is not valid YAML ({err}); read it line by line instead. Quote values that start with `*` or contain `: `."),
            );
        }
        if let Some((line, err)) = &fm.too_complex {
            self.push(
                *line,
                Severity::Warning,
                "yaml-too-complex",
                format!("frontmatter not parsed as YAML: {err}; read it line by line instead"),
            );
        }
        if fm.unterminated {
            self.push(
                0,
                Severity::Warning,
                "unterminated-frontmatter",
                "frontmatter opened with `---` but never closed; the whole file is read as body"
                    .into(),
            );
        }
    }

    /// Agent Skills expect `name` to equal the folder name.
    pub(super) fn skill_name_problems(&mut self, declared: Option<&str>, derived: &str) {
        match declared {
            None => self.push(0, Severity::Hint, "missing-name", format!("SKILL.md has no `name`; using its folder name `{derived}`")),
            Some(n) if n != derived => self.push(
                self.key_line("name"),
                Severity::Hint,
                "name-mismatch",
                format!("`name: {n}` differs from the folder `{derived}` (Agent Skills expect them equal)"),
            ),
            _ => {}
        }
    }
}
