//! Channel extras, threads, polls, auto-moderation and voice against kokoro-emulator:
//! each family's lifecycle decoded into kokoro-model types, the change visible
//! afterwards, audit-log reasons, Discord's error codes, and broken limits failing
//! before anything is sent.

#![allow(deprecated)] // the deprecated pin routes are exercised on purpose

mod support;

use kokoro_http::Error;
use kokoro_model::{
    Permissions, Timestamp,
    auto_moderation::{
        AutoModerationAction, AutoModerationActionType, AutoModerationEventType,
        AutoModerationTriggerMetadata, AutoModerationTriggerType,
    },
    channel::{ChannelType, PermissionOverwriteType, ThreadSortBy, ThreadSortOrder},
    id::{ChannelId, GuildId, MessageId, RoleId, UserId},
    message::MessageFlags,
    webhook::WebhookType,
};
use serde_json::{Value, json};

use support::{World, invalid, world};

/// The HTTP status and Discord code of an API error.
fn api(err: Error) -> (u16, u32) {
    match err {
        Error::Api(e) => (e.status, e.code.unwrap_or(0)),
        other => panic!("expected an API error, got {other}"),
    }
}

/// The audit log entries of a guild with this action type.
fn audit_entries(w: &World, action: u64) -> Vec<Value> {
    w.emu
        .audit_log(w.guild)
        .into_iter()
        .filter(|e| e["action_type"].as_u64() == Some(action))
        .collect()
}

/// Whether the emulator dispatched this event.
fn dispatched(w: &World, name: &str) -> bool {
    w.emu
        .event_log()
        .iter()
        .any(|e| e.kind == "dispatch" && e.detail.contains(name))
}

