//! Inflate + decode of a captured gateway session through the shard's own
//! decoding path ([`PayloadDecoder`] then [`Dispatch::from_payload`]), for
//! zlib-stream and zstd-stream, plus the cost of a filtered-out event.
//!
//! Reads `$KOKORO_CORPUS` (a full corpus), else `target/corpus-small`, else
//! `/work/corpus-small`. Run with `cargo bench -p kokoro-gateway --bench inflate_decode`.

use std::{hint::black_box, path::PathBuf, time::Duration};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kokoro_gateway::{
    Compression, Dispatch, EventFilter,
    event::{Decoded, PayloadDecoder},
};

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
    skipped: u64,
    bytes: u64,
}

/// The shard's path: inflate, read the envelope, filter, build the dispatch;
/// with `parse`, also parse the JSON fully (simd-json) as a typed decode would.
fn run(compression: Compression, frames: &[&[u8]], filter: &EventFilter, parse: bool) -> Tally {
    let mut decoder = PayloadDecoder::new(compression, 64 << 20, filter.clone());
    let mut tally = Tally::default();
    for frame in frames {
        match decoder.decode(frame).expect("the capture decodes") {
            Decoded::Dispatch {
                sequence,
                header,
                payload,
                wanted: true,
            } => {
                if parse {
                    let value = simd_json::to_borrowed_value(payload).expect("valid JSON");
                    black_box(&value);
                    tally.bytes += 1;
                } else {
                    let dispatch = Dispatch::from_payload(sequence, header, payload);
                    tally.bytes += dispatch.json().len() as u64;
                    black_box(dispatch);
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
    let plain: Vec<u8> = {
        // Plain frames for the "no compression" baseline: one line per frame.
        let text = std::fs::read(dir.join("events.jsonl")).unwrap();
        let mut out = Vec::new();
        for line in text.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            out.extend_from_slice(&(line.len() as u32).to_le_bytes());
            out.extend_from_slice(line);
        }
        out
    };
    let mut codecs = vec![(
        "zlib",
        Compression::ZlibStream,
        std::fs::read(dir.join("events.zlib")).ok(),
    )];
    codecs.push((
        "zstd",
        Compression::ZstdStream,
        std::fs::read(dir.join("events.zst")).ok(),
    ));
    codecs.push(("plain", Compression::None, Some(plain)));

    let all = EventFilter::all();
    let none = EventFilter::only(["NO_SUCH_EVENT"]);
    let mut group = c.benchmark_group("inflate_decode");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(2));
    for (name, compression, data) in codecs {
        let Some(data) = data else {
            eprintln!("no {name} capture; skipping it");
            continue;
        };
        let frames = frames(&data);
        let n = frames.len() as u64;
        eprintln!(
            "{name}: {n} events, {} bytes on the wire",
            data.len() - 4 * frames.len()
        );
        group.throughput(Throughput::Elements(n));
        group.bench_function(format!("{name}/dispatch"), |b| {
            b.iter(|| run(compression, &frames, &all, false))
        });
        group.bench_function(format!("{name}/dispatch+parse"), |b| {
            b.iter(|| run(compression, &frames, &all, true))
        });
        group.bench_function(format!("{name}/all_filtered_out"), |b| {
            b.iter(|| run(compression, &frames, &none, false))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
