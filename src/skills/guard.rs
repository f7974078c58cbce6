//! Reading files a repository controls, and YAML it wrote, without letting it hang, bloat or
//! escape: a file is read only when, after resolving symlinks, it is a regular file, inside its
//! confinement folder (the workspace) when there is one, and under a size cap; YAML is measured
//! (nesting depth, node count, aliases) in one linear pass before any parser sees it, because
//! the YAML parser is quadratic in nesting depth (200,000 levels took 71 s).

use std::io::Read;
use std::path::{Path, PathBuf};

/// The size cap for guidance and settings files.
pub const MAX_FILE: u64 = 2 * 1024 * 1024;

/// The size cap for a source document read from disk because a client or a user named it (a
/// file not open in the editor, `ask --file`, `match FILE`): far above real source files, low
/// enough that a device or a runaway log never fills memory.
pub const MAX_DOCUMENT: u64 = 16 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("does not exist")]
    Missing,
    #[error("is a symlink that does not resolve ({0})")]
    Dangling(std::io::Error),
    #[error("resolves to {}, outside the workspace {}", .0.display(), .1.display())]
    Outside(PathBuf, PathBuf),
    #[error("resolves to {}, which is not a regular file", .0.display())]
    NotRegular(PathBuf),
    #[error("{} is over the {} limit", bytes(*.0), bytes(*.1))]
    TooLarge(u64, u64),
    #[error("is not UTF-8 text")]
    NotUtf8,
    #[error("cannot read: {0}")]
    Io(std::io::Error),
}

