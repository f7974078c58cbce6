//! Rules a project turned off in its own linter configuration, read where that is cheap and
//! unambiguous (static files at the workspace root): ruff (`pyproject.toml` `[tool.ruff]`,
//! `ruff.toml`, `.ruff.toml`: `ignore`, `extend-ignore`, `per-file-ignores`), bandit
//! (`[tool.bandit] skips`), ESLint (`.eslintrc.json`, `.eslintrc`, `.eslintrc.yaml`/`.yml`,
//! `package.json` `eslintConfig`: rules `off` / `0`, also in `overrides`), Biome (`biome.json`:
//! rules `off`), hadolint (`.hadolint.yaml`/`.yml` `ignored`) and ShellCheck (`.shellcheckrc`
//! `disable=`). JavaScript configs (`eslint.config.js`) are programs, not data: not read.

use std::path::Path;

use globset::GlobSet;
use serde_json::Value;

/// One rule turned off, for some files or all.
#[derive(Debug)]
pub struct Off {
    /// `tool:selector`, e.g. `ruff:S1` (ruff selectors are prefixes), `eslint:no-console`.
    pub rule: String,
    /// Files it applies to (relative to the root); `None`: every file.
    pub files: Option<GlobSet>,
    /// Where it was read, for `doctor` and `check --verbose`.
    pub source: String,
}

/// Every rule the project's linter configurations turn off.
#[derive(Debug, Default)]
pub struct Configs {
    pub off: Vec<Off>,
    /// Python files the project's ruff never lints (`exclude`, `extend-exclude`): vendored or
    /// generated code by the project's own account. (glob set, `file key `pattern``)
    pub ruff_excluded: Vec<(GlobSet, String)>,
}

impl Configs {
    pub fn read(root: &Path, problems: &mut Vec<String>) -> Configs {
        let mut c = Configs::default();
        c.ruff(root, problems);
        c.eslint(root, problems);
        c.biome(root, problems);
        c.hadolint(root, problems);
        c.shellcheck(root, problems);
        c
    }

    /// The rules off for `rel`, as `tool:selector`.
    pub fn off_for(&self, rel: &str) -> Vec<(String, String)> {
        self.off
            .iter()
            .filter(|o| o.files.as_ref().is_none_or(|g| g.is_match(rel)))
            .map(|o| (o.rule.clone(), o.source.clone()))
            .collect()
    }

    /// Why tips leave a Python file alone that ruff is told not to lint, if it is.
    pub fn excluded(&self, rel: &str) -> Option<&str> {
        if !(rel.ends_with(".py") || rel.ends_with(".pyi")) {
            return None;
        }
        self.ruff_excluded
            .iter()
            .find(|(g, _)| g.is_match(rel))
            .map(|(_, why)| why.as_str())
    }

    pub fn describe(&self) -> Vec<String> {
        self.ruff_excluded
            .iter()
            .map(|(_, why)| format!("{why}: Python files ruff does not lint"))
            .chain(self.off.iter().map(|o| {
                format!(
                    "{}: `{}` off{}",
                    o.source,
                    o.rule,
                    if o.files.is_some() {
                        " for some files"
                    } else {
                        ""
                    }
                )
            }))
            .collect()
    }

    fn push(&mut self, tool: &str, rule: &str, files: Option<GlobSet>, source: &str) {
        self.off.push(Off {
            rule: format!("{tool}:{rule}"),
            files,
            source: source.to_string(),
        });
    }

    fn ruff(&mut self, root: &Path, problems: &mut Vec<String>) {
        for (name, prefix) in [
            ("pyproject.toml", &["tool", "ruff"][..]),
            ("ruff.toml", &[][..]),
            (".ruff.toml", &[][..]),
        ] {
            let Some(v) = read_toml(&root.join(name), problems) else {
                continue;
            };
            let Some(ruff) = dig(&v, prefix) else {
                if name == "pyproject.toml"
                    && let Some(skips) = dig(&v, &["tool", "bandit", "skips"])
                {
                    for s in strings(skips) {
                        self.push("bandit", &s, None, "pyproject.toml [tool.bandit] skips");
                    }
                }
                continue;
            };
            for key in ["exclude", "extend-exclude"] {
                for pat in ruff.get(key).map(strings).unwrap_or_default() {
                    // ruff: a pattern without `/` matches a file or folder name at any depth;
                    // one with a `/` (`./build` too) is a path from the project root.
                    let anchored = pat.trim_end_matches('/').contains('/');
                    let p = pat.trim_start_matches("./").trim_end_matches('/');
                    let globs = if anchored {
                        vec![p.to_string(), format!("{p}/**")]
                    } else {
                        vec![format!("**/{p}"), format!("**/{p}/**")]
                    };
                    if let Some(g) = file_globs(&globs, problems, name) {
                        self.ruff_excluded
                            .push((g, format!("{name} {key} `{pat}`")));
                    }
                }
            }
            for table in [ruff, dig(ruff, &["lint"]).unwrap_or(&Value::Null)] {
                for key in ["ignore", "extend-ignore"] {
                    for s in table.get(key).map(strings).unwrap_or_default() {
                        self.push("ruff", &s, None, &format!("{name} {key}"));
                    }
                }
                for key in ["per-file-ignores", "extend-per-file-ignores"] {
                    let Some(Value::Object(map)) = table.get(key) else {
                        continue;
                    };
                    for (glob, codes) in map {
                        let files = file_globs(std::slice::from_ref(glob), problems, name);
                        for s in strings(codes) {
                            self.push("ruff", &s, files.clone(), &format!("{name} {key} `{glob}`"));
                        }
                    }
                }
            }
            if name == "pyproject.toml"
                && let Some(skips) = dig(&v, &["tool", "bandit", "skips"])
            {
                for s in strings(skips) {
                    self.push("bandit", &s, None, "pyproject.toml [tool.bandit] skips");
                }
            }
        }
    }

