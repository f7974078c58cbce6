//! LSP language ids: for a document (from its file name, extension and shebang) and for a skill
//! that declares none (inferred from its globs, name, category and description; the table is
//! documented in `docs/skill-format.md`).

use std::path::Path;

/// File names that decide the language on their own.
const FILE_NAMES: &[(&str, &str)] = &[
    ("dockerfile", "dockerfile"),
    ("containerfile", "dockerfile"),
    ("makefile", "makefile"),
    ("gnumakefile", "makefile"),
    ("cmakelists.txt", "cmake"),
    ("jenkinsfile", "groovy"),
    ("vagrantfile", "ruby"),
    ("gemfile", "ruby"),
    ("rakefile", "ruby"),
    ("justfile", "just"),
    (".bashrc", "shellscript"),
    (".bash_profile", "shellscript"),
    (".zshrc", "shellscript"),
    (".profile", "shellscript"),
    (".env", "dotenv"),
    ("go.mod", "go.mod"),
    ("cargo.lock", "toml"),
    (".gitignore", "ignore"),
    (".dockerignore", "ignore"),
];

/// Extensions (lowercase, without the dot) to language ids.
const EXTENSIONS: &[(&str, &str)] = &[
    ("py", "python"),
    ("pyi", "python"),
    ("pyw", "python"),
    ("ipynb", "python"),
    ("js", "javascript"),
    ("mjs", "javascript"),
    ("cjs", "javascript"),
    ("jsx", "javascriptreact"),
    ("ts", "typescript"),
    ("mts", "typescript"),
    ("cts", "typescript"),
    ("tsx", "typescriptreact"),
    ("rs", "rust"),
    ("go", "go"),
    ("sh", "shellscript"),
    ("bash", "shellscript"),
    ("zsh", "shellscript"),
    ("ksh", "shellscript"),
    ("bats", "shellscript"),
    ("yml", "yaml"),
    ("yaml", "yaml"),
    ("json", "json"),
    ("jsonc", "jsonc"),
    ("toml", "toml"),
    ("sql", "sql"),
    ("psql", "sql"),
    // PostgreSQL scripts: the path word still names the dialect (`dialect::detect`).
    ("pgsql", "sql"),
    ("tf", "terraform"),
    ("tfvars", "terraform"),
    ("hcl", "hcl"),
    ("sol", "solidity"),
    ("java", "java"),
    ("kt", "kotlin"),
    ("kts", "kotlin"),
    ("swift", "swift"),
    ("c", "c"),
    ("h", "c"),
    ("cc", "cpp"),
    ("cpp", "cpp"),
    ("cxx", "cpp"),
    ("hpp", "cpp"),
    ("hh", "cpp"),
    ("cs", "csharp"),
    ("rb", "ruby"),
    ("php", "php"),
    ("md", "markdown"),
    ("mdc", "markdown"),
    ("mdx", "mdx"),
    ("html", "html"),
    ("htm", "html"),
    ("css", "css"),
    ("scss", "scss"),
    ("sass", "sass"),
    ("less", "less"),
    ("vue", "vue"),
    ("svelte", "svelte"),
    ("gd", "gdscript"),
    ("dart", "dart"),
    ("lua", "lua"),
    ("r", "r"),
    ("scala", "scala"),
    ("ex", "elixir"),
    ("exs", "elixir"),
    ("erl", "erlang"),
    ("hs", "haskell"),
    ("ml", "ocaml"),
    ("clj", "clojure"),
    ("pl", "perl"),
    ("ps1", "powershell"),
    ("proto", "proto"),
    ("graphql", "graphql"),
    ("gql", "graphql"),
    ("xml", "xml"),
    ("ini", "ini"),
    ("cfg", "ini"),
    ("properties", "properties"),
    ("env", "dotenv"),
    ("tpl", "helm"),
    ("prisma", "prisma"),
    ("zig", "zig"),
    ("nix", "nix"),
];

/// The language id of a document, from its file name, extension or shebang line.
pub fn language_for(path: &Path, text: &str) -> Option<&'static str> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if let Some((_, l)) = FILE_NAMES.iter().find(|(n, _)| *n == name) {
        return Some(l);
    }
    if name.starts_with("dockerfile")
        || name.ends_with(".dockerfile")
        || name.starts_with("containerfile")
    {
        return Some("dockerfile");
    }
    if name.starts_with(".env.") {
        return Some("dotenv");
    }
    if let Some(ext) = name.rsplit_once('.').map(|(_, e)| e)
        && let Some((_, l)) = EXTENSIONS.iter().find(|(e, _)| *e == ext)
    {
        return Some(l);
    }
    shebang(text)
}

