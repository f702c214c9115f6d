//! Dispatcher tests with events decoded from kokoro-model's fixtures.

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use futures::StreamExt;
use kokoro_model::{
    Intents,
    gateway::{
        GatewayEvent, ShardId, decode_json,
        event::{Event, EventType, EventTypeFlags, MessageCreate, MessageDelete},
    },
};
use tokio::sync::{Barrier, mpsc};

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        event(include_str!(concat!(
            "../../../kokoro-model/tests/fixtures/events/",
            $name,
            ".json"
        )))
    };
}

fn event(json: &str) -> Event {
    match decode_json(json.as_bytes()).expect("fixture decodes") {
        GatewayEvent::Dispatch { event, .. } => event,
        other => panic!("not a dispatch: {other:?}"),
    }
}

fn message_create() -> Event {
    fixture!("MESSAGE_CREATE")
}

/// Where listeners report what they saw.
type Seen = mpsc::UnboundedSender<String>;

fn seen() -> (Dispatcher, mpsc::UnboundedReceiver<String>) {
    let (tx, rx) = mpsc::unbounded_channel::<String>();
    let dispatcher = Dispatcher::new();
    dispatcher.state(tx);
    (dispatcher, rx)
}

async fn next(rx: &mut mpsc::UnboundedReceiver<String>) -> String {
    tokio::time::timeout(Duration::from_secs(5), rx.recv())
        .await
        .expect("a listener reported")
        .expect("open")
}

async fn nothing_more(rx: &mut mpsc::UnboundedReceiver<String>) {
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(rx.try_recv().is_err(), "unexpected report");
}

#[derive(Clone, Debug, PartialEq)]
struct Levelled {
    user: u64,
    level: u32,
}

impl CustomEvent for Levelled {}

#[tokio::test]
async fn typed_listener_gets_its_event_only() {
    let (bot, mut rx) = seen();
    bot.on(|message: MessageCreate, seen: State<Seen>| async move {
        seen.send(format!("create {}", message.content)).unwrap();
    })
    .unwrap();
    bot.on(|delete: MessageDelete, seen: State<Seen>| async move {
        seen.send(format!("delete {}", delete.id)).unwrap();
    })
    .unwrap();

    assert_eq!(bot.dispatch(message_create(), None), 1);
    assert_eq!(next(&mut rx).await, "create the");
    assert_eq!(bot.dispatch(fixture!("MESSAGE_DELETE"), None), 1);
    assert_eq!(next(&mut rx).await, "delete 1566421571576927241");
    assert_eq!(bot.dispatch(fixture!("GUILD_ROLE_CREATE"), None), 0);
    nothing_more(&mut rx).await;
}

#[tokio::test]
async fn wrapped_types_tell_shared_payloads_apart() {
    let (bot, mut rx) = seen();
    bot.on(|role: GuildRoleCreate, seen: State<Seen>| async move {
        seen.send(format!("role {}", role.role.name)).unwrap();
    })
    .unwrap();
    bot.on(|_: GuildRoleUpdate, seen: State<Seen>| async move {
        seen.send("update".into()).unwrap();
    })
    .unwrap();
    bot.dispatch(fixture!("GUILD_ROLE_CREATE"), None);
    assert_eq!(next(&mut rx).await, "role Most It");
    nothing_more(&mut rx).await;
}

#[tokio::test]
async fn polymorphic_listeners() {
    let (bot, mut rx) = seen();
    bot.on(|event: MessageEvent, seen: State<Seen>| async move {
        seen.send(format!(
            "message {} in {}",
            event.kind(),
            event.channel_id()
        ))
        .unwrap();
    })
    .unwrap();
    bot.on(|event: GuildEvent, seen: State<Seen>| async move {
        seen.send(format!("guild {} {}", event.event.name(), event.guild_id))
            .unwrap();
    })
    .unwrap();

    bot.dispatch(message_create(), None);
    assert_eq!(
        next(&mut rx).await,
        "message MESSAGE_CREATE in 1049734547616208614"
    );
    bot.dispatch(fixture!("MESSAGE_REACTION_ADD"), None);
    assert!(
        next(&mut rx)
            .await
            .starts_with("message MESSAGE_REACTION_ADD")
    );
    bot.dispatch(fixture!("GUILD_ROLE_CREATE"), None);
    assert_eq!(
        next(&mut rx).await,
        "guild GUILD_ROLE_CREATE 1285173603063724683"
    );
    bot.dispatch(fixture!("GUILD_CREATE"), None);
    assert!(next(&mut rx).await.starts_with("guild GUILD_CREATE"));
    bot.dispatch(fixture!("READY"), None);
    nothing_more(&mut rx).await;
}

