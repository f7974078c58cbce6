//! The bundled library: the repository's `skills/` folder embedded in the binary at build time, so
//! an installed binary needs no files beside it.

use include_dir::{Dir, DirEntry, include_dir};

static SKILLS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/skills");

/// Every embedded file as (relative path with `/` separators, text). Non-UTF-8 files are skipped.
pub fn files() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    walk(&SKILLS, &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static str)>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(d) => walk(d, out),
            DirEntry::File(f) => {
                if let Some(text) = f.contents_utf8() {
                    out.push((f.path().to_string_lossy().replace('\\', "/"), text));
                }
            }
        }
    }
}

/// The text of one embedded file by its relative path.
pub fn get(rel: &str) -> Option<&'static str> {
    SKILLS.get_file(rel).and_then(|f| f.contents_utf8())
}
