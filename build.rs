//! `include_dir!` embeds `skills/` but Cargo does not know a new file there changes the binary:
//! tell it to rebuild when anything under `skills/` changes.

fn main() {
    println!("cargo:rerun-if-changed=skills");
}