#[tokio::test]
async fn every_event_and_custom_events() {
    let (bot, mut rx) = seen();
    bot.on(|event: Event, seen: State<Seen>| async move {
        seen.send(format!("gateway {}", event.name())).unwrap();
    })
    .unwrap();
    bot.on(|event: AnyEvent, seen: State<Seen>| async move {
        seen.send(format!("any {}", event.name())).unwrap();
    })
    .unwrap();
    bot.on(|event: Levelled, seen: State<Seen>| async move {
        seen.send(format!("levelled {} {}", event.user, event.level))
            .unwrap();
    })
    .unwrap();

    bot.dispatch(fixture!("TYPING_START"), None);
    let mut got = vec![next(&mut rx).await, next(&mut rx).await];
    got.sort();
    assert_eq!(got, ["any TYPING_START", "gateway TYPING_START"]);

    assert_eq!(bot.dispatch_custom(Levelled { user: 7, level: 3 }), 2);
    let mut got = vec![next(&mut rx).await, next(&mut rx).await];
    got.sort();
    assert_eq!(got[1], "levelled 7 3");
    assert!(
        got[0].starts_with("any ") && got[0].ends_with("Levelled"),
        "{got:?}"
    );
    nothing_more(&mut rx).await;

    // Unknown gateway events reach every-event listeners.
    bot.dispatch(event(r#"{"t":"BRAND_NEW","s":1,"op":0,"d":{"x":1}}"#), None);
    let mut got = vec![next(&mut rx).await, next(&mut rx).await];
    got.sort();
    assert_eq!(got, ["any BRAND_NEW", "gateway BRAND_NEW"]);
}

#[tokio::test]
async fn context_carries_shard_and_dispatches_custom_events() {
    let (bot, mut rx) = seen();
    bot.on(|_: MessageCreate, ctx: Context| async move {
        ctx.dispatch(Levelled {
            user: 1,
            level: ctx.shard().unwrap().number(),
        });
    })
    .unwrap();
    bot.on(|event: Levelled, seen: State<Seen>| async move {
        seen.send(format!("level {}", event.level)).unwrap();
    })
    .unwrap();
    bot.dispatch(message_create(), ShardId::new(2, 4));
    assert_eq!(next(&mut rx).await, "level 2");
}

#[tokio::test]
async fn unsubscribe() {
    let (bot, mut rx) = seen();
    let handle = bot
        .on(|_: MessageCreate, seen: State<Seen>| async move {
            seen.send("got".into()).unwrap();
        })
        .unwrap();
    bot.dispatch(message_create(), None);
    assert_eq!(next(&mut rx).await, "got");
    assert_eq!(bot.registered().listeners, 1);
    assert!(handle.clone().remove());
    assert!(!handle.remove());
    assert_eq!(bot.registered().listeners, 0);
    assert_eq!(bot.dispatch(message_create(), None), 0);
    nothing_more(&mut rx).await;
}

#[tokio::test]
async fn missing_state_fails_at_registration() {
    struct Database;
    let bot = Dispatcher::new();
    let error = bot
        .on(|_: MessageCreate, _db: State<Database>| async {})
        .unwrap_err();
    assert!(matches!(error, RegisterError::MissingState { state } if state.ends_with("Database")));
    assert!(error.to_string().contains(".state(value)"), "{error}");
    assert_eq!(bot.registered().listeners, 0);
    bot.state(Database);
    bot.on(|_: MessageCreate, _db: State<Database>| async {})
        .unwrap();
}

#[tokio::test]
async fn errors_and_panics_do_not_stop_other_listeners() {
    let (bot, mut rx) = seen();
    bot.on(|_: MessageCreate| async { panic!("boom") as () })
        .unwrap();
    #[allow(unreachable_code)]
    bot.on(|_: MessageCreate| -> futures::future::Ready<()> { panic!("boom before the future") })
        .unwrap();
    bot.on(|_: MessageCreate| async { Err::<(), _>("nope") })
        .unwrap();
    bot.on(|_: MessageCreate, seen: State<Seen>| async move {
        seen.send("still here".into()).unwrap();
        Ok::<(), std::io::Error>(())
    })
    .unwrap();
    for _ in 0..3 {
        assert_eq!(bot.dispatch(message_create(), None), 4);
        assert_eq!(next(&mut rx).await, "still here");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listeners_run_concurrently() {
    // Each invocation waits until all three are running: only possible when
    // they run concurrently.
    let barrier = Arc::new(Barrier::new(3));
    let (bot, mut rx) = seen();
    bot.state_arc(barrier);
    bot.on(
        |message: MessageCreate, barrier: State<Barrier>, seen: State<Seen>| async move {
            barrier.wait().await;
            seen.send(message.content.clone()).unwrap();
        },
    )
    .unwrap();
    for _ in 0..3 {
        bot.dispatch(message_create(), None);
    }
    for _ in 0..3 {
        assert_eq!(next(&mut rx).await, "the");
    }
}

#[tokio::test]
async fn stream_with_filter_limit_and_map() {
    let bot = Dispatcher::new();
    let stream = bot
        .stream::<MessageEvent>()
        .filter(|event| event.kind() != EventType::MessageDelete)
        .limit(2)
        .map(|event| event.kind());
    assert_eq!(bot.registered().streams, 1);
    bot.dispatch(fixture!("MESSAGE_DELETE"), None);
    bot.dispatch(message_create(), None);
    bot.dispatch(fixture!("GUILD_ROLE_CREATE"), None);
    bot.dispatch(fixture!("MESSAGE_REACTION_ADD"), None);
    bot.dispatch(message_create(), None);
    let kinds: Vec<_> = stream.collect().await;
    assert_eq!(kinds, [EventType::MessageCreate, EventType::ReactionAdd]);
    assert_eq!(bot.registered().streams, 0, "a finished stream unregisters");
}

#[tokio::test(start_paused = true)]
async fn stream_timeout() {
    let bot = Dispatcher::new();
    let mut stream = bot
        .stream::<MessageCreate>()
        .timeout(Duration::from_secs(10));
    bot.dispatch(message_create(), None);
    assert_eq!(stream.next().await.unwrap().content, "the");
    let started = tokio::time::Instant::now();
    assert!(stream.next().await.is_none());
    assert_eq!(started.elapsed(), Duration::from_secs(10));
    assert!(!stream.is_open());
    assert_eq!(bot.registered().streams, 0);
}

#[tokio::test]
async fn dropped_streams_unregister() {
    let bot = Dispatcher::new();
    let streams: Vec<_> = (0..100).map(|_| bot.stream::<MessageCreate>()).collect();
    let custom = bot.stream::<Levelled>();
    assert_eq!(bot.registered().streams, 101);
    assert!(bot.wanted().contains(EventTypeFlags::MESSAGE_CREATE));
    drop(streams);
    drop(custom);
    assert_eq!(bot.registered(), Registered::default());
    assert!(bot.wanted().is_empty());
    assert_eq!(bot.dispatch(message_create(), None), 0);
}

#[tokio::test]
async fn wait_for_registers_before_the_first_poll() {
    let bot = Dispatcher::new();
    let waiter = bot.wait_for::<MessageCreate>(Duration::from_secs(5), |m| m.content == "the");
    bot.dispatch(message_create(), None);
    assert_eq!(bot.registered().waiters, 0);
    assert_eq!(waiter.await.unwrap().content, "the");
}

#[tokio::test]
async fn wait_for_matches_the_predicate() {
    let bot = Dispatcher::new();
    let waiter = {
        let bot = bot.clone();
        tokio::spawn(async move {
            bot.wait_for::<Levelled>(Duration::from_secs(5), |event| event.level >= 10)
                .await
        })
    };
    while bot.registered().waiters == 0 {
        tokio::task::yield_now().await;
    }
    bot.dispatch_custom(Levelled { user: 1, level: 9 });
    assert_eq!(bot.registered().waiters, 1);
    bot.dispatch_custom(Levelled { user: 2, level: 10 });
    assert_eq!(
        bot.registered().waiters,
        0,
        "a satisfied waiter unregisters at once"
    );
    assert_eq!(waiter.await.unwrap(), Ok(Levelled { user: 2, level: 10 }));
}

#[tokio::test(start_paused = true)]
async fn wait_for_times_out_and_unregisters() {
    let bot = Dispatcher::new();
    let result = bot
        .wait_for::<MessageCreate>(Duration::from_secs(30), |_| true)
        .await;
    assert_eq!(
        result.unwrap_err(),
        WaitForError::Timeout(Duration::from_secs(30))
    );
    assert_eq!(bot.registered().waiters, 0);
}

#[tokio::test]
async fn dropped_wait_for_unregisters() {
    let bot = Dispatcher::new();
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let bot = bot.clone();
        tasks.push(tokio::spawn(async move {
            bot.wait_for::<MessageCreate>(Duration::from_secs(3600), |_| false)
                .await
        }));
    }
    while bot.registered().waiters < 50 {
        tokio::task::yield_now().await;
    }
    for task in &tasks {
        task.abort();
    }
    for task in tasks {
        assert!(task.await.unwrap_err().is_cancelled());
    }
    assert_eq!(bot.registered().waiters, 0);
    // Registered by the call, before any poll, and unregistered by the drop.
    let waiter = bot.wait_for::<MessageCreate>(Duration::from_secs(1), |_| true);
    assert_eq!(bot.registered().waiters, 1);
    drop(waiter);
    assert_eq!(bot.registered(), Registered::default());
}

#[tokio::test]
async fn a_panicking_predicate_is_removed() {
    let bot = Dispatcher::new();
    let mut stream = bot.stream::<MessageCreate>();
    let waiter = {
        let bot = bot.clone();
        tokio::spawn(async move {
            bot.wait_for::<MessageCreate>(Duration::from_secs(5), |_| panic!("bad predicate"))
                .await
        })
    };
    while bot.registered().waiters == 0 {
        tokio::task::yield_now().await;
    }
    bot.dispatch(message_create(), None);
    assert_eq!(bot.registered().waiters, 0);
    assert!(stream.next().await.is_some(), "others still get the event");
    waiter.abort();
}

#[tokio::test]
async fn wanted_events_follow_registrations() {
    let bot = Dispatcher::new();
    assert!(bot.wanted().is_empty());
    let create = bot.on(|_: MessageCreate| async {}).unwrap();
    assert_eq!(bot.wanted(), EventTypeFlags::MESSAGE_CREATE);
    assert!(bot.wants_name("MESSAGE_CREATE"));
    assert!(!bot.wants_name("GUILD_CREATE"));
    assert!(!bot.wants_name("SOMETHING_NEW"));
    let messages = bot.on(|_: MessageEvent| async {}).unwrap();
    assert_eq!(bot.wanted(), MessageEvent::FLAGS);
    bot.also_want(EventTypeFlags::GUILDS);
    assert_eq!(bot.wanted(), MessageEvent::FLAGS | EventTypeFlags::GUILDS);
    create.remove();
    messages.remove();
    assert_eq!(bot.wanted(), EventTypeFlags::GUILDS);
    let _custom = bot.on(|_: Levelled| async {}).unwrap();
    assert_eq!(
        bot.wanted(),
        EventTypeFlags::GUILDS,
        "custom events need nothing from the gateway"
    );
    let _all = bot.on(|_: AnyEvent| async {}).unwrap();
    assert_eq!(bot.wanted(), EventTypeFlags::all());
    assert!(bot.wants_name("SOMETHING_NEW"));
}

#[tokio::test]
async fn intents_are_checked_against_listeners() {
    let bot = Dispatcher::new();
    let _ = bot.on(|_: MessageCreate| async {}).unwrap();
    let _ = bot.on(|_: MessageEvent| async {}).unwrap();
    let _ = bot.on(|_: Event| async {}).unwrap();
    let _ = bot
        .on(|_: kokoro_model::gateway::event::Ready| async {})
        .unwrap();
    let short = |missing: &[MissingIntent]| -> Vec<(EventType, String)> {
        missing
            .iter()
            .map(|m| (m.event, m.listener.rsplit("::").next().unwrap().to_owned()))
            .collect()
    };
    // Nothing about messages is delivered: both the typed and the group listener are reported.
    let missing = bot.check_intents(Intents::GUILDS);
    let missing = short(&missing);
    assert!(missing.contains(&(EventType::MessageCreate, "MessageCreate".into())));
    assert!(missing.contains(&(EventType::ReactionAdd, "MessageEvent".into())));
    assert!(
        missing
            .iter()
            .all(|(_, listener)| listener != "Event" && listener != "Ready"),
        "{missing:?}"
    );
    // Reactions only: the group listener gets some of its events, the typed one none.
    let missing = bot.check_intents(Intents::GUILD_MESSAGE_REACTIONS);
    assert_eq!(
        short(&missing),
        [(EventType::MessageCreate, "MessageCreate".into())]
    );
    assert_eq!(
        missing[0].needs,
        Intents::GUILD_MESSAGES | Intents::DIRECT_MESSAGES
    );
    assert!(bot.check_intents(Intents::DIRECT_MESSAGES).is_empty());
    // Registered later: checked as it comes (warned), and reported by the next check.
    let _ = bot
        .on(|_: kokoro_model::gateway::event::PresenceUpdate| async {})
        .unwrap();
    let missing = bot.check_intents(Intents::DIRECT_MESSAGES);
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].event, EventType::PresenceUpdate);
}

#[tokio::test]
async fn counter_state_is_shared() {
    let bot = Dispatcher::new();
    bot.state(AtomicUsize::new(0));
    bot.on(|_: MessageCreate, count: State<AtomicUsize>| async move {
        count.fetch_add(1, Ordering::SeqCst);
    })
    .unwrap();
    let mut stream = bot.stream::<MessageCreate>().limit(20);
    for _ in 0..20 {
        bot.dispatch(message_create(), None);
    }
    while stream.next().await.is_some() {}
    let count = bot.inner.states.get::<AtomicUsize>().unwrap();
    while count.load(Ordering::SeqCst) < 20 {
        tokio::task::yield_now().await;
    }
}

/// The address of a MESSAGE_CREATE's content buffer: the same after
/// dispatch when the payload was moved, another one when it was copied.
fn content_ptr(event: &Event) -> usize {
    match event {
        // An empty string has no buffer, and every copy the same address.
        Event::MessageCreate(message) if !message.content.is_empty() => {
            message.content.as_ptr() as usize
        }
        other => panic!("not a message with content: {other:?}"),
    }
}

#[tokio::test]
async fn a_single_consumer_gets_the_payload_moved() {
    let bot = Dispatcher::new();
    let mut stream = bot.stream::<MessageCreate>();
    let event = message_create();
    let original = content_ptr(&event);
    bot.dispatch(event, None);
    let got = stream.next().await.unwrap();
    assert_eq!(got.content.as_ptr() as usize, original, "moved, not cloned");
}

#[tokio::test]
async fn with_several_consumers_only_the_last_gets_the_original() {
    let bot = Dispatcher::new();
    let mut first = bot.stream::<MessageCreate>();
    let mut grouped = bot.stream::<MessageEvent>();
    let mut last = bot.stream::<MessageCreate>();
    let event = message_create();
    let original = content_ptr(&event);
    bot.dispatch(event, None);
    let first = first.next().await.unwrap();
    let MessageEvent::Create(grouped) = grouped.next().await.unwrap() else {
        panic!("not a create");
    };
    let last = last.next().await.unwrap();
    assert_ne!(first.content.as_ptr() as usize, original, "a copy");
    assert_ne!(grouped.content.as_ptr() as usize, original, "a copy");
    assert_eq!(last.content.as_ptr() as usize, original, "the original");
    assert_eq!(first, last);
    assert_eq!(grouped, last);
}

#[tokio::test]
async fn a_single_listener_gets_the_payload_moved_and_custom_events_too() {
    let (bot, mut rx) = seen();
    let event = message_create();
    let original = content_ptr(&event);
    bot.on(
        move |message: MessageCreate, seen: State<Seen>| async move {
            let moved = message.content.as_ptr() as usize == original;
            let _ = seen.send(format!("moved {moved}"));
        },
    )
    .unwrap();
    bot.dispatch(event, None);
    assert_eq!(next(&mut rx).await, "moved true");

    // A custom event with one consumer is moved out of its box too.
    let mut levels = bot.stream::<Levelled>();
    bot.dispatch_custom(Levelled { user: 1, level: 2 });
    assert_eq!(levels.next().await, Some(Levelled { user: 1, level: 2 }));
}

#[tokio::test]
async fn an_event_reaches_only_its_registrations_in_registration_order() {
    let bot = Dispatcher::new();
    let (tx, mut rx) = mpsc::unbounded_channel::<&'static str>();
    // Waiters whose predicates record the order they are fed in
    // (synchronously, during dispatch), and never match.
    fn record<E>(
        tx: &mpsc::UnboundedSender<&'static str>,
        label: &'static str,
    ) -> impl Fn(&E) -> bool + Send + Sync + 'static {
        let tx = tx.clone();
        move |_| {
            let _ = tx.send(label);
            false
        }
    }
    let long = Duration::from_secs(60);
    let _a = bot.wait_for::<Arc<Event>>(long, record(&tx, "every 1"));
    let _b = bot.wait_for::<MessageCreate>(long, record(&tx, "create"));
    let _c = bot.wait_for::<MessageDelete>(long, record(&tx, "delete"));
    let _d = bot.wait_for::<MessageEvent>(long, record(&tx, "messages"));
    let _e = bot.wait_for::<Levelled>(long, record(&tx, "levelled"));
    let _f = bot.wait_for::<AnyEvent>(long, record(&tx, "any"));
    let _g = bot.wait_for::<GuildEvent>(long, record(&tx, "guild"));
    bot.dispatch(message_create(), None);
    let mut order = Vec::new();
    while let Ok(label) = rx.try_recv() {
        order.push(label);
    }
    assert_eq!(order, ["every 1", "create", "messages", "any"]);

    bot.dispatch_custom(Levelled { user: 1, level: 1 });
    let mut order = Vec::new();
    while let Ok(label) = rx.try_recv() {
        order.push(label);
    }
    assert_eq!(order, ["levelled", "any"]);
    assert_eq!(bot.registered().waiters, 7, "no predicate matched");
}

