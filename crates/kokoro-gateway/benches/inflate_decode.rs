//! Inflate + decode of a captured gateway session through the shard's own
//! decoding path ([`PayloadDecoder`], then kokoro-model's simd-json
//! [`Decoder`] for typed events or [`Dispatch::from_payload`] for raw ones),
//! for zlib-stream and zstd-stream, plus the cost of a filtered-out event.
//!
//! Reads `$KOKORO_CORPUS` (a full corpus), else `target/corpus-small`, else
//! `/work/corpus-small`. Run with `cargo bench -p kokoro-gateway --bench inflate_decode`.

use std::{hint::black_box, path::PathBuf, time::Duration};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kokoro_gateway::{
    Compression, Dispatch, EventFilter,
    event::{Decoded, PayloadDecoder},
};
use kokoro_model::gateway::Decoder;

fn corpus_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("KOKORO_CORPUS").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/corpus-small")),
        Some(PathBuf::from("/work/corpus-small")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|d| d.join("events.jsonl").is_file())
}

fn frames(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while let Some(len) = data.get(at..at + 4) {
        let len = u32::from_le_bytes(len.try_into().unwrap()) as usize;
        out.push(&data[at + 4..at + 4 + len]);
        at += 4 + len;
    }
    out
}

/// What a run produced, so nothing is optimized away.
#[derive(Default)]
struct Tally {
    dispatched: u64,
    decoded: u64,
    skipped: u64,
}

/// The shard's path: inflate, read the envelope, filter, then either decode
/// into kokoro-model's types (`typed`) or copy the raw dispatch.
fn run(compression: Compression, frames: &[&[u8]], filter: &EventFilter, typed: bool) -> Tally {
    let mut decoder = PayloadDecoder::new(compression, 64 << 20, filter.clone());
    let mut model = Decoder::new();
    let mut tally = Tally::default();
    for frame in frames {
        match decoder.decode(frame).expect("the capture decodes") {
            Decoded::Dispatch {
                sequence,
                header,
                payload,
                wanted: true,
            } => {
                if typed {
                    // Events the model cannot decode still cost the work.
                    let event = model.decode(payload);
                    tally.decoded += u64::from(event.is_ok());
                    black_box(event.ok());
                } else {
                    black_box(Dispatch::from_payload(sequence, header, payload));
                }
                tally.dispatched += 1;
            }
            Decoded::Dispatch { wanted: false, .. } => tally.skipped += 1,
            other => {
                black_box(other);
            }
        }
    }
    tally
}

fn bench(c: &mut Criterion) {
    let Some(dir) = corpus_dir() else {
        eprintln!("no corpus: set KOKORO_CORPUS; skipping");
        return;
    };
    let codecs = [
        ("zlib", Compression::ZlibStream, "events.zlib"),
        ("zstd", Compression::ZstdStream, "events.zst"),
    ];
    let all = EventFilter::all();
    let none = EventFilter::only(["NO_SUCH_EVENT"]);
    let mut group = c.benchmark_group("inflate_decode");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    for (name, compression, file) in codecs {
        let Ok(data) = std::fs::read(dir.join(file)) else {
            eprintln!("no {file}; skipping {name}");
            continue;
        };
        let frames = frames(&data);
        let n = frames.len() as u64;
        let t = run(compression, &frames, &all, true);
        eprintln!(
            "{name}: {n} messages, {} bytes on the wire; {} of {} dispatches decode into kokoro-model types",
            data.len() - 4 * frames.len(),
            t.decoded,
            t.dispatched
        );
        group.throughput(Throughput::Elements(n));
        group.bench_function(format!("{name}/typed"), |b| {
            b.iter(|| run(compression, &frames, &all, true))
        });
        group.bench_function(format!("{name}/raw"), |b| {
            b.iter(|| run(compression, &frames, &all, false))
        });
        group.bench_function(format!("{name}/all_filtered_out"), |b| {
            b.iter(|| run(compression, &frames, &none, false))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
