//! Decoding a recorded gateway session: simd-json (the hot path) and serde_json.
//!
//! `cargo bench -p kokoro-model --bench decode`; reads `$KOKORO_CORPUS/events.jsonl`
//! (falling back to /work/corpus-small) and reports bytes/s through criterion,
//! plus events/s and ns/event on stdout, for the whole session and per event type.

use std::{
    hint::black_box,
    path::PathBuf,
    time::{Duration, Instant},
};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kokoro_model::gateway::{Decoder, PayloadHeader, decode_json};

const TOP_TYPES: &[&str] = &[
    "MESSAGE_CREATE",
    "PRESENCE_UPDATE",
    "GUILD_CREATE",
    "GUILD_MEMBERS_CHUNK",
    "TYPING_START",
    "MESSAGE_UPDATE",
    "MESSAGE_REACTION_ADD",
    "INTERACTION_CREATE",
];

struct Session {
    lines: Vec<Vec<u8>>,
    bytes: u64,
}

impl Session {
    fn load() -> Self {
        let dir = std::env::var_os("KOKORO_CORPUS")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/work/corpus-small"));
        let path = dir.join("events.jsonl");
        let text = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e} (set KOKORO_CORPUS to a folder written by gen.py)",
                path.display()
            )
        });
        let lines: Vec<Vec<u8>> = text
            .split(|&b| b == b'\n')
            .filter(|line| !line.is_empty())
            .map(<[u8]>::to_vec)
            .collect();
        let bytes = lines.iter().map(|l| l.len() as u64).sum();
        println!(
            "corpus: {} ({} payloads, {:.1} MB)",
            path.display(),
            lines.len(),
            bytes as f64 / 1e6
        );
        Self { lines, bytes }
    }

    fn of_type(&self, name: &str) -> Self {
        let lines: Vec<Vec<u8>> = self
            .lines
            .iter()
            .filter(|line| {
                PayloadHeader::peek(line)
                    .ok()
                    .and_then(|h| h.event_name(line))
                    == Some(name)
            })
            .cloned()
            .collect();
        let bytes = lines.iter().map(|l| l.len() as u64).sum();
        Self { lines, bytes }
    }
}

fn decode_simd(lines: &[Vec<u8>], decoder: &mut Decoder, buf: &mut Vec<u8>) {
    for line in lines {
        buf.clear();
        buf.extend_from_slice(line);
        black_box(decoder.decode(buf).expect("simd-json decodes the corpus"));
    }
}

fn decode_serde(lines: &[Vec<u8>]) {
    for line in lines {
        black_box(decode_json(line).expect("serde_json decodes the corpus"));
    }
}

/// Nanoseconds this thread has run on a CPU (Linux), to see through a busy machine.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Times whole passes for about `budget` and prints events/s, MB/s and ns/event
/// by the wall clock, and events/s by CPU time when the OS reports it.
fn report(label: &str, session: &Session, budget: Duration, mut pass: impl FnMut()) {
    pass(); // warm up
    let start = Instant::now();
    let cpu_start = cpu_ns();
    let mut passes = 0u32;
    while passes < 3 || start.elapsed() < budget {
        pass();
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(passes);
    let cpu_secs = cpu_start
        .zip(cpu_ns())
        .map(|(a, b)| (b - a) as f64 / 1e9 / f64::from(passes));
    let events = session.lines.len() as f64;
    println!(
        "{label:<44} {:>10.0} events/s {:>8.1} MB/s {:>9.0} ns/event | on-CPU: {}",
        events / secs,
        session.bytes as f64 / secs / 1e6,
        secs * 1e9 / events,
        cpu_secs.map_or_else(
            || "n/a".to_owned(),
            |cpu| format!(
                "{:.0} events/s {:.1} MB/s {:.0} ns/event",
                events / cpu,
                session.bytes as f64 / cpu / 1e6,
                cpu * 1e9 / events
            )
        ),
    );
}

fn bench(c: &mut Criterion) {
    let session = Session::load();
    let mut decoder = Decoder::new();
    let mut buf = Vec::new();

    // `KOKORO_PROFILE=simd|serde`: only loop one decoder for ten seconds (for perf).
    if let Ok(which) = std::env::var("KOKORO_PROFILE") {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            match which.as_str() {
                "serde" => decode_serde(&session.lines),
                _ => decode_simd(&session.lines, &mut decoder, &mut buf),
            }
        }
        return;
    }

    println!("\n== events/s (mean over a few seconds per row) ==");
    report(
        "session / simd-json",
        &session,
        Duration::from_secs(3),
        || decode_simd(&session.lines, &mut decoder, &mut buf),
    );
    report(
        "session / serde_json",
        &session,
        Duration::from_secs(3),
        || decode_serde(&session.lines),
    );
    let per_type: Vec<(&str, Session)> = TOP_TYPES
        .iter()
        .map(|&name| (name, session.of_type(name)))
        .collect();
    for (name, part) in &per_type {
        if part.lines.is_empty() {
            println!("{name}: not in this corpus");
            continue;
        }
        report(
            &format!("{name} ({}) / simd-json", part.lines.len()),
            part,
            Duration::from_millis(700),
            || decode_simd(&part.lines, &mut decoder, &mut buf),
        );
        report(
            &format!("{name} ({}) / serde_json", part.lines.len()),
            part,
            Duration::from_millis(700),
            || decode_serde(&part.lines),
        );
    }
    println!();

    let mut group = c.benchmark_group("session");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Bytes(session.bytes));
    group.bench_function("simd-json", |b| {
        b.iter(|| decode_simd(&session.lines, &mut decoder, &mut buf))
    });
    group.bench_function("serde_json", |b| b.iter(|| decode_serde(&session.lines)));
    group.finish();

    let mut group = c.benchmark_group("per-type");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    for (name, part) in &per_type {
        if part.lines.is_empty() {
            continue;
        }
        group.throughput(Throughput::Bytes(part.bytes));
        group.bench_function(format!("{name}/simd-json"), |b| {
            b.iter(|| decode_simd(&part.lines, &mut decoder, &mut buf))
        });
        group.bench_function(format!("{name}/serde_json"), |b| {
            b.iter(|| decode_serde(&part.lines))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
