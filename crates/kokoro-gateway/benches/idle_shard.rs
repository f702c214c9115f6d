//! Memory per idle connected shard, for each transport compression.
//!
//! kokoro-emulator runs on its own multi-thread tokio runtime (worker threads
//! named `emulator`); the shards run in a [`ShardGroup`] on a current-thread
//! runtime on the main thread. A counting global allocator keeps live bytes per
//! thread, so the main thread's counter sees the shards' memory (and the
//! runtime state they cause, such as timers and socket registrations) and
//! none of the emulator's.
//!
//! Each run starts a fresh emulator (one guild with a few channels and
//! members, a short heartbeat interval), connects N shards, waits until every
//! shard has reported `Connected` and the startup dispatches are drained, lets
//! them idle for a few heartbeats (every shard must have heartbeat ACKs during
//! the idle time), then reads the counters while the shards are still alive.
//! A warm-up pass first connects one shard per compression, so one-time lazy
//! allocations are not charged to the first measured run.
//!
//! Columns, each per shard (the delta from just before the shards were
//! created, divided by N): `bytes/shard` and `KiB/shard`, live bytes on the
//! shard thread (the figure); `both ends KiB`, live bytes in the whole process
//! (client and emulator ends of the connections); `RSS KiB/shard`, the
//! process RSS delta from `/proc/self/statm`, for reference only (both ends,
//! plus pages the allocator keeps); `startup`, the dispatches drained before
//! idling (READY per shard, GUILD_CREATE on the shard holding the guild).
//!
//! Not counted: memory that C libraries allocate with libc `malloc`, which
//! bypasses Rust's global allocator. That is the zstd decompression context
//! of a zstd-stream shard; the benchmark prints `ZSTD_sizeof_DCtx` of a
//! replica after the table (flate2 runs on zlib-rs, in Rust, so zlib-stream's
//! context is counted). With 16 shards only the shard holding the guild
//! receives GUILD_CREATE, so its grown buffers are spread over 16.
//!
//! Run with `cargo bench -p kokoro-gateway --bench idle_shard`.

// The workspace denies `unsafe_code`. A global allocator cannot be written
// without `unsafe impl GlobalAlloc` and calls to `System`'s unsafe methods, so
// this benchmark (and only it) allows unsafe code for its counting allocator,
// which forwards every call unchanged to `System`. `deny` may be overridden by
// `allow`, unlike `forbid`; the library itself stays free of unsafe code.
#![allow(unsafe_code)]

use std::{
    alloc::{GlobalAlloc, Layout, System},
    cell::Cell,
    sync::{
        Arc,
        atomic::{AtomicIsize, Ordering},
    },
    time::Duration,
};

use futures::StreamExt;
use kokoro_emulator::{Config, Emulator};
use kokoro_gateway::{CloseKind, Compression, InMemoryQueue, ShardConfig, ShardEvent, ShardGroup};
use kokoro_model::Intents;

/// Counts live bytes per thread and in total; allocates through [`System`].
struct Counting;

/// Live bytes in the whole process (allocated minus freed, by any thread).
static TOTAL: AtomicIsize = AtomicIsize::new(0);

thread_local! {
    /// Bytes allocated minus bytes freed by this thread (a block freed by
    /// another thread than the one that allocated it stays counted here).
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    TOTAL.fetch_add(delta, Ordering::Relaxed);
    // After the thread-local is torn down (thread exit), only the total counts.
    let _ = LIVE.try_with(|live| live.set(live.get() + delta));
}

// SAFETY: every method forwards its arguments unchanged to `System` and
// returns its result; the counting itself never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc_zeroed`'s contract.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract.
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Live bytes of the calling thread.
fn thread_live() -> isize {
    LIVE.with(Cell::get)
}

/// Live bytes of the process.
fn total_live() -> isize {
    TOTAL.load(Ordering::Relaxed)
}

