//! `skill-lsp schema [FORMAT] [--out DIR]`: the JSON Schema of a guidance format's frontmatter
//! (the files under `docs/schemas/` are this command's output), for yaml-language-server and
//! other editors that validate YAML against a schema.

use std::path::PathBuf;

use crate::skills::schema;

#[derive(Debug, Clone, clap::Args)]
pub struct SchemaArgs {
    /// The format (agent-skill, seed, copilot-instructions, copilot-prompt, cursor-mdc, continue,
    /// windsurf, kiro, claude-rule, cline). Without it (and without --out): the list of formats.
    pub format: Option<String>,
    /// Write every format's schema as `<DIR>/<format>.schema.json`.
    #[arg(long, value_name = "DIR", conflicts_with = "format")]
    pub out: Option<PathBuf>,
}

pub fn run(args: SchemaArgs) -> anyhow::Result<i32> {
    let names = || {
        schema::FORMATS
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(dir) = args.out {
        std::fs::create_dir_all(&dir)?;
        for f in schema::FORMATS {
            let path = dir.join(format!("{}.schema.json", f.as_str()));
            std::fs::write(&path, render(*f))?;
            println!("{}", path.display());
        }
        return Ok(0);
    }
    let Some(name) = args.format else {
        for f in schema::FORMATS {
            println!("{}", f.as_str());
        }
        return Ok(0);
    };
    let Some(format) = schema::format_named(&name) else {
        let hint =
            crate::skills::suggest::did_you_mean(&name, schema::FORMATS.iter().map(|f| f.as_str()))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
        anyhow::bail!("no schema for format `{name}`{hint}; formats: {}", names());
    };
    print!("{}", render(format));
    Ok(0)
}

/// Pretty JSON with a final newline, as committed under `docs/schemas/`.
fn render(format: crate::skills::model::SourceFormat) -> String {
    let value = schema::schema(format).expect("FORMATS all have key tables");
    let mut s = serde_json::to_string_pretty(&value).expect("a JSON value serialises");
    s.push('\n');
    s
}
