//! The typed requests against kokoro-emulator: every family the emulator implements
//! decodes into kokoro-model types, and broken limits fail before anything is sent,
//! naming the field.

use kokoro_http::{Attachment, Client, Error};
use kokoro_model::{
    Permissions, Timestamp,
    application::CommandBuilder,
    channel::AutoArchiveDuration,
    id::MessageId,
    interaction::{InteractionCallbackData, InteractionResponse},
    message::{AllowedMentions, EmbedBuilder},
};

mod support;

use support::{invalid, world};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_pins_and_reactions() {
    let w = world().await;
    let (client, channel) = (&w.client, w.channel);
    let first = client
        .create_message(channel)
        .content("hello <@1>")
        .embed(EmbedBuilder::new().title("news").build().unwrap())
        .allowed_mentions(AllowedMentions::none())
        .await
        .unwrap();
    assert_eq!(first.content, "hello <@1>");
    assert_eq!(first.embeds[0].title.as_deref(), Some("news"));
    assert_eq!(first.author.id, w.bot.user_id);
    let reply = client
        .create_message(channel)
        .content("the log")
        .reply(first.id)
        .attachment(Attachment::new("log.txt", &b"hello"[..]).description("today"))
        .await
        .unwrap();
    assert_eq!(reply.attachments.len(), 1);
    assert_eq!(reply.attachments[0].filename, "log.txt");
    assert_eq!(
        reply.message_reference.as_ref().and_then(|r| r.message_id),
        Some(first.id)
    );
    let third = client
        .create_message(channel)
        .content("three")
        .await
        .unwrap();

    let got = client.message(channel, first.id).await.unwrap();
    assert_eq!(got.id, first.id);
    let all = client.messages(channel).limit(10).await.unwrap();
    assert_eq!(all.len(), 3);
    let before = client.messages(channel).before(third.id).await.unwrap();
    assert!(before.iter().all(|m| m.id != third.id), "{before:?}");
    assert_eq!(before.len(), 2);

    let edited = client
        .edit_message(channel, first.id)
        .content("edited")
        .await
        .unwrap();
    assert_eq!(edited.content, "edited");

    client.pin_message(channel, first.id).await.unwrap();
    let pins = client.pins(channel).await.unwrap();
    assert_eq!(pins.items.len(), 1);
    assert_eq!(pins.items[0].message.id, first.id);
    client.unpin_message(channel, first.id).await.unwrap();
    assert!(client.pins(channel).await.unwrap().items.is_empty());

    client.add_reaction(channel, first.id, "👍").await.unwrap();
    let users = client
        .reactions(channel, first.id, "👍")
        .limit(10)
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].id, w.bot.user_id);
    client
        .delete_own_reaction(channel, first.id, "👍")
        .await
        .unwrap();
    client.add_reaction(channel, first.id, "🎉").await.unwrap();
    client
        .delete_all_reactions_for_emoji(channel, first.id, "🎉")
        .await
        .unwrap();
    client.add_reaction(channel, first.id, "🎉").await.unwrap();
    client
        .delete_all_reactions(channel, first.id)
        .await
        .unwrap();
    assert!(
        client
            .reactions(channel, first.id, "🎉")
            .await
            .unwrap()
            .is_empty()
    );
    client.trigger_typing(channel).await.unwrap();

    client
        .delete_messages(channel, &[first.id, reply.id])
        .reason("tidy")
        .await
        .unwrap();
    client
        .delete_message(channel, third.id)
        .reason("done")
        .await
        .unwrap();
    assert!(w.emu.messages_in(channel).is_empty());

    // Broken limits: nothing is sent, and the error names the field.
    let requests = w.emu.counters().rest_requests;
    let one = [MessageId::new(1)];
    assert_eq!(
        invalid(client.delete_messages(channel, &one).await.unwrap_err()),
        "messages has 1 items, fewer than the minimum of 2"
    );
    assert_eq!(
        invalid(client.messages(channel).limit(0).await.unwrap_err()),
        "limit is 0, outside 1..=100"
    );
    assert_eq!(
        invalid(
            client
                .messages(channel)
                .before(MessageId::new(5))
                .after(MessageId::new(1))
                .await
                .unwrap_err()
        ),
        "after cannot be set together with before"
    );
    let err = client
        .create_message(channel)
        .embed(EmbedBuilder::new().title("x").build().unwrap())
        .content("y".repeat(2001))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "content is 2001 characters long, more than the limit of 2000"
    );
    let err = client
        .edit_message(channel, MessageId::new(1))
        .embeds(vec![EmbedBuilder::new().title("x").build().unwrap(); 11])
        .await
        .unwrap_err();
    assert!(invalid(err).starts_with("embeds"));
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn channels_threads_and_invites() {
    let w = world().await;
    let (client, channel) = (&w.client, w.channel);
    let got = client.channel(channel).await.unwrap();
    assert_eq!(got.id, channel);
    let updated = client
        .update_channel(channel)
        .name("renamed")
        .topic("a topic")
        .rate_limit_per_user(5)
        .reason("tidy")
        .await
        .unwrap();
    assert_eq!(updated.name.as_deref(), Some("renamed"));
    assert_eq!(updated.topic.as_deref(), Some("a topic"));

    let starter = client
        .create_message(channel)
        .content("start")
        .await
        .unwrap();
    let thread = client
        .create_thread_from_message(channel, starter.id, "from a message")
        .auto_archive_duration(AutoArchiveDuration::Day)
        .await
        .unwrap();
    assert_eq!(thread.name.as_deref(), Some("from a message"));
    let bare = client.create_thread(channel, "bare").await.unwrap();
    assert_eq!(bare.parent_id, Some(channel));
    client.leave_thread(bare.id).await.unwrap();
    client.join_thread(bare.id).await.unwrap();
    let members = client.thread_members(bare.id).await.unwrap();
    assert!(
        members.iter().any(|m| m.user_id == Some(w.bot.user_id)),
        "{members:?}"
    );

    let invite = client
        .create_invite(channel)
        .max_age(3600)
        .max_uses(5)
        .await
        .unwrap();
    let fetched = client.invite(&invite.code).await.unwrap();
    assert_eq!(fetched.code, invite.code);
    let deleted = client
        .delete_invite(&invite.code)
        .reason("expired")
        .await
        .unwrap();
    assert_eq!(deleted.code, invite.code);

    let removed = client.delete_channel(bare.id).await.unwrap();
    assert_eq!(removed.id, bare.id);

    assert_eq!(
        invalid(
            client
                .update_channel(channel)
                .name("n".repeat(101))
                .await
                .unwrap_err()
        ),
        "name is 101 characters long, more than the limit of 100"
    );
    assert_eq!(
        invalid(client.create_thread(channel, "").await.unwrap_err()),
        "name is 0 characters long, less than the minimum of 1"
    );
    assert_eq!(
        invalid(
            client
                .create_invite(channel)
                .max_uses(101)
                .await
                .unwrap_err()
        ),
        "max_uses is 101, outside 0..=100"
    );
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_roles_and_bans() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let alice = client.member(guild, w.alice).await.unwrap();
    assert_eq!(alice.user.as_ref().map(|u| u.id), Some(w.alice));
    let members = client.members(guild).limit(1000).await.unwrap();
    assert_eq!(members.len(), 3);
    let after = client
        .members(guild)
        .after(w.alice)
        .limit(1000)
        .await
        .unwrap();
    assert!(after.iter().all(|m| m.user.as_ref().unwrap().id > w.alice));

    let until = Timestamp::from_secs(Timestamp::now().as_millis() / 1000 + 600);
    let bob = client
        .update_member(guild, w.bob)
        .nick(Some("bobby"))
        .timeout_until(Some(until))
        .reason("calm down")
        .await
        .unwrap();
    assert_eq!(bob.nick.as_deref(), Some("bobby"));
    assert!(bob.communication_disabled_until.is_some());

    let role = client
        .create_role(guild)
        .name("helpers")
        .color(0x00ff00)
        .permissions(Permissions::SEND_MESSAGES)
        .mentionable(true)
        .reason("new team")
        .await
        .unwrap();
    assert_eq!(role.name, "helpers");
    client
        .add_member_role(guild, w.bob, role.id)
        .reason("welcome")
        .await
        .unwrap();
    assert!(
        client
            .member(guild, w.bob)
            .await
            .unwrap()
            .roles
            .contains(&role.id)
    );
    client
        .remove_member_role(guild, w.bob, role.id)
        .await
        .unwrap();
    let renamed = client
        .update_role(guild, role.id)
        .name("helpers 2")
        .await
        .unwrap();
    assert_eq!(renamed.name, "helpers 2");
    assert!(
        client
            .roles(guild)
            .await
            .unwrap()
            .iter()
            .any(|r| r.id == role.id)
    );
    client.delete_role(guild, role.id).await.unwrap();
    assert!(
        client
            .roles(guild)
            .await
            .unwrap()
            .iter()
            .all(|r| r.id != role.id)
    );

    client
        .ban(guild, w.bob)
        .delete_message_seconds(3600)
        .reason("spam")
        .await
        .unwrap();
    let bans = client.bans(guild).limit(10).await.unwrap();
    assert_eq!(bans.len(), 1);
    assert_eq!(bans[0].user.id, w.bob);
    client.unban(guild, w.bob).await.unwrap();
    assert!(client.bans(guild).await.unwrap().is_empty());
    let carol = w.emu.create_user("carol");
    w.emu.add_member(guild, carol).unwrap();
    client
        .kick_member(guild, carol)
        .reason("bye")
        .await
        .unwrap();
    assert_eq!(
        client.member(guild, carol).await.unwrap_err().code(),
        Some(10007)
    );

    // The reasons reached the audit log.
    let log = serde_json::to_string(&w.emu.audit_log(guild)).unwrap();
    for reason in ["calm down", "new team", "welcome", "spam", "bye"] {
        assert!(log.contains(reason), "{reason} missing from {log}");
    }

    let requests = w.emu.counters().rest_requests;

    assert_eq!(
        invalid(
            client
                .update_member(guild, w.bob)
                .nick(Some(&"n".repeat(33)))
                .await
                .unwrap_err()
        ),
        "nick is 33 characters long, more than the limit of 32"
    );
    let far = Timestamp::from_secs(Timestamp::now().as_millis() / 1000 + 29 * 24 * 3600);
    assert!(
        invalid(
            client
                .update_member(guild, w.bob)
                .timeout_until(Some(far))
                .await
                .unwrap_err()
        )
        .starts_with("communication_disabled_until")
    );
    assert_eq!(
        invalid(
            client
                .create_role(guild)
                .color(0x1000000)
                .await
                .unwrap_err()
        ),
        "color is 16777216, outside 0..=16777215"
    );
    assert_eq!(
        invalid(
            client
                .ban(guild, w.bob)
                .delete_message_seconds(604_801)
                .await
                .unwrap_err()
        ),
        "delete_message_seconds is 604801, outside 0..=604800"
    );
    assert_eq!(
        invalid(client.members(guild).limit(1001).await.unwrap_err()),
        "limit is 1001, outside 1..=1000"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_without_the_bot_token() {
    let w = world().await;
    let (client, channel) = (&w.client, w.channel);
    let hook = client
        .create_webhook(channel, "announcer")
        .reason("news")
        .await
        .unwrap();
    assert_eq!(hook.name.as_deref(), Some("announcer"));
    let token = hook.token.clone().unwrap();
    assert_eq!(client.webhook(hook.id).await.unwrap().id, hook.id);

    // Token routes work without a bot token.
    let anonymous = Client::builder().base_url(w.emu.rest_url()).build();
    assert_eq!(
        anonymous
            .webhook_with_token(hook.id, &token)
            .await
            .unwrap()
            .id,
        hook.id
    );
    let sent = anonymous
        .execute_webhook(hook.id, &token)
        .content("from the hook")
        .username("herald")
        .await
        .unwrap();
    assert_eq!(sent.content, "from the hook");
    assert_eq!(sent.webhook_id, Some(hook.id));
    let got = anonymous
        .webhook_message(hook.id, &token, sent.id)
        .await
        .unwrap();
    assert_eq!(got.id, sent.id);
    let edited = anonymous
        .edit_webhook_message(hook.id, &token, sent.id)
        .content("edited")
        .await
        .unwrap();
    assert_eq!(edited.content, "edited");
    anonymous
        .delete_webhook_message(hook.id, &token, sent.id)
        .await
        .unwrap();
    assert!(w.emu.messages_in(channel).is_empty());
    client.delete_webhook(hook.id).await.unwrap();

    assert!(
        invalid(
            client
                .create_webhook(channel, "my Discord hook")
                .await
                .unwrap_err()
        )
        .starts_with("name is invalid")
    );
    assert_eq!(
        invalid(
            anonymous
                .execute_webhook(hook.id, &token)
                .content("x")
                .username("")
                .await
                .unwrap_err()
        ),
        "username is 0 characters long, less than the minimum of 1"
    );
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interactions_and_commands() {
    let w = world().await;
    let (client, app) = (&w.client, w.bot.application_id);
    let ping = client
        .create_global_command(app, CommandBuilder::chat_input("ping", "Replies pong"))
        .await
        .unwrap();
    assert_eq!(ping.name, "ping");
    let edited = client
        .edit_global_command(app, ping.id, CommandBuilder::chat_input("ping", "Pong!"))
        .await
        .unwrap();
    assert_eq!(edited.description, "Pong!");
    assert_eq!(client.global_commands(app).await.unwrap().len(), 1);
    let set = client
        .set_global_commands(
            app,
            vec![
                CommandBuilder::chat_input("ping", "Replies pong"),
                CommandBuilder::chat_input("echo", "Says it again"),
            ],
        )
        .await
        .unwrap();
    assert_eq!(set.len(), 2);
    let guild_cmd = client
        .create_guild_command(app, w.guild, CommandBuilder::user("Inspect"))
        .await
        .unwrap();
    assert_eq!(client.guild_commands(app, w.guild).await.unwrap().len(), 1);
    client
        .edit_guild_command(app, w.guild, guild_cmd.id, CommandBuilder::user("Look"))
        .await
        .unwrap();
    let set = client
        .set_guild_commands(app, w.guild, vec![CommandBuilder::message("Quote")])
        .await
        .unwrap();
    client
        .delete_guild_command(app, w.guild, set[0].id)
        .await
        .unwrap();
    assert!(
        client
            .guild_commands(app, w.guild)
            .await
            .unwrap()
            .is_empty()
    );

    let i = w
        .emu
        .invoke_slash_command(app, w.alice, w.channel, "ping", serde_json::json!([]))
        .unwrap();
    let response =
        InteractionResponse::message(InteractionCallbackData::new().content("pong")).unwrap();
    client
        .create_interaction_response(i.id, &i.token, &response)
        .await
        .unwrap();
    let original = client.original_response(app, &i.token).await.unwrap();
    assert_eq!(original.content, "pong");
    let original = client
        .edit_original_response(app, &i.token)
        .content("pong!")
        .await
        .unwrap();
    assert_eq!(original.content, "pong!");
    let followup = client
        .create_followup(app, &i.token)
        .content("psst")
        .ephemeral()
        .await
        .unwrap();
    assert_eq!(followup.content, "psst");
    assert_eq!(
        client
            .followup(app, &i.token, followup.id)
            .await
            .unwrap()
            .id,
        followup.id
    );
    let followup = client
        .edit_followup(app, &i.token, followup.id)
        .content("psst!")
        .await
        .unwrap();
    assert_eq!(followup.content, "psst!");
    client
        .delete_followup(app, &i.token, followup.id)
        .await
        .unwrap();
    client
        .delete_original_response(app, &i.token)
        .await
        .unwrap();

    for command in client.global_commands(app).await.unwrap() {
        client.delete_global_command(app, command.id).await.unwrap();
    }
    assert!(client.global_commands(app).await.unwrap().is_empty());

    let err = client
        .create_global_command(app, CommandBuilder::chat_input("Bad Name", "upper case"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Validation(e) if e.field() == "name"),
        "{err}"
    );
    let err = client
        .set_global_commands(
            app,
            vec![
                CommandBuilder::chat_input("ok", "fine"),
                CommandBuilder::chat_input("ok2", ""),
            ],
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Validation(e) if e.field().starts_with("commands[1].")),
        "{err}"
    );
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_and_current_user() {
    let w = world().await;
    let client = &w.client;
    let gateway = client.gateway().await.unwrap();
    assert!(gateway.url.starts_with("ws://"), "{}", gateway.url);
    let bot = client.gateway_bot().await.unwrap();
    assert!(bot.shards >= 1);
    assert!(bot.session_start_limit.max_concurrency >= 1);
    assert_eq!(client.current_user().await.unwrap().id, w.bot.user_id);
    let guilds = client.current_user_guilds().limit(10).await.unwrap();
    assert_eq!(guilds.len(), 1);
    assert_eq!(guilds[0].id, w.guild);
    assert_eq!(
        invalid(client.current_user_guilds().limit(201).await.unwrap_err()),
        "limit is 201, outside 1..=200"
    );

    // An OAuth2 access token acts as the user who granted it.
    let token = w
        .emu
        .create_bearer_token(w.bot.application_id, w.alice, &["identify", "guilds"]);
    let user_client = Client::builder()
        .bearer_token(&token)
        .base_url(w.emu.rest_url())
        .build();
    assert_eq!(user_client.current_user().await.unwrap().id, w.alice);
    let stranger = Client::builder()
        .bearer_token("not-a-token")
        .base_url(w.emu.rest_url())
        .max_retries(0)
        .build();
    match stranger.current_user().await.unwrap_err() {
        Error::Api(e) => assert_eq!(e.status, 401),
        other => panic!("expected 401, got {other}"),
    }
    w.emu.shutdown().await;
}