/// Resident set size from `/proc/self/statm` (pages of 4 KiB assumed), if readable.
fn rss() -> Option<isize> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: isize = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// The heartbeat interval the emulator sends in HELLO.
const HEARTBEAT: Duration = Duration::from_millis(200);
/// Heartbeat intervals the shards idle for before the counters are read.
const IDLE_HEARTBEATS: u32 = 6;
/// Heartbeat ACKs each shard must have received while idle.
const MIN_IDLE_ACKS: u64 = 3;
/// Bound on connecting, on draining and on closing.
const LIMIT: Duration = Duration::from_secs(30);
/// Channels and members (besides the owner and the bot) in the guild.
const CHANNELS: usize = 8;
const MEMBERS: usize = 24;
const SHARD_COUNTS: [u32; 2] = [1, 16];
const INTENTS: Intents = Intents::GUILDS
    .union(Intents::GUILD_MEMBERS)
    .union(Intents::GUILD_MESSAGES)
    .union(Intents::MESSAGE_CONTENT);

const COMPRESSIONS: [(&str, Compression); 3] = [
    ("none", Compression::None),
    ("zlib-stream", Compression::ZlibStream),
    ("zstd-stream", Compression::ZstdStream),
];

/// What one run measured, in bytes per shard.
struct Measured {
    thread: isize,
    total: isize,
    rss: Option<isize>,
    /// Dispatches received before idling.
    startup_dispatches: u64,
}

fn run(
    emulator_rt: &tokio::runtime::Runtime,
    shard_rt: &tokio::runtime::Runtime,
    compression: Compression,
    shards: u32,
) -> Measured {
    let emu = emulator_rt
        .block_on(
            Emulator::builder()
                .config(Config::unlimited())
                .heartbeat_interval(HEARTBEAT)
                .max_concurrency(shards, Duration::from_millis(1))
                .recommended_shards(shards)
                .start(),
        )
        .expect("the emulator starts");
    let bot = emu.create_bot("idle-bench");
    let owner = emu.create_user("owner");
    let guild = emu.create_guild(owner, "Idle Guild");
    emu.add_member(guild, bot.user_id).expect("the bot joins");
    for i in 0..MEMBERS {
        let user = emu.create_user(&format!("member-{i}"));
        emu.add_member(guild, user).expect("a member joins");
    }
    for i in 0..CHANNELS {
        emu.create_channel(guild, &format!("channel-{i}"))
            .expect("a channel is created");
    }
    let template = ShardConfig::builder(&bot.token, INTENTS)
        .gateway_url(emu.gateway_url())
        .compression(compression)
        .timeouts(Duration::from_secs(5), Duration::from_secs(5))
        .identify_queue(Arc::new(
            InMemoryQueue::new(shards).window(Duration::from_millis(5)),
        ))
        .build();

    let (thread_before, total_before, rss_before) = (thread_live(), total_live(), rss());
    let mut group = ShardGroup::new(template, shards, 0..shards).expect("valid shard ids");

    let startup_dispatches = shard_rt.block_on(async {
        // Connect: every shard reports Connected, and the guild's GUILD_CREATE
        // (it goes to the one shard that holds the guild) has arrived.
        let mut connected = 0;
        let mut guild_creates = 0;
        let mut dispatches = 0;
        tokio::time::timeout(LIMIT, async {
            while connected < shards || guild_creates == 0 {
                let (id, item) = group.next().await.expect("the shards run");
                match item {
                    Ok(ShardEvent::Connected { resumed: false }) => connected += 1,
                    Ok(ShardEvent::Dispatch(d)) => {
                        dispatches += 1;
                        if d.event_type() == "GUILD_CREATE" {
                            guild_creates += 1;
                        }
                    }
                    Ok(ShardEvent::Disconnected { reason, .. }) => panic!("shard {id}: {reason}"),
                    Ok(other) => panic!("shard {id}: unexpected {other:?}"),
                    Err(e) => panic!("shard {id}: {e}"),
                }
            }
        })
        .await
        .expect("the shards connect in time");

        // Idle: keep polling (the shards heartbeat only when polled); nothing
        // but heartbeats is expected, and nothing else is kept.
        let acks_before: Vec<u64> = group.shards().map(|s| s.latency().acks()).collect();
        let idle = HEARTBEAT * IDLE_HEARTBEATS;
        let _ = tokio::time::timeout(idle, async {
            while let Some((id, item)) = group.next().await {
                match item {
                    Ok(ShardEvent::Dispatch(_)) => dispatches += 1,
                    Ok(other) => panic!("shard {id}: unexpected {other:?} while idle"),
                    Err(e) => panic!("shard {id}: {e}"),
                }
            }
            panic!("the shards stopped while idle");
        })
        .await;
        for (shard, before) in group.shards().zip(acks_before) {
            assert!(shard.is_connected(), "shard {} disconnected", shard.id());
            let acks = shard.latency().acks() - before;
            assert!(
                acks >= MIN_IDLE_ACKS,
                "shard {} had {acks} heartbeat ACKs while idle",
                shard.id()
            );
        }
        dispatches
    });

    let n = shards as isize;
    let measured = Measured {
        thread: (thread_live() - thread_before) / n,
        total: (total_live() - total_before) / n,
        rss: rss()
            .zip(rss_before)
            .map(|(after, before)| (after - before) / n),
        startup_dispatches,
    };

    // Close and drain, bounded, then stop the emulator.
    group.close(CloseKind::End).expect("close");
    shard_rt
        .block_on(async {
            tokio::time::timeout(LIMIT, async { while group.next().await.is_some() {} }).await
        })
        .expect("the shards close in time");
    drop(group);
    emulator_rt.block_on(emu.shutdown());
    measured
}