#[test]
fn concurrent_registrations_leave_nothing_behind() {
    let bot = Dispatcher::new();
    bot.also_want(EventTypeFlags::READY);
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let dispatching = {
        let bot = bot.clone();
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                bot.dispatch(message_create(), None);
                bot.dispatch_custom(Levelled { user: n, level: 0 });
                n += 1;
            }
            n
        })
    };
    let registering: Vec<_> = (0..4)
        .map(|i| {
            let bot = bot.clone();
            std::thread::spawn(move || {
                for _ in 0..300 {
                    let stream = bot.stream::<MessageCreate>();
                    let group = bot.stream::<MessageEvent>();
                    let custom = bot.stream::<Levelled>();
                    let every = bot.stream::<Arc<Event>>();
                    assert!(bot.wanted().contains(EventTypeFlags::MESSAGE_CREATE));
                    if i % 2 == 0 {
                        drop((stream, group));
                        drop((custom, every));
                    } else {
                        drop((every, custom, group, stream));
                    }
                }
            })
        })
        .collect();
    for thread in registering {
        thread.join().unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    assert!(dispatching.join().unwrap() > 0);
    assert_eq!(bot.registered(), Registered::default());
    assert_eq!(bot.wanted(), EventTypeFlags::READY);
    assert!(!bot.wants_kind(EventType::Unknown));
}
