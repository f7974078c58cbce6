use std::env;

fn main() {
    let path = env::args().nth(1).unwrap(); // near: rust/unwrap-in-library
    let text = ingest::load(path.as_ref()).expect("config must load");
    println!("{}", text.len());
}
