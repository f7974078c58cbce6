//! Build-time facts Cargo cannot infer.
//!
//! - `include_dir!` embeds `skills/` but Cargo does not know a new file there changes the binary:
//!   tell it to rebuild when anything under `skills/` changes.
//! - Packed relative relocations (`DT_RELR`) for the binary, where the toolchain makes a binary
//!   that runs with them. A position-independent executable carries one relocation per pointer
//!   in its static data; the classic table (`.rela.dyn`, 24 bytes each) was 725 KB here, and the
//!   loader reads all of it at every start, so it stays resident. Packed, it is 8 KB.
//!   Measured on the release build, a server idle 1.5 s after `initialized`, three alternating
//!   runs: RSS 15.9-16.4 MB -> 15.6-15.9 MB, all of it file-backed pages. The executable stays
//!   position-independent (its address is still randomised).

use std::path::PathBuf;
use std::process::Command;

const RELR: &str = "-Wl,-z,pack-relative-relocs";

fn main() {
    println!("cargo:rerun-if-changed=skills");
    println!("cargo:rerun-if-env-changed=SKILL_LSP_NO_RELR");
    if std::env::var_os("SKILL_LSP_NO_RELR").is_none() && relr_works() {
        println!("cargo:rustc-link-arg-bins={RELR}");
    }
}

/// Whether the linker takes the flag and the result runs here: glibc before 2.36 cannot load a
/// binary with `DT_RELR`, old GNU ld ignores the flag with a warning, and a cross build cannot
/// run its probe. Any doubt keeps the classic table, which always works.
fn relr_works() -> bool {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux"
        || var("CARGO_CFG_TARGET_ENV") != "gnu"
        || var("TARGET") != var("HOST")
    {
        return false;
    }
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        return false;
    };
    let src = out.join("relr_probe.c");
    let exe = out.join("relr_probe");
    // One pointer in initialised data, so the probe needs a relative relocation of its own.
    let probe = "static int x; int *p = &x; int main(void) { return *p; }\n";
    if std::fs::write(&src, probe).is_err() {
        return false;
    }
    // The linker rustc will call: Cargo passes a configured one as RUSTC_LINKER, else `cc`.
    let linker = std::env::var("RUSTC_LINKER").unwrap_or_else(|_| "cc".into());
    let linked = Command::new(&linker)
        .args(["-pie", "-fPIE", RELR, "-o"])
        .arg(&exe)
        .arg(&src)
        .output();
    let Ok(linked) = linked else { return false };
    // GNU ld before 2.38 warns and goes on without it: treat any warning as "no".
    if !linked.status.success() || !linked.stderr.is_empty() {
        return false;
    }
    let relr = Command::new("readelf")
        .args(["-d"])
        .arg(&exe)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("RELR"))
        // No readelf: trust a clean link that runs.
        .unwrap_or(true);
    relr && Command::new(&exe).status().is_ok_and(|s| s.success())
}
