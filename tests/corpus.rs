//! The real-world corpus in `../shared/corpus`, used as it is: every file yields a skill or a
//! precise problem, almost all yield a usable skill, and selection picks the right rules.

use std::path::{Path, PathBuf};

use skill_lsp::skills::library::{Library, SkillSources};
use skill_lsp::skills::model::{Activation, Severity, SourceFormat};
use skill_lsp::skills::select::DocumentInfo;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .canonicalize()
        .expect("../shared/corpus beside the repository")
}

fn load() -> Library {
    Library::load(&SkillSources {
        builtin: false,
        configured: vec![corpus()],
        ..Default::default()
    })
}

fn guidance_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in ignore::WalkBuilder::new(corpus())
        .hidden(false)
        .build()
        .flatten()
    {
        let p = entry.path();
        let name = p.file_name().unwrap().to_string_lossy();
        if name == "SKILL.md" || name.ends_with(".instructions.md") || name.ends_with(".mdc") {
            out.push(p.to_path_buf());
        }
    }
    out
}

#[test]
fn every_file_yields_a_skill_or_a_precise_problem() {
    let lib = load();
    let files = guidance_files();
    assert_eq!(
        files.len(),
        746,
        "the corpus README promises 191 + 241 + 314 files"
    );
    let mut missing = Vec::new();
    for f in &files {
        let as_skill = lib.skills.iter().any(|s| &s.path == f);
        let explained = lib
            .all_problems()
            .iter()
            .any(|p| &p.path == f && p.severity >= Severity::Warning);
        if !as_skill && !explained {
            missing.push(f.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "files that vanished without a problem: {missing:#?}"
    );
    // Problems point at a file and a line inside it.
    for p in lib.all_problems() {
        let text = std::fs::read_to_string(&p.path).unwrap();
        assert!((p.line as usize) < text.lines().count().max(1), "{p:?}");
        assert!(!p.message.is_empty());
    }
    let by_format = |f: SourceFormat| lib.skills.iter().filter(|s| s.format == f).count();
    eprintln!(
        "corpus: {} skills ({} copilot, {} cursor, {} agent skills), {} problems",
        lib.skills.len(),
        by_format(SourceFormat::CopilotInstructions),
        by_format(SourceFormat::CursorMdc),
        by_format(SourceFormat::AgentSkill),
        lib.all_problems().len()
    );
    assert_eq!(by_format(SourceFormat::CursorMdc), 241);
    assert_eq!(by_format(SourceFormat::CopilotInstructions), 191);
}

#[test]
fn at_least_99_percent_are_usable() {
    let lib = load();
    let usable = lib
        .skills
        .iter()
        .filter(|s| {
            !s.name.trim().is_empty() && !s.description.trim().is_empty() && !s.sections.is_empty()
        })
        .filter(|s| !s.problems.iter().any(|p| p.severity == Severity::Error))
        .count();
    let ratio = usable as f64 / 746.0;
    eprintln!("usable: {usable}/746 = {:.2}%", ratio * 100.0);
    assert!(ratio >= 0.99, "usable {usable}/746");
    // Every .mdc is invalid YAML as written, and each still loads through the lenient reader.
    let lenient = lib
        .skills
        .iter()
        .filter(|s| {
            s.format == SourceFormat::CursorMdc
                && s.problems.iter().any(|p| p.code == "lenient-yaml")
        })
        .count();
    assert_eq!(lenient, 241);
    let with_globs = lib
        .skills
        .iter()
        .filter(|s| s.format == SourceFormat::CursorMdc && !s.globs.is_empty())
        .count();
    assert!(
        with_globs >= 230,
        "cursor globs read despite invalid YAML: {with_globs}"
    );
    // Comma-separated applyTo lists are split, but not on commas inside `{}`.
    let mut depth0 = 0;
    for s in lib
        .skills
        .iter()
        .filter(|s| s.format == SourceFormat::CopilotInstructions)
    {
        let text = std::fs::read_to_string(&s.path).unwrap();
        let Some(line) = text.lines().take(20).find(|l| l.starts_with("applyTo:")) else {
            continue;
        };
        let mut depth = 0i32;
        let top_level_comma = line.chars().any(|c| {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            c == ',' && depth == 0
        });
        if top_level_comma {
            depth0 += 1;
            assert!(s.globs.len() > 1, "{}: {:?}", s.path.display(), s.globs);
        } else if line.contains('{') {
            assert!(
                s.globs.len() <= 1 || line.contains('['),
                "{}: split inside braces: {:?}",
                s.path.display(),
                s.globs
            );
        }
    }
    assert!(depth0 >= 60, "comma lists seen: {depth0}");
}

fn names_for(lib: &Library, rel: &str, lang: &str, text: &str) -> Vec<String> {
    let root = Path::new("/work/project");
    let path = root.join(rel);
    let doc = DocumentInfo {
        path: Some(&path),
        root: Some(root),
        language_id: lang,
        text,
    };
    lib.select_skills(&doc)
        .into_iter()
        .map(|m| lib.skill(m.skill).name.clone())
        .collect()
}

#[test]
fn selection_sanity() {
    let lib = load();
    let always = lib
        .skills
        .iter()
        .filter(|s| s.activation == Activation::Always)
        .count();

    let py = names_for(&lib, "app/service.py", "python", "import os\n");
    assert!(
        py.iter().take(10).any(|n| n == "python"),
        "cursor python rule near the top: {:?}",
        &py[..10]
    );
    assert!(py.contains(&"langchain-python".to_string()));
    assert!(!py.contains(&"react".to_string()));
    let py_specific = py.len() - always;
    eprintln!(".py: {} skills ({} always-on)", py.len(), always);
    assert!(py_specific >= 100, "{py_specific}");

    let tsx = names_for(
        &lib,
        "src/App.tsx",
        "typescriptreact",
        "import React from 'react';\n",
    );
    assert_eq!(tsx[0], "react", "{:?}", &tsx[..5]);
    assert!(
        tsx.iter().take(4).all(|n| n.contains("react")),
        "{:?}",
        &tsx[..5]
    );
    assert!(!tsx.contains(&"python".to_string()));

    let docker = names_for(&lib, "Dockerfile", "dockerfile", "FROM node:20\n");
    let top: Vec<&String> = docker.iter().take(2).collect();
    assert!(
        top.contains(&&"docker".to_string())
            && top.contains(&&"containerization-docker-best-practices".to_string()),
        "{top:?}"
    );

    let gha = names_for(
        &lib,
        ".github/workflows/ci.yml",
        "yaml",
        "on: [push]\njobs: {}\n",
    );
    assert_eq!(
        gha[0],
        "github-actions-ci-cd-best-practices",
        "{:?}",
        &gha[..5]
    );
    assert!(
        gha.iter().take(12).any(|n| n == "github-actions"),
        "cursor github-actions rule: {:?}",
        &gha[..12]
    );
}

/// Skills read from files keep headings and line ranges only once indexed; `hydrated` reads
/// the rest again and gives exactly what a full parse of the file gives, for every corpus file.
/// A library assembled from those skills again (as a bench or an addition does) keeps its tips.
#[test]
fn dropped_section_bodies_come_back_exactly() {
    use skill_lsp::skills::model::{Bodies, Origin};
    let lib = load();
    let root = corpus();
    let mut dropped = 0;
    for (id, s) in lib.skills.iter().enumerate() {
        assert_eq!(s.bodies, Bodies::Dropped, "{}", s.path.display());
        assert!(
            s.sections
                .iter()
                .all(|sec| sec.prose.is_empty() && sec.code_blocks.is_empty()),
            "{}: bodies still held",
            s.path.display()
        );
        let text = std::fs::read_to_string(&s.path).unwrap();
        let rel = s.path.strip_prefix(&root).unwrap().to_string_lossy();
        let full = skill_lsp::skills::formats::parse_text(&rel, &text, Origin::Configured)
            .expect("a guidance file");
        let back = lib.hydrated(id);
        assert_eq!(
            serde_json::to_value(&back.sections).unwrap(),
            serde_json::to_value(&full.sections).unwrap(),
            "{}",
            s.path.display()
        );
        dropped += 1;
    }
    assert!(dropped > 700, "{dropped}");
    let tips = lib.tips.tips().len();
    assert!(tips > 0);
    let again = Library::assemble(lib.skills.clone(), Vec::new(), Vec::new());
    assert_eq!(again.tips.tips().len(), tips, "tips survive re-assembly");
}
