//! The `precis` command-line tool.

fn main() {}