/// `ZSTD_sizeof_DCtx` of a decompression context like a zstd-stream shard's
/// after one message flushed by a level-3 stream like the emulator's.
///
/// The zstd C library allocates with libc `malloc`, not through Rust's global
/// allocator, so the shard's context is invisible to the counters above; this
/// replica tells its size (allocated; pages become resident as they are used).
fn zstd_dctx_bytes() -> usize {
    use zstd::zstd_safe::{
        CCtx, CParameter, DCtx, InBuffer, OutBuffer, zstd_sys::ZSTD_EndDirective,
    };

    let message = br#"{"op":0,"t":"MESSAGE_CREATE","s":2,"d":{"content":"hello"}}"#.repeat(32);
    let mut cctx = CCtx::create();
    cctx.set_parameter(CParameter::CompressionLevel(3))
        .expect("level 3");
    let mut compressed = Vec::with_capacity(64 << 10);
    let mut input = InBuffer::around(&message);
    let mut output = OutBuffer::around(&mut compressed);
    let left = cctx
        .compress_stream2(&mut output, &mut input, ZSTD_EndDirective::ZSTD_e_flush)
        .expect("compresses");
    assert_eq!(left, 0, "flushed at once");
    let mut dctx = DCtx::create();
    let mut plain = Vec::with_capacity(message.len() + 64);
    let mut input = InBuffer::around(&compressed);
    let mut output = OutBuffer::around(&mut plain);
    dctx.decompress_stream(&mut output, &mut input)
        .expect("decompresses");
    assert_eq!(plain, message);
    dctx.sizeof()
}

fn kib(bytes: isize) -> String {
    format!("{:.1}", bytes as f64 / 1024.0)
}

fn row(cells: [&str; 7]) {
    let [compression, shards, bytes, kib, process, rss, startup] = cells;
    println!(
        "| {compression:<11} | {shards:>6} | {bytes:>11} | {kib:>9} | {process:>13} | {rss:>13} | {startup:>8} |"
    );
}

fn main() {
    let emulator_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("emulator")
        .enable_all()
        .build()
        .expect("emulator runtime");
    let shard_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("shard runtime");

    for (_, compression) in COMPRESSIONS {
        run(&emulator_rt, &shard_rt, compression, 1);
    }

    println!(
        "idle {IDLE_HEARTBEATS} heartbeats of {HEARTBEAT:?}; one guild, {CHANNELS} channels, {} members",
        MEMBERS + 2
    );
    row([
        "compression",
        "shards",
        "bytes/shard",
        "KiB/shard",
        "both ends KiB",
        "RSS KiB/shard",
        "startup",
    ]);
    row(["---", "---", "---", "---", "---", "---", "---"]);
    for (name, compression) in COMPRESSIONS {
        for shards in SHARD_COUNTS {
            let m = run(&emulator_rt, &shard_rt, compression, shards);
            row([
                name,
                &shards.to_string(),
                &m.thread.to_string(),
                &kib(m.thread),
                &kib(m.total),
                &m.rss.map_or_else(|| "n/a".to_owned(), kib),
                &m.startup_dispatches.to_string(),
            ]);
        }
    }
    println!(
        "zstd-stream also holds a zstd decompression context allocated by libc malloc, \
         which the counters do not see: ZSTD_sizeof_DCtx = {} KiB after a level-3 flushed message",
        kib(zstd_dctx_bytes() as isize)
    );
}