    fn eslint(&mut self, root: &Path, problems: &mut Vec<String>) {
        let mut configs = Vec::new();
        for name in [
            ".eslintrc.json",
            ".eslintrc",
            ".eslintrc.yaml",
            ".eslintrc.yml",
        ] {
            if let Some(v) = read_data(&root.join(name), problems) {
                configs.push((name.to_string(), v));
            }
        }
        if let Some(v) = read_data(&root.join("package.json"), problems)
            && let Some(cfg) = v.get("eslintConfig")
        {
            configs.push(("package.json eslintConfig".into(), cfg.clone()));
        }
        for (name, v) in configs {
            self.eslint_rules(v.get("rules"), None, &name);
            for o in v
                .get("overrides")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let globs = o.get("files").map(strings).unwrap_or_default();
                let files = file_globs(&globs, problems, &name);
                if files.is_some() {
                    self.eslint_rules(o.get("rules"), files, &format!("{name} overrides"));
                }
            }
        }
    }

    fn eslint_rules(&mut self, rules: Option<&Value>, files: Option<GlobSet>, source: &str) {
        let Some(Value::Object(rules)) = rules else {
            return;
        };
        for (rule, level) in rules {
            let level = match level {
                Value::Array(a) => a.first().cloned().unwrap_or(Value::Null),
                other => other.clone(),
            };
            if level == "off" || level == 0 {
                self.push("eslint", rule, files.clone(), source);
            }
        }
    }

    fn biome(&mut self, root: &Path, problems: &mut Vec<String>) {
        for name in ["biome.json", "biome.jsonc"] {
            let Some(v) = read_data(&root.join(name), problems) else {
                continue;
            };
            let Some(Value::Object(groups)) = dig(&v, &["linter", "rules"]) else {
                continue;
            };
            for (group, rules) in groups {
                let Value::Object(rules) = rules else {
                    continue;
                };
                for (rule, level) in rules {
                    let level = level.get("level").unwrap_or(level);
                    if level.as_str() == Some("off") {
                        self.push("biome", &format!("lint/{group}/{rule}"), None, name);
                    }
                }
            }
        }
    }

    fn hadolint(&mut self, root: &Path, problems: &mut Vec<String>) {
        for name in [".hadolint.yaml", ".hadolint.yml"] {
            if let Some(v) = read_data(&root.join(name), problems) {
                for s in v.get("ignored").map(strings).unwrap_or_default() {
                    self.push("hadolint", &s, None, &format!("{name} ignored"));
                }
            }
        }
    }

    fn shellcheck(&mut self, root: &Path, problems: &mut Vec<String>) {
        let Some(text) = super::read_project_file(&root.join(".shellcheckrc"), problems) else {
            return;
        };
        for line in text.lines() {
            if let Some(list) = line.trim().strip_prefix("disable=") {
                for s in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    self.push("shellcheck", s, None, ".shellcheckrc disable=");
                }
            }
        }
    }
}

fn dig<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(k))
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Linter globs are relative to the root; a bare name matches at any depth, as in ruff and ESLint.
fn file_globs(globs: &[String], problems: &mut Vec<String>, source: &str) -> Option<GlobSet> {
    let norm: Vec<String> = globs
        .iter()
        .map(|g| {
            let g = g.trim_start_matches("./");
            if g.contains('/') {
                g.to_string()
            } else {
                format!("**/{g}")
            }
        })
        .collect();
    let mut b = globset::GlobSetBuilder::new();
    for g in &norm {
        match globset::Glob::new(g) {
            Ok(g) => {
                b.add(g);
            }
            Err(e) => problems.push(format!("{source}: glob `{g}`: {e}")),
        }
    }
    b.build().ok().filter(|s| !s.is_empty())
}

fn read_toml(path: &Path, problems: &mut Vec<String>) -> Option<Value> {
    let text = super::read_project_file(path, problems)?;
    match toml::from_str::<Value>(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            problems.push(format!(
                "{}:{line}: not valid TOML, its linter settings are not read: {}",
                path.display(),
                e.message()
            ));
            None
        }
    }
}

