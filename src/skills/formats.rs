//! One small function per ecosystem: which format a file is, and how its frontmatter maps onto the
//! normalized [`Skill`] (the mapping table is in `docs/skill-format.md`).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::frontmatter::{self, string, string_list};
use super::model::{
    Activation, Origin, Problem, Severity, Signal, SignalKind, Skill, SkillText, SourceFormat,
};
use super::{globs, languages, markdown};

mod activation;
mod reader;
use activation::{Facts, activation};
use reader::Reader;

/// Decide the format of a file from its path (relative to the root it was found in, `/`-separated).
/// `None` means "not a guidance file". The rules are the rows of [`super::format_table::FORMATS`].
pub fn detect(rel: &str) -> Option<SourceFormat> {
    super::format_table::spec_for(rel).map(|f| f.format)
}

/// Everything needed to turn one file into a skill.
pub struct FileInput<'a> {
    /// Path shown to users (real path or `builtin:/...`).
    pub path: PathBuf,
    /// Path relative to the root it was found under, `/`-separated.
    pub rel: &'a str,
    pub text: SkillText,
    pub format: SourceFormat,
    pub origin: Origin,
    /// For AGENTS.md / CLAUDE.md: the folder they govern.
    pub dir: Option<PathBuf>,
}

/// Keys we interpret; everything else goes to `extra`.
const KNOWN: &[&str] = &[
    "name",
    "description",
    "aliases",
    "category",
    "languages",
    "paths",
    "globs",
    "applyTo",
    "exclude",
    "content",
    "activation",
    "alwaysApply",
    "regex",
    "trigger",
    "inclusion",
    "fileMatchPattern",
    "disable-model-invocation",
];

/// Parse one file into a skill. Never fails: problems are collected on the skill. What is common
/// to every format (frontmatter, globs, regexes, signals) is read here; the name a file gets
/// without a `name:` is [`derived_name`], its activation without an `activation:` [`activation`],
/// one small function per format.
pub fn parse(input: FileInput<'_>) -> Skill {
    let FileInput {
        path,
        rel,
        text,
        format,
        origin,
        dir,
    } = input;
    let fm = frontmatter::parse(&text);
    let mut r = Reader {
        path: &path,
        text: &text,
        fm: &fm,
        problems: Vec::new(),
    };
    r.frontmatter_problems();
    let stripped = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (body, body_line) = if fm.present {
        (&text[fm.body_offset..], fm.body_line)
    } else {
        (stripped, 0)
    };
    let sections = markdown::sections(body, body_line);
    let map = &fm.map;

    let segments: Vec<&str> = rel.split('/').collect();
    let derived = derived_name(format, &segments);
    let declared_name = string(map.get("name"));
    let name = declared_name.clone().unwrap_or_else(|| derived.clone());
    if format == SourceFormat::AgentSkill {
        r.skill_name_problems(declared_name.as_deref(), &derived);
    }

    let description = string(map.get("description"))
        .or_else(|| Some(markdown::first_paragraph(body)).filter(|s| !s.is_empty()))
        .or_else(|| markdown::first_heading(body))
        .unwrap_or_default();
    if description.chars().count() > super::validate::AGENT_SKILL_DESCRIPTION_MAX {
        r.push(
            r.key_line("description"),
            Severity::Hint,
            "long-description",
            "description is longer than 1,024 characters".into(),
        );
    }
    let category = category(map, format, &segments);
    let cond = Conditions::read(&mut r);

    let declared_languages = string_list(map.get("languages"));
    let facts = Facts {
        map,
        cond: &cond,
        has_conditions: cond.any(),
        languages: !declared_languages.is_empty(),
        description: &description,
        dir: dir.as_ref(),
    };
    let mut activation = activation(format, &facts, &mut r);
    if let Some(a) = string(map.get("activation")) {
        match a.as_str() {
            "always" => activation = Activation::Always,
            "auto" => activation = Activation::Auto,
            "model" | "model-decided" => activation = Activation::ModelDecided,
            "manual" => activation = Activation::Manual,
            other => r.push(
                r.key_line("activation"),
                Severity::Warning,
                "unknown-activation",
                format!("unknown activation `{other}` (always, auto, model, manual)"),
            ),
        }
    }
    if activation == Activation::Auto && !facts.has_conditions && declared_languages.is_empty() {
        r.push(r.key_line(cond.glob_key.unwrap_or("globs")), Severity::Warning, "no-conditions", "the rule is meant to attach by globs but has none that compile; it never applies automatically".into());
        activation = Activation::Manual;
    }

    let (languages, languages_inferred) = if declared_languages.is_empty() {
        (
            languages::infer(&cond.globs, &name, category.as_deref(), &description),
            true,
        )
    } else {
        (declared_languages, false)
    };

    let skill_dir = if origin == Origin::Builtin {
        None
    } else {
        path.parent()
    };
    let key_line = |key: &str| r.key_line(key);
    let found = super::validate::check(&super::validate::Input {
        format,
        map,
        present: fm.present,
        key_line: &key_line,
        dir: skill_dir,
        body,
        body_line,
    });
    for (line, severity, code, message) in found {
        r.push(line, severity, code, message);
    }
    let problems = r.problems;

    let mut extra = Map::new();
    for (k, v) in map {
        if !KNOWN.contains(&k.as_str()) {
            extra.insert(k.clone(), v.clone());
        }
    }
    if let Some(v) = map.get("alwaysApply") {
        extra.insert("alwaysApply".into(), v.clone());
    }
    let Conditions {
        globs,
        exclude,
        content,
        signals,
        ..
    } = cond;

    Skill {
        name,
        aliases: string_list(map.get("aliases")),
        description,
        category,
        format,
        origin,
        path,
        activation,
        languages,
        languages_inferred,
        globs,
        exclude,
        content,
        signals,
        body_line,
        sections,
        extra,
        problems,
        text,
        bodies: Default::default(),
    }
}

