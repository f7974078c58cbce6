use super::*;

const SKILL: &str = "---\nname: errs\ndescription: Python errors\nlanguages: [python]\n---\n# Errors\n\n## Blind except\n\n<!-- skill-lsp tip\nid: blind\npattern: '^\\s*except Exception:'\nunless: 'noqa'\nmessage: Catch what you handle.\n-->\n\nCatching everything hides bugs.\n\n```python\n# BAD\ntry:\n    run()\nexcept Exception:\n    pass\n```\n";

/// After loading, a file skill holds headings only; `hydrated` reads the body back, and
/// when the file has been rewritten with other headings it answers with the indexed skill
/// (no panic, no wrong section) until the reload that the watcher triggers.
#[test]
fn hydrated_reads_bodies_back_and_survives_edits() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("python/errs.md");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, SKILL).unwrap();
    let lib = Library::load(&SkillSources {
        configured: vec![dir.path().to_path_buf()],
        ..Default::default()
    });
    let id = lib.find("errs").unwrap();
    let kept = lib.skill(id);
    assert_eq!(kept.bodies, Bodies::Dropped);
    let blind = kept
        .sections
        .iter()
        .position(|s| s.title() == "Blind except");
    let blind = blind.expect("heading kept");
    assert!(kept.sections[blind].prose.is_empty());
    assert!(
        lib.tips.tips().iter().any(|t| &*t.id == "errs/blind"),
        "the declared tip was read before the bodies were dropped"
    );

    let full = lib.hydrated(id);
    assert_eq!(full.bodies, Bodies::Kept);
    assert_eq!(
        full.sections[blind].prose,
        "Catching everything hides bugs."
    );
    assert!(
        full.sections[blind].code_blocks[0]
            .code
            .contains("except Exception")
    );
    assert_eq!(full.sections[blind].comments.len(), 1);

    std::fs::write(&file, SKILL.replace("## Blind except", "## Renamed")).unwrap();
    let stale = lib.hydrated(id);
    assert_eq!(stale.bodies, Bodies::Dropped);
    assert_eq!(stale.sections[blind].title(), "Blind except");
    std::fs::remove_file(&file).unwrap();
    assert_eq!(lib.hydrated(id).bodies, Bodies::Dropped);
}

/// Markdown beside or below a SKILL.md (references, examples) belongs to that skill; a
/// seed-layout file next to the skill folder is a skill of its own.
#[test]
fn files_inside_a_skill_folder_are_not_skills() {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "tools/pdf/SKILL.md",
        "---\nname: pdf\ndescription: PDFs\n---\n# PDF\n",
    );
    write(
        "tools/pdf/reference.md",
        "---\nname: pdf-ref\ndescription: x\n---\n# Ref\n",
    );
    write(
        "tools/pdf/examples/deep.md",
        "---\nname: deep\ndescription: x\n---\n# D\n",
    );
    write(
        "tools/pdf-notes.md",
        "---\nname: pdf-notes\ndescription: x\n---\n# N\n",
    );
    let lib = Library::load(&SkillSources {
        configured: vec![dir.path().to_path_buf()],
        ..Default::default()
    });
    let mut names: Vec<&str> = lib.skills.iter().map(|s| s.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["pdf", "pdf-notes"]);
}

/// A repository's symlinks cannot reach outside it: a `.skills/x` folder symlink out of the
/// workspace is not followed, a symlinked rule file pointing out is not read, a `.skills`
/// that is itself a symlink out is skipped, and a symlink to a device is refused; each says
/// so on the file. Symlinks that stay inside still work.
#[cfg(unix)]
#[test]
fn workspace_symlinks_stay_inside() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(outside.join("pdf")).unwrap();
    std::fs::write(
        outside.join("pdf/SKILL.md"),
        "---\nname: stolen\ndescription: x\n---\n# S\n",
    )
    .unwrap();
    std::fs::write(outside.join("secret.md"), "# secret\n").unwrap();
    let ws = dir.path().join("ws");
    let write = |rel: &str, text: &str| {
        let p = ws.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        ".skills/own/SKILL.md",
        "---\nname: own\ndescription: x\n---\n# O\n",
    );
    write("docs/inner.md", "---\ndescription: inner\n---\n# I\n");
    symlink(&outside, ws.join(".skills/escape")).unwrap();
    symlink(ws.join(".skills/own"), ws.join(".skills/alias")).unwrap();
    std::fs::create_dir_all(ws.join(".cursor/rules")).unwrap();
    symlink(
        outside.join("secret.md"),
        ws.join(".cursor/rules/secret.mdc"),
    )
    .unwrap();
    symlink(ws.join("docs/inner.md"), ws.join(".cursor/rules/inner.mdc")).unwrap();
    symlink("/dev/zero", ws.join(".cursor/rules/zero.mdc")).unwrap();
    std::fs::create_dir_all(ws.join(".agents")).unwrap();
    symlink(&outside, ws.join(".agents/skills")).unwrap();

    let lib = Library::load(&SkillSources {
        workspaces: vec![ws.clone()],
        ..Default::default()
    });
    let names: Vec<&str> = lib.skills.iter().map(|s| s.name.as_str()).collect();
    assert!(!names.contains(&"stolen"), "{names:?}");
    assert!(names.contains(&"own"), "{names:?}");
    assert!(names.contains(&"inner"), "{names:?}");
    assert!(!lib.skills.iter().any(|s| s.path.ends_with("secret.mdc")));
    let problem = |rel: &str| {
        lib.problems_for(&ws.join(rel))
            .first()
            .map(|p| (p.code, p.message.clone()))
    };
    let (code, msg) = problem(".skills/escape").expect("folder symlink reported");
    assert_eq!(code, "outside-workspace");
    assert!(msg.contains("not followed"), "{msg}");
    let (code, _) = problem(".cursor/rules/secret.mdc").expect("file symlink reported");
    assert_eq!(code, "outside-workspace");
    let (code, msg) = problem(".cursor/rules/zero.mdc").expect("device reported");
    assert_eq!(code, "outside-workspace", "{msg}");
    assert!(msg.contains("/dev/zero"), "{msg}");
    let (code, _) = problem(".agents/skills").expect("root symlink reported");
    assert_eq!(code, "outside-workspace");
}

/// An embedded skill's comments (its tip blocks) point into its text, and say what a parse of
/// the same text into owned strings says.
#[test]
fn embedded_comments_borrow_the_skill_text() {
    let lib = Library::load(&SkillSources {
        builtin: true,
        ..Default::default()
    });
    let mut borrowed = 0;
    for s in lib.skills.iter().filter(|s| s.is_builtin()) {
        let text: &str = &s.text;
        let span = text.as_ptr() as usize..text.as_ptr() as usize + text.len();
        let rel = s
            .path
            .to_string_lossy()
            .trim_start_matches("builtin:/")
            .to_string();
        let owned = formats::parse_text(&rel, text, Origin::Configured).unwrap();
        let mine: Vec<_> = s.sections.iter().flat_map(|c| c.comments.iter()).collect();
        let theirs: Vec<_> = owned
            .sections
            .iter()
            .flat_map(|c| c.comments.iter())
            .collect();
        assert_eq!(mine, theirs, "{rel}");
        for (_, c) in mine {
            assert!(matches!(c, SkillText::Embedded(_)), "{rel}: {c:?}");
            let p = c.as_ptr() as usize;
            assert!(span.contains(&p) || c.is_empty(), "{rel}: outside the text");
            borrowed += 1;
        }
    }
    assert!(borrowed > 100, "{borrowed} comments");
}
