//! Replays a recorded gateway session and checks the cache's invariants.
//!
//! Reads `$KOKORO_CORPUS` (a folder with `events.jsonl`, or the file), else
//! `<workspace>/target/corpus-small`; skips when neither exists.

use std::collections::HashMap;

use kokoro_cache::{InMemoryCache, Origin};
use kokoro_model::gateway::{GatewayEvent, decode};

#[test]
fn replaying_a_session_keeps_user_references_exact() {
    let path = match std::env::var_os("KOKORO_CORPUS") {
        Some(p) => std::path::PathBuf::from(p),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/corpus-small"),
    };
    let file = if path.is_dir() {
        path.join("events.jsonl")
    } else {
        path
    };
    let Ok(raw) = std::fs::read(&file) else {
        eprintln!(
            "no corpus at {} (set KOKORO_CORPUS); skipping",
            file.display()
        );
        return;
    };
    let cache = InMemoryCache::new();
    let mut dispatches = 0;
    for line in raw.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let mut buf = line.to_vec();
        if let GatewayEvent::Dispatch { event, .. } = decode(&mut buf).expect("corpus decodes") {
            cache.update(Origin::default(), &event);
            dispatches += 1;
        }
    }
    assert!(dispatches > 0);

    let mut memberships: HashMap<_, u32> = HashMap::new();
    for guild in cache.guild_ids() {
        for user in cache.guild_members(guild).unwrap() {
            *memberships.entry(user).or_default() += 1;
        }
        for channel in cache.guild_channels(guild).unwrap() {
            assert_eq!(cache.channel(channel).unwrap().guild_id, Some(guild));
        }
        for role in cache.guild_roles(guild).unwrap() {
            assert_eq!(cache.role(role).unwrap().guild_id, guild);
        }
    }
    let stats = cache.stats();
    assert_eq!(
        stats.users,
        memberships.len(),
        "one user record per member user, no leftovers"
    );
    for (user, count) in &memberships {
        assert_eq!(cache.user_references(*user), *count, "references of {user}");
        assert!(cache.user(*user).is_some());
    }
    assert!(stats.guilds > 0 && stats.members > 0 && stats.messages > 0);
    eprintln!("{dispatches} dispatches replayed: {stats:?}");
}
