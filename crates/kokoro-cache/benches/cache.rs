//! Cache throughput and memory on the synthetic gateway corpus.
//!
//! The corpus is `$KOKORO_CORPUS` (a folder holding `events.jsonl`, or the
//! file itself), else `<workspace>/target/corpus-small`; without one the
//! benchmark says so and does nothing. Generate one with
//! `python3 ../shared/corpus/gen.py --out target/corpus`.
//!
//! Events are decoded before anything is timed. Reported:
//! - updates/s applying the startup phase (READY, GUILD_CREATE, member chunks)
//!   to an empty cache, and the steady-state phase to a warmed one;
//! - live heap bytes per guild, per member (with its user, roles and presence)
//!   and per message, from a counting global allocator.

// A global allocator is an `unsafe impl`; it only counts and forwards to the system allocator.
#![allow(unsafe_code, missing_docs)]

use std::{
    alloc::{GlobalAlloc, Layout, System},
    path::PathBuf,
    sync::atomic::{AtomicIsize, Ordering},
    time::{Duration, Instant},
};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use kokoro_cache::{Config, InMemoryCache, Origin, ResourceType};
use kokoro_model::gateway::{GatewayEvent, decode, event::Event};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call forwards to `System` with the caller's arguments; the
// counter has no effect on the memory handed out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        // SAFETY: forwarded as is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

fn corpus_path() -> Option<PathBuf> {
    let path = match std::env::var_os("KOKORO_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/corpus-small"),
    };
    let file = if path.is_dir() {
        path.join("events.jsonl")
    } else {
        path
    };
    file.exists().then_some(file)
}

struct Corpus {
    startup: Vec<Event>,
    steady: Vec<Event>,
}

fn load() -> Option<Corpus> {
    let Some(path) = corpus_path() else {
        eprintln!(
            "kokoro-cache bench: no corpus (set KOKORO_CORPUS or generate target/corpus-small); skipping"
        );
        return None;
    };
    eprintln!("kokoro-cache bench: decoding {}", path.display());
    let raw = std::fs::read(&path).expect("read the corpus");
    let mut events = Vec::new();
    for line in raw.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let mut buf = line.to_vec();
        match decode(&mut buf) {
            Ok(GatewayEvent::Dispatch { event, .. }) => events.push(event),
            Ok(_) => {}
            Err(e) => panic!("corpus line does not decode: {e}"),
        }
    }
    // Startup ends with the last GUILD_CREATE or GUILD_MEMBERS_CHUNK.
    let split = events
        .iter()
        .rposition(|e| matches!(e, Event::GuildCreate(_) | Event::GuildMembersChunk(_)))
        .map_or(0, |i| i + 1);
    let steady = events.split_off(split);
    Some(Corpus {
        startup: events,
        steady,
    })
}

fn apply(cache: &InMemoryCache, events: &[Event]) {
    let origin = Origin::default();
    for event in events {
        cache.update(origin, event);
    }
}

/// CPU time this thread has run, from `/proc/thread-self/schedstat` (Linux):
/// rates per CPU-second are meaningful on a shared, busy machine.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn rate(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

