//! Listeners, streams and waiters through a real `Bot` connected to
//! kokoro-emulator: the emulator's driver produces the events, the bot's
//! shard receives, decodes and dispatches them.

mod support;

use std::{
    any::type_name,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use futures::StreamExt;
use kokoro::{
    AnyEvent, Context, CustomEvent, GuildEvent, MessageEvent, RegisterError, State, WaitForError,
    event::{Event, GuildMemberAdd, MessageCreate},
};
use serde_json::json;
use support::{Log, PATIENCE, World};

#[derive(Clone, Debug)]
struct Levelled {
    level: u32,
}

impl CustomEvent for Levelled {
    fn name() -> &'static str {
        "LEVELLED"
    }
}

#[derive(Clone, Debug)]
struct Unrelated;

impl CustomEvent for Unrelated {}

/// A listener pushing each message's content to `log`.
fn recorder(log: &Log) -> impl Fn(MessageCreate) -> std::future::Ready<()> + Send + Sync + 'static {
    let log = log.clone();
    move |message: MessageCreate| {
        log.push(message.content.clone());
        std::future::ready(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_listener_gets_each_message_once_in_order() {
    let world = World::new().await;
    let bot = world.builder().build();
    let log = Log::default();
    bot.on(recorder(&log)).unwrap();
    world.start(&bot).await;

    for (n, text) in ["one", "two", "three"].into_iter().enumerate() {
        world.post(text);
        log.wait_len(n + 1).await;
    }
    log.assert_settled(&["one", "two", "three"]).await;
    world.shutdown(&bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn group_listeners_get_the_events_of_their_group() {
    let world = World::new().await;
    let bot = world.builder().build();
    let (messages, guilds, events, arcs, any) = (
        Log::default(),
        Log::default(),
        Log::default(),
        Log::default(),
        Log::default(),
    );
    let (general, guild) = (world.general, world.guild);
    // Registered on a running bot, after READY and GUILD_CREATE: what
    // arrives is what the steps below produce.
    world.start(&bot).await;
    {
        let log = messages.clone();
        bot.on(move |event: MessageEvent| {
            let log = log.clone();
            async move {
                assert_eq!(event.channel_id(), general);
                assert!(event.message_id().is_some());
                log.push(event.kind().as_str());
            }
        })
        .unwrap();
        let log = guilds.clone();
        bot.on(move |event: GuildEvent| {
            let log = log.clone();
            async move {
                assert_eq!(event.guild_id, guild);
                log.push(event.event.name());
            }
        })
        .unwrap();
        let log = events.clone();
        bot.on(move |event: Event| {
            let log = log.clone();
            async move { log.push(event.name()) }
        })
        .unwrap();
        let log = arcs.clone();
        bot.on(move |event: Arc<Event>| {
            let log = log.clone();
            async move { log.push(event.name()) }
        })
        .unwrap();
        let log = any.clone();
        bot.on(move |event: AnyEvent| {
            let log = log.clone();
            async move { log.push(event.name()) }
        })
        .unwrap();
    }

    // One step at a time, each awaited on every log it should reach, so
    // the order within a log is the order of the steps.
    world.post("hi");
    for log in [&messages, &events, &arcs, &any] {
        log.wait_len(1).await;
    }
    let bob = world.emu.create_user("bob");
    world.emu.add_member(guild, bob).unwrap();
    for log in [&events, &arcs, &any] {
        log.wait_len(2).await;
    }
    guilds.wait_len(1).await;
    world
        .emu
        .dispatch_raw("KOKORO_FUTURE_EVENT", json!({"x": 1}), Some(guild));
    for log in [&events, &arcs, &any] {
        log.wait_len(3).await;
    }
    bot.dispatch(Levelled { level: 1 });
    any.wait_len(4).await;

    messages.assert_settled(&["MESSAGE_CREATE"]).await;
    guilds.assert_settled(&["GUILD_MEMBER_ADD"]).await;
    let gateway = ["MESSAGE_CREATE", "GUILD_MEMBER_ADD", "KOKORO_FUTURE_EVENT"];
    events.assert_settled(&gateway).await;
    arcs.assert_settled(&gateway).await;
    any.assert_settled(&[
        "MESSAGE_CREATE",
        "GUILD_MEMBER_ADD",
        "KOKORO_FUTURE_EVENT",
        "LEVELLED",
    ])
    .await;
    world.shutdown(&bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_events_reach_only_their_listeners() {
    let world = World::new().await;
    let bot = world.builder().build();
    let (levels, unrelated) = (Log::default(), Log::default());
    {
        let log = levels.clone();
        bot.on(move |event: Levelled| {
            let log = log.clone();
            async move { log.push(event.level.to_string()) }
        })
        .unwrap();
        let log = unrelated.clone();
        bot.on(move |_: Unrelated| {
            let log = log.clone();
            async move { log.push("unrelated") }
        })
        .unwrap();
        // A listener sending a custom event from a gateway event.
        bot.on(|message: MessageCreate, ctx: Context| async move {
            if let Ok(level) = message.content.parse() {
                ctx.dispatch(Levelled { level });
            }
        })
        .unwrap();
    }
    world.start(&bot).await;

    bot.dispatch(Levelled { level: 1 });
    levels.wait_len(1).await;
    world.post("2");
    levels.wait_len(2).await;
    world.post("not a level");
    world.post("3");
    levels.assert_settled(&["1", "2", "3"]).await;
    assert!(unrelated.entries().is_empty());
    world.shutdown(&bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_listener_is_not_called_again() {
    let world = World::new().await;
    let bot = world.builder().build();
    let (kept, removed) = (Log::default(), Log::default());
    let handle = bot.on(recorder(&removed)).unwrap();
    bot.on(recorder(&kept)).unwrap();
    world.start(&bot).await;

    world.post("before");
    kept.wait_len(1).await;
    removed.wait_len(1).await;
    assert!(handle.clone().remove(), "the first remove unsubscribes");
    assert!(!handle.remove(), "the second finds nothing");
    assert_eq!(bot.dispatcher().registered().listeners, 1);

    world.post("after");
    kept.assert_settled(&["before", "after"]).await;
    assert_eq!(removed.entries(), ["before"]);
    world.shutdown(&bot).await;
}

#[derive(Debug, Default)]
struct Counter {
    hits: AtomicUsize,
}

struct NeverRegistered;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn states_are_injected_and_a_missing_one_is_refused() {
    let world = World::new().await;
    let refused = world
        .builder()
        .on(|_: MessageCreate, _: State<NeverRegistered>| async {});
    assert_eq!(
        refused.err(),
        Some(RegisterError::MissingState {
            state: type_name::<NeverRegistered>()
        })
    );

    let bot = world.builder().state(Counter::default()).build();
    let error = bot
        .on(|_: MessageCreate, _: State<NeverRegistered>| async {})
        .unwrap_err();
    assert!(matches!(error, RegisterError::MissingState { .. }));
    assert_eq!(
        bot.dispatcher().registered().listeners,
        0,
        "a refused listener is not registered"
    );

    let log = Log::default();
    let sink = log.clone();
    bot.on(
        move |message: MessageCreate, counter: State<Counter>, ctx: Context| {
            let sink = sink.clone();
            async move {
                let n = counter.hits.fetch_add(1, Ordering::SeqCst) + 1;
                // The extractor and the context hand out the same state.
                let same = Arc::ptr_eq(&counter.into_inner(), &ctx.state::<Counter>().unwrap());
                sink.push(format!("{} {n} {same}", message.content));
            }
        },
    )
    .unwrap();
    world.start(&bot).await;
    world.post("a");
    log.wait_len(1).await;
    world.post("b");
    log.assert_settled(&["a 1 true", "b 2 true"]).await;
    world.shutdown(&bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_filters_limits_and_maps_bot_events() {
    let world = World::new().await;
    let bot = world.builder().build();
    world.start(&bot).await;

    let commands = bot
        .stream::<MessageCreate>()
        .filter(|m| m.content.starts_with('!'))
        .limit(2)
        .map(|m| m.content.clone());
    assert_eq!(bot.dispatcher().registered().streams, 1);
    for text in ["hello", "!one", "nope", "!two", "!three"] {
        world.post(text);
    }
    let got: Vec<String> = tokio::time::timeout(PATIENCE, commands.collect())
        .await
        .expect("the limit ends the stream");
    assert_eq!(got, ["!one", "!two"]);
    assert_eq!(bot.dispatcher().registered().streams, 0);
    world.shutdown(&bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_ends_on_timeout_and_unregisters_when_dropped() {
    let world = World::new().await;
    let bot = world.builder().build();
    world.start(&bot).await;

    let mut timed = bot
        .stream::<MessageCreate>()
        .timeout(Duration::from_millis(400));
    world.post("in time");
    let first = tokio::time::timeout(PATIENCE, timed.next()).await.unwrap();
    assert_eq!(first.map(|m| m.content.clone()).as_deref(), Some("in time"));
    let started = tokio::time::Instant::now();
    let end = tokio::time::timeout(PATIENCE, timed.next()).await.unwrap();
    assert!(end.is_none(), "the timeout ends the stream");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!timed.is_open());
    assert_eq!(bot.dispatcher().registered().streams, 0);

    let early = bot.stream::<MessageEvent>();
    assert_eq!(bot.dispatcher().registered().streams, 1);
    drop(early);
    assert_eq!(bot.dispatcher().registered().streams, 0);

    // Dispatch goes on with a fresh stream after both are gone.
    let mut fresh = bot.stream::<MessageCreate>();
    world.post("later");
    let later = tokio::time::timeout(PATIENCE, fresh.next()).await.unwrap();
    assert_eq!(later.map(|m| m.content.clone()).as_deref(), Some("later"));
    world.shutdown(&bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wait_for_takes_the_first_match_and_unregisters() {
    let world = World::new().await;
    let bot = world.builder().build();
    world.start(&bot).await;

    let wanted = bot.wait_for::<MessageCreate>(PATIENCE, |m| m.content.starts_with("wanted"));
    assert_eq!(bot.dispatcher().registered().waiters, 1);
    world.post("other");
    world.post("wanted 1");
    world.post("wanted 2");
    let got = tokio::time::timeout(PATIENCE + Duration::from_secs(1), wanted)
        .await
        .unwrap()
        .expect("a match");
    assert_eq!(got.content, "wanted 1");
    assert_eq!(bot.dispatcher().registered().waiters, 0);

    // No match: a timeout error after the timeout, and nothing left behind.
    let timeout = Duration::from_millis(300);
    let started = tokio::time::Instant::now();
    let missed = bot
        .wait_for::<MessageCreate>(timeout, |m| m.content == "never")
        .await;
    assert_eq!(missed.unwrap_err(), WaitForError::Timeout(timeout));
    assert!(started.elapsed() >= timeout);
    assert_eq!(bot.dispatcher().registered().waiters, 0);

    // Dropped before any event: unregistered.
    let dropped = bot.wait_for::<GuildMemberAdd>(Duration::from_secs(60), |_| true);
    assert_eq!(bot.dispatcher().registered().waiters, 1);
    drop(dropped);
    assert_eq!(bot.dispatcher().registered().waiters, 0);
    world.shutdown(&bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_listener_leaves_the_bot_and_other_listeners_running() {
    let world = World::new().await;
    let bot = world.builder().build();
    bot.on(|message: MessageCreate| async move {
        assert_ne!(message.content, "boom", "a listener panics on purpose");
    })
    .unwrap();
    // Panics before its future exists.
    bot.on(|message: MessageCreate| {
        assert_ne!(
            message.content, "early boom",
            "a listener panics on purpose"
        );
        async {}
    })
    .unwrap();
    let log = Log::default();
    bot.on(recorder(&log)).unwrap();
    world.start(&bot).await;
    let mut stream = bot.stream::<MessageCreate>().map(|m| m.content.clone());

    for (n, text) in ["boom", "early boom", "after"].into_iter().enumerate() {
        world.post(text);
        log.wait_len(n + 1).await;
    }
    log.assert_settled(&["boom", "early boom", "after"]).await;
    for expected in ["boom", "early boom", "after"] {
        let got = tokio::time::timeout(PATIENCE, stream.next()).await.unwrap();
        assert_eq!(got.as_deref(), Some(expected));
    }
    assert_eq!(bot.dispatcher().registered().listeners, 3);
    world.shutdown(&bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_ends_the_session_and_the_events() {
    let world = World::new().await;
    let bot = world.builder().build();
    world.start(&bot).await;
    assert_eq!(world.emu.session_count(), 1);
    let mut stream = bot.stream::<MessageCreate>();

    tokio::time::timeout(PATIENCE, bot.close())
        .await
        .expect("close is bounded");
    tokio::time::timeout(PATIENCE, bot.stopped())
        .await
        .expect("the shards stopped");
    // The close frame (1000) ends the session on the emulator, as on Discord.
    support::wait_until("the session to end", || world.emu.session_count() == 0).await;

    let connections = world.emu.counters().connections;
    world.post("too late");
    let late = tokio::time::timeout(Duration::from_millis(300), stream.next()).await;
    assert!(late.is_err(), "nothing arrives after close: {late:?}");
    assert_eq!(
        world.emu.counters().connections,
        connections,
        "no reconnect"
    );
    world.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listener_added_while_running_gets_what_the_shard_skipped_before() {
    let world = World::new().await;
    let bot = world.builder().build();
    world.start(&bot).await;
    // The shards' filter is the dispatcher's live set: nothing takes unknown
    // events yet, so the shard drops this one before copying it.
    assert!(!bot.dispatcher().live_wanted().wants_unknown());
    world
        .emu
        .dispatch_raw("KOKORO_FUTURE_EVENT", json!({"n": 1}), Some(world.guild));
    // Something that is wanted, after it, to know it went by.
    let passed = bot.wait_for::<MessageCreate>(PATIENCE, |m| m.content == "marker");
    world.post("marker");
    passed.await.expect("the marker arrives");

    let log = Log::default();
    let sink = log.clone();
    let handle = bot
        .on(move |event: Event| {
            let sink = sink.clone();
            async move {
                if let Event::Unknown(unknown) = event {
                    sink.push(format!("{} {}", unknown.name, unknown.data["n"]));
                }
            }
        })
        .unwrap();
    assert!(bot.dispatcher().live_wanted().wants_unknown());
    world
        .emu
        .dispatch_raw("KOKORO_FUTURE_EVENT", json!({"n": 2}), Some(world.guild));
    log.assert_settled(&["KOKORO_FUTURE_EVENT 2"]).await;

    handle.remove();
    assert!(!bot.dispatcher().live_wanted().wants_unknown());
    world.shutdown(&bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slash_command_reaches_its_listener_once() {
    use kokoro::{event::InteractionCreate, model::interaction::InteractionData};

    let world = World::new().await;
    let bot = world.builder().build();
    let log = Log::default();
    let sink = log.clone();
    bot.on(move |interaction: InteractionCreate| {
        let sink = sink.clone();
        async move {
            let name = match &interaction.data {
                Some(InteractionData::ApplicationCommand(command)) => command.name.clone(),
                other => format!("unexpected {other:?}"),
            };
            let by = interaction.author().map(|user| user.id);
            sink.push(format!("{} {name} {by:?}", interaction.id));
        }
    })
    .unwrap();
    world.start(&bot).await;
    let invoked = world
        .emu
        .invoke_slash_command(
            world.app.application_id,
            world.alice,
            world.general,
            "hello",
            json!([]),
        )
        .unwrap();
    let expected = format!("{} hello {:?}", invoked.id, Some(world.alice));
    log.assert_settled(&[expected.as_str()]).await;
    world.shutdown(&bot).await;
}
