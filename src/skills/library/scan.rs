//! Finding guidance files: reading one through the guard, scanning a skills folder (a root) and
//! walking a workspace for the formats other tools keep in conventional places
//! ([`workspace_format`]).

use super::*;

/// Reads a guidance file through [`guard::read_text`] (regular file, size cap, and inside
/// `confine` once symlinks are resolved); a refusal becomes a problem on the file.
fn read(path: &Path, confine: Option<&Path>, problems: &mut Vec<Problem>) -> Option<Arc<str>> {
    let e = match guard::read_text(path, confine) {
        Ok(text) => return Some(Arc::from(text)),
        Err(e) => e,
    };
    let (severity, code) = match e {
        Refused::TooLarge(..) => (Severity::Warning, "too-large"),
        Refused::NotUtf8 => (Severity::Error, "not-utf8"),
        Refused::Outside(..) => (Severity::Warning, "outside-workspace"),
        Refused::NotRegular(_) => (Severity::Warning, "not-a-file"),
        _ => (Severity::Error, "unreadable"),
    };
    problems.push(Problem::file(
        path,
        severity,
        code,
        format!("skipped: the file {e}"),
    ));
    None
}

/// Read one guidance file into a [`Found`]; unreadable files become problems.
fn found_file(
    path: PathBuf,
    rel: String,
    format: SourceFormat,
    origin: Origin,
    confine: Option<&Path>,
    problems: &mut Vec<Problem>,
) -> Option<Found> {
    let text = read(&path, confine, problems)?;
    let dir = matches!(format, SourceFormat::AgentsMd | SourceFormat::ClaudeMd)
        .then(|| path.parent().map(Path::to_path_buf).unwrap_or_default());
    Some(Found {
        path,
        rel,
        text: text.into(),
        format,
        origin,
        dir,
    })
}

/// A skills root (or a single file): every guidance file below it, by file name. With
/// `confine` (a root inside a workspace) the root, every file and every followed directory
/// symlink must resolve inside that folder; a directory symlink out of it is not followed.
pub(super) fn scan_root(
    root: &Path,
    origin: Origin,
    found: &mut Vec<Found>,
    problems: &mut Vec<Problem>,
    roots: &mut Vec<RootInfo>,
    optional: bool,
    confine: Option<&Path>,
) {
    let before = found.len();
    let escapes = confine.filter(|c| root.exists() && !guard::resolves_inside(root, c));
    if let Some(ws) = escapes {
        problems.push(Problem::file(
            root,
            Severity::Warning,
            "outside-workspace",
            format!(
                "skipped: resolves to {}, outside the workspace {}",
                guard::real_root(root).display(),
                ws.display()
            ),
        ));
    } else if root.is_file() {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let format = formats::detect(&name).unwrap_or(SourceFormat::Seed);
        found.extend(found_file(
            root.to_path_buf(),
            name,
            format,
            origin,
            confine,
            problems,
        ));
    } else if root.is_dir() {
        let skipped: Arc<std::sync::Mutex<Vec<PathBuf>>> = Arc::default();
        let mut builder = ignore::WalkBuilder::new(root);
        builder
            .hidden(false)
            .git_ignore(false)
            .parents(false)
            .follow_links(true)
            .max_depth(Some(8));
        if let Some(ws) = confine {
            let ws = guard::real_root(ws);
            let skipped = skipped.clone();
            builder.filter_entry(move |e| {
                let keep = !e.path_is_symlink()
                    || !e.file_type().is_some_and(|t| t.is_dir())
                    || guard::resolves_inside(e.path(), &ws);
                if !keep {
                    skipped.lock().expect("lock").push(e.path().to_path_buf());
                }
                keep
            });
        }
        let mut files: Vec<PathBuf> = builder
            .build()
            .filter_map(Result::ok)
            // Not only regular files: a guidance-named symlink to a device or a pipe is
            // refused by `read`, with a problem, rather than skipped in silence.
            .filter(|e| e.depth() > 0 && !e.file_type().is_some_and(|t| t.is_dir()))
            .map(|e| e.into_path())
            .filter(|p| {
                !p.components()
                    .any(|c| SKIP_DIRS.contains(&c.as_os_str().to_string_lossy().as_ref()))
            })
            .collect();
        files.sort();
        for path in files {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let Some(format) = formats::detect(&rel) else {
                continue;
            };
            found.extend(found_file(path, rel, format, origin, confine, problems));
        }
        for path in std::mem::take(&mut *skipped.lock().expect("lock")) {
            problems.push(Problem::file(
                &path,
                Severity::Warning,
                "outside-workspace",
                format!(
                    "not followed: this folder symlink resolves to {}, outside the workspace",
                    guard::real_root(&path).display()
                ),
            ));
        }
    } else if !optional {
        problems.push(Problem::file(
            root,
            Severity::Warning,
            "missing-root",
            "skill path does not exist".into(),
        ));
    }
    roots.push(RootInfo {
        path: root.display().to_string(),
        origin,
        exists: root.exists(),
        skills: found.len() - before,
    });
}

/// Conventional locations inside a workspace folder, plus AGENTS.md / CLAUDE.md anywhere.
pub(super) fn scan_workspace(
    ws: &Path,
    found: &mut Vec<Found>,
    problems: &mut Vec<Problem>,
    roots: &mut Vec<RootInfo>,
) {
    let before = found.len();
    // Skill roots inside the workspace.
    for sub in [".skills", ".agents/skills", ".claude/skills"] {
        let dir = ws.join(sub);
        if dir.is_dir() {
            let mut tmp_roots = Vec::new();
            scan_root(
                &dir,
                Origin::Workspace,
                found,
                problems,
                &mut tmp_roots,
                true,
                Some(ws),
            );
        }
    }
    // Rule files: walk the workspace once, honouring .gitignore, and keep conventional paths.
    let walker = ignore::WalkBuilder::new(ws)
        .hidden(false)
        .git_ignore(true)
        .git_global(false)
        .parents(false)
        .max_depth(Some(12))
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            !SKIP_DIRS.contains(&name.as_ref())
                && name != ".skills"
                && !(e.depth() > 0
                    && (name == "skills"
                        && e.path()
                            .parent()
                            .is_some_and(|p| p.ends_with(".agents") || p.ends_with(".claude"))))
        })
        .build();
    let mut files: Vec<(PathBuf, String, SourceFormat)> = Vec::new();
    for entry in walker.filter_map(Result::ok) {
        // Symlinks are not followed into folders; a symlinked file is read only when it
        // resolves to a regular file inside the workspace (`read` checks, with a problem).
        if !entry
            .file_type()
            .is_some_and(|t| t.is_file() || t.is_symlink())
        {
            continue;
        }
        let path = entry.path();
        let rel = path
            .strip_prefix(ws)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let Some(format) = workspace_format(&rel) else {
            continue;
        };
        files.push((path.to_path_buf(), rel, format));
    }
    files.sort();
    for (path, rel, format) in files {
        found.extend(found_file(
            path,
            rel,
            format,
            Origin::Workspace,
            Some(ws),
            problems,
        ));
    }
    roots.push(RootInfo {
        path: ws.display().to_string(),
        origin: Origin::Workspace,
        exists: ws.exists(),
        skills: found.len() - before,
    });
}

/// Which workspace-relative paths are guidance files (only the conventional locations).
pub fn workspace_format(rel: &str) -> Option<SourceFormat> {
    let spec = crate::skills::format_table::spec_for(rel)?;
    let in_place = spec.in_workspace?;
    in_place(&rel.to_ascii_lowercase()).then_some(spec.format)
}
