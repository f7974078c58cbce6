//! The generated inputs of the tip benches (tips.rs, structural.rs): 1,000 synthetic skills and
//! a 10,000-line Python file that meets some of their tips and some bundled ones.
#![allow(dead_code)]

use std::path::Path;

const LANGS: &[(&str, &str)] = &[
    ("python", "py"),
    ("typescript", "ts"),
    ("javascript", "js"),
    ("rust", "rs"),
    ("go", "go"),
    ("yaml", "yaml"),
    ("shellscript", "sh"),
    ("java", "java"),
    ("sql", "sql"),
    ("dockerfile", "dockerfile"),
];

/// Skill `i`: every other one annotated with three declared triggers (one a span trigger every
/// tenth skill), the others left to implicit tips from their bad examples.
pub fn synthetic_skill(i: usize) -> String {
    // Skills 1, 11, 21, ... are Python skills without triggers: their implicit tips meet the
    // document's `result_<k+1> = slow_path_<k+1>(...)` lines.
    let (lang, fence) = if i % 10 == 1 {
        ("python", "python")
    } else {
        LANGS[i % LANGS.len()]
    };
    let mut s = format!(
        "---\nname: synthetic-{i}\ndescription: Synthetic skill {i} about module_{i} in {lang}.\nlanguages: [{lang}]\n---\n\n# Synthetic {i}\n\n"
    );
    if i.is_multiple_of(2) {
        s.push_str(&format!(
            "## Avoid helper_{i}\n\n<!-- skill-lsp tip\n- id: call\n  pattern: '\\bhelper_{i}\\((?P<hit>[^)]*)\\)'\n  message: helper_{i} is slow.\n- id: none-assign\n  pattern: '^\\s*cache_{i}\\s*=\\s*None'\n  message: do not reset cache_{i}.\n  severity: hint\n- id: import\n  pattern: '{}'\n  message: module_{i} is deprecated.\n-->\n\nWhy helper_{i} hurts.\n\n",
            if i.is_multiple_of(10) { format!("(?m)^import module_{i}\\n") } else { format!("^\\s*(?:import|from)\\s+module_{i}\\b") }
        ));
    }
    s.push_str(&format!(
        "## Prefer fast_{i}\n\nUse fast_{i} for speed.\n\n```{fence}\n# BAD\nresult_{i} = slow_path_{i}(items, limit=10)\n```\n\n```{fence}\n# GOOD\nresult_{i} = fast_path_{i}(items, limit=10)\n```\n"
    ));
    s
}

/// A 10,000-line Python file: realistic code with a few tips of the bundled and synthetic skills.
pub fn big_python() -> String {
    let block = r#"import json
import logging

logger = logging.getLogger(__name__)


class Repository_N:
    """Loads and stores records for service N."""

    def __init__(self, path):
        self.path = path
        self.items = {}

    def load(self):
        try:
            with open(self.path, encoding="utf-8") as f:
                self.items = json.load(f)
        except Exception:
            pass
        return self.items

    def find(self, key, default=None):
        # helper_N(key) used to be called here
        value = self.items.get(key, default)
        if value is None:
            logger.debug("missing %s", key)
        return value

    def total(self):
        total = 0
        for i in range(len(self.items)):
            total += i
        return helper_N(total)

    def save(self):
        data = json.dumps(self.items, indent=2)
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(data)
        result_M = slow_path_M(items, limit=10)
        return len(data)


def main_N(argv):
    repo = Repository_N(argv[0])
    repo.load()
    print(repo.total())
    return 0
"#;
    let mut out = String::new();
    let mut n = 0;
    while out.lines().count() < 10_000 {
        let k = (n * 10) % 1000;
        out.push_str(
            &block
                .replace("_N", &format!("_{k}"))
                .replace("_M", &format!("_{}", k + 1)),
        );
        n += 1;
    }
    out.lines().take(10_000).collect::<Vec<_>>().join("\n") + "\n"
}

/// Write the 1,000 synthetic skills into `dir`.
pub fn write_synthetic(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..1000 {
        std::fs::write(dir.join(format!("synthetic-{i}.md")), synthetic_skill(i)).unwrap();
    }
}
