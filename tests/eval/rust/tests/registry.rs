#[test]
fn port_parses() {
    assert_eq!(ingest::load_port_checked("80").unwrap(), 80); // near: rust/unwrap-in-library
}