/// Language from a `#!` line.
/// Language ids editors send, for checking a skill's `languages`: every id this module can
/// infer plus the common ones of VS Code and the LSP specification it cannot.
pub fn known_ids() -> Vec<&'static str> {
    const MORE: &[&str] = &[
        "plaintext",
        "bat",
        "bats",
        "jinja-sql",
        "pgsql",
        "sql-bigquery",
        "snowflake-sql",
        "coffeescript",
        "diff",
        "dockercompose",
        "fsharp",
        "git-commit",
        "git-rebase",
        "handlebars",
        "jade",
        "pug",
        "latex",
        "bibtex",
        "objective-c",
        "objective-cpp",
        "perl6",
        "raku",
        "razor",
        "restructuredtext",
        "shaderlab",
        "tex",
        "vb",
        "xsl",
        "jsonl",
        "github-actions-workflow",
        "gotmpl",
        "helm",
        "starlark",
        "bazel",
        "cuda-cpp",
        "julia",
        "elm",
        "purescript",
        "reason",
        "verilog",
        "vhdl",
        "wgsl",
        "glsl",
        "hlsl",
        "fish",
        "nushell",
        "awk",
        "sed",
        "sql",
        "mysql",
        "postgres",
        "plsql",
        "csv",
        "tsv",
        "properties",
        "editorconfig",
        "gitignore",
        "dotenv",
        "templ",
        "astro",
        "blade",
        "twig",
        "liquid",
        "jinja",
        "django-html",
        "nim",
        "crystal",
        "d",
        "fortran",
        "ada",
        "pascal",
        "cobol",
        "groovy",
        "cmake",
        "just",
        "makefile",
        "terraform-vars",
        "json5",
        "yaml",
        "toml",
        "vue-html",
        "mojo",
        "gleam",
        "odin",
        "v",
        "hcl",
        "typst",
        "markdown",
        "mdx",
        "asciidoc",
        "org",
        "solidity",
        "move",
        "cairo",
        "vyper",
        "apex",
        "powershell",
        "tcl",
        "lisp",
        "scheme",
        "racket",
        "commonlisp",
        "emacs-lisp",
        "vim",
        "ocaml",
        "reasonml",
        "haskell",
        "elixir",
        "erlang",
        "clojure",
        "kotlin",
        "scala",
    ];
    let mut v: Vec<&'static str> = EXTENSIONS
        .iter()
        .map(|(_, l)| *l)
        .chain(FILE_NAMES.iter().map(|(_, l)| *l))
        .chain(MORE.iter().copied())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The usual file extension of a language id (the first one listed), for made-up file names.
pub fn extension_for(lang: &str) -> Option<&'static str> {
    EXTENSIONS.iter().find(|(_, l)| *l == lang).map(|(e, _)| *e)
}

pub fn shebang(text: &str) -> Option<&'static str> {
    let first = text.lines().next()?;
    let rest = first.strip_prefix("#!")?;
    let mut words = rest.split_whitespace();
    let mut prog = words.next()?.rsplit('/').next()?;
    if prog == "env" {
        prog = words.find(|w| !w.starts_with('-'))?;
    }
    let prog = prog.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    Some(match prog {
        "sh" | "bash" | "zsh" | "ksh" | "dash" | "ash" => "shellscript",
        "python" => "python",
        "node" | "deno" | "bun" => "javascript",
        "ruby" => "ruby",
        "perl" => "perl",
        "bats" => "shellscript",
        _ => return None,
    })
}