fn channel_of(w: &World, name: &str, kind: u8) -> ChannelId {
    w.emu
        .create_channel_json(w.guild, json!({"name": name, "type": kind}))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn channel_extras() {
    let w = world().await;
    let client = &w.client;
    let news = channel_of(&w, "news", 5);

    // Follow an announcement channel into the general channel.
    let followed = client
        .follow_channel(news, w.channel)
        .reason("news feed")
        .await
        .unwrap();
    assert_eq!(followed.channel_id, news);
    let hooks = client.channel_webhooks(w.channel).await.unwrap();
    let hook = hooks
        .iter()
        .find(|h| h.id == followed.webhook_id)
        .expect("the follower webhook is listed");
    assert_eq!(hook.kind, WebhookType::ChannelFollower);
    assert_eq!(hook.channel_id, Some(w.channel));
    assert!(
        audit_entries(&w, 50)
            .iter()
            .any(|e| e["reason"] == "news feed")
    );
    assert!(dispatched(&w, "WEBHOOKS_UPDATE"));
    let err = client.follow_channel(w.channel, news).await.unwrap_err();
    assert_eq!(
        api(err),
        (400, 50024),
        "only announcement channels are followed"
    );

    // Crosspost: the message is marked and copied to the follower.
    let post = client
        .create_message(news)
        .content("release 1.0")
        .await
        .unwrap();
    let crossposted = client.crosspost_message(news, post.id).await.unwrap();
    assert_eq!(crossposted.id, post.id);
    assert!(
        crossposted
            .flags
            .is_some_and(|f| f.contains(MessageFlags::CROSSPOSTED))
    );
    let copies = w.emu.messages_in(w.channel);
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0]["content"], "release 1.0");
    assert_eq!(copies[0]["flags"], MessageFlags::IS_CROSSPOST.bits());
    assert_eq!(
        copies[0]["webhook_id"],
        followed.webhook_id.get().to_string()
    );
    let again = client.crosspost_message(news, post.id).await.unwrap_err();
    assert_eq!(api(again), (400, 40033));
    let unknown = client
        .crosspost_message(news, MessageId::new(42))
        .await
        .unwrap_err();
    assert_eq!(api(unknown), (404, 10008));

    // Invites of a channel.
    let invite = client.create_invite(w.channel).max_uses(3).await.unwrap();
    let invites = client.channel_invites(w.channel).await.unwrap();
    assert_eq!(invites.len(), 1);
    assert_eq!(invites[0].code, invite.code);
    assert!(client.channel_invites(news).await.unwrap().is_empty());

    // Permission overwrites: set, see, change, remove.
    client
        .set_permission_overwrite(w.channel, w.bob, PermissionOverwriteType::Member)
        .allow(Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES)
        .deny(Permissions::ATTACH_FILES)
        .reason("bob may talk")
        .await
        .unwrap();
    let ch = client.channel(w.channel).await.unwrap();
    let o = ch
        .permission_overwrites
        .iter()
        .find(|o| o.id.get() == w.bob.get())
        .expect("bob's overwrite");
    assert_eq!(o.kind, PermissionOverwriteType::Member);
    assert_eq!(
        o.allow,
        Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES
    );
    assert_eq!(o.deny, Permissions::ATTACH_FILES);
    let role = RoleId::new(w.guild.get()); // @everyone
    client
        .set_permission_overwrite(w.channel, role, PermissionOverwriteType::Role)
        .deny(Permissions::MENTION_EVERYONE)
        .await
        .unwrap();
    client
        .set_permission_overwrite(w.channel, w.bob, PermissionOverwriteType::Member)
        .allow(Permissions::VIEW_CHANNEL)
        .await
        .unwrap();
    let ch = client.channel(w.channel).await.unwrap();
    assert_eq!(ch.permission_overwrites.len(), 2);
    let o = ch
        .permission_overwrites
        .iter()
        .find(|o| o.id.get() == w.bob.get())
        .unwrap();
    assert_eq!(
        (o.allow, o.deny),
        (Permissions::VIEW_CHANNEL, Permissions::empty())
    );
    assert_eq!(audit_entries(&w, 13)[0]["reason"], "bob may talk");
    assert_eq!(audit_entries(&w, 14).len(), 1, "the second PUT updates");
    client
        .delete_permission_overwrite(w.channel, w.bob)
        .reason("bob is gone")
        .await
        .unwrap();
    let ch = client.channel(w.channel).await.unwrap();
    assert!(
        ch.permission_overwrites
            .iter()
            .all(|o| o.id.get() != w.bob.get())
    );
    assert_eq!(audit_entries(&w, 15)[0]["reason"], "bob is gone");
    let err = client
        .delete_permission_overwrite(w.channel, w.bob)
        .await
        .unwrap_err();
    assert_eq!(api(err), (404, 10009));
    let err = client
        .set_permission_overwrite(w.channel, RoleId::new(77), PermissionOverwriteType::Role)
        .await
        .unwrap_err();
    assert_eq!(api(err), (404, 10011));

    // The deprecated pin routes behave like the new ones.
    let pinned = client
        .create_message(w.channel)
        .content("pin me")
        .await
        .unwrap();
    client
        .deprecated_pin_message(w.channel, pinned.id)
        .reason("important")
        .await
        .unwrap();
    let pins = client.deprecated_pins(w.channel).await.unwrap();
    assert_eq!(pins.len(), 1);
    assert_eq!(pins[0].id, pinned.id);
    assert!(pins[0].pinned);
    assert_eq!(client.pins(w.channel).await.unwrap().items.len(), 1);
    assert_eq!(audit_entries(&w, 74)[0]["reason"], "important");
    client
        .deprecated_unpin_message(w.channel, pinned.id)
        .await
        .unwrap();
    assert!(client.deprecated_pins(w.channel).await.unwrap().is_empty());
    let err = client
        .deprecated_pin_message(w.channel, MessageId::new(9))
        .await
        .unwrap_err();
    assert_eq!(api(err), (404, 10008));

    // Group DM recipients.
    let group = w.emu.create_group_dm(w.bot.user_id, &[w.alice], "trio");
    let app = w.bot.application_id;
    let identify_only = w.emu.create_bearer_token(app, w.bob, &["identify"]);
    let err = client
        .add_group_dm_recipient(group, w.bob, identify_only)
        .await
        .unwrap_err();
    assert_eq!(api(err), (403, 50026), "the token needs gdm.join");
    let alices = w.emu.create_bearer_token(app, w.alice, &["gdm.join"]);
    let err = client
        .add_group_dm_recipient(group, w.bob, alices)
        .await
        .unwrap_err();
    assert_eq!(api(err), (401, 50025), "the token must be bob's");
    let token = w.emu.create_bearer_token(app, w.bob, &["gdm.join"]);
    let added = client
        .add_group_dm_recipient(group, w.bob, &token)
        .nick("bobby")
        .await
        .unwrap()
        .expect("a new recipient gives the channel");
    assert_eq!(added.id, group);
    assert_eq!(added.kind, ChannelType::GroupDm);
    assert_eq!(added.owner_id, Some(w.bot.user_id));
    let mut ids: Vec<UserId> = added.recipients.iter().map(|u| u.id).collect();
    ids.sort();
    let mut expected = vec![w.alice, w.bob];
    expected.sort();
    assert_eq!(ids, expected);
    assert!(
        client
            .add_group_dm_recipient(group, w.bob, &token)
            .await
            .unwrap()
            .is_none(),
        "an existing recipient gives 204"
    );
    assert_eq!(
        w.emu.recipients_of(group),
        vec![w.bot.user_id, w.alice, w.bob]
    );
    client
        .remove_group_dm_recipient(group, w.bob)
        .await
        .unwrap();
    assert_eq!(w.emu.recipients_of(group), vec![w.bot.user_id, w.alice]);
    assert!(dispatched(&w, "CHANNEL_RECIPIENT_REMOVE"));
    let not_mine = w
        .emu
        .create_group_dm(w.alice, &[w.bot.user_id, w.bob], "alice's");
    let err = client
        .remove_group_dm_recipient(not_mine, w.bob)
        .await
        .unwrap_err();
    assert_eq!(api(err), (403, 50013), "only the owner removes others");
    let err = client
        .add_group_dm_recipient(w.channel, w.bob, &token)
        .await
        .unwrap_err();
    assert_eq!(api(err), (400, 50024));

    // Voice channel status.
    let voice = channel_of(&w, "lounge", 2);
    client
        .set_voice_channel_status(voice, Some("lofi beats"))
        .await
        .unwrap();
    assert_eq!(
        w.emu.voice_channel_status(voice).as_deref(),
        Some("lofi beats")
    );
    assert!(dispatched(&w, "VOICE_CHANNEL_STATUS_UPDATE"));
    client.set_voice_channel_status(voice, None).await.unwrap();
    assert_eq!(w.emu.voice_channel_status(voice), None);
    let err = client
        .set_voice_channel_status(w.channel, Some("x"))
        .await
        .unwrap_err();
    assert_eq!(api(err), (400, 50024));

    // Broken limits: nothing is sent, and the error names the field.
    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(
            client
                .set_voice_channel_status(voice, Some(&"x".repeat(501)))
                .await
                .unwrap_err()
        ),
        "status is 501 characters long, more than the limit of 500"
    );
    assert_eq!(
        invalid(
            client
                .add_group_dm_recipient(group, w.bob, "")
                .await
                .unwrap_err()
        ),
        "access_token is required"
    );
    assert_eq!(w.emu.counters().rest_requests, requests);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn threads() {
    let w = world().await;
    let client = &w.client;

    // Thread members: add, get (with the guild member), remove.
    let alpha = client
        .create_thread(w.channel, "alpha release")
        .await
        .unwrap();
    client.add_thread_member(alpha.id, w.bob).await.unwrap();
    let member = client
        .thread_member(alpha.id, w.bob)
        .with_member()
        .await
        .unwrap();
    assert_eq!(member.id, Some(alpha.id));
    assert_eq!(member.user_id, Some(w.bob));
    assert_eq!(
        member
            .member
            .as_ref()
            .and_then(|m| m.user.as_ref())
            .map(|u| u.id),
        Some(w.bob)
    );
    let plain = client.thread_member(alpha.id, w.bob).await.unwrap();
    assert!(plain.member.is_none());
    assert!(dispatched(&w, "THREAD_MEMBERS_UPDATE"));
    client.remove_thread_member(alpha.id, w.bob).await.unwrap();
    let err = client.thread_member(alpha.id, w.bob).await.unwrap_err();
    assert_eq!(api(err), (404, 10007));
    assert!(
        client
            .thread_members(alpha.id)
            .await
            .unwrap()
            .iter()
            .all(|m| m.user_id != Some(w.bob))
    );
    let err = client
        .add_thread_member(alpha.id, UserId::new(12345))
        .await
        .unwrap_err();
    assert_eq!(api(err), (404, 10007));

    // Archived lists: three public threads and a private one archived in turn.
    let beta = client.create_thread(w.channel, "beta").await.unwrap();
    let gamma = client.create_thread(w.channel, "gamma").await.unwrap();
    let secret = client
        .create_thread(w.channel, "secret plans")
        .kind(ChannelType::PrivateThread)
        .await
        .unwrap();
    for t in [alpha.id, beta.id, gamma.id, secret.id] {
        client.update_channel(t).archived(true).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let page = client
        .public_archived_threads(w.channel)
        .limit(2)
        .await
        .unwrap();
    let names: Vec<_> = page
        .threads
        .iter()
        .map(|t| t.name.clone().unwrap())
        .collect();
    assert_eq!(names, ["gamma", "beta"], "most recently archived first");
    assert!(page.has_more);
    assert_eq!(page.members.len(), 2, "the bot is in both");
    let before = page.threads[1]
        .thread_metadata
        .as_ref()
        .unwrap()
        .archive_timestamp
        .unwrap();
    let rest = client
        .public_archived_threads(w.channel)
        .before(before)
        .await
        .unwrap();
    assert_eq!(rest.threads.len(), 1);
    assert_eq!(rest.threads[0].id, alpha.id);
    assert!(!rest.has_more);
    let private = client.private_archived_threads(w.channel).await.unwrap();
    assert_eq!(private.threads.len(), 1);
    assert_eq!(private.threads[0].id, secret.id);
    assert_eq!(private.threads[0].kind, ChannelType::PrivateThread);
    let joined = client
        .joined_private_archived_threads(w.channel)
        .limit(10)
        .await
        .unwrap();
    assert_eq!(joined.threads.len(), 1);
    assert_eq!(joined.threads[0].id, secret.id);
    let none = client
        .joined_private_archived_threads(w.channel)
        .before(secret.id)
        .await
        .unwrap();
    assert!(none.threads.is_empty());

    // Search by name, state, order and page.
    let found = client
        .search_threads(w.channel)
        .name("ALPHA")
        .await
        .unwrap();
    assert_eq!(found.total_results, Some(1));
    assert_eq!(found.threads[0].id, alpha.id);
    let delta = client.create_thread(w.channel, "delta").await.unwrap();
    let active = client
        .search_threads(w.channel)
        .archived(false)
        .await
        .unwrap();
    assert_eq!(active.threads.len(), 1);
    assert_eq!(active.threads[0].id, delta.id);
    let oldest = client
        .search_threads(w.channel)
        .sort_by(ThreadSortBy::CreationTime)
        .sort_order(ThreadSortOrder::Asc)
        .limit(2)
        .offset(1)
        .await
        .unwrap();
    let ids: Vec<_> = oldest.threads.iter().map(|t| t.id).collect();
    assert_eq!(ids, [beta.id, gamma.id]);
    assert_eq!(oldest.total_results, Some(5));
    assert!(oldest.has_more);
    let in_dm = client.search_threads(alpha.id).await.unwrap_err();
    assert_eq!(api(in_dm), (400, 50024), "threads have no threads");

    // Broken limits.
    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(
            client
                .public_archived_threads(w.channel)
                .limit(1)
                .await
                .unwrap_err()
        ),
        "limit is 1, outside 2..=100"
    );
    assert_eq!(
        invalid(
            client
                .search_threads(w.channel)
                .limit(26)
                .await
                .unwrap_err()
        ),
        "limit is 26, outside 1..=25"
    );
    assert_eq!(
        invalid(
            client
                .search_threads(w.channel)
                .name(&"n".repeat(101))
                .await
                .unwrap_err()
        ),
        "name is 101 characters long, more than the limit of 100"
    );
    assert_eq!(w.emu.counters().rest_requests, requests);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polls() {
    let w = world().await;
    let client = &w.client;
    let poll = json!({"poll": {
        "question": {"text": "tabs or spaces?"},
        "answers": [{"poll_media": {"text": "tabs"}}, {"poll_media": {"text": "spaces"}}],
        "duration": 1,
    }});
    let m = w
        .emu
        .post_message_json(w.bot.user_id, w.channel, poll.clone())
        .unwrap();
    let sent = client.message(w.channel, m).await.unwrap();
    let p = sent.poll.as_ref().expect("the message has its poll");
    assert_eq!(p.answers.len(), 2);
    assert_eq!(p.answers[1].answer_id, Some(2));
    assert!(
        p.expiry
            .is_some_and(|e| e.as_secs() > Timestamp::now().as_secs())
    );

    // Votes, then their voters page by page.
    w.emu.vote_poll(w.alice, w.channel, m, 1).unwrap();
    w.emu.vote_poll(w.bob, w.channel, m, 1).unwrap();
    w.emu.vote_poll(w.bot.user_id, w.channel, m, 2).unwrap();
    let voters = client.answer_voters(w.channel, m, 1).await.unwrap();
    let mut ids: Vec<UserId> = voters.users.iter().map(|u| u.id).collect();
    let mut expected = vec![w.alice, w.bob];
    expected.sort();
    assert_eq!(ids, expected, "by id");
    let first = client
        .answer_voters(w.channel, m, 1)
        .limit(1)
        .await
        .unwrap();
    assert_eq!(first.users.len(), 1);
    assert_eq!(first.users[0].id, expected[0]);
    let next = client
        .answer_voters(w.channel, m, 1)
        .after(first.users[0].id)
        .await
        .unwrap();
    ids = next.users.iter().map(|u| u.id).collect();
    assert_eq!(ids, [expected[1]]);
    let err = client.answer_voters(w.channel, m, 9).await.unwrap_err();
    assert_eq!(api(err).1, 50035);

    // Expire: the results are final.
    let ended = client.expire_poll(w.channel, m).await.unwrap();
    let results = ended
        .poll
        .as_ref()
        .and_then(|p| p.results.as_ref())
        .unwrap();
    assert!(results.is_finalized);
    let mut counts: Vec<(u32, u32)> = results
        .answer_counts
        .iter()
        .map(|c| (c.id, c.count))
        .collect();
    counts.sort();
    assert_eq!(counts, [(1, 2), (2, 1)]);
    assert!(dispatched(&w, "MESSAGE_UPDATE"));
    let again = client.message(w.channel, m).await.unwrap();
    assert!(again.poll.unwrap().results.unwrap().is_finalized);
    let err = client.expire_poll(w.channel, m).await.unwrap_err();
    assert_eq!(api(err), (400, 520001));
    let plain = client
        .create_message(w.channel)
        .content("no poll")
        .await
        .unwrap();
    let err = client.expire_poll(w.channel, plain.id).await.unwrap_err();
    assert_eq!(api(err), (400, 520006));
    let hers = w.emu.post_message_json(w.alice, w.channel, poll).unwrap();
    let err = client.expire_poll(w.channel, hers).await.unwrap_err();
    assert_eq!(api(err), (403, 50005));
    let err = client
        .expire_poll(w.channel, MessageId::new(3))
        .await
        .unwrap_err();
    assert_eq!(api(err), (404, 10008));

    // Broken limits.
    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(
            client
                .answer_voters(w.channel, m, 1)
                .limit(101)
                .await
                .unwrap_err()
        ),
        "limit is 101, outside 1..=100"
    );
    assert_eq!(w.emu.counters().rest_requests, requests);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_moderation() {
    let w = world().await;
    let client = &w.client;
    let alerts = channel_of(&w, "mod-log", 0);
    let exempt = w
        .emu
        .create_role(w.guild, "trusted", Permissions::empty())
        .unwrap();
    let metadata = AutoModerationTriggerMetadata {
        keyword_filter: vec!["*spoiler*".into(), "ending".into()],
        allow_list: vec!["ending credits".into()],
        ..Default::default()
    };
    let created = client
        .create_auto_moderation_rule(
            w.guild,
            "no spoilers",
            AutoModerationEventType::MessageSend,
            AutoModerationTriggerType::Keyword,
        )
        .trigger_metadata(metadata.clone())
        .action(AutoModerationAction::block_message("no spoilers here"))
        .action(AutoModerationAction::send_alert_message(alerts))
        .action(AutoModerationAction::timeout(60))
        .exempt_roles(&[exempt])
        .exempt_channels(&[alerts])
        .enabled(true)
        .reason("season finale")
        .await
        .unwrap();
    assert_eq!(created.guild_id, w.guild);
    assert_eq!(created.name, "no spoilers");
    assert_eq!(created.creator_id, w.bot.user_id);
    assert_eq!(created.event_type, AutoModerationEventType::MessageSend);
    assert_eq!(created.trigger_type, AutoModerationTriggerType::Keyword);
    assert_eq!(created.trigger_metadata, metadata);
    assert_eq!(created.actions.len(), 3);
    assert_eq!(
        created.actions[0].kind,
        AutoModerationActionType::BlockMessage
    );
    assert_eq!(
        created.actions[0]
            .metadata
            .as_ref()
            .and_then(|m| m.custom_message.as_deref()),
        Some("no spoilers here")
    );
    assert_eq!(
        created.actions[1]
            .metadata
            .as_ref()
            .and_then(|m| m.channel_id),
        Some(alerts)
    );
    assert_eq!(
        created.actions[2]
            .metadata
            .as_ref()
            .and_then(|m| m.duration_seconds),
        Some(60)
    );
    assert!(created.enabled);
    assert_eq!(created.exempt_roles, [exempt]);
    assert_eq!(created.exempt_channels, [alerts]);
    assert!(dispatched(&w, "AUTO_MODERATION_RULE_CREATE"));
    assert_eq!(audit_entries(&w, 140)[0]["reason"], "season finale");

    let got = client
        .auto_moderation_rule(w.guild, created.id)
        .await
        .unwrap();
    assert_eq!(got, created);
    let spam = client
        .create_auto_moderation_rule(
            w.guild,
            "mentions",
            AutoModerationEventType::MessageSend,
            AutoModerationTriggerType::MentionSpam,
        )
        .trigger_metadata(AutoModerationTriggerMetadata {
            mention_total_limit: Some(10),
            mention_raid_protection_enabled: Some(true),
            ..Default::default()
        })
        .action(AutoModerationAction::new(
            AutoModerationActionType::BlockMessage,
        ))
        .await
        .unwrap();
    assert_eq!(spam.trigger_metadata.mention_total_limit, Some(10));
    assert!(!spam.enabled, "Discord's default");
    let all = client.auto_moderation_rules(w.guild).await.unwrap();
    assert_eq!(all.len(), 2);
    let err = client
        .create_auto_moderation_rule(
            w.guild,
            "mentions again",
            AutoModerationEventType::MessageSend,
            AutoModerationTriggerType::MentionSpam,
        )
        .action(AutoModerationAction::new(
            AutoModerationActionType::BlockMessage,
        ))
        .await
        .unwrap_err();
    assert_eq!(api(err), (400, 50035), "one mention-spam rule per guild");

    // Update: the change is kept, the trigger type stays.
    let updated = client
        .update_auto_moderation_rule(w.guild, created.id)
        .name("no leaks")
        .enabled(false)
        .actions(vec![AutoModerationAction::block_message("shh")])
        .exempt_roles(&[])
        .reason("after the finale")
        .await
        .unwrap();
    assert_eq!(updated.name, "no leaks");
    assert!(!updated.enabled);
    assert_eq!(updated.actions.len(), 1);
    assert!(updated.exempt_roles.is_empty());
    assert_eq!(updated.exempt_channels, [alerts]);
    assert_eq!(updated.trigger_metadata, metadata);
    assert_eq!(updated.trigger_type, AutoModerationTriggerType::Keyword);
    assert_eq!(
        client
            .auto_moderation_rule(w.guild, created.id)
            .await
            .unwrap(),
        updated
    );
    assert!(dispatched(&w, "AUTO_MODERATION_RULE_UPDATE"));
    assert_eq!(audit_entries(&w, 141)[0]["reason"], "after the finale");

    // Delete.
    client
        .delete_auto_moderation_rule(w.guild, created.id)
        .reason("finale aired")
        .await
        .unwrap();
    assert_eq!(w.emu.auto_moderation_rules_of(w.guild).len(), 1);
    let err = client
        .auto_moderation_rule(w.guild, created.id)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert!(dispatched(&w, "AUTO_MODERATION_RULE_DELETE"));
    assert_eq!(audit_entries(&w, 142)[0]["reason"], "finale aired");

    // Without MANAGE_GUILD.
    let other = w.emu.create_guild(w.alice, "elsewhere");
    w.emu.add_member(other, w.bot.user_id).unwrap();
    let err = client.auto_moderation_rules(other).await.unwrap_err();
    assert_eq!(api(err), (403, 50013));
    let err = client
        .auto_moderation_rules(GuildId::new(99))
        .await
        .unwrap_err();
    assert_eq!(api(err), (404, 10004));

    // Broken limits.
    let requests = w.emu.counters().rest_requests;
    let rule = |name: &str| {
        client.create_auto_moderation_rule(
            w.guild,
            name.to_owned(),
            AutoModerationEventType::MessageSend,
            AutoModerationTriggerType::Keyword,
        )
    };
    let roles: Vec<RoleId> = (1..=21).map(RoleId::new).collect();
    assert_eq!(
        invalid(
            rule("r")
                .action(AutoModerationAction::block_message("x"))
                .exempt_roles(&roles)
                .await
                .unwrap_err()
        ),
        "exempt_roles has 21 items, more than the limit of 20"
    );
    let channels: Vec<ChannelId> = (1..=51).map(ChannelId::new).collect();
    assert_eq!(
        invalid(
            client
                .update_auto_moderation_rule(w.guild, spam.id)
                .exempt_channels(&channels)
                .await
                .unwrap_err()
        ),
        "exempt_channels has 51 items, more than the limit of 50"
    );
    assert_eq!(
        invalid(
            rule("r")
                .trigger_metadata(AutoModerationTriggerMetadata {
                    keyword_filter: vec!["k".repeat(61)],
                    ..Default::default()
                })
                .action(AutoModerationAction::block_message("x"))
                .await
                .unwrap_err()
        ),
        "trigger_metadata.keyword_filter is 61 characters long, more than the limit of 60"
    );
    assert_eq!(invalid(rule("r").await.unwrap_err()), "actions is required");
    assert_eq!(
        invalid(
            rule("r")
                .action(AutoModerationAction::block_message("m".repeat(151)))
                .await
                .unwrap_err()
        ),
        "actions[0].metadata.custom_message is 151 characters long, more than the limit of 150"
    );
    assert_eq!(
        invalid(
            rule("r")
                .action(AutoModerationAction::timeout(2_419_201))
                .await
                .unwrap_err()
        ),
        "actions[0].metadata.duration_seconds is 2419201, outside 0..=2419200"
    );
    assert_eq!(
        invalid(
            rule("")
                .action(AutoModerationAction::block_message("x"))
                .await
                .unwrap_err()
        ),
        "name is 0 characters long, less than the minimum of 1"
    );
    assert_eq!(
        invalid(
            client
                .update_auto_moderation_rule(w.guild, spam.id)
                .trigger_metadata(AutoModerationTriggerMetadata {
                    mention_total_limit: Some(51),
                    ..Default::default()
                })
                .await
                .unwrap_err()
        ),
        "trigger_metadata.mention_total_limit is 51, outside 0..=50"
    );
    assert_eq!(w.emu.counters().rest_requests, requests);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn voice() {
    let w = world().await;
    let client = &w.client;

    let regions = client.voice_regions().await.unwrap();
    assert!(regions.len() >= 10);
    assert!(regions.iter().any(|r| r.id == "us-east" && r.optimal));
    assert_eq!(regions.iter().filter(|r| r.optimal).count(), 1);
    let guild_regions = client.guild_voice_regions(w.guild).await.unwrap();
    assert_eq!(guild_regions, regions);
    let err = client
        .guild_voice_regions(GuildId::new(5))
        .await
        .unwrap_err();
    assert_eq!(api(err), (404, 10004));

    // The bot and alice join a stage as audience.
    let stage = channel_of(&w, "town hall", 13);
    w.emu.join_voice(w.guild, w.bot.user_id, stage).unwrap();
    w.emu.join_voice(w.guild, w.alice, stage).unwrap();
    let mine = client.current_user_voice_state(w.guild).await.unwrap();
    assert_eq!(mine.user_id, w.bot.user_id);
    assert_eq!(mine.channel_id, Some(stage));
    assert_eq!(mine.guild_id, Some(w.guild));
    assert!(mine.suppress);
    assert!(mine.request_to_speak_timestamp.is_none());

    // Ask to speak, then speak.
    let asked = Timestamp::from_secs(Timestamp::now().as_secs() + 30);
    client
        .update_current_user_voice_state(w.guild, stage)
        .request_to_speak_timestamp(Some(asked))
        .await
        .unwrap();
    let mine = client.current_user_voice_state(w.guild).await.unwrap();
    assert_eq!(mine.request_to_speak_timestamp, Some(asked));
    client
        .update_current_user_voice_state(w.guild, stage)
        .suppress(false)
        .await
        .unwrap();
    let mine = client.current_user_voice_state(w.guild).await.unwrap();
    assert!(!mine.suppress);
    assert!(dispatched(&w, "VOICE_STATE_UPDATE"));

    // Invite alice to speak.
    let hers = client.voice_state(w.guild, w.alice).await.unwrap();
    assert_eq!(hers.user_id, w.alice);
    assert!(hers.suppress);
    assert_eq!(
        hers.member
            .as_ref()
            .and_then(|m| m.user.as_ref())
            .map(|u| u.id),
        Some(w.alice)
    );
    client
        .update_voice_state(w.guild, w.alice, stage)
        .suppress(false)
        .await
        .unwrap();
    let hers = client.voice_state(w.guild, w.alice).await.unwrap();
    assert!(!hers.suppress);
    assert_eq!(
        w.emu.voice_state_of(w.guild, w.alice).unwrap()["suppress"],
        false
    );

    // Errors: no voice state, not a stage, not in that channel.
    let err = client.voice_state(w.guild, w.bob).await.unwrap_err();
    assert_eq!(api(err), (404, 10065));
    let err = client
        .update_voice_state(w.guild, w.alice, w.channel)
        .suppress(true)
        .await
        .unwrap_err();
    assert_eq!(api(err), (400, 50024));
    let other_stage = channel_of(&w, "other stage", 13);
    let err = client
        .update_voice_state(w.guild, w.bob, other_stage)
        .suppress(false)
        .await
        .unwrap_err();
    assert_eq!(api(err), (400, 40032));

    // Broken limits.
    let requests = w.emu.counters().rest_requests;
    let past = Timestamp::from_secs(Timestamp::now().as_secs() - 3600);
    assert_eq!(
        invalid(
            client
                .update_current_user_voice_state(w.guild, stage)
                .request_to_speak_timestamp(Some(past))
                .await
                .unwrap_err()
        ),
        "request_to_speak_timestamp is invalid: must not be in the past"
    );
    assert_eq!(w.emu.counters().rest_requests, requests);
}
