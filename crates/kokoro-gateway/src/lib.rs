//! Discord gateway v10 shards that never lose an event.

pub mod compression;
#[cfg(test)]
mod test_corpus;
