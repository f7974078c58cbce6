//! Where skill-lsp's own per-user files live. A leaf: the settings (the user config file) and
//! the library (the user skills folder) both read it.

use std::path::PathBuf;

/// `$XDG_CONFIG_HOME/skill-lsp` (fallback `~/.config/skill-lsp`).
pub fn config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("skill-lsp"))
}