/// The canonical form of `root` (itself when it cannot be resolved, e.g. not created yet).
pub fn real_root(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

/// Whether `path`, symlinks resolved, lies inside `root` (symlinks resolved). A path that does
/// not resolve is inside only when it does not exist at all and its text is inside.
pub fn resolves_inside(path: &Path, root: &Path) -> bool {
    let root = real_root(root);
    match std::fs::canonicalize(path) {
        Ok(real) => real.starts_with(&root),
        Err(_) => std::fs::symlink_metadata(path).is_err() && path.starts_with(&root),
    }
}

/// Reads `path` as UTF-8 text under [`MAX_FILE`], refusing anything that is not a regular file
/// once symlinks are resolved, or (with `confine`) that resolves outside that folder.
pub fn read_text(path: &Path, confine: Option<&Path>) -> Result<String, Refused> {
    read_text_capped(path, confine, MAX_FILE)
}

/// [`read_text`] with another cap.
pub fn read_text_capped(path: &Path, confine: Option<&Path>, cap: u64) -> Result<String, Refused> {
    String::from_utf8(read_bytes_capped(path, confine, cap)?).map_err(|_| Refused::NotUtf8)
}

/// The bytes of `path` under the same rules as [`read_text`], with the cap given: for callers
/// that decide themselves what non-UTF-8 content means (binary detection, lossy display).
pub fn read_bytes_capped(
    path: &Path,
    confine: Option<&Path>,
    cap: u64,
) -> Result<Vec<u8>, Refused> {
    let real = match std::fs::canonicalize(path) {
        Ok(p) => p,
        Err(e) if std::fs::symlink_metadata(path).is_ok() => return Err(Refused::Dangling(e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Refused::Missing),
        Err(e) => return Err(Refused::Io(e)),
    };
    if let Some(root) = confine {
        let root = real_root(root);
        if !real.starts_with(&root) {
            return Err(Refused::Outside(real, root));
        }
    }
    let meta = std::fs::metadata(&real).map_err(Refused::Io)?;
    if !meta.is_file() {
        return Err(Refused::NotRegular(real));
    }
    if meta.len() > cap {
        return Err(Refused::TooLarge(meta.len(), cap));
    }
    let file = open_no_block(&real).map_err(Refused::Io)?;
    // The file may have been swapped since the checks above: check what was opened.
    let meta = file.metadata().map_err(Refused::Io)?;
    if !meta.is_file() {
        return Err(Refused::NotRegular(real));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(cap) as usize);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(Refused::Io)?;
    if bytes.len() as u64 > cap {
        return Err(Refused::TooLarge(bytes.len() as u64, cap));
    }
    Ok(bytes)
}

/// A byte count as people write it (`2 MiB`, `300 KiB`, `17 bytes`).
fn bytes(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    match n {
        n if n >= MIB && n % MIB == 0 => format!("{} MiB", n / MIB),
        n if n >= MIB => format!("{:.1} MiB", n as f64 / MIB as f64),
        n if n >= KIB => format!("{} KiB", n / KIB),
        n => format!("{n} bytes"),
    }
}

/// Opens without following a last symlink and without blocking on a FIFO or device that took
/// the place of the file.
fn open_no_block(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    o.open(path)
}

/// Limits on YAML structure, checked before parsing.
#[derive(Debug, Clone, Copy)]
pub struct YamlLimits {
    /// Deepest nesting of collections (block indentation, `- - -`, `[[[`, `{{{`).
    pub depth: usize,
    /// Entries, items and scalars, roughly.
    pub nodes: usize,
    /// `*alias` uses (each may expand a whole subtree).
    pub aliases: usize,
}

impl YamlLimits {
    /// Frontmatter and tip triggers: a few dozen keys in real files.
    pub const SMALL: YamlLimits = YamlLimits {
        depth: 64,
        nodes: 20_000,
        aliases: 100,
    };
    /// Settings files.
    pub const SETTINGS: YamlLimits = YamlLimits {
        depth: 64,
        nodes: 100_000,
        aliases: 100,
    };
}

/// Why YAML was not parsed: its 0-based line and what limit it crossed.
#[derive(Debug, Clone, PartialEq)]
pub struct TooComplex {
    pub line: u32,
    pub message: String,
}

/// Measures `yaml` in one pass over its bytes. An over-estimate is fine (real files are far
/// below the limits); what matters is that the pass is linear and that nothing deep gets past.
pub fn check_yaml(yaml: &str, limits: YamlLimits) -> Result<(), TooComplex> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut nodes = 0usize;
    let mut aliases = 0usize;
    let mut quote: Option<u8> = None;
    // Inside a `|` or `>` block scalar opened on a line with this indent: its content is text.
    let mut block_scalar: Option<usize> = None;
    for (line_no, line) in (0u32..).zip(yaml.split('\n')) {
        let too_deep = || TooComplex {
            line: line_no,
            message: format!("YAML nests deeper than {} levels; not parsed", limits.depth),
        };
        let b = line.as_bytes();
        let mut i = 0;
        let mut depth_here = 0usize;
        let mut line_indent = None;
        if quote.is_none() && flow == 0 {
            // Block context: indentation opens a level per distinct deeper indent.
            let indent = b.iter().take_while(|&&c| c == b' ').count();
            let rest = line[indent..].trim_end();
            if let Some(open) = block_scalar {
                if rest.is_empty() || indent > open {
                    continue;
                }
                block_scalar = None;
            }
            if rest.is_empty() || rest.starts_with('#') {
                continue;
            }
            while indents.last().is_some_and(|&top| top > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
            line_indent = Some(indent);
            i = indent;
            // Compact nesting on one line: `- - - x`, `? - x`.
            while i < b.len() && matches!(b[i], b'-' | b'?' | b':') {
                if !matches!(b.get(i + 1), None | Some(b' ') | Some(b'\t')) {
                    break;
                }
                depth_here += 1;
                nodes += 1;
                i += 1;
                while i < b.len() && matches!(b[i], b' ' | b'\t') {
                    i += 1;
                }
            }
        }
        nodes += 1;
        // The last significant byte before `i` on this line: a quote or an alias only starts
        // where a scalar can start (line start, after `:`, `-`, `?`, `[`, `{`, `,`).
        let mut last_sig: Option<u8> = if i > 0 { Some(b'-') } else { None };
        let mut prev = b' ';
        let mut content_end = b.len();
        while i < b.len() {
            let c = b[i];
            let scalar_start = matches!(
                last_sig,
                None | Some(b':') | Some(b'-') | Some(b'?') | Some(b'[') | Some(b'{') | Some(b',')
            );
            if let Some(q) = quote {
                if c == b'\\' && q == b'"' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            } else {
                match c {
                    b'#' if prev == b' ' || prev == b'\t' => {
                        content_end = i;
                        break;
                    }
                    b'"' | b'\'' if scalar_start => quote = Some(c),
                    b'[' | b'{' => {
                        flow += 1;
                        nodes += 1;
                        if indents.len() + depth_here + flow > limits.depth {
                            return Err(too_deep());
                        }
                    }
                    b']' | b'}' => flow = flow.saturating_sub(1),
                    b',' if flow > 0 => nodes += 1,
                    b':' if matches!(b.get(i + 1), None | Some(b' ') | Some(b'\t')) => nodes += 1,
                    b'*' if scalar_start => aliases += 1,
                    _ => {}
                }
            }
            if !matches!(c, b' ' | b'\t') {
                last_sig = Some(c);
            }
            prev = c;
            i += 1;
        }
        if indents.len() + depth_here + flow > limits.depth {
            return Err(too_deep());
        }
        if let Some(indent) = line_indent
            && quote.is_none()
            && flow == 0
            && is_block_scalar_header(line[..content_end].trim_end())
        {
            block_scalar = Some(indent);
        }
        if nodes > limits.nodes {
            return Err(TooComplex {
                line: line_no,
                message: format!("YAML has more than {} entries; not parsed", limits.nodes),
            });
        }
        if aliases > limits.aliases {
            return Err(TooComplex {
                line: line_no,
                message: format!("YAML uses more than {} aliases; not parsed", limits.aliases),
            });
        }
    }
    Ok(())
}

/// Whether a line ends with a block scalar indicator (`key: |`, `- >-`, `key: |2+`).
fn is_block_scalar_header(line: &str) -> bool {
    let last = line.rsplit([' ', '\t']).next().unwrap_or("");
    let mut chars = last.chars();
    matches!(chars.next(), Some('|') | Some('>'))
        && chars.all(|c| c == '-' || c == '+' || c.is_ascii_digit())
        && (line.len() == last.len() || {
            let before = line[..line.len() - last.len()].trim_end();
            before.ends_with(':') || before.ends_with('-') || before.ends_with('?')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_shapes_pass() {
        for y in [
            "name: a\ndescription: \"b: c [x\"\nglobs: ['**/*.{ts,tsx}', src/**]\n",
            "paths:\n  - a/**\n  - b\nmetadata:\n  author: me\n  nested:\n    deeper: [1, {a: b}]\n",
            "- id: x\n  pattern: '\\[\\{'\n  message: don't # it's fine\n",
            "a: &x {k: v}\nb: *x\n",
            "desc: >\n  folded [ text with an open bracket\n  continues\nnext: ok\n",
            "key: it's a [plain] value\n",
        ] {
            assert_eq!(check_yaml(y, YamlLimits::SMALL), Ok(()), "{y}");
        }
    }

    #[test]
    fn deep_shapes_are_refused_quickly() {
        let n = 200_000;
        let cases = [
            "[".repeat(n),
            "{a: ".repeat(n),
            "- ".repeat(n) + "x",
            (0..200)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect(),
            format!("a: \"{}\"\nb: {}", "[".repeat(10), "[".repeat(n)),
            // A stray quote in a block scalar or a plain scalar hides nothing that follows.
            format!("a: |\n  'x\nb: {}", "[".repeat(n)),
            format!("a: x 'y\nb: {}", "[".repeat(n)),
            format!("a: 'it''s'\nb: {}", "[".repeat(n)),
        ];
        for y in cases {
            let e = check_yaml(&y, YamlLimits::SMALL).unwrap_err();
            assert!(e.message.contains("deeper than 64"), "{}", e.message);
        }
        let wide = "[".to_string() + &"x,".repeat(50_000) + "]";
        let e = check_yaml(&wide, YamlLimits::SMALL).unwrap_err();
        assert!(e.message.contains("entries"), "{}", e.message);
        let bomb = "a: &a [x]\n".to_string() + &"b: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n".repeat(20);
        let e = check_yaml(&bomb, YamlLimits::SMALL).unwrap_err();
        assert!(e.message.contains("aliases"), "{}", e.message);
        // 64 levels is fine.
        assert_eq!(
            check_yaml(&("[".repeat(60) + &"]".repeat(60)), YamlLimits::SMALL),
            Ok(())
        );
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_inside_the_root_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("ws");
        std::fs::create_dir(&ws).unwrap();
        std::fs::write(ws.join("ok.md"), "hello").unwrap();
        std::fs::write(dir.path().join("outside.md"), "secret").unwrap();
        let link = |target: &str, name: &str| {
            std::os::unix::fs::symlink(target, ws.join(name)).unwrap();
            ws.join(name)
        };
        assert_eq!(read_text(&ws.join("ok.md"), Some(&ws)).unwrap(), "hello");
        assert_eq!(
            read_text(&link("ok.md", "inner.md"), Some(&ws)).unwrap(),
            "hello"
        );
        let out = link("../outside.md", "out.md");
        assert!(matches!(
            read_text(&out, Some(&ws)),
            Err(Refused::Outside(..))
        ));
        assert_eq!(read_text(&out, None).unwrap(), "secret", "unconfined");
        for (target, name) in [("/dev/zero", "zero.md"), ("/proc/self/fd/0", "fd0.md")] {
            let p = link(target, name);
            let r = read_text(&p, None);
            assert!(
                matches!(r, Err(Refused::NotRegular(_)) | Err(Refused::Dangling(_))),
                "{target}: {r:?}"
            );
        }
        assert!(matches!(
            read_text(&link("nowhere.md", "dangling.md"), Some(&ws)),
            Err(Refused::Dangling(_))
        ));
        assert!(matches!(
            read_text(&ws.join("absent.md"), Some(&ws)),
            Err(Refused::Missing)
        ));
        std::fs::write(ws.join("big.md"), "x".repeat(100)).unwrap();
        assert!(matches!(
            read_text_capped(&ws.join("big.md"), Some(&ws), 10),
            Err(Refused::TooLarge(100, 10))
        ));
        assert!(resolves_inside(&ws.join("inner.md"), &ws));
        assert!(!resolves_inside(&out, &ws));
        assert!(resolves_inside(&ws.join("not-yet"), &ws));
        assert!(!resolves_inside(&ws.join("dangling.md"), &ws));
    }
}