/// Language id for a bare extension or file name appearing in a glob (`*.tsx`, `Dockerfile*`).
pub fn language_for_glob(glob: &str) -> Vec<&'static str> {
    let last = glob.rsplit('/').next().unwrap_or(glob).to_ascii_lowercase();
    let mut out = Vec::new();
    if last.starts_with("dockerfile") || last.contains(".dockerfile") {
        out.push("dockerfile");
    }
    if let Some((_, l)) = FILE_NAMES.iter().find(|(n, _)| *n == last) {
        out.push(l);
    }
    // `*.{ts,tsx}`, `*.ts`, `*.test.ts`
    if let Some(pos) = last.rfind('.') {
        let ext = &last[pos + 1..];
        let exts: Vec<&str> =
            if let Some(inner) = ext.strip_prefix('{').and_then(|e| e.strip_suffix('}')) {
                inner.split(',').map(str::trim).collect()
            } else if let Some(open) = last.rfind(".{") {
                last[open + 2..]
                    .trim_end_matches('}')
                    .split(',')
                    .map(str::trim)
                    .collect()
            } else {
                vec![ext]
            };
        for e in exts {
            if let Some((_, l)) = EXTENSIONS.iter().find(|(x, _)| *x == e) {
                out.push(l);
            }
        }
    } else if let Some(open) = last.find('{') {
        for e in last[open + 1..].trim_end_matches('}').split(',') {
            let e = e.trim().trim_start_matches('.');
            if let Some((_, l)) = EXTENSIONS.iter().find(|(x, _)| *x == e) {
                out.push(l);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Words in skill names, categories and descriptions that imply languages. Matched as whole
/// lowercase words (hyphenated names are split on `-`).
pub const WORDS: &[(&str, &[&str])] = &[
    ("python", &["python"]),
    ("py", &["python"]),
    ("pytest", &["python"]),
    ("django", &["python"]),
    ("flask", &["python"]),
    ("fastapi", &["python"]),
    ("pydantic", &["python"]),
    ("sqlalchemy", &["python"]),
    ("pandas", &["python"]),
    ("numpy", &["python"]),
    ("airflow", &["python"]),
    ("asyncio", &["python"]),
    ("celery", &["python"]),
    ("javascript", &["javascript", "javascriptreact"]),
    ("js", &["javascript"]),
    ("node", &["javascript", "typescript"]),
    ("nodejs", &["javascript", "typescript"]),
    ("node.js", &["javascript", "typescript"]),
    ("express", &["javascript", "typescript"]),
    ("typescript", &["typescript", "typescriptreact"]),
    ("ts", &["typescript"]),
    ("react", &["javascriptreact", "typescriptreact"]),
    ("next.js", &["typescriptreact", "javascriptreact"]),
    ("nextjs", &["typescriptreact", "javascriptreact"]),
    ("vue", &["vue"]),
    ("svelte", &["svelte"]),
    ("angular", &["typescript"]),
    ("jest", &["javascript", "typescript"]),
    ("vitest", &["javascript", "typescript"]),
    ("rust", &["rust"]),
    ("cargo", &["rust"]),
    ("tokio", &["rust"]),
    ("go", &["go"]),
    ("golang", &["go"]),
    ("goroutine", &["go"]),
    ("goroutines", &["go"]),
    ("bash", &["shellscript"]),
    ("shell", &["shellscript"]),
    ("shellcheck", &["shellscript"]),
    ("bats", &["shellscript"]),
    ("docker", &["dockerfile"]),
    ("dockerfile", &["dockerfile"]),
    ("kubernetes", &["yaml"]),
    ("k8s", &["yaml"]),
    ("helm", &["yaml", "helm"]),
    ("kustomize", &["yaml"]),
    ("yaml", &["yaml"]),
    ("ansible", &["yaml"]),
    ("terraform", &["terraform"]),
    ("hcl", &["terraform"]),
    ("sql", &["sql"]),
    ("postgres", &["sql"]),
    ("postgresql", &["sql"]),
    ("mysql", &["sql"]),
    ("sqlite", &["sql"]),
    ("dbt", &["sql"]),
    ("solidity", &["solidity"]),
    ("java", &["java"]),
    ("spring", &["java"]),
    ("kotlin", &["kotlin"]),
    ("android", &["kotlin", "java"]),
    ("swift", &["swift"]),
    ("swiftui", &["swift"]),
    ("ios", &["swift"]),
    ("c#", &["csharp"]),
    ("csharp", &["csharp"]),
    (".net", &["csharp"]),
    ("dotnet", &["csharp"]),
    ("unity", &["csharp"]),
    ("c++", &["cpp"]),
    ("cpp", &["cpp"]),
    ("ruby", &["ruby"]),
    ("rails", &["ruby"]),
    ("php", &["php"]),
    ("laravel", &["php"]),
    ("html", &["html"]),
    ("css", &["css", "scss"]),
    (
        "tailwind",
        &["html", "javascriptreact", "typescriptreact", "css"],
    ),
    ("godot", &["gdscript"]),
    ("gdscript", &["gdscript"]),
    ("dart", &["dart"]),
    ("flutter", &["dart"]),
    ("elixir", &["elixir"]),
    ("lua", &["lua"]),
    ("graphql", &["graphql"]),
    ("markdown", &["markdown"]),
    ("github-actions", &["yaml"]),
    ("actions", &[]),
    ("gitlab", &["yaml"]),
];

fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '(' | ')' | '/' | ':' | ';' | '"' | '\'' | '`' | '*' | '[' | ']'
            )
    })
    .map(|w| w.trim_end_matches(['.', '!', '?']).to_ascii_lowercase())
    .filter(|w| !w.is_empty())
}