fn report(corpus: &Corpus) {
    // Memory: the live heap the cache adds.
    let before = live();
    let cache = InMemoryCache::new();
    let (t, cpu) = (Instant::now(), thread_cpu());
    apply(&cache, &corpus.startup);
    let startup_time = t.elapsed();
    let startup_cpu = cpu.zip(thread_cpu()).map(|(a, b)| b - a);
    let after_startup = live() - before;
    let stats = cache.stats();

    let guilds_only = {
        let before = live();
        let c = InMemoryCache::with_config(Config::new().resource_types(
            ResourceType::GUILD
                | ResourceType::CHANNEL
                | ResourceType::THREAD
                | ResourceType::ROLE
                | ResourceType::EMOJI
                | ResourceType::STICKER
                | ResourceType::STAGE_INSTANCE
                | ResourceType::SCHEDULED_EVENT
                | ResourceType::SOUNDBOARD_SOUND
                | ResourceType::VOICE_STATE,
        ));
        apply(&c, &corpus.startup);
        let bytes = live() - before;
        drop(c);
        bytes
    };

    let (t, cpu) = (Instant::now(), thread_cpu());
    apply(&cache, &corpus.steady);
    let steady_time = t.elapsed();
    let steady_cpu = cpu.zip(thread_cpu()).map(|(a, b)| b - a);
    let after_steady = live() - before;

    let messages_only = {
        let c = InMemoryCache::with_config(
            Config::new()
                .resource_types(ResourceType::MESSAGE)
                .total_message_capacity(u64::MAX >> 1)
                .message_capacity(usize::MAX >> 1),
        );
        let before = live();
        apply(&c, &corpus.steady);
        let n = c.stats().messages;
        let bytes = live() - before;
        drop(c);
        (bytes, n)
    };

    let member_part = after_startup - guilds_only;
    println!(
        "kokoro-cache on {} startup + {} steady events",
        corpus.startup.len(),
        corpus.steady.len()
    );
    println!(
        "  startup: {} guilds, {} members, {} users, {} presences, {} channels, {} roles",
        stats.guilds, stats.members, stats.users, stats.presences, stats.channels, stats.roles
    );
    println!(
        "  live heap after startup: {:.2} MB ({} bytes); {:.0} bytes per member all told",
        after_startup as f64 / 1e6,
        after_startup,
        after_startup as f64 / stats.members.max(1) as f64
    );
    println!(
        "  per guild (guild, channels, roles, expressions, voice; no members): {:.0} bytes",
        guilds_only as f64 / stats.guilds.max(1) as f64
    );
    println!(
        "  per member (member + its user, roles, presence): {:.0} bytes",
        member_part as f64 / stats.members.max(1) as f64
    );
    println!(
        "  per message (unbounded message-only cache, {} messages): {:.0} bytes",
        messages_only.1,
        messages_only.0 as f64 / messages_only.1.max(1) as f64
    );
    println!(
        "  live heap after steady state (default bounds): {:.2} MB",
        after_steady as f64 / 1e6
    );
    println!(
        "  one pass, wall clock: startup {:.0} updates/s = {:.0} members/s ({:?}), steady {:.0} updates/s ({:?})",
        rate(corpus.startup.len(), startup_time),
        rate(stats.members, startup_time),
        startup_time,
        rate(corpus.steady.len(), steady_time),
        steady_time
    );
    if let (Some(startup_cpu), Some(steady_cpu)) = (startup_cpu, steady_cpu) {
        println!(
            "  one pass, per CPU-second of this thread: startup {:.0} updates/s = {:.0} members/s, steady {:.0} updates/s",
            rate(corpus.startup.len(), startup_cpu),
            rate(stats.members, startup_cpu),
            rate(corpus.steady.len(), steady_cpu),
        );
    }
}

/// Where steady-state time goes, by event type.
fn breakdown(corpus: &Corpus) {
    let cache = InMemoryCache::new();
    apply(&cache, &corpus.startup);
    let mut by_type: std::collections::BTreeMap<&str, (usize, Duration)> = Default::default();
    for event in &corpus.steady {
        let t = Instant::now();
        cache.update(Origin::default(), event);
        let e = by_type.entry(event.name()).or_default();
        e.0 += 1;
        e.1 += t.elapsed();
    }
    let mut rows: Vec<_> = by_type.into_iter().collect();
    rows.sort_by_key(|(_, (_, d))| std::cmp::Reverse(*d));
    println!("  steady-state time by event type (timed one by one):");
    for (name, (n, d)) in rows.iter().take(12) {
        println!(
            "    {name:<30} {n:>7} events {:>8.1} ms {:>7.0} ns/event",
            d.as_secs_f64() * 1e3,
            d.as_nanos() as f64 / *n as f64
        );
    }
}

fn benches(c: &mut Criterion) {
    let Some(corpus) = load() else { return };
    report(&corpus);
    breakdown(&corpus);

    let mut group = c.benchmark_group("cache");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(corpus.startup.len() as u64));
    group.bench_function("startup", |b| {
        b.iter_batched(
            InMemoryCache::new,
            |cache| apply(&cache, &corpus.startup),
            BatchSize::PerIteration,
        )
    });
    group.throughput(Throughput::Elements(corpus.steady.len() as u64));
    group.bench_function("steady", |b| {
        b.iter_batched(
            || {
                let cache = InMemoryCache::new();
                apply(&cache, &corpus.startup);
                cache
            },
            |cache| apply(&cache, &corpus.steady),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(cache, benches);
criterion_main!(cache);
