//! End-to-end dispatch through the facade on a recorded gateway session:
//! frames in, listeners called.
//!
//! Every frame of `events.jsonl` (uncompressed, so inflating is left out;
//! see kokoro-gateway's `inflate_decode` bench for that) goes through the
//! path a bot's shard task takes: kokoro-gateway's [`PayloadDecoder`]
//! (header peek, then the shard filter, the dispatcher's live wanted set as
//! the facade sets it: unwanted dispatches stop here, uncopied),
//! [`Dispatch::from_payload`], then [`Bot::ingest_dispatch`] (the facade's
//! wanted-events filter, kokoro-model's decoder, the cache, the
//! dispatcher, which spawns one task per listener call). The listeners only
//! count; each iteration waits until every call has run. It all runs on a
//! current-thread tokio runtime, yielding every 64 frames so that listener
//! tasks run alongside, as beside a shard task.
//!
//! Variants: `decode_only/*` runs the same path up to decoding and stops
//! (the baseline); `message_create` has one `MessageCreate` listener;
//! `every_event` one `Arc<Event>` listener; `every_event_owned` one `Event`
//! listener (a clone per call, what typed listeners pay); these keep no
//! cache. `every_event_cached` adds the default `InMemoryCache`. After the
//! criterion runs it prints a summary: events/s, ns per frame, and the
//! overhead per dispatched event beyond decoding.
//!
//! Reads `$KOKORO_CORPUS/events.jsonl`, else `target/corpus-small`; skips
//! without one.
//!
//! ```sh
//! KOKORO_CORPUS=/path/to/corpus cargo bench -p kokoro --bench dispatch
//! ```

use std::{
    hint::black_box,
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use kokoro::{
    Bot,
    event::MessageCreate,
    gateway::{
        Compression, Dispatch, EventFilter,
        event::{Decoded, PayloadDecoder},
    },
    model::gateway::{
        Decoder, ShardId,
        event::{Event, EventType, EventTypeFlags},
    },
};
use tokio::runtime::Runtime;

const SHARD: ShardId = ShardId::ONE;

fn corpus_file() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("KOKORO_CORPUS").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/corpus-small")),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|dir| dir.join("events.jsonl"))
        .find(|file| file.is_file())
}

/// The frames of the session, one JSON payload per line.
fn frames(data: &[u8]) -> Vec<&[u8]> {
    data.split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .collect()
}

/// Feeds every frame to `sink` as a shard filtering with `filter` would hand it to the bot.
fn each_dispatch(frames: &[&[u8]], filter: EventFilter, mut sink: impl FnMut(Dispatch)) {
    let mut payloads = shard_decoder(filter);
    for frame in frames {
        if let Some(dispatch) = to_dispatch(&mut payloads, frame) {
            sink(dispatch);
        }
    }
}

/// The shard's per-connection decoder with its filter.
fn shard_decoder(filter: EventFilter) -> PayloadDecoder {
    PayloadDecoder::new(Compression::None, 64 << 20, filter)
}

/// What the shard yields for one frame: a wanted dispatch, or nothing
/// (control frames, dispatches its filter leaves out).
fn to_dispatch(payloads: &mut PayloadDecoder, frame: &[u8]) -> Option<Dispatch> {
    match payloads.decode(frame).expect("the corpus decodes") {
        Decoded::Dispatch {
            sequence,
            header,
            payload,
            wanted: true,
        } => Some(Dispatch::from_payload(sequence, header, payload)),
        _ => None,
    }
}

/// The baseline: the same path up to decoding, for the events in `wanted`
/// (`None`: every event, unknown ones included), and no further.
fn decode_only(frames: &[&[u8]], wanted: Option<EventTypeFlags>) -> u64 {
    let mut decoder = Decoder::new();
    let mut decoded = 0;
    // Filtered by the shard, as a bot's shards are.
    let filter = wanted.map_or_else(EventFilter::all, EventFilter::types);
    each_dispatch(frames, filter, |dispatch| {
        let kind = EventType::from_name(dispatch.event_type());
        let wants = match wanted {
            None => true,
            Some(flags) => kind != EventType::Unknown && flags.contains(kind.flag()),
        };
        if wants {
            let mut json = Vec::from(dispatch.into_json());
            decoded += u64::from(black_box(decoder.decode(&mut json)).is_ok());
        }
    });
    decoded
}

/// A bot with one counting listener, and the calls it gets per run.
struct Setup {
    bot: Bot,
    calls: Arc<AtomicU64>,
    per_run: u64,
}

impl Setup {
    fn new(runtime: &Runtime, frames: &[&[u8]], bot: Bot, calls: Arc<AtomicU64>) -> Self {
        let mut setup = Self {
            bot,
            calls,
            per_run: 0,
        };
        // Calibrate: one run, then time for every spawned call to finish.
        let before = setup.calls.load(Ordering::Relaxed);
        setup.run(runtime, frames);
        runtime.block_on(async { tokio::time::sleep(Duration::from_millis(200)).await });
        setup.per_run = setup.calls.load(Ordering::Relaxed) - before;
        setup
    }

    /// Ingests every frame, yielding every 64 so that listener tasks run
    /// alongside as they would beside a shard task, then waits until
    /// `per_run` more calls have run.
    fn run(&self, runtime: &Runtime, frames: &[&[u8]]) {
        let target = self.calls.load(Ordering::Relaxed) + self.per_run;
        runtime.block_on(async {
            let mut payloads =
                shard_decoder(EventFilter::live(self.bot.dispatcher().live_wanted()));
            let mut decoder = Decoder::new();
            for (index, frame) in frames.iter().enumerate() {
                if let Some(dispatch) = to_dispatch(&mut payloads, frame) {
                    self.bot.ingest_dispatch(SHARD, dispatch, &mut decoder);
                }
                if index % 64 == 63 {
                    tokio::task::yield_now().await;
                }
            }
            let deadline = Instant::now() + Duration::from_secs(30);
            while self.calls.load(Ordering::Relaxed) < target {
                assert!(Instant::now() < deadline, "listener calls went missing");
                tokio::task::yield_now().await;
            }
        });
    }
}