/// Infer languages for a skill that declared none. Returns ids sorted and deduplicated.
pub fn infer(
    globs: &[String],
    name: &str,
    category: Option<&str>,
    description: &str,
) -> Vec<String> {
    let mut out: Vec<&str> = globs.iter().flat_map(|g| language_for_glob(g)).collect();
    if out.is_empty() {
        let name_words = name
            .split(['-', '_', ' '])
            .map(str::to_ascii_lowercase)
            .chain(
                category
                    .into_iter()
                    .flat_map(|c| c.split('-').map(str::to_ascii_lowercase)),
            );
        for w in name_words {
            if let Some((_, ls)) = WORDS.iter().find(|(k, _)| *k == w) {
                out.extend(ls.iter());
            }
        }
        // Whole hyphenated names too (`github-actions`).
        if let Some((_, ls)) = WORDS.iter().find(|(k, _)| name.eq_ignore_ascii_case(k)) {
            out.extend(ls.iter());
        }
    }
    if out.is_empty() {
        for w in words_of(description) {
            // Short ambiguous words ("go", "js", "ts", "py", "do") only count in names.
            if w.len() <= 2 || w == "node" || w == "actions" || w == "shell" || w == "yaml" {
                continue;
            }
            if let Some((_, ls)) = WORDS.iter().find(|(k, _)| *k == w) {
                out.extend(ls.iter());
            }
        }
    }
    let mut v: Vec<String> = out.into_iter().map(str::to_string).collect();
    v.sort();
    v.dedup();
    v
}

/// Languages that should also match a skill written for `lang` (a TSX file is TypeScript too).
pub fn related(lang: &str) -> &'static [&'static str] {
    match lang {
        "typescriptreact" => &["typescript"],
        "javascriptreact" => &["javascript"],
        "github-actions-workflow"
        | "helm"
        | "dockercompose"
        | "yaml.docker-compose"
        | "ansible" => &["yaml"],
        "jsonc" => &["json"],
        "bats" | "sh" | "bash" | "zsh" => &["shellscript"],
        "terraform-vars" | "hcl" => &["terraform"],
        // Dialect ids of SQL editor extensions: the generic SQL skills apply too.
        "pgsql" | "postgres" | "mysql" | "jinja-sql" | "sql-bigquery" | "snowflake-sql" => &["sql"],
        "mdx" => &["markdown"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents() {
        assert_eq!(language_for(Path::new("a/b.py"), ""), Some("python"));
        assert_eq!(
            language_for(Path::new("Dockerfile"), ""),
            Some("dockerfile")
        );
        assert_eq!(
            language_for(Path::new("Dockerfile.prod"), ""),
            Some("dockerfile")
        );
        assert_eq!(
            language_for(Path::new("api.Dockerfile"), ""),
            Some("dockerfile")
        );
        assert_eq!(
            language_for(Path::new("src/App.tsx"), ""),
            Some("typescriptreact")
        );
        assert_eq!(
            language_for(Path::new("bin/run"), "#!/usr/bin/env bash\n"),
            Some("shellscript")
        );
        assert_eq!(
            language_for(Path::new("bin/tool"), "#!/usr/bin/python3.12\n"),
            Some("python")
        );
        assert_eq!(language_for(Path::new("x.unknownext"), ""), None);
    }

    #[test]
    fn inference() {
        assert_eq!(
            infer(&["**/*.tsx".into()], "x", None, ""),
            vec!["typescriptreact"]
        );
        assert_eq!(
            infer(&["**/*.{ts,tsx}".into()], "x", None, ""),
            vec!["typescript", "typescriptreact"]
        );
        assert_eq!(
            infer(&["**/Dockerfile*".into()], "x", None, ""),
            vec!["dockerfile"]
        );
        assert_eq!(infer(&[], "python-anti-patterns", None, ""), vec!["python"]);
        assert_eq!(
            infer(
                &[],
                "api-design",
                None,
                "Build services with FastAPI and Pydantic."
            ),
            vec!["python"]
        );
        assert_eq!(infer(&[], "x", Some("kubernetes"), ""), vec!["yaml"]);
        assert!(infer(&[], "writing", None, "Go to the store and do it.").is_empty());
    }
}
