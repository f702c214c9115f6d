//! Lobbies, the partner SDK, invite target users, webhooks by token and the current
//! user, against kokoro-emulator: each family's lifecycle decodes into kokoro-model
//! types, errors carry Discord's codes, and broken limits fail before anything is sent.

use std::{collections::HashMap, time::Duration};

use kokoro_http::{Attachment, Client, Error, ImageData, Multipart, Request, routes::Route};
use kokoro_model::{
    channel::ChannelType,
    id::{LobbyId, MessageId, UserId, WebhookId},
    invite::TargetUsersJobState,
    lobby::{ExternalAuthType, LobbyMember, LobbyMemberFlags, LobbyMemberUpdate},
    user::ConnectionService,
};
use serde_json::json;

mod support;

use support::{World, invalid, world};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n0000";

fn map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A client of the same emulator with another credential (or none).
fn client_with(w: &World, bearer: Option<&str>) -> Client {
    let builder = Client::builder()
        .base_url(w.emu.rest_url())
        .retry_backoff(Duration::from_millis(10))
        .timeout(Duration::from_secs(10));
    match bearer {
        Some(token) => builder.bearer_token(token),
        None => builder,
    }
    .build()
}

fn api_code(err: Error) -> Option<u32> {
    match &err {
        Error::Api(_) => err.code(),
        other => panic!("expected an API error, got {other}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lobbies() {
    let w = world().await;
    let client = &w.client;
    let mut alice = LobbyMember::new(w.alice);
    alice.metadata = Some(map(&[("team", "red")]));
    alice.flags = Some(LobbyMemberFlags::CAN_LINK_LOBBY);
    let lobby = client
        .create_lobby()
        .metadata(map(&[("map", "dust")]))
        .members(vec![alice])
        .idle_timeout_seconds(600)
        .await
        .unwrap();
    assert_eq!(lobby.application_id, w.bot.application_id);
    assert_eq!(lobby.metadata, Some(map(&[("map", "dust")])));
    assert_eq!(lobby.members.len(), 1);
    assert_eq!(lobby.members[0].id, w.alice);
    assert_eq!(lobby.members[0].metadata, Some(map(&[("team", "red")])));
    assert_eq!(
        lobby.members[0].flags,
        Some(LobbyMemberFlags::CAN_LINK_LOBBY)
    );
    assert!(lobby.linked_channel.is_none());

    let got = client.lobby(lobby.id).await.unwrap();
    assert_eq!(got, lobby);

    let edited = client
        .update_lobby(lobby.id)
        .metadata(map(&[("map", "nuke")]))
        .await
        .unwrap();
    assert_eq!(edited.metadata, Some(map(&[("map", "nuke")])));
    assert_eq!(edited.members, lobby.members);

    let bob = client
        .add_lobby_member(lobby.id, w.bob)
        .additional_name("Knight")
        .metadata(map(&[("team", "blue")]))
        .await
        .unwrap();
    assert_eq!(bob.id, w.bob);
    assert_eq!(bob.additional_name.as_deref(), Some("Knight"));
    assert_eq!(bob.metadata, Some(map(&[("team", "blue")])));
    let mut members = w.emu.lobby_members(lobby.id).unwrap();
    members.sort();
    let mut expected = vec![w.alice, w.bob];
    expected.sort();
    assert_eq!(members, expected);

    let carol = w.emu.create_user("carol");
    let changed = client
        .update_lobby_members(
            lobby.id,
            vec![
                LobbyMemberUpdate::add(carol),
                LobbyMemberUpdate::remove(w.bob),
            ],
        )
        .await
        .unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].id, carol);
    let members = w.emu.lobby_members(lobby.id).unwrap();
    assert!(
        members.contains(&carol) && !members.contains(&w.bob),
        "{members:?}"
    );
    client.delete_lobby_member(lobby.id, carol).await.unwrap();
    assert_eq!(w.emu.lobby_members(lobby.id).unwrap(), vec![w.alice]);
    // Safe to repeat; an unknown lobby fails.
    client.delete_lobby_member(lobby.id, carol).await.unwrap();
    let err = client
        .delete_lobby_member(LobbyId::new(42), carol)
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(10031));

    // Channel linking, and invites to the linked channel's guild.
    let err = client
        .create_lobby_member_guild_invite(lobby.id, w.alice)
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(50346));
    let linked = client
        .link_lobby_channel(lobby.id, Some(w.channel))
        .await
        .unwrap();
    assert_eq!(
        linked.linked_channel.as_ref().map(|c| c.id),
        Some(w.channel)
    );
    assert_eq!(w.emu.lobby_linked_channel(lobby.id), Some(w.channel));
    let invite = client
        .create_lobby_member_guild_invite(lobby.id, w.alice)
        .await
        .unwrap();
    let resolved = client.invite(&invite.code).await.unwrap();
    assert_eq!(resolved.guild.map(|g| g.id), Some(w.guild));

    // Messages and their moderation metadata.
    let sent = client
        .create_lobby_message(lobby.id, "gg")
        .metadata(map(&[("round", "3")]))
        .await
        .unwrap();
    assert_eq!(sent.content, "gg");
    assert_eq!(sent.lobby_id, lobby.id);
    assert_eq!(sent.author.id, w.bot.user_id);
    assert_eq!(sent.metadata, Some(map(&[("round", "3")])));
    client
        .create_lobby_message(lobby.id, "again")
        .await
        .unwrap();
    let listed = client.lobby_messages(lobby.id).limit(1).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].content, "again");
    let all = client.lobby_messages(lobby.id).await.unwrap();
    assert_eq!(all.len(), 2);
    client
        .update_lobby_message_moderation_metadata(lobby.id, sent.id, map(&[("verdict", "ok")]))
        .await
        .unwrap();
    assert_eq!(
        w.emu
            .lobby_message_moderation_metadata(lobby.id, sent.id)
            .map(|m| m.into_iter().collect::<HashMap<_, _>>()),
        Some(map(&[("verdict", "ok")]))
    );
    let err = client
        .update_lobby_message_moderation_metadata(lobby.id, MessageId::new(1), map(&[]))
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(10008));

    // With users' Bearer tokens: create-or-join by secret, an invite for oneself, leave.
    let alice_token = w.emu.create_bearer_token(
        w.bot.application_id,
        w.alice,
        &["openid", "sdk.social_layer"],
    );
    let bob_token =
        w.emu
            .create_bearer_token(w.bot.application_id, w.bob, &["openid", "sdk.social_layer"]);
    let as_alice = client_with(&w, Some(&alice_token));
    let as_bob = client_with(&w, Some(&bob_token));
    let joined = as_alice
        .create_or_join_lobby("party-1")
        .member_metadata(map(&[("ready", "no")]))
        .lobby_metadata(map(&[("mode", "duo")]))
        .await
        .unwrap();
    assert_eq!(joined.members.len(), 1);
    assert_eq!(joined.members[0].id, w.alice);
    assert_eq!(joined.metadata, Some(map(&[("mode", "duo")])));
    let same = as_bob.create_or_join_lobby("party-1").await.unwrap();
    assert_eq!(same.id, joined.id);
    assert_eq!(same.members.len(), 2);
    let mine = as_alice.create_lobby_guild_invite(lobby.id).await.unwrap();
    assert!(!mine.code.is_empty());
    let err = as_bob.lobby(lobby.id).await.unwrap_err();
    assert_eq!(api_code(err), Some(10031));
    as_alice.leave_lobby(lobby.id).await.unwrap();
    assert_eq!(w.emu.lobby_members(lobby.id).unwrap(), Vec::<UserId>::new());
    let err = as_alice.lobby(lobby.id).await.unwrap_err();
    assert_eq!(api_code(err), Some(10031));

    // Unlinking, deleting, and the errors after.
    let unlinked = client.link_lobby_channel(lobby.id, None).await.unwrap();
    assert!(unlinked.linked_channel.is_none());
    client.delete_lobby(lobby.id).await.unwrap();
    let err = client.lobby(lobby.id).await.unwrap_err();
    assert_eq!(api_code(err), Some(10031));
    assert!(w.emu.lobby_members(lobby.id).is_none());
    client.delete_lobby(lobby.id).await.unwrap();
    let err = client.lobby(LobbyId::new(42)).await.unwrap_err();
    assert_eq!(api_code(err), Some(10031));

    // Broken limits: nothing is sent.
    let err = client
        .create_lobby()
        .idle_timeout_seconds(1)
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "idle_timeout_seconds is 1, outside 5..=604800"
    );
    let many = (1..=26).map(|i| LobbyMember::new(UserId::new(i))).collect();
    let err = client.create_lobby().members(many).await.unwrap_err();
    assert_eq!(
        invalid(err),
        "members has 26 items, more than the limit of 25"
    );
    let err = client
        .add_lobby_member(joined.id, w.alice)
        .additional_name("x".repeat(81))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "additional_name is 81 characters long, more than the limit of 80"
    );
    let err = client
        .create_lobby_message(joined.id, "x".repeat(4001))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "content is 4001 characters long, more than the limit of 4000"
    );
    let err = client
        .lobby_messages(joined.id)
        .limit(201)
        .await
        .unwrap_err();
    assert_eq!(invalid(err), "limit is 201, outside 1..=200");
    let err = client
        .update_lobby_members(joined.id, vec![])
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "members has 0 items, fewer than the minimum of 1"
    );
    let big = map(&[("k", &"v".repeat(1000))]);
    let err = client
        .update_lobby(joined.id)
        .metadata(big)
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "metadata is 1001 characters long, more than the limit of 1000"
    );
    let err = client
        .update_lobby_message_moderation_metadata(
            joined.id,
            sent.id,
            map(&[
                ("a", "1"),
                ("b", "2"),
                ("c", "3"),
                ("d", "4"),
                ("e", "5"),
                ("f", "6"),
            ]),
        )
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "metadata has 6 items, more than the limit of 5"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partner_sdk() {
    let w = world().await;
    let app = w.bot.application_id;
    let secret = w.emu.create_client_secret(app);
    let anonymous = client_with(&w, None);

    // Client credentials in the body.
    let token = anonymous
        .partner_sdk_token(app, ExternalAuthType::Oidc, "player-1")
        .client_secret(secret.as_str())
        .await
        .unwrap();
    assert_eq!(token.token_type, "Bearer");
    assert!(token.expires_in > 0);
    assert!(!token.id_token.is_empty());
    let (player, merged) = w.emu.provisional_account(app, "player-1").unwrap();
    assert!(!merged);
    let me = client_with(&w, Some(&token.access_token))
        .current_user()
        .await
        .unwrap();
    assert_eq!(me.id, player);
    let err = anonymous
        .partner_sdk_token(app, ExternalAuthType::Oidc, "player-1")
        .client_secret("wrong")
        .await
        .unwrap_err();
    match err {
        Error::Api(e) => assert_eq!(e.status, 401),
        other => panic!("expected 401, got {other}"),
    }

    // The bot variant.
    let bot_token = w
        .client
        .bot_partner_sdk_token("player-2")
        .preferred_global_name("Ash")
        .await
        .unwrap();
    let ash = client_with(&w, Some(&bot_token.access_token))
        .current_user()
        .await
        .unwrap();
    assert_eq!(ash.global_name.as_deref(), Some("Ash"));
    let again = w
        .client
        .bot_partner_sdk_token("player-2")
        .provisional_user_id(ash.id)
        .await
        .unwrap();
    assert_ne!(again.access_token, bot_token.access_token);
    let err = w
        .client
        .bot_partner_sdk_token("player-2")
        .provisional_user_id(UserId::new(7))
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(10013));

    // Unmerging, with client credentials and with the bot token.
    assert!(w.emu.merge_provisional_account(app, "player-1"));
    anonymous
        .unmerge_provisional_account(app, ExternalAuthType::Oidc, "player-1")
        .client_secret(secret.as_str())
        .await
        .unwrap();
    assert_eq!(
        w.emu.provisional_account(app, "player-1"),
        Some((player, false))
    );
    let err = anonymous
        .unmerge_provisional_account(app, ExternalAuthType::Oidc, "player-1")
        .client_secret(secret.as_str())
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(530_002));
    assert!(w.emu.merge_provisional_account(app, "player-2"));
    w.client
        .bot_unmerge_provisional_account("player-2")
        .await
        .unwrap();
    assert_eq!(
        w.emu.provisional_account(app, "player-2").map(|p| p.1),
        Some(false)
    );
    let err = w
        .client
        .bot_unmerge_provisional_account("nobody")
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(10013));

    // Moderation metadata of a DM message.
    let dm = w.emu.create_dm(w.alice, w.bob);
    let message = w.emu.post_message_as(w.alice, dm, "hi bob").unwrap();
    w.client
        .update_dm_message_moderation_metadata(w.alice, w.bob, message, map(&[("flag", "none")]))
        .await
        .unwrap();
    assert_eq!(
        w.emu
            .dm_message_moderation_metadata(message)
            .map(|m| m.into_iter().collect::<HashMap<_, _>>()),
        Some(map(&[("flag", "none")]))
    );
    let err = w
        .client
        .update_dm_message_moderation_metadata(w.alice, w.bob, MessageId::new(5), map(&[]))
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(10008));

    // Broken limits.
    let err = w
        .client
        .bot_partner_sdk_token("player-3")
        .preferred_global_name("x".repeat(33))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "preferred_global_name is 33 characters long, more than the limit of 32"
    );
    let err = w
        .client
        .bot_unmerge_provisional_account("")
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "external_user_id is 0 characters long, less than the minimum of 1"
    );
    let err = w
        .client
        .update_dm_message_moderation_metadata(
            w.alice,
            w.bob,
            message,
            map(&[("flag", &"x".repeat(2001))]),
        )
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "metadata is 2001 characters long, more than the limit of 2000"
    );
    assert!(w.emu.provisional_account(app, "player-3").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_target_users() {
    let w = world().await;
    let client = &w.client;
    let invite = client.create_invite(w.channel).await.unwrap();
    let code = invite.code.as_str();

    client
        .update_invite_target_users(code, &[w.alice, w.bob])
        .await
        .unwrap();
    let job = client.invite_target_users_job_status(code).await.unwrap();
    assert_eq!(job.status, TargetUsersJobState::Completed);
    assert_eq!((job.total_users, job.processed_users), (2, 2));
    assert!(job.created_at.is_some() && job.error_message.is_none());
    let mut users = client.invite_target_users(code).await.unwrap();
    users.sort();
    let mut expected = vec![w.alice, w.bob];
    expected.sort();
    assert_eq!(users, expected);

    // An unknown user fails the job; the known ones are kept.
    client
        .update_invite_target_users(code, &[w.alice, UserId::new(999)])
        .await
        .unwrap();
    let job = client.invite_target_users_job_status(code).await.unwrap();
    assert_eq!(job.status, TargetUsersJobState::Failed);
    assert_eq!((job.total_users, job.processed_users), (2, 1));
    assert!(job.error_message.unwrap().contains("999"));
    assert_eq!(
        client.invite_target_users(code).await.unwrap(),
        vec![w.alice]
    );

    // Errors: an unknown invite, a bot without MANAGE_GUILD that did not create it.
    let err = client.invite_target_users("nope").await.unwrap_err();
    assert_eq!(api_code(err), Some(10006));
    let other = w.emu.create_bot("other");
    w.emu.add_member(w.guild, other.user_id).unwrap();
    let err = Client::builder()
        .token(&other.token)
        .base_url(w.emu.rest_url())
        .build()
        .invite_target_users_job_status(code)
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(50013));

    let err = Client::builder()
        .token(&other.token)
        .base_url(w.emu.rest_url())
        .build()
        .update_invite_target_users(code, &[w.bob])
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(50013));

    // A malformed id is a form error, described by line.
    let form = Multipart::new().file(
        "target_users_file",
        Attachment::new("users.csv", &b"user_id\n1\nabc\n"[..]),
    );
    let request = Request::new(Route::UpdateInviteTargetUsers { code }).body(form);
    let err = client.send(request).await.unwrap_err();
    assert_eq!(api_code(err), Some(50035));

    let err = client
        .update_invite_target_users(code, &[])
        .await
        .unwrap_err();
    assert_eq!(invalid(err), "target_users_file is required");
    assert_eq!(
        client.invite_target_users(code).await.unwrap(),
        vec![w.alice]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_by_token() {
    let w = world().await;
    let client = &w.client;
    let hook = client.create_webhook(w.channel, "hook").await.unwrap();
    let token = hook.token.clone().unwrap();

    let png = ImageData::from_bytes(PNG).unwrap();
    let renamed = client
        .update_webhook(hook.id)
        .name("renamed")
        .avatar(Some(png.clone()))
        .reason("rebrand")
        .await
        .unwrap();
    assert_eq!(renamed.id, hook.id);
    assert_eq!(renamed.name.as_deref(), Some("renamed"));
    assert!(renamed.avatar.is_some());
    assert_eq!(
        client.webhook(hook.id).await.unwrap().avatar,
        renamed.avatar
    );
    let log = w.emu.audit_log(w.guild);
    assert!(
        log.iter()
            .any(|e| e["action_type"] == 51 && e["reason"] == "rebrand"),
        "{log:?}"
    );

    // The token routes send no bot token: a client without one works.
    let anonymous = client_with(&w, None);
    let by_token = anonymous
        .update_webhook_with_token(hook.id, &token)
        .name("by token")
        .avatar(None)
        .await
        .unwrap();
    assert_eq!(by_token.name.as_deref(), Some("by token"));
    assert!(by_token.avatar.is_none());
    assert!(by_token.token.is_none());
    let fetched = anonymous.webhook_with_token(hook.id, &token).await.unwrap();
    assert_eq!(fetched.name.as_deref(), Some("by token"));

    let slack = anonymous
        .execute_slack_webhook(
            hook.id,
            &token,
            json!({
                "text": "deployed",
                "attachments": [{"title": "v1.2", "color": "#ff0000", "text": "all green",
                    "fields": [{"title": "env", "value": "prod", "short": true}]}],
            }),
        )
        .await
        .unwrap();
    assert_eq!(slack.content, "deployed");
    assert_eq!(slack.webhook_id, Some(hook.id));
    assert_eq!(slack.embeds[0].title.as_deref(), Some("v1.2"));
    assert_eq!(slack.embeds[0].color, Some(0xff0000));
    assert_eq!(slack.embeds[0].description.as_deref(), Some("all green"));
    assert_eq!(slack.embeds[0].fields[0].name, "env");
    let github = anonymous
        .execute_github_webhook(
            hook.id,
            &token,
            json!({
                "ref": "refs/heads/main",
                "repository": {"full_name": "kokoro/kokoro", "name": "kokoro"},
                "sender": {"login": "octocat"},
                "compare": "https://github.com/kokoro/kokoro/compare/a...b",
                "commits": [{"id": "0123456789abcdef", "message": "Fix the thing\n\nlong"}],
            }),
        )
        .await
        .unwrap();
    let embed = &github.embeds[0];
    assert_eq!(
        embed.title.as_deref(),
        Some("[kokoro/kokoro:main] 1 new commit")
    );
    assert_eq!(
        embed.description.as_deref(),
        Some("`0123456` Fix the thing")
    );
    assert_eq!(
        embed.author.as_ref().map(|a| a.name.as_str()),
        Some("octocat")
    );

    // `@original`: the webhook's first message.
    let original = anonymous
        .original_webhook_message(hook.id, &token)
        .await
        .unwrap();
    assert_eq!(original.id, slack.id);
    let edited = anonymous
        .edit_original_webhook_message(hook.id, &token)
        .content("deployed v1.2")
        .await
        .unwrap();
    assert_eq!(edited.id, slack.id);
    assert_eq!(edited.content, "deployed v1.2");
    anonymous
        .delete_original_webhook_message(hook.id, &token)
        .await
        .unwrap();
    let original = anonymous
        .original_webhook_message(hook.id, &token)
        .await
        .unwrap();
    assert_eq!(original.id, github.id);

    // `thread_id` must name a thread of the webhook's channel.
    let err = anonymous
        .execute_slack_webhook(hook.id, &token, json!({"text": "lost"}))
        .thread_id(w.channel)
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(10003));

    // Errors and broken limits.
    let err = anonymous
        .update_webhook_with_token(hook.id, "wrong")
        .name("x")
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(50027));
    let err = client
        .update_webhook(WebhookId::new(5))
        .name("x")
        .await
        .unwrap_err();
    assert_eq!(api_code(err), Some(10015));
    let err = anonymous
        .execute_slack_webhook(hook.id, &token, json!({"text": "x".repeat(2001)}))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "text is 2001 characters long, more than the limit of 2000"
    );
    let err = client.update_webhook(hook.id).name("").await.unwrap_err();
    assert_eq!(
        invalid(err),
        "name is 0 characters long, less than the minimum of 1"
    );
    let err = anonymous
        .execute_github_webhook(hook.id, &token, json!([1]))
        .await
        .unwrap_err();
    assert_eq!(invalid(err), "payload is invalid: must be a JSON object");

    anonymous
        .delete_webhook_with_token(hook.id, &token)
        .await
        .unwrap();
    let err = client.webhook(hook.id).await.unwrap_err();
    assert_eq!(api_code(err), Some(10015));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn current_user() {
    let w = world().await;
    let client = &w.client;
    let png = ImageData::from_bytes(PNG).unwrap();
    let me = client
        .update_current_user()
        .username("kokoro-two")
        .avatar(Some(png.clone()))
        .banner(Some(png))
        .await
        .unwrap();
    assert_eq!(me.id, w.bot.user_id);
    assert_eq!(me.username, "kokoro-two");
    assert!(me.avatar.is_some() && me.banner.is_some());
    let again = client.current_user().await.unwrap();
    assert_eq!(again.username, "kokoro-two");
    assert_eq!(again.avatar, me.avatar);
    let cleared = client.update_current_user().avatar(None).await.unwrap();
    assert!(cleared.avatar.is_none());
    assert_eq!(cleared.banner, me.banner);

    // DMs and group DMs.
    let dm = client.create_dm(w.alice).await.unwrap();
    assert_eq!(dm.kind, ChannelType::Dm);
    assert!(dm.recipients.iter().any(|u| u.id == w.alice));
    assert_eq!(client.create_dm(w.alice).await.unwrap().id, dm.id);
    let err = client.create_dm(UserId::new(3)).await.unwrap_err();
    assert_eq!(api_code(err), Some(10013));
    let app = w.bot.application_id;
    let alice_gdm = w.emu.create_bearer_token(app, w.alice, &["gdm.join"]);
    let bob_gdm = w.emu.create_bearer_token(app, w.bob, &["gdm.join"]);
    let group = client
        .create_group_dm(&[&alice_gdm, &bob_gdm])
        .nicks(HashMap::from([(w.alice, "Al".to_owned())]))
        .await
        .unwrap();
    assert_eq!(group.kind, ChannelType::GroupDm);
    let mut ids: Vec<_> = group.recipients.iter().map(|u| u.id).collect();
    ids.sort();
    let mut expected = vec![w.alice, w.bob];
    expected.sort();
    assert_eq!(ids, expected);
    let err = client.create_group_dm(&["nope"]).await.unwrap_err();
    assert_eq!(api_code(err), Some(50035));

    // Connections and the guild member, with Bearer tokens.
    w.emu.add_connection(w.alice, "github", "alice-gh");
    let reader = w.emu.create_bearer_token(
        app,
        w.alice,
        &["identify", "connections", "guilds.members.read"],
    );
    let as_alice = client_with(&w, Some(&reader));
    let connections = as_alice.connections().await.unwrap();
    assert_eq!(connections.len(), 1);
    assert_eq!(connections[0].name, "alice-gh");
    assert_eq!(connections[0].kind, ConnectionService::Github);
    let member = as_alice.current_user_guild_member(w.guild).await.unwrap();
    assert_eq!(member.user.map(|u| u.id), Some(w.alice));
    let narrow = w.emu.create_bearer_token(app, w.alice, &["identify"]);
    let narrow = client_with(&w, Some(&narrow));
    assert_eq!(
        api_code(narrow.connections().await.unwrap_err()),
        Some(50001)
    );
    let err = narrow.current_user_guild_member(w.guild).await.unwrap_err();
    assert_eq!(api_code(err), Some(50001));

    // Leaving a guild.
    assert!(w.emu.is_member(w.guild, w.bot.user_id));
    client.leave_guild(w.guild).await.unwrap();
    assert!(!w.emu.is_member(w.guild, w.bot.user_id));
    let err = client.leave_guild(w.guild).await.unwrap_err();
    assert_eq!(api_code(err), Some(10004));

    // Broken limits.
    let err = client
        .update_current_user()
        .username("k")
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "username is 1 characters long, less than the minimum of 2"
    );
    let err = client.create_group_dm(&[]).await.unwrap_err();
    assert_eq!(
        invalid(err),
        "access_tokens has 0 items, fewer than the minimum of 1"
    );
    assert_eq!(client.current_user().await.unwrap().username, "kokoro-two");
}