/// JSON, JSON with comments (Biome) or YAML (`.eslintrc` may be either).
fn read_data(path: &Path, problems: &mut Vec<String>) -> Option<Value> {
    let text = super::read_project_file(path, problems)?;
    if let Ok(v) = serde_json::from_str::<Value>(&text) {
        return Some(v);
    }
    let stripped = strip_line_comments(&text);
    if let Ok(v) = serde_json::from_str::<Value>(&stripped) {
        return Some(v);
    }
    match yaml_serde::from_str::<Value>(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            let line = e.location().map_or(1, |l| l.line());
            problems.push(format!(
                "{}:{line}: not valid JSON or YAML, its linter settings are not read",
                path.display()
            ));
            None
        }
    }
}

/// `//` comments outside strings removed (JSONC); block comments are rare in these files.
fn strip_line_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            match c {
                '"' if prev != '\\' => in_str = !in_str,
                '/' if !in_str && prev == '/' => {
                    cut = i - 1;
                    break;
                }
                _ => {}
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// Does `selector` (as the tool reads it in its config) cover `rule`?
pub fn covers(tool: &str, selector: &str, rule: &str) -> bool {
    match tool {
        // ruff and flake8 selectors are code prefixes (`S` covers `S113`); `ALL` covers all.
        "ruff" | "flake8" => selector == "ALL" || rule.starts_with(selector),
        "shellcheck" => {
            selector.eq_ignore_ascii_case("all")
                || selector.trim_start_matches("SC") == rule.trim_start_matches("SC")
        }
        // `lint`, `lint/suspicious` and `lint/suspicious/noExplicitAny` all cover the rule.
        "biome" => {
            let full = if rule.starts_with("lint") {
                rule.to_string()
            } else {
                format!("lint/{rule}")
            };
            full == selector
                || full.starts_with(&format!("{selector}/"))
                || full.ends_with(&format!("/{selector}"))
        }
        _ => selector.eq_ignore_ascii_case(rule),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruff_excludes_with_a_slash_are_paths_from_the_root() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(
            d.path().join("pyproject.toml"),
            "[tool.ruff]\nextend-exclude = [\"./build\", \"_gen\"]\n",
        )
        .unwrap();
        let c = Configs::read(d.path(), &mut Vec::new());
        assert!(c.excluded("build/lib/x.py").is_some());
        assert!(c.excluded("src/pip/operations/build/wheel.py").is_none());
        assert!(c.excluded("a/_gen/x.py").is_some());
    }

    #[test]
    fn reads_each_config() {
        let d = tempfile::tempdir().unwrap();
        let w = |n: &str, t: &str| std::fs::write(d.path().join(n), t).unwrap();
        w(
            "pyproject.toml",
            "[tool.ruff.lint]\nignore = [\"S1\"]\n[tool.ruff.lint.per-file-ignores]\n\"scripts/*\" = [\"T201\"]\n",
        );
        w(
            ".eslintrc.json",
            r#"{"rules": {"no-console": "off", "eqeqeq": ["error"], "no-eval": 0}}"#,
        );
        w(
            "biome.json",
            "{\n // comment\n \"linter\": {\"rules\": {\"suspicious\": {\"noExplicitAny\": \"off\"}}}}",
        );
        w(".hadolint.yaml", "ignored:\n  - DL3007\n");
        w(".shellcheckrc", "disable=SC2086,SC2046\n");
        let mut problems = Vec::new();
        let c = Configs::read(d.path(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let all: Vec<String> = c.off_for("app/x.py").into_iter().map(|(r, _)| r).collect();
        for want in [
            "ruff:S1",
            "eslint:no-console",
            "eslint:no-eval",
            "biome:lint/suspicious/noExplicitAny",
            "hadolint:DL3007",
            "shellcheck:SC2086",
            "shellcheck:SC2046",
        ] {
            assert!(all.iter().any(|r| r == want), "{want} not in {all:?}");
        }
        assert!(!all.iter().any(|r| r == "eslint:eqeqeq"));
        assert!(!all.iter().any(|r| r == "ruff:T201"));
        assert!(
            c.off_for("scripts/run.py")
                .iter()
                .any(|(r, _)| r == "ruff:T201")
        );
    }

    #[test]
    fn broken_config_is_reported_with_its_line() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("pyproject.toml"), "[tool.ruff\nignore = 1\n").unwrap();
        let mut problems = Vec::new();
        Configs::read(d.path(), &mut problems);
        assert!(problems[0].contains("pyproject.toml:1"), "{problems:?}");
    }

    #[test]
    fn selectors() {
        assert!(covers("ruff", "S", "S113"));
        assert!(!covers("ruff", "S2", "S113"));
        assert!(covers("shellcheck", "2086", "SC2086"));
        assert!(covers(
            "biome",
            "lint/suspicious",
            "lint/suspicious/noExplicitAny"
        ));
        assert!(covers(
            "biome",
            "noExplicitAny",
            "lint/suspicious/noExplicitAny"
        ));
        assert!(!covers("eslint", "no-console", "no-eval"));
    }
}
