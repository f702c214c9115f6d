//! Loopback benchmark (placeholder until written).
fn main() {}
