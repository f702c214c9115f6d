//! Event sequences applied to the cache, one per awkward case. Payloads are
//! JSON shaped like Discord's docs, decoded by kokoro-model.

use kokoro_cache::{
    Cache, CacheRead, Config, InMemoryCache, Origin, PermissionError, ResourceType,
};
use kokoro_model::{
    Intents, Permissions, Timestamp,
    gateway::{GatewayEvent, decode_event_json, decode_json, event::Event, event::EventTypeFlags},
    id::{ChannelId, GuildId, MessageId, RoleId, UserId},
};
use serde_json::{Value, json};

const G: u64 = 1000;
const OWNER: u64 = 1;

fn ev(name: &str, d: Value) -> Event {
    decode_event_json(name, d.to_string().as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn apply(cache: &InMemoryCache, name: &str, d: Value) {
    cache.update(Origin::default(), &ev(name, d));
}

fn user(id: u64) -> Value {
    json!({"id": id.to_string(), "username": format!("user{id}"), "discriminator": "0",
           "global_name": null, "avatar": null})
}

fn member(id: u64, roles: &[u64]) -> Value {
    json!({"user": user(id), "roles": roles.iter().map(u64::to_string).collect::<Vec<_>>(),
           "joined_at": "2024-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false, "flags": 0})
}

fn role(id: u64, permissions: Permissions) -> Value {
    json!({"id": id.to_string(), "name": format!("role{id}"), "color": 0, "hoist": false,
           "position": 0, "permissions": permissions.bits().to_string(), "managed": false,
           "mentionable": false, "flags": 0})
}

fn channel(id: u64, guild: u64, overwrites: Value) -> Value {
    json!({"id": id.to_string(), "type": 0, "guild_id": guild.to_string(), "name": format!("c{id}"),
           "position": 0, "permission_overwrites": overwrites, "nsfw": false})
}

fn thread(id: u64, guild: u64, parent: u64) -> Value {
    json!({"id": id.to_string(), "type": 11, "guild_id": guild.to_string(), "parent_id": parent.to_string(),
           "name": format!("t{id}"), "owner_id": "1", "message_count": 1, "member_count": 1,
           "thread_metadata": {"archived": false, "auto_archive_duration": 1440,
                               "archive_timestamp": "2024-01-01T00:00:00.000000+00:00", "locked": false}})
}

fn guild(id: u64, members: Vec<Value>, channels: Vec<Value>, roles: Vec<Value>) -> Value {
    let mut roles = roles;
    roles.push(role(
        id,
        Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES | Permissions::READ_MESSAGE_HISTORY,
    ));
    json!({"id": id.to_string(), "name": format!("guild{id}"), "icon": null, "owner_id": OWNER.to_string(),
        "afk_channel_id": null, "afk_timeout": 300, "verification_level": 1, "default_message_notifications": 0,
        "explicit_content_filter": 0, "roles": roles, "emojis": [], "features": ["COMMUNITY"], "mfa_level": 0,
        "application_id": null, "system_channel_id": null, "system_channel_flags": 0, "rules_channel_id": null,
        "vanity_url_code": null, "description": null, "banner": null, "premium_tier": 0, "preferred_locale": "en-US",
        "public_updates_channel_id": null, "nsfw_level": 0, "stickers": [], "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null, "member_count": members.len(), "large": false,
        "joined_at": "2024-01-01T00:00:00.000000+00:00", "members": members, "channels": channels,
        "threads": [], "presences": [], "voice_states": [], "stage_instances": [],
        "guild_scheduled_events": [], "soundboard_sounds": []})
}

fn message(id: u64, channel: u64, author: u64, member: Option<Value>) -> Value {
    let mut m = json!({"id": id.to_string(), "channel_id": channel.to_string(), "guild_id": G.to_string(),
        "author": user(author), "content": "hello", "timestamp": "2024-01-01T00:00:00.000000+00:00",
        "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [],
        "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0});
    if let Some(member) = member {
        m["member"] = member;
    }
    m
}

fn uid(n: u64) -> UserId {
    UserId::new(n)
}

fn gid(n: u64) -> GuildId {
    GuildId::new(n)
}

#[test]
fn guild_delete_outage_keeps_data_and_removal_drops_everything() {
    let cache = InMemoryCache::new();
    apply(
        &cache,
        "GUILD_CREATE",
        guild(
            G,
            vec![member(1, &[]), member(2, &[])],
            vec![channel(10, G, json!([]))],
            vec![],
        ),
    );
    assert_eq!(cache.guild_members(gid(G)).unwrap().len(), 2);

    // Outage: data stays, marked unavailable.
    apply(
        &cache,
        "GUILD_DELETE",
        json!({"id": G.to_string(), "unavailable": true}),
    );
    assert!(cache.is_unavailable(gid(G)));
    assert!(cache.guild(gid(G)).unwrap().unavailable);
    assert!(cache.member(gid(G), uid(2)).is_some());
    assert!(cache.channel(ChannelId::new(10)).is_some());

    // Back: available again.
    apply(
        &cache,
        "GUILD_CREATE",
        guild(
            G,
            vec![member(1, &[]), member(2, &[])],
            vec![channel(10, G, json!([]))],
            vec![],
        ),
    );
    assert!(!cache.is_unavailable(gid(G)));
    assert_eq!(
        cache.user_references(uid(2)),
        1,
        "re-creating a guild does not double count"
    );

    // Removal: everything of the guild goes, users included.
    apply(&cache, "GUILD_DELETE", json!({"id": G.to_string()}));
    assert!(cache.guild(gid(G)).is_none());
    assert!(cache.channel(ChannelId::new(10)).is_none());
    assert!(cache.role(RoleId::new(G)).is_none());
    assert!(cache.user(uid(2)).is_none());
    let stats = cache.stats();
    assert_eq!(
        (
            stats.guilds,
            stats.members,
            stats.users,
            stats.channels,
            stats.roles
        ),
        (0, 0, 0, 0, 0)
    );
}

#[test]
fn one_user_in_many_guilds_is_one_shared_record() {
    let cache = InMemoryCache::new();
    apply(
        &cache,
        "GUILD_CREATE",
        guild(G, vec![member(5, &[])], vec![], vec![]),
    );
    apply(
        &cache,
        "GUILD_CREATE",
        guild(G + 1, vec![member(5, &[])], vec![], vec![]),
    );
    assert_eq!(cache.stats().users, 1);
    assert_eq!(cache.user_references(uid(5)), 2);

    // The same member again (an update, a chunk) is no new reference.
    apply(&cache, "GUILD_MEMBER_ADD", {
        let mut m = member(5, &[]);
        m["guild_id"] = json!(G.to_string());
        m
    });
    assert_eq!(cache.user_references(uid(5)), 2);

    apply(
        &cache,
        "GUILD_MEMBER_REMOVE",
        json!({"guild_id": G.to_string(), "user": user(5)}),
    );
    assert_eq!(cache.user_references(uid(5)), 1);
    assert!(cache.user(uid(5)).is_some());
    apply(&cache, "GUILD_DELETE", json!({"id": (G + 1).to_string()}));
    assert!(
        cache.user(uid(5)).is_none(),
        "the last reference took the user with it"
    );
}

#[test]
fn two_bots_sharing_a_cache_do_not_double_count() {
    let cache = InMemoryCache::new();
    let (a, b) = (Origin::new(0, 0), Origin::new(1, 0));
    let create = ev(
        "GUILD_CREATE",
        guild(G, vec![member(1, &[]), member(7, &[])], vec![], vec![]),
    );
    cache.update(a, &create);
    cache.update(b, &create);
    assert_eq!(cache.user_references(uid(7)), 1);

    // Both bots see the join; it is counted once.
    let mut m = member(8, &[]);
    m["guild_id"] = json!(G.to_string());
    let join = ev("GUILD_MEMBER_ADD", m);
    cache.update(a, &join);
    cache.update(b, &join);
    assert_eq!(cache.guild(gid(G)).unwrap().member_count, Some(3));
    assert_eq!(cache.user_references(uid(8)), 1);

    // Bot A is removed from the guild; bot B still sees it.
    let removed = ev("GUILD_DELETE", json!({"id": G.to_string()}));
    cache.update(a, &removed);
    assert!(cache.guild(gid(G)).is_some());
    assert!(cache.member(gid(G), uid(7)).is_some());
    cache.update(b, &removed);
    assert!(cache.guild(gid(G)).is_none());
    assert_eq!(cache.stats().users, 0);
}

#[test]
fn member_chunks_fill_a_large_guild_with_members_and_presences() {
    let cache = InMemoryCache::new();
    apply(
        &cache,
        "GUILD_CREATE",
        guild(G, vec![member(1, &[])], vec![], vec![]),
    );
    apply(
        &cache,
        "GUILD_MEMBERS_CHUNK",
        json!({
            "guild_id": G.to_string(), "chunk_index": 0, "chunk_count": 1, "not_found": [],
            "members": (2..50).map(|i| member(i, &[])).collect::<Vec<_>>(),
            "presences": [{"user": {"id": "2"}, "status": "online",
                           "activities": [{"name": "Spotify", "type": 2, "details": "a song"}],
                           "client_status": {"desktop": "online"}}]
        }),
    );
    assert_eq!(cache.guild_members(gid(G)).unwrap().len(), 49);
    assert_eq!(cache.stats().users, 49);
    let presence = cache.presence(gid(G), uid(2)).unwrap();
    assert_eq!(presence.status(), kokoro_model::presence::Status::Online);
    assert_eq!(&*presence.activities[0].name, "Spotify");
    assert_eq!(
        presence.client_status().desktop,
        Some(kokoro_model::presence::Status::Online)
    );
}

#[test]
fn thread_list_sync_replaces_the_synced_parents_threads() {
    let cache = InMemoryCache::new();
    apply(
        &cache,
        "GUILD_CREATE",
        guild(
            G,
            vec![member(1, &[])],
            vec![channel(10, G, json!([])), channel(20, G, json!([]))],
            vec![],
        ),
    );
    apply(&cache, "THREAD_CREATE", thread(11, G, 10));
    apply(&cache, "THREAD_CREATE", thread(21, G, 20));
    // Access to channel 10 is synced: thread 11 is no longer active, 12 is.
    apply(
        &cache,
        "THREAD_LIST_SYNC",
        json!({
            "guild_id": G.to_string(), "channel_ids": ["10"],
            "threads": [thread(12, G, 10)],
            "members": [{"id": "12", "user_id": "1", "join_timestamp": "2024-01-01T00:00:00.000000+00:00", "flags": 0}]
        }),
    );
    assert!(cache.channel(ChannelId::new(11)).is_none());
    assert!(cache.channel(ChannelId::new(12)).is_some());
    assert!(
        cache.channel(ChannelId::new(21)).is_some(),
        "threads of other parents stay"
    );
    assert_eq!(cache.thread_members(ChannelId::new(12))[0].user_id, uid(1));
    let channels = cache.guild_channels(gid(G)).unwrap();
    assert!(channels.contains(&ChannelId::new(12)) && !channels.contains(&ChannelId::new(11)));
}

#[test]
fn thread_members_update_adds_members_and_removes_ids() {
    let cache = InMemoryCache::new();
    apply(
        &cache,
        "GUILD_CREATE",
        guild(
            G,
            vec![member(1, &[])],
            vec![channel(10, G, json!([]))],
            vec![],
        ),
    );
    apply(&cache, "THREAD_CREATE", thread(11, G, 10));
    apply(
        &cache,
        "THREAD_MEMBERS_UPDATE",
        json!({
            "id": "11", "guild_id": G.to_string(), "member_count": 2,
            "added_members": [{"id": "11", "user_id": "3", "join_timestamp": "2024-01-01T00:00:00.000000+00:00",
                               "flags": 0, "member": member(3, &[]),
                               "presence": {"user": {"id": "3"}, "status": "idle", "activities": [], "client_status": {}}}],
            "removed_member_ids": []
        }),
    );
    assert!(
        cache.member(gid(G), uid(3)).is_some(),
        "an added thread member's guild member is cached"
    );
    assert!(cache.presence(gid(G), uid(3)).is_some());
    assert_eq!(
        cache
            .channel(ChannelId::new(11))
            .unwrap()
            .thread
            .as_ref()
            .unwrap()
            .member_count,
        2
    );
    apply(
        &cache,
        "THREAD_MEMBERS_UPDATE",
        json!({
            "id": "11", "guild_id": G.to_string(), "member_count": 1, "added_members": [],
            "removed_member_ids": ["3"]
        }),
    );
    assert!(cache.thread_members(ChannelId::new(11)).is_empty());
}

#[test]
fn partial_members_in_messages_update_but_never_invent() {
    let cache = InMemoryCache::new();
    apply(
        &cache,
        "GUILD_CREATE",
        guild(
            G,
            vec![member(1, &[]), member(2, &[])],
            vec![channel(10, G, json!([]))],
            vec![role(50, Permissions::empty())],
        ),
    );
    let partial = json!({"roles": ["50"], "nick": "nick", "joined_at": "2024-01-01T00:00:00.000000+00:00",
                         "deaf": false, "mute": false, "flags": 0});
    apply(
        &cache,
        "MESSAGE_CREATE",
        message(100, 10, 2, Some(partial.clone())),
    );
    let m = cache.member(gid(G), uid(2)).unwrap();
    assert_eq!(m.roles.as_slice(), &[RoleId::new(50)]);
    assert_eq!(m.nick.as_deref(), Some("nick"));
    // An author who is not a cached member is not made one.
    apply(&cache, "MESSAGE_CREATE", message(101, 10, 9, Some(partial)));
    assert!(cache.member(gid(G), uid(9)).is_none());
    assert!(cache.user(uid(9)).is_none());
    // Yet the message keeps its author.
    assert_eq!(
        &*cache.message(MessageId::new(101)).unwrap().author.username,
        "user9"
    );
    // The cached author's message shares the user record.
    let message = cache.message(MessageId::new(100)).unwrap();
    assert!(std::sync::Arc::ptr_eq(
        &message.author,
        &cache.user(uid(2)).unwrap()
    ));
    assert_eq!(
        cache.channel(ChannelId::new(10)).unwrap().last_message_id,
        Some(MessageId::new(101))
    );
}

#[test]
fn presences_of_unknown_users_do_not_create_users_and_offline_removes() {
    let cache = InMemoryCache::new();
    apply(
        &cache,
        "GUILD_CREATE",
        guild(G, vec![member(1, &[])], vec![], vec![]),
    );
    apply(
        &cache,
        "PRESENCE_UPDATE",
        json!({"user": {"id": "77", "username": "ghost"}, "guild_id": G.to_string(),
        "status": "dnd", "activities": [], "client_status": {"mobile": "dnd"}}),
    );
    assert!(cache.presence(gid(G), uid(77)).is_some());
    assert!(cache.user(uid(77)).is_none());
    apply(
        &cache,
        "PRESENCE_UPDATE",
        json!({"user": {"id": "77"}, "guild_id": G.to_string(),
        "status": "offline", "activities": [], "client_status": {}}),
    );
    assert!(cache.presence(gid(G), uid(77)).is_none());
    // A known user's new name in a presence is applied.
    apply(
        &cache,
        "PRESENCE_UPDATE",
        json!({"user": {"id": "1", "username": "renamed"}, "guild_id": G.to_string(),
        "status": "online", "activities": [], "client_status": {}}),
    );
    assert_eq!(&*cache.user(uid(1)).unwrap().username, "renamed");
}

#[test]
fn events_about_unknown_entities_are_ignored() {
    let cache = InMemoryCache::new();
    let g = (G + 5).to_string();
    apply(
        &cache,
        "GUILD_ROLE_UPDATE",
        json!({"guild_id": g, "role": role(3, Permissions::empty())}),
    );
    apply(
        &cache,
        "GUILD_ROLE_DELETE",
        json!({"guild_id": g, "role_id": "3"}),
    );
    apply(&cache, "CHANNEL_UPDATE", channel(4, G + 5, json!([])));
    apply(&cache, "CHANNEL_DELETE", channel(4, G + 5, json!([])));
    apply(
        &cache,
        "GUILD_MEMBER_REMOVE",
        json!({"guild_id": g, "user": user(3)}),
    );
    apply(
        &cache,
        "MESSAGE_DELETE",
        json!({"id": "9", "channel_id": "4"}),
    );
    apply(
        &cache,
        "MESSAGE_REACTION_ADD",
        json!({"user_id": "3", "channel_id": "4", "message_id": "9",
        "emoji": {"id": null, "name": "🔥"}}),
    );
    apply(
        &cache,
        "THREAD_MEMBERS_UPDATE",
        json!({"id": "11", "guild_id": g, "member_count": 1,
        "added_members": [], "removed_member_ids": ["3"]}),
    );
    apply(&cache, "GUILD_DELETE", json!({"id": g}));
    let stats = cache.stats();
    assert_eq!(
        (stats.guilds, stats.roles, stats.channels, stats.users),
        (0, 0, 0, 0)
    );
}

#[test]
fn channel_delete_cleans_the_index_threads_and_messages() {
    let cache = InMemoryCache::new();
    apply(
        &cache,
        "GUILD_CREATE",
        guild(
            G,
            vec![member(1, &[])],
            vec![channel(10, G, json!([]))],
            vec![],
        ),
    );
    apply(&cache, "THREAD_CREATE", thread(11, G, 10));
    apply(&cache, "MESSAGE_CREATE", message(100, 10, 1, None));
    apply(&cache, "CHANNEL_DELETE", channel(10, G, json!([])));
    assert!(
        cache.channel(ChannelId::new(11)).is_none(),
        "its threads go too"
    );
    assert!(cache.message(MessageId::new(100)).is_none());
    assert!(cache.guild_channels(gid(G)).unwrap().is_empty());
}

#[test]
fn role_delete_removes_it_from_members_and_overwrites() {
    let cache = InMemoryCache::new();
    let overwrites = json!([{"id": "50", "type": 0, "allow": "0", "deny": "2048"}]);
    apply(
        &cache,
        "GUILD_CREATE",
        guild(
            G,
            vec![member(2, &[50])],
            vec![channel(10, G, overwrites)],
            vec![role(50, Permissions::empty())],
        ),
    );
    assert!(
        !cache
            .permissions()
            .in_channel(uid(2), ChannelId::new(10))
            .unwrap()
            .contains(Permissions::SEND_MESSAGES)
    );
    apply(
        &cache,
        "GUILD_ROLE_DELETE",
        json!({"guild_id": G.to_string(), "role_id": "50"}),
    );
    assert!(cache.member(gid(G), uid(2)).unwrap().roles.is_empty());
    assert!(
        cache
            .channel(ChannelId::new(10))
            .unwrap()
            .permission_overwrites
            .is_empty()
    );
    assert!(
        cache
            .guild_roles(gid(G))
            .unwrap()
            .iter()
            .all(|r| *r != RoleId::new(50))
    );
    assert!(
        cache
            .permissions()
            .in_channel(uid(2), ChannelId::new(10))
            .unwrap()
            .contains(Permissions::SEND_MESSAGES)
    );
}

#[test]
fn permissions_from_events_owner_admin_overwrites_and_timeouts() {
    let cache = InMemoryCache::new();
    let overwrites = json!([
        {"id": G.to_string(), "type": 0, "allow": "0", "deny": "1024"},
        {"id": "60", "type": 0, "allow": "1024", "deny": "0"},
        {"id": "3", "type": 1, "allow": "0", "deny": "2048"}
    ]);
    apply(
        &cache,
        "GUILD_CREATE",
        guild(
            G,
            vec![
                member(OWNER, &[]),
                member(2, &[]),
                member(3, &[60]),
                member(4, &[70]),
            ],
            vec![channel(10, G, overwrites)],
            vec![
                role(60, Permissions::empty()),
                role(70, Permissions::ADMINISTRATOR),
            ],
        ),
    );
    let p = cache.permissions();
    let c = ChannelId::new(10);
    assert_eq!(p.in_channel(uid(OWNER), c), Ok(Permissions::all()));
    assert_eq!(
        p.in_channel(uid(4), c),
        Ok(Permissions::all()),
        "administrator"
    );
    assert_eq!(
        p.in_channel(uid(2), c),
        Ok(Permissions::empty()),
        "@everyone cannot view"
    );
    let p3 = p.in_channel(uid(3), c).unwrap();
    assert!(p3.contains(Permissions::VIEW_CHANNEL) && !p3.contains(Permissions::SEND_MESSAGES));
    assert!(
        p.in_guild(uid(2), gid(G))
            .unwrap()
            .contains(Permissions::SEND_MESSAGES)
    );
    assert_eq!(
        p.in_channel(uid(99), c),
        Err(PermissionError::MemberUnavailable(gid(G), uid(99)))
    );

    // A timeout leaves VIEW_CHANNEL and READ_MESSAGE_HISTORY, until it ends.
    apply(
        &cache,
        "GUILD_MEMBER_UPDATE",
        json!({"guild_id": G.to_string(), "roles": ["60"], "user": user(3),
        "joined_at": "2024-01-01T00:00:00.000000+00:00", "communication_disabled_until": "2030-01-01T00:00:00.000000+00:00"}),
    );
    let during = Timestamp::parse("2029-01-01T00:00:00+00:00").unwrap();
    let after = Timestamp::parse("2031-01-01T00:00:00+00:00").unwrap();
    assert_eq!(
        cache.permissions().at(during).in_channel(uid(3), c),
        Ok(Permissions::VIEW_CHANNEL | Permissions::READ_MESSAGE_HISTORY)
    );
    // After it, the member's roles and overwrites apply again.
    assert_eq!(
        cache.permissions().at(after).in_channel(uid(3), c),
        Ok(Permissions::VIEW_CHANNEL | Permissions::READ_MESSAGE_HISTORY)
    );
    let before = cache
        .permissions()
        .at(during)
        .in_guild(uid(3), gid(G))
        .unwrap();
    let later = cache
        .permissions()
        .at(after)
        .in_guild(uid(3), gid(G))
        .unwrap();
    assert!(
        !before.contains(Permissions::SEND_MESSAGES) && later.contains(Permissions::SEND_MESSAGES)
    );
    // Through the trait, on any CacheRead.
    let read: &dyn CacheRead = &cache;
    assert!(read.member(gid(G), uid(3)).is_some());
}

#[test]
fn turned_off_resources_are_neither_wanted_nor_stored() {
    let cache = InMemoryCache::with_config(Config::new().resource_types(
        ResourceType::all() - ResourceType::USER - ResourceType::PRESENCE - ResourceType::MESSAGE,
    ));
    assert!(!cache.wants().contains(EventTypeFlags::PRESENCE_UPDATE));
    assert!(!cache.wants().contains(EventTypeFlags::MESSAGE_CREATE));
    assert!(cache.wants().contains(EventTypeFlags::GUILD_MEMBER_ADD));
    assert!(!cache.intents().contains(Intents::GUILD_PRESENCES));
    assert!(
        cache
            .intents()
            .contains(Intents::GUILDS | Intents::GUILD_MEMBERS)
    );
    apply(
        &cache,
        "GUILD_CREATE",
        guild(G, vec![member(1, &[])], vec![], vec![]),
    );
    assert!(cache.member(gid(G), uid(1)).is_some());
    assert_eq!(cache.stats().users, 0);
    let everything = InMemoryCache::new();
    assert!(
        everything
            .intents()
            .contains(Intents::GUILD_PRESENCES | Intents::GUILD_MESSAGE_REACTIONS)
    );
}

#[test]
fn messages_are_bounded_per_channel_and_track_reactions() {
    let cache = InMemoryCache::with_config(Config::new().message_capacity(2));
    apply(
        &cache,
        "GUILD_CREATE",
        guild(
            G,
            vec![member(1, &[])],
            vec![channel(10, G, json!([]))],
            vec![],
        ),
    );
    for id in 100..105 {
        apply(&cache, "MESSAGE_CREATE", message(id, 10, 1, None));
    }
    assert_eq!(
        cache.channel_messages(ChannelId::new(10)),
        [104, 103].map(MessageId::new)
    );
    let react = json!({"user_id": "1", "channel_id": "10", "message_id": "104", "guild_id": G.to_string(),
                       "emoji": {"id": null, "name": "🔥"}});
    apply(&cache, "MESSAGE_REACTION_ADD", react.clone());
    apply(&cache, "MESSAGE_REACTION_ADD", react.clone());
    assert_eq!(
        cache.message(MessageId::new(104)).unwrap().reactions[0].count,
        2
    );
    apply(&cache, "MESSAGE_REACTION_REMOVE", react);
    assert_eq!(
        cache.message(MessageId::new(104)).unwrap().reactions[0].count,
        1
    );
    apply(
        &cache,
        "MESSAGE_DELETE",
        json!({"id": "104", "channel_id": "10", "guild_id": G.to_string()}),
    );
    assert_eq!(
        cache.channel_messages(ChannelId::new(10)),
        [MessageId::new(103)]
    );
}

#[test]
fn every_model_event_fixture_applies_without_panicking() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../kokoro-model/tests/fixtures/events");
    let cache = InMemoryCache::new();
    let mut applied = 0;
    for entry in std::fs::read_dir(&dir).expect("kokoro-model's event fixtures") {
        let path = entry.unwrap().path();
        let raw = std::fs::read(&path).unwrap();
        if let Ok(GatewayEvent::Dispatch { event, .. }) = decode_json(&raw) {
            cache.update(Origin::default(), &event);
            applied += 1;
        }
    }
    assert!(applied > 40, "only {applied} fixtures decoded");
}

#[test]
fn shards_write_while_readers_read_without_blocking_each_other() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<InMemoryCache>();
    assert_send_sync::<std::sync::Arc<kokoro_cache::record::CachedUser>>();
    assert_send_sync::<kokoro_cache::record::CachedMember>();

    let cache = std::sync::Arc::new(InMemoryCache::new());
    let guilds: Vec<u64> = (0..4).map(|i| G + i).collect();
    std::thread::scope(|s| {
        for (shard, chunk) in guilds.chunks(2).enumerate() {
            let cache = &cache;
            s.spawn(move || {
                for &g in chunk {
                    let members = (1..200).map(|u| member(u, &[])).collect();
                    let create = ev(
                        "GUILD_CREATE",
                        guild(g, members, vec![channel(g * 10, g, json!([]))], vec![]),
                    );
                    cache.update(Origin::new(0, shard as u32), &create);
                    for u in 1..200 {
                        let remove = ev(
                            "GUILD_MEMBER_REMOVE",
                            json!({"guild_id": g.to_string(), "user": user(u)}),
                        );
                        cache.update(Origin::new(0, shard as u32), &remove);
                    }
                }
            });
        }
        for _ in 0..2 {
            let cache = &cache;
            s.spawn(move || {
                for _ in 0..2000 {
                    for &g in &[G, G + 3] {
                        let _ = cache.member(gid(g), uid(7));
                        let _ = cache
                            .permissions()
                            .in_channel(uid(7), ChannelId::new(g * 10));
                        let _ = cache.with_member(gid(g), uid(7), |m| m.roles.len());
                        let _ = cache.user(uid(7));
                    }
                }
            });
        }
    });
    // Every membership was removed: no user may be left behind.
    assert_eq!(cache.stats().members, 0);
    assert_eq!(cache.stats().users, 0);
    assert_eq!(cache.stats().guilds, 4);
}
