//! A cache of the user's own (`kokoro_cache::Cache`) plugged into a `Bot`:
//! it receives the events it wants, decoded, before the listeners.

mod support;

use std::sync::{Arc, Mutex};

use kokoro::{
    Context,
    cache::{Cache, Origin},
    event::{Event, EventTypeFlags, GuildCreate, MessageCreate},
    model::id::MessageId,
};
use support::{Log, World};

/// Records what it is given: the event names with their origin, and the
/// ids of the messages.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<String>>,
    messages: Mutex<Vec<MessageId>>,
}

impl Cache for Recorder {
    fn update(&self, origin: Origin, event: &Event) {
        if let Event::MessageCreate(message) = event {
            self.messages.lock().unwrap().push(message.id);
        }
        let what = match event {
            Event::GuildCreate(guild) => match &**guild {
                GuildCreate::Available(_) => "GUILD_CREATE",
                GuildCreate::Unavailable(_) => "GUILD_CREATE unavailable",
            },
            other => other.name(),
        };
        self.seen
            .lock()
            .unwrap()
            .push(format!("{what} bot {} shard {}", origin.bot, origin.shard));
    }

    fn wants(&self) -> EventTypeFlags {
        EventTypeFlags::GUILD_CREATE | EventTypeFlags::MESSAGE_CREATE
    }
}

impl Recorder {
    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_custom_cache_sees_its_events_before_the_listeners() {
    let world = World::new().await;
    let cache = Arc::new(Recorder::default());
    let bot = world
        .builder()
        .cache_write_only(cache.clone() as Arc<dyn Cache>)
        .build();
    assert!(bot.cache().is_none(), "a write-only cache cannot be read");
    // What the cache wants is decoded with nobody listening.
    assert!(bot.dispatcher().wanted().contains(cache.wants()));
    assert_eq!(bot.dispatcher().registered().listeners, 0);
    world.start(&bot).await;
    support::wait_until("the guild in the cache", || {
        cache
            .seen()
            .iter()
            .any(|s| s.starts_with("GUILD_CREATE bot 0"))
    })
    .await;
    // READY is decoded for the bot itself (current user), and reaches the
    // cache too; nothing else went by.
    assert_eq!(
        cache.seen(),
        ["READY bot 0 shard 0", "GUILD_CREATE bot 0 shard 0"]
    );

    // With no listener, the cache alone gets the message.
    world.post("for the cache");
    support::wait_until("the message in the cache", || {
        cache.messages.lock().unwrap().len() == 1
    })
    .await;

    // A listener runs after the cache took the event in.
    let log = Log::default();
    let sink = log.clone();
    let recorder = cache.clone();
    bot.on(move |message: MessageCreate, ctx: Context| {
        let (sink, recorder) = (sink.clone(), recorder.clone());
        async move {
            let cached = recorder.messages.lock().unwrap().contains(&message.id);
            sink.push(format!(
                "{} cached {cached} readable {}",
                message.content,
                ctx.cache().is_some()
            ));
        }
    })
    .unwrap();
    world.post("for both");
    log.assert_settled(&["for both cached true readable false"])
        .await;
    assert_eq!(cache.messages.lock().unwrap().len(), 2);
    assert_eq!(
        cache.seen()[2..],
        [
            "MESSAGE_CREATE bot 0 shard 0",
            "MESSAGE_CREATE bot 0 shard 0"
        ]
    );
    world.shutdown(&bot).await;
}