fn counting_bot(cached: bool) -> (kokoro::BotBuilder, Arc<AtomicU64>) {
    let builder = Bot::builder("bench");
    let builder = if cached { builder } else { builder.no_cache() };
    (builder, Arc::new(AtomicU64::new(0)))
}

fn message_create_bot() -> (Bot, Arc<AtomicU64>) {
    let (builder, calls) = counting_bot(false);
    let bot = builder.build();
    let counter = Arc::clone(&calls);
    bot.on(move |_: MessageCreate| {
        let counter = Arc::clone(&counter);
        async move {
            counter.fetch_add(1, Ordering::Relaxed);
        }
    })
    .expect("registers");
    (bot, calls)
}

fn every_event_bot(cached: bool) -> (Bot, Arc<AtomicU64>) {
    let (builder, calls) = counting_bot(cached);
    let bot = builder.build();
    let counter = Arc::clone(&calls);
    bot.on(move |_: Arc<Event>| {
        let counter = Arc::clone(&counter);
        async move {
            counter.fetch_add(1, Ordering::Relaxed);
        }
    })
    .expect("registers");
    (bot, calls)
}

fn every_event_owned_bot() -> (Bot, Arc<AtomicU64>) {
    let (builder, calls) = counting_bot(false);
    let bot = builder.build();
    let counter = Arc::clone(&calls);
    bot.on(move |event: Event| {
        let counter = Arc::clone(&counter);
        async move {
            black_box(&event);
            counter.fetch_add(1, Ordering::Relaxed);
        }
    })
    .expect("registers");
    (bot, calls)
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn bench(c: &mut Criterion) {
    let Some(file) = corpus_file() else {
        eprintln!(
            "dispatch: no corpus (set KOKORO_CORPUS to a directory with events.jsonl, or run \
             `cargo xtask test` once to generate target/corpus-small); skipping"
        );
        return;
    };
    let data = std::fs::read(&file).expect("the corpus is readable");
    let frames = frames(&data);
    let mut dispatches = 0u64;
    let mut message_creates = 0u64;
    each_dispatch(&frames, EventFilter::all(), |dispatch| {
        dispatches += 1;
        message_creates += u64::from(dispatch.event_type() == "MESSAGE_CREATE");
    });
    let n = frames.len() as u64;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");

    // What the MESSAGE_CREATE bot decodes: its listener's events and READY
    // (which the facade always decodes).
    let message_flags = EventType::MessageCreate.flag() | EventType::Ready.flag();
    let setups = [
        ("message_create", message_create_bot()),
        ("every_event", every_event_bot(false)),
        ("every_event_owned", every_event_owned_bot()),
        ("every_event_cached", every_event_bot(true)),
    ]
    .map(|(name, (bot, calls))| (name, Setup::new(&runtime, &frames, bot, calls)));

    eprintln!(
        "dispatch: {} ({n} frames, {dispatches} dispatches, {message_creates} MESSAGE_CREATE)",
        file.display()
    );
    for (name, setup) in &setups {
        eprintln!("dispatch: {name}: {} listener calls per run", setup.per_run);
    }

    let mut group = c.benchmark_group("dispatch");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1))
        .throughput(Throughput::Elements(n));
    group.bench_function("decode_only/message_create", |b| {
        b.iter(|| decode_only(&frames, Some(message_flags)))
    });
    group.bench_function("decode_only/every_event", |b| {
        b.iter(|| decode_only(&frames, None))
    });
    for (name, setup) in &setups {
        group.bench_function(*name, |b| b.iter(|| setup.run(&runtime, &frames)));
    }
    group.finish();

    // The summary, from its own runs (median of 5).
    let runs = 5;
    let base_messages = median(runs, || {
        black_box(decode_only(&frames, Some(message_flags)));
    });
    let base_all = median(runs, || {
        black_box(decode_only(&frames, None));
    });
    let per_frame = |d: Duration| d.as_nanos() as f64 / n as f64;
    let per_second = |d: Duration| n as f64 / d.as_secs_f64();
    eprintln!();
    eprintln!(
        "{:<28} {:>12} {:>12} {:>14} {:>22}",
        "variant", "frames/s", "ns/frame", "listener calls", "overhead ns/dispatch"
    );
    eprintln!(
        "{:<28} {:>12.0} {:>12.0} {:>14} {:>22}",
        "decode_only/message_create",
        per_second(base_messages),
        per_frame(base_messages),
        "-",
        "-"
    );
    eprintln!(
        "{:<28} {:>12.0} {:>12.0} {:>14} {:>22}",
        "decode_only/every_event",
        per_second(base_all),
        per_frame(base_all),
        "-",
        "-"
    );
    for (name, setup) in &setups {
        let time = median(runs, || setup.run(&runtime, &frames));
        let base = if *name == "message_create" {
            base_messages
        } else {
            base_all
        };
        let overhead = (time.as_nanos() as f64 - base.as_nanos() as f64) / setup.per_run as f64;
        eprintln!(
            "{:<28} {:>12.0} {:>12.0} {:>14} {:>22.0}",
            name,
            per_second(time),
            per_frame(time),
            setup.per_run,
            overhead
        );
    }
    eprintln!(
        "(overhead = (variant - its decode_only baseline) / listener calls: the facade's \
         filter, Arc, context, spawn and task, plus the cache in every_event_cached)"
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