/// The name of a file without a `name:`, from its path (`segments`: relative, split on `/`).
fn derived_name(format: SourceFormat, segments: &[&str]) -> String {
    let file_name = segments.last().copied().unwrap_or("");
    match format {
        SourceFormat::AgentSkill => segments
            .iter()
            .rev()
            .nth(1)
            .map(|s| s.to_string())
            .unwrap_or_else(|| "skill".into()),
        SourceFormat::AgentsMd | SourceFormat::ClaudeMd => {
            let d = segments[..segments.len().saturating_sub(1)].join("/");
            if d.is_empty() {
                file_name.to_string()
            } else {
                format!("{d}/{file_name}")
            }
        }
        SourceFormat::CopilotRepo => "copilot-instructions".into(),
        SourceFormat::CursorLegacy => "cursorrules".into(),
        SourceFormat::Cline if file_name == ".clinerules" => "clinerules".into(),
        _ => file_name
            .trim_end_matches(".md")
            .trim_end_matches(".mdc")
            .trim_end_matches(".txt")
            .trim_end_matches(".instructions")
            .trim_end_matches(".prompt")
            .to_string(),
    }
}

/// Category: frontmatter, else the seed layout's folder.
fn category(map: &Map<String, Value>, format: SourceFormat, segments: &[&str]) -> Option<String> {
    string(map.get("category")).or_else(|| match format {
        SourceFormat::Seed if segments.len() >= 2 => Some(segments[segments.len() - 2].to_string()),
        SourceFormat::AgentSkill if segments.len() >= 3 => {
            Some(segments[segments.len() - 3].to_string())
        }
        _ => None,
    })
}

/// When a skill attaches: its globs (from whichever key the format uses), exclusions, content
/// regexes and named signals, the ones that compile.
struct Conditions {
    /// The key the globs came from (`paths`, `globs`, `applyTo`, `fileMatchPattern`).
    glob_key: Option<&'static str>,
    /// The globs as written (`globs:` with an empty list is not the same as no `globs:`).
    raw_globs: Vec<String>,
    globs: Vec<String>,
    exclude: Vec<String>,
    content: Vec<String>,
    signals: Vec<Signal>,
}

