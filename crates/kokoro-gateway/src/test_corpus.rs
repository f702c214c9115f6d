//! Finding the session capture used by unit tests.

use std::path::PathBuf;

/// A folder holding `events.jsonl`, `events.zlib` and maybe `events.zst`.
pub(crate) struct Corpus {
    dir: PathBuf,
}

impl Corpus {
    /// `$KOKORO_CORPUS`, else `<workspace>/target/corpus-small`; `None` (with a note) when neither exists.
    pub(crate) fn find() -> Option<Self> {
        let candidates = std::env::var_os("KOKORO_CORPUS")
            .map(PathBuf::from)
            .into_iter()
            .chain(std::iter::once(
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/corpus-small"),
            ));
        for dir in candidates {
            if dir.join("events.jsonl").is_file() {
                return Some(Self { dir });
            }
        }
        eprintln!("skipping: no corpus in $KOKORO_CORPUS or target/corpus-small");
        None
    }

    pub(crate) fn read(&self, name: &str) -> Option<Vec<u8>> {
        std::fs::read(self.dir.join(name)).ok()
    }

    pub(crate) fn lines(&self) -> Vec<String> {
        let text =
            std::fs::read_to_string(self.dir.join("events.jsonl")).expect("events.jsonl is UTF-8");
        text.lines().map(str::to_owned).collect()
    }
}

/// The frames of a capture: `u32 LE length` + bytes, repeated.
pub(crate) fn frames(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let len = u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?) as usize;
        let frame = data.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some(frame)
    })
}