impl Conditions {
    fn read(r: &mut Reader) -> Conditions {
        let map = &r.fm.map;
        let glob_key = ["paths", "globs", "applyTo", "fileMatchPattern"]
            .into_iter()
            .find(|k| map.contains_key(*k));
        let raw_globs = glob_key
            .map(|k| string_list(map.get(k)))
            .unwrap_or_default();
        let mut globs_norm: Vec<String> = Vec::new();
        for g in &raw_globs {
            let n = globs::normalize(g);
            if n.is_empty() {
                continue;
            }
            match globs::build(&n, false) {
                Ok(_) => globs_norm.push(n),
                Err(e) => r.push(
                    r.key_line(glob_key.unwrap_or("globs")),
                    Severity::Warning,
                    "bad-glob",
                    format!("glob `{g}` does not compile: {e}"),
                ),
            }
        }
        let mut exclude = Vec::new();
        for g in string_list(map.get("exclude")) {
            let n = globs::normalize(&g);
            match globs::build(&n, false) {
                Ok(_) => exclude.push(n),
                Err(e) => r.push(
                    r.key_line("exclude"),
                    Severity::Warning,
                    "bad-glob",
                    format!("exclude glob `{g}` does not compile: {e}"),
                ),
            }
        }
        let mut content = Vec::new();
        for (key, list) in [
            ("content", string_list_raw(map.get("content"))),
            ("regex", string_list_raw(map.get("regex"))),
        ] {
            for re in list {
                match crate::skills::regexes::validate(&re) {
                    Ok(()) => content.push(re),
                    Err(e) => r.push(
                        r.key_line(key),
                        Severity::Warning,
                        "bad-regex",
                        format!(
                            "`{key}` regex does not compile: {}",
                            first_line(&e.to_string())
                        ),
                    ),
                }
            }
        }
        let (signals, signal_problems) = signals(map.get("content"));
        for message in signal_problems {
            r.push(
                r.key_line("content"),
                Severity::Warning,
                "bad-signal",
                message,
            );
        }
        Conditions {
            glob_key,
            raw_globs,
            globs: globs_norm,
            exclude,
            content,
            signals,
        }
    }

    /// Anything that attaches the skill by itself (languages aside).
    fn any(&self) -> bool {
        !self.globs.is_empty() || !self.content.is_empty() || !self.signals.is_empty()
    }
}

/// The named signals among `content`'s entries (the mappings; strings are regexes), and what was
/// wrong with the others. A signal is one key naming its kind, a string or a list of values, and
/// optionally `languages`.
fn signals(v: Option<&Value>) -> (Vec<Signal>, Vec<String>) {
    let items: Vec<&Value> = match v {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(m @ Value::Object(_)) => vec![m],
        _ => return (Vec::new(), Vec::new()),
    };
    let (mut out, mut bad) = (Vec::new(), Vec::new());
    let kinds = || {
        SignalKind::ALL
            .iter()
            .map(|(k, _)| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for item in items {
        let Value::Object(m) = item else { continue };
        let mut kind = None;
        let mut languages = Vec::new();
        for (k, val) in m {
            if k == "languages" {
                languages = string_list(Some(val));
                continue;
            }
            match SignalKind::ALL.iter().find(|(n, _)| n == k) {
                Some((_, sk)) if kind.is_none() => kind = Some((*sk, val)),
                Some(_) => bad.push(format!("a `content` signal names one kind, not `{k}` too")),
                None => bad.push(format!(
                    "unknown `content` signal `{k}` (one of {}, and `languages`)",
                    kinds()
                )),
            }
        }
        let Some((kind, val)) = kind else {
            if m.keys().all(|k| k == "languages") {
                bad.push(format!("a `content` signal needs one of {}", kinds()));
            }
            continue;
        };
        let values = if kind == SignalKind::Text {
            string_list_raw(Some(val))
        } else {
            string_list(Some(val))
        };
        if values.is_empty() {
            bad.push(format!("the `{}` signal lists nothing", kind.key()));
            continue;
        }
        if kind == SignalKind::Text
            && let Some(e) = values
                .iter()
                .find_map(|r| crate::skills::regexes::validate(r).err())
        {
            bad.push(format!(
                "`text` signal regex does not compile: {}",
                first_line(&e)
            ));
            continue;
        }
        if kind == SignalKind::Dialect
            && let Some(d) = values
                .iter()
                .find(|d| super::dialect::Dialect::parse(d).is_none())
        {
            bad.push(format!(
                "unknown SQL dialect `{d}` (one of {})",
                super::dialect::Dialect::names().join(", ")
            ));
            continue;
        }
        out.push(Signal {
            kind,
            values,
            languages,
        });
    }
    (out, bad)
}

/// Regex lists must not be split on commas.
fn string_list_raw(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or(s)
        .to_string()
}

/// Helper for tests and `Library::from_texts`: parse `text` as if it lived at `rel`.
pub fn parse_text(rel: &str, text: &str, origin: Origin) -> Option<Skill> {
    let format = detect(rel)?;
    let dir = matches!(format, SourceFormat::AgentsMd | SourceFormat::ClaudeMd).then(|| {
        Path::new(rel)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    });
    Some(parse(FileInput {
        path: PathBuf::from(rel),
        rel,
        text: SkillText::from(text),
        format,
        origin,
        dir,
    }))
}

#[cfg(test)]
mod tests;
