//! The typed requests of the guilds area against kokoro-emulator: each family's
//! lifecycle decodes into kokoro-model types, changes are visible afterwards, audited
//! operations leave their reason in the audit log, Discord's error codes surface, and
//! broken limits fail before anything is sent, naming the field.

mod support;

use kokoro_http::ImageData;
use kokoro_model::{
    Permissions, Timestamp,
    audit_log::AuditLogEvent,
    channel::{ChannelType, PermissionOverwrite, PermissionOverwriteType},
    guild::{
        JoinRequestStatus, OnboardingMode, OnboardingPrompt, OnboardingPromptOption,
        OnboardingPromptType, VerificationLevel, WelcomeScreenChannel, WidgetStyle,
    },
    id::{
        ChannelId, GenericId, GuildId, IntegrationId, OnboardingPromptId, OnboardingPromptOptionId,
        RoleId, UserId,
    },
    search::{SearchAuthorType, SearchHas, SearchSortMode, SearchSortOrder},
};
use support::{World, invalid, world};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

/// The error code Discord answered with (panics on success or on another error kind).
fn code<T: std::fmt::Debug>(r: Result<T, kokoro_http::Error>) -> Option<u32> {
    r.expect_err("expected Discord to refuse").code()
}

/// The audit log entries of the guild with this reason.
fn audited(w: &World, reason: &str) -> Vec<serde_json::Value> {
    w.emu
        .audit_log(w.guild)
        .into_iter()
        .filter(|e| e["reason"] == reason)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guild_get_update_and_preview() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let got = client.guild(guild).with_counts().await.unwrap();
    assert_eq!(got.id, guild);
    assert_eq!(got.name, "g");
    assert_eq!(got.owner_id, w.alice);
    assert_eq!(got.approximate_member_count, Some(3));

    let icon = ImageData::from_bytes(PNG).unwrap();
    let updated = client
        .update_guild(guild)
        .name("kokoro fans")
        .description(Some("all about kokoro"))
        .icon(Some(icon.clone()))
        .banner(Some(icon))
        .afk_timeout(900)
        .system_channel_id(Some(w.channel))
        .verification_level(VerificationLevel::Medium)
        .premium_progress_bar_enabled(true)
        .reason("rebrand")
        .await
        .unwrap();
    assert_eq!(updated.name, "kokoro fans");
    assert_eq!(updated.description.as_deref(), Some("all about kokoro"));
    assert!(updated.icon.is_some());
    assert_eq!(updated.icon, updated.banner, "same image, same hash");
    assert_eq!(updated.afk_timeout, 900);
    assert_eq!(updated.system_channel_id, Some(w.channel));
    assert_eq!(updated.verification_level, VerificationLevel::Medium);
    assert!(updated.premium_progress_bar_enabled);

    // Visible afterwards; removing the icon.
    let again = client.guild(guild).await.unwrap();
    assert_eq!(again.description.as_deref(), Some("all about kokoro"));
    assert_eq!(again.icon, updated.icon);
    assert_eq!(again.afk_timeout, 900);
    let cleared = client.update_guild(guild).icon(None).await.unwrap();
    assert_eq!(cleared.icon, None);
    assert_eq!(cleared.name, "kokoro fans");
    let entry = &audited(&w, "rebrand")[0];
    assert_eq!(entry["action_type"], 1);
    assert!(entry["changes"].to_string().contains("all about kokoro"));

    let preview = client.guild_preview(guild).await.unwrap();
    assert_eq!(preview.id, guild);
    assert_eq!(preview.name, "kokoro fans");
    assert_eq!(preview.description.as_deref(), Some("all about kokoro"));
    assert_eq!(preview.approximate_member_count, 3);

    assert_eq!(code(client.guild(GuildId::new(42)).await), Some(10004));
    // A channel of another guild is refused with a form error.
    assert_eq!(
        code(
            client
                .update_guild(guild)
                .system_channel_id(Some(ChannelId::new(42)))
                .await
        ),
        Some(50035)
    );

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(client.update_guild(guild).name("x").await.unwrap_err()),
        "name is 1 characters long, less than the minimum of 2"
    );
    assert_eq!(
        invalid(
            client
                .update_guild(guild)
                .afk_timeout(61)
                .await
                .unwrap_err()
        ),
        "afk_timeout is invalid: must be 60, 300, 900, 1800 or 3600"
    );
    assert_eq!(
        invalid(
            client
                .update_guild(guild)
                .description(Some(&"d".repeat(301)))
                .await
                .unwrap_err()
        ),
        "description is 301 characters long, more than the limit of 300"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guild_channels_positions_and_active_threads() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let category = client
        .create_guild_channel(guild, "news room")
        .kind(ChannelType::GuildCategory)
        .reason("layout")
        .await
        .unwrap();
    assert_eq!(category.kind, ChannelType::GuildCategory);
    assert_eq!(category.guild_id, Some(guild));
    let overwrite = PermissionOverwrite {
        id: GenericId::new(w.bob.get()),
        kind: PermissionOverwriteType::Member,
        allow: Permissions::VIEW_CHANNEL,
        deny: Permissions::SEND_MESSAGES,
    };
    let news = client
        .create_guild_channel(guild, "news")
        .topic("daily news")
        .nsfw(true)
        .rate_limit_per_user(30)
        .position(5)
        .parent_id(category.id)
        .permission_overwrites(vec![overwrite.clone()])
        .reason("news desk")
        .await
        .unwrap();
    assert_eq!(news.name.as_deref(), Some("news"));
    assert_eq!(news.kind, ChannelType::GuildText);
    assert_eq!(news.topic.as_deref(), Some("daily news"));
    assert!(news.nsfw);
    assert_eq!(news.rate_limit_per_user, Some(30));
    assert_eq!(news.position, Some(5));
    assert_eq!(news.parent_id, Some(category.id));
    assert_eq!(news.permission_overwrites, vec![overwrite]);
    assert_eq!(audited(&w, "news desk")[0]["action_type"], 10);
    assert_eq!(audited(&w, "layout").len(), 1);

    let list = client.guild_channels(guild).await.unwrap();
    let ids: Vec<ChannelId> = list.iter().map(|c| c.id).collect();
    assert_eq!(list.len(), 3, "{ids:?}");
    assert!(ids.contains(&news.id) && ids.contains(&category.id) && ids.contains(&w.channel));

    client
        .update_channel_positions(guild)
        .position(w.channel, 7)
        .parent(news.id, None, false)
        .await
        .unwrap();
    let general = client.channel(w.channel).await.unwrap();
    assert_eq!(general.position, Some(7));
    let moved = client.channel(news.id).await.unwrap();
    assert_eq!(moved.parent_id, None);
    assert_eq!(
        code(
            client
                .update_channel_positions(guild)
                .position(ChannelId::new(42), 1)
                .await
        ),
        Some(10003)
    );

    // Active threads.
    let thread = client.create_thread(w.channel, "chat").await.unwrap();
    let active = client.active_threads(guild).await.unwrap();
    assert_eq!(active.threads.len(), 1);
    assert_eq!(active.threads[0].id, thread.id);
    assert_eq!(active.threads[0].name.as_deref(), Some("chat"));
    assert!(
        client
            .guild_channels(guild)
            .await
            .unwrap()
            .iter()
            .all(|c| c.id != thread.id),
        "threads are not guild channels"
    );
    assert_eq!(
        code(client.active_threads(GuildId::new(42)).await),
        Some(10004)
    );

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(client.update_channel_positions(guild).await.unwrap_err()),
        "channels has 0 items, fewer than the minimum of 1"
    );
    assert_eq!(
        invalid(client.create_guild_channel(guild, "").await.unwrap_err()),
        "name is 0 characters long, less than the minimum of 1"
    );
    assert_eq!(
        invalid(
            client
                .create_guild_channel(guild, "slow")
                .rate_limit_per_user(21_601)
                .await
                .unwrap_err()
        ),
        "rate_limit_per_user is 21601, outside 0..=21600"
    );
    assert_eq!(
        invalid(
            client
                .create_guild_channel(guild, "loud")
                .bitrate(7999)
                .await
                .unwrap_err()
        ),
        "bitrate is 7999, outside 8000..=384000"
    );
    assert_eq!(
        invalid(
            client
                .create_guild_channel(guild, "dm")
                .kind(ChannelType::Dm)
                .await
                .unwrap_err()
        ),
        "type is invalid: must be a guild channel type"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_log_filters() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let role = client
        .create_role(guild)
        .name("a")
        .reason("first role")
        .await
        .unwrap();
    client
        .create_role(guild)
        .name("b")
        .reason("second role")
        .await
        .unwrap();
    client.ban(guild, w.bob).reason("spam").await.unwrap();

    let log = client.audit_log(guild).await.unwrap();
    assert_eq!(log.audit_log_entries.len(), 3);
    assert_eq!(log.users.len(), 1);
    assert_eq!(log.users[0].id, w.bot.user_id);
    // Newest first.
    assert_eq!(log.audit_log_entries[0].reason.as_deref(), Some("spam"));
    assert_eq!(
        log.audit_log_entries[0].action_type,
        AuditLogEvent::MemberBanAdd
    );

    let roles = client
        .audit_log(guild)
        .user_id(w.bot.user_id)
        .action_type(AuditLogEvent::RoleCreate)
        .limit(10)
        .await
        .unwrap();
    assert_eq!(roles.audit_log_entries.len(), 2);
    assert!(
        roles
            .audit_log_entries
            .iter()
            .all(|e| e.action_type == AuditLogEvent::RoleCreate)
    );
    let target = client
        .audit_log(guild)
        .target_id(role.id.cast())
        .await
        .unwrap();
    assert_eq!(target.audit_log_entries.len(), 1);
    assert_eq!(
        target.audit_log_entries[0].reason.as_deref(),
        Some("first role")
    );
    let newest = log.audit_log_entries[0].id;
    let before = client.audit_log(guild).before(newest).await.unwrap();
    assert_eq!(before.audit_log_entries.len(), 2);
    let oldest = log.audit_log_entries[2].id;
    let after = client
        .audit_log(guild)
        .after(oldest)
        .limit(1)
        .await
        .unwrap();
    assert_eq!(after.audit_log_entries.len(), 1);
    assert_eq!(
        after.audit_log_entries[0].reason.as_deref(),
        Some("second role")
    );
    let none = client.audit_log(guild).user_id(w.alice).await.unwrap();
    assert!(none.audit_log_entries.is_empty());
    assert_eq!(code(client.audit_log(GuildId::new(42)).await), Some(10004));

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(client.audit_log(guild).limit(0).await.unwrap_err()),
        "limit is 0, outside 1..=100"
    );
    assert_eq!(
        invalid(client.audit_log(guild).limit(101).await.unwrap_err()),
        "limit is 101, outside 1..=100"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bans_get_and_bulk_ban() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let carol = w.emu.create_user("carol");
    let dave = w.emu.create_user("dave");
    w.emu.add_member(guild, carol).unwrap();
    let result = client
        .bulk_ban(guild, &[carol, dave, UserId::new(42)])
        .delete_message_seconds(3600)
        .reason("raid")
        .await
        .unwrap();
    assert_eq!(result.banned_users, vec![carol, dave]);
    assert_eq!(result.failed_users, vec![UserId::new(42)]);

    let ban = client.guild_ban(guild, carol).await.unwrap();
    assert_eq!(ban.user.id, carol);
    assert_eq!(ban.user.username, "carol");
    assert_eq!(ban.reason.as_deref(), Some("raid"));
    assert_eq!(client.bans(guild).await.unwrap().len(), 2);
    assert_eq!(code(client.member(guild, carol).await), Some(10007));
    let entries = audited(&w, "raid");
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e["action_type"] == 22));

    assert_eq!(code(client.guild_ban(guild, w.bob).await), Some(10026));
    // Nobody could be banned: Discord's 500000.
    assert_eq!(code(client.bulk_ban(guild, &[carol]).await), Some(500_000));

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(client.bulk_ban(guild, &[]).await.unwrap_err()),
        "user_ids has 0 items, fewer than the minimum of 1"
    );
    let many: Vec<UserId> = (1..=201).map(UserId::new).collect();
    assert_eq!(
        invalid(client.bulk_ban(guild, &many).await.unwrap_err()),
        "user_ids has 201 items, more than the limit of 200"
    );
    assert_eq!(
        invalid(
            client
                .bulk_ban(guild, &[w.bob])
                .delete_message_seconds(604_801)
                .await
                .unwrap_err()
        ),
        "delete_message_seconds is 604801, outside 0..=604800"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn integrations() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let twitch = w
        .emu
        .add_integration(guild, "kokoro live", "twitch")
        .unwrap();
    let list = client.integrations(guild).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, twitch);
    assert_eq!(list[0].name, "kokoro live");
    assert_eq!(list[0].kind, kokoro_model::guild::IntegrationType::Twitch);
    assert!(list[0].enabled);

    client
        .delete_integration(guild, twitch)
        .reason("stream over")
        .await
        .unwrap();
    assert!(client.integrations(guild).await.unwrap().is_empty());
    assert!(w.emu.integrations_of(guild).is_empty());
    let entry = &audited(&w, "stream over")[0];
    assert_eq!(entry["action_type"], 82);
    assert_eq!(entry["target_id"], twitch.to_string());
    assert_eq!(
        code(client.delete_integration(guild, twitch).await),
        Some(10005)
    );
    assert_eq!(
        code(
            client
                .delete_integration(guild, IntegrationId::new(42))
                .await
        ),
        Some(10005)
    );
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guild_invites_vanity_url_and_webhooks() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let invite = client.create_invite(w.channel).max_uses(5).await.unwrap();
    let invites = client.guild_invites(guild).await.unwrap();
    assert_eq!(invites.len(), 1);
    assert_eq!(invites[0].code, invite.code);
    assert_eq!(invites[0].max_uses, Some(5));

    let vanity = client.vanity_url(guild).await.unwrap();
    assert_eq!(vanity.code, None);
    w.emu.set_vanity_url(guild, "kokoro", 42);
    let vanity = client.vanity_url(guild).await.unwrap();
    assert_eq!(vanity.code.as_deref(), Some("kokoro"));
    assert_eq!(vanity.uses, 42);
    assert_eq!(
        client
            .guild(guild)
            .await
            .unwrap()
            .vanity_url_code
            .as_deref(),
        Some("kokoro")
    );

    let hook = client.create_webhook(w.channel, "hook").await.unwrap();
    let hooks = client.guild_webhooks(guild).await.unwrap();
    assert_eq!(hooks.len(), 1);
    assert_eq!(hooks[0].id, hook.id);
    assert_eq!(hooks[0].name.as_deref(), Some("hook"));
    assert_eq!(hooks[0].channel_id, Some(w.channel));

    assert_eq!(code(client.vanity_url(GuildId::new(42)).await), Some(10004));
    assert_eq!(
        code(client.guild_webhooks(GuildId::new(42)).await),
        Some(10004)
    );
    assert_eq!(
        code(client.guild_invites(GuildId::new(42)).await),
        Some(10004)
    );
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_search_add_and_current_member() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let found = client.search_members(guild, "ali").limit(10).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].user.as_ref().map(|u| u.id), Some(w.alice));

    let role = client.create_role(guild).name("new").await.unwrap();
    let carol = w.emu.create_user("carol");
    let token = w
        .emu
        .create_bearer_token(w.bot.application_id, carol, &["guilds.join"]);
    let added = client
        .add_member(guild, carol, token.clone())
        .nick("caz")
        .roles(&[role.id])
        .mute(true)
        .await
        .unwrap()
        .expect("a new member");
    assert_eq!(added.user.as_ref().map(|u| u.id), Some(carol));
    assert_eq!(added.nick.as_deref(), Some("caz"));
    assert_eq!(added.roles, vec![role.id]);
    assert!(added.mute);
    let again = client.add_member(guild, carol, token).await.unwrap();
    assert!(again.is_none(), "already a member: 204");
    let member = client.member(guild, carol).await.unwrap();
    assert_eq!(member.nick.as_deref(), Some("caz"));
    let dave = w.emu.create_user("dave");
    let wrong = w
        .emu
        .create_bearer_token(w.bot.application_id, dave, &["identify"]);
    assert_eq!(
        code(client.add_member(guild, dave, wrong).await),
        Some(50025)
    );

    let me = client
        .update_current_member(guild)
        .nick(Some("kokobot"))
        .avatar(ImageData::from_bytes(PNG))
        .bio(Some("I keep the lights on"))
        .reason("rename")
        .await
        .unwrap();
    assert_eq!(me.nick.as_deref(), Some("kokobot"));
    assert!(me.avatar.is_some());
    assert_eq!(
        client.member(guild, w.bot.user_id).await.unwrap().avatar,
        me.avatar
    );
    let by_nick = client.search_members(guild, "kokob").await.unwrap();
    assert_eq!(by_nick[0].user.as_ref().map(|u| u.id), Some(w.bot.user_id));
    assert_eq!(
        code(
            client
                .update_current_member(guild)
                .field("avatar", "not an image")
                .await
        ),
        Some(50035)
    );
    assert_eq!(
        client
            .member(guild, w.bot.user_id)
            .await
            .unwrap()
            .nick
            .as_deref(),
        Some("kokobot")
    );
    assert_eq!(audited(&w, "rename").len(), 1);
    assert_eq!(
        code(client.search_members(GuildId::new(42), "a").await),
        Some(10004)
    );

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(client.search_members(guild, "").await.unwrap_err()),
        "query is 0 characters long, less than the minimum of 1"
    );
    assert_eq!(
        invalid(
            client
                .search_members(guild, "a")
                .limit(1001)
                .await
                .unwrap_err()
        ),
        "limit is 1001, outside 1..=1000"
    );
    assert_eq!(
        invalid(
            client
                .add_member(guild, dave, "t")
                .nick(&"n".repeat(33))
                .await
                .unwrap_err()
        ),
        "nick is 33 characters long, more than the limit of 32"
    );
    assert_eq!(
        invalid(client.add_member(guild, dave, "").await.unwrap_err()),
        "access_token is 0 characters long, less than the minimum of 1"
    );
    assert_eq!(
        invalid(
            client
                .update_current_member(guild)
                .bio(Some(&"b".repeat(191)))
                .await
                .unwrap_err()
        ),
        "bio is 191 characters long, more than the limit of 190"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_get_positions_and_member_counts() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let a = client.create_role(guild).name("a").await.unwrap();
    let b = client.create_role(guild).name("b").await.unwrap();
    client.add_member_role(guild, w.bob, a.id).await.unwrap();

    let got = client.role(guild, a.id).await.unwrap();
    assert_eq!(got.id, a.id);
    assert_eq!(got.name, "a");
    let counts = client.role_member_counts(guild).await.unwrap();
    assert_eq!(counts.get(&a.id), Some(&1));
    assert_eq!(counts.get(&b.id), Some(&0));
    assert!(
        !counts.contains_key(&RoleId::new(guild.get())),
        "no @everyone"
    );

    let (pa, pb) = (
        client.role(guild, a.id).await.unwrap().position,
        client.role(guild, b.id).await.unwrap().position,
    );
    let roles = client
        .update_role_positions(guild)
        .position(a.id, pb as u32)
        .position(b.id, pa as u32)
        .reason("reorder")
        .await
        .unwrap();
    let pos = |id: RoleId| roles.iter().find(|r| r.id == id).map(|r| r.position);
    assert_eq!(pos(a.id), Some(pb));
    assert_eq!(pos(b.id), Some(pa));
    assert_eq!(client.role(guild, a.id).await.unwrap().position, pb);
    let entries = audited(&w, "reorder");
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e["action_type"] == 31));

    assert_eq!(code(client.role(guild, RoleId::new(42)).await), Some(10011));
    // The bot's own (top) role cannot be moved.
    let top = client
        .roles(guild)
        .await
        .unwrap()
        .into_iter()
        .max_by_key(|r| r.position)
        .unwrap();
    assert_eq!(
        code(
            client
                .update_role_positions(guild)
                .position(top.id, 1)
                .await
        ),
        Some(50013)
    );

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(client.update_role_positions(guild).await.unwrap_err()),
        "roles has 0 items, fewer than the minimum of 1"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn welcome_screen() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let empty = client.welcome_screen(guild).await.unwrap();
    assert_eq!(empty.description, None);
    assert!(empty.welcome_channels.is_empty());

    let rules = WelcomeScreenChannel {
        channel_id: w.channel,
        description: "read the rules".into(),
        emoji_id: None,
        emoji_name: Some("📜".into()),
    };
    let screen = client
        .update_welcome_screen(guild)
        .enabled(true)
        .description(Some("welcome, friend"))
        .welcome_channels(vec![rules.clone()])
        .reason("welcome")
        .await
        .unwrap();
    assert_eq!(screen.description.as_deref(), Some("welcome, friend"));
    assert_eq!(screen.welcome_channels, vec![rules.clone()]);
    assert_eq!(client.welcome_screen(guild).await.unwrap(), screen);
    assert_eq!(
        client.guild(guild).await.unwrap().welcome_screen,
        Some(screen)
    );
    assert_eq!(audited(&w, "welcome").len(), 1);

    let elsewhere = WelcomeScreenChannel {
        channel_id: ChannelId::new(42),
        ..rules.clone()
    };
    assert_eq!(
        code(
            client
                .update_welcome_screen(guild)
                .welcome_channels(vec![elsewhere])
                .await
        ),
        Some(50035)
    );

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(
            client
                .update_welcome_screen(guild)
                .description(Some(&"d".repeat(141)))
                .await
                .unwrap_err()
        ),
        "description is 141 characters long, more than the limit of 140"
    );
    assert_eq!(
        invalid(
            client
                .update_welcome_screen(guild)
                .welcome_channels(vec![rules; 6])
                .await
                .unwrap_err()
        ),
        "welcome_channels has 6 items, more than the limit of 5"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn widget_settings_json_and_png() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let settings = client.widget_settings(guild).await.unwrap();
    assert!(!settings.enabled);
    assert_eq!(settings.channel_id, None);
    assert_eq!(code(client.widget(guild).await), Some(50004));
    assert_eq!(code(client.widget_image(guild).await), Some(50004));

    let settings = client
        .update_widget_settings(guild)
        .enabled(true)
        .channel_id(Some(w.channel))
        .reason("go public")
        .await
        .unwrap();
    assert!(settings.enabled);
    assert_eq!(settings.channel_id, Some(w.channel));
    assert_eq!(client.widget_settings(guild).await.unwrap(), settings);
    let g = client.guild(guild).await.unwrap();
    assert!(g.widget_enabled);
    assert_eq!(g.widget_channel_id, Some(w.channel));
    assert_eq!(audited(&w, "go public").len(), 1);

    w.emu.set_presence(w.alice, "online");
    let widget = client.widget(guild).await.unwrap();
    assert_eq!(widget.id, guild);
    assert_eq!(widget.name, "g");
    assert_eq!(widget.presence_count, 1);
    assert_eq!(widget.members.len(), 1);
    assert_eq!(widget.members[0].username, "alice");

    let shield = client.widget_image(guild).await.unwrap();
    let banner = client
        .widget_image(guild)
        .style(WidgetStyle::Banner2)
        .await
        .unwrap();
    for png in [&shield, &banner] {
        assert_eq!(png.content_type.as_deref(), Some("image/png"));
        assert_eq!(&png.bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png.bytes[12..16], b"IHDR");
    }
    let size = |b: &[u8]| {
        (
            u32::from_be_bytes([b[16], b[17], b[18], b[19]]),
            u32::from_be_bytes([b[20], b[21], b[22], b[23]]),
        )
    };
    assert_eq!(size(&shield.bytes), (60, 20));
    assert_eq!(size(&banner.bytes), (320, 60));
    assert_eq!(code(client.widget(GuildId::new(42)).await), Some(10004));
    assert_eq!(
        code(
            client
                .update_widget_settings(guild)
                .channel_id(Some(ChannelId::new(42)))
                .await
        ),
        Some(50035)
    );
    w.emu.shutdown().await;
}

fn prompt(title: &str, options: &[&str]) -> OnboardingPrompt {
    OnboardingPrompt {
        id: OnboardingPromptId::new(1),
        kind: OnboardingPromptType::MultipleChoice,
        options: options
            .iter()
            .enumerate()
            .map(|(i, t)| OnboardingPromptOption {
                id: OnboardingPromptOptionId::new(10 + i as u64),
                channel_ids: vec![],
                role_ids: vec![],
                emoji: None,
                emoji_id: None,
                emoji_name: None,
                emoji_animated: None,
                title: (*t).into(),
                description: None,
            })
            .collect(),
        title: title.into(),
        single_select: true,
        required: false,
        in_onboarding: true,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn onboarding() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let before = client.onboarding(guild).await.unwrap();
    assert_eq!(before.guild_id, guild);
    assert!(!before.enabled);
    assert!(before.prompts.is_empty());

    let updated = client
        .update_onboarding(guild)
        .prompts(vec![prompt("What brings you here?", &["news", "chat"])])
        .default_channel_ids(&[w.channel])
        .enabled(true)
        .mode(OnboardingMode::OnboardingAdvanced)
        .reason("onboard")
        .await
        .unwrap();
    assert!(updated.enabled);
    assert_eq!(updated.mode, OnboardingMode::OnboardingAdvanced);
    assert_eq!(updated.default_channel_ids, vec![w.channel]);
    assert_eq!(updated.prompts.len(), 1);
    assert_eq!(updated.prompts[0].title, "What brings you here?");
    assert!(updated.prompts[0].single_select);
    let titles: Vec<&str> = updated.prompts[0]
        .options
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(titles, ["news", "chat"]);
    assert_eq!(client.onboarding(guild).await.unwrap(), updated);
    assert_eq!(audited(&w, "onboard")[0]["action_type"], 167);

    assert_eq!(
        code(
            client
                .update_onboarding(guild)
                .default_channel_ids(&[ChannelId::new(42)])
                .await
        ),
        Some(50035)
    );
    assert_eq!(code(client.onboarding(GuildId::new(42)).await), Some(10004));

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(
            client
                .update_onboarding(guild)
                .prompts(vec![prompt("p", &["o"]); 16])
                .await
                .unwrap_err()
        ),
        "prompts has 16 items, more than the limit of 15"
    );
    assert_eq!(
        invalid(
            client
                .update_onboarding(guild)
                .prompts(vec![prompt("empty", &[])])
                .await
                .unwrap_err()
        ),
        "prompts.options has 0 items, fewer than the minimum of 1"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prune_count_and_begin() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let carol = w.emu.create_user("carol");
    let dave = w.emu.create_user("dave");
    w.emu.add_member(guild, carol).unwrap();
    w.emu.add_member(guild, dave).unwrap();
    let role = client.create_role(guild).name("kept").await.unwrap();
    client.add_member_role(guild, dave, role.id).await.unwrap();
    let long_ago = Timestamp::from_secs(Timestamp::now().as_secs() - 10 * 86_400);
    w.emu.set_last_seen(guild, carol, long_ago);
    w.emu.set_last_seen(guild, dave, long_ago);

    let count = client.prune_count(guild).days(7).await.unwrap();
    assert_eq!(count.pruned, Some(1), "dave has a role");
    let with_role = client
        .prune_count(guild)
        .days(7)
        .include_roles(&[role.id])
        .await
        .unwrap();
    assert_eq!(with_role.pruned, Some(2));
    let older = client.prune_count(guild).days(30).await.unwrap();
    assert_eq!(older.pruned, Some(0));

    let pruned = client
        .begin_prune(guild)
        .days(7)
        .include_roles(&[role.id])
        .reason("spring cleaning")
        .await
        .unwrap();
    assert_eq!(pruned.pruned, Some(2));
    assert_eq!(code(client.member(guild, carol).await), Some(10007));
    assert_eq!(code(client.member(guild, dave).await), Some(10007));
    client.member(guild, w.bob).await.unwrap();
    let entry = &audited(&w, "spring cleaning")[0];
    assert_eq!(entry["action_type"], 21);
    assert_eq!(entry["options"]["members_removed"], "2");
    let log = client
        .audit_log(guild)
        .action_type(AuditLogEvent::MemberPrune)
        .await
        .unwrap();
    let options = log.audit_log_entries[0].options.as_ref().unwrap();
    assert_eq!(options.delete_member_days.as_deref(), Some("7"));

    let quiet = client
        .begin_prune(guild)
        .compute_prune_count(false)
        .await
        .unwrap();
    assert_eq!(quiet.pruned, None);
    assert_eq!(
        code(client.prune_count(GuildId::new(42)).await),
        Some(10004)
    );

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(client.prune_count(guild).days(31).await.unwrap_err()),
        "days is 31, outside 1..=30"
    );
    assert_eq!(
        invalid(client.begin_prune(guild).days(0).await.unwrap_err()),
        "days is 0, outside 1..=30"
    );
    let roles: Vec<RoleId> = (1..=101).map(RoleId::new).collect();
    assert_eq!(
        invalid(
            client
                .prune_count(guild)
                .include_roles(&roles)
                .await
                .unwrap_err()
        ),
        "include_roles has 101 items, more than the limit of 100"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn join_requests() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let carol = w.emu.create_user("carol");
    let dave = w.emu.create_user("dave");
    let first = w.emu.submit_join_request(guild, carol).unwrap();
    let second = w.emu.submit_join_request(guild, dave).unwrap();

    let list = client
        .join_requests(guild)
        .status(JoinRequestStatus::Submitted)
        .limit(10)
        .await
        .unwrap();
    assert_eq!(list.total, Some(2));
    let ids: Vec<GenericId> = list.guild_join_requests.iter().map(|r| r.id).collect();
    assert_eq!(ids, vec![second, first], "newest first");
    assert_eq!(list.guild_join_requests[1].user_id, carol);
    assert_eq!(
        list.guild_join_requests[1]
            .user
            .as_ref()
            .map(|u| u.username.as_str()),
        Some("carol")
    );
    assert_eq!(
        list.guild_join_requests[1].application_status,
        Some(JoinRequestStatus::Submitted)
    );
    let after = client.join_requests(guild).after(first).await.unwrap();
    assert_eq!(after.guild_join_requests.len(), 1);
    assert_eq!(after.guild_join_requests[0].id, second);
    let before = client.join_requests(guild).before(second).await.unwrap();
    assert_eq!(before.guild_join_requests.len(), 1);
    assert_eq!(before.guild_join_requests[0].id, first);

    let approved = client
        .action_join_request(guild, first, JoinRequestStatus::Approved)
        .await
        .unwrap();
    assert_eq!(
        approved.application_status,
        Some(JoinRequestStatus::Approved)
    );
    assert!(approved.reviewed_at.is_some());
    assert_eq!(
        approved.actioned_by_user.as_ref().map(|u| u.id),
        Some(w.bot.user_id)
    );
    client.member(guild, carol).await.unwrap();
    let rejected = client
        .action_join_request(guild, second, JoinRequestStatus::Rejected)
        .rejection_reason("not yet")
        .await
        .unwrap();
    assert_eq!(
        rejected.application_status,
        Some(JoinRequestStatus::Rejected)
    );
    assert_eq!(rejected.rejection_reason.as_deref(), Some("not yet"));
    assert_eq!(code(client.member(guild, dave).await), Some(10007));
    let left = client.join_requests(guild).await.unwrap();
    assert!(left.guild_join_requests.is_empty(), "SUBMITTED by default");
    assert_eq!(left.total, Some(0));
    let done = client
        .join_requests(guild)
        .status(JoinRequestStatus::Rejected)
        .await
        .unwrap();
    assert_eq!(done.guild_join_requests.len(), 1);
    assert_eq!(done.guild_join_requests[0].id, second);
    assert_eq!(done.total, None, "only SUBMITTED lists count");
    // Acting again changes nothing.
    let again = client
        .action_join_request(guild, second, JoinRequestStatus::Approved)
        .await
        .unwrap();
    assert_eq!(again, rejected);
    assert_eq!(
        code(
            client
                .action_join_request(guild, GenericId::new(42), JoinRequestStatus::Approved)
                .await
        ),
        Some(10068)
    );

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(
            client
                .action_join_request(guild, second, JoinRequestStatus::Rejected)
                .rejection_reason("r".repeat(161))
                .await
                .unwrap_err()
        ),
        "rejection_reason is 161 characters long, more than the limit of 160"
    );
    assert_eq!(
        invalid(
            client
                .action_join_request(guild, second, JoinRequestStatus::Started)
                .await
                .unwrap_err()
        ),
        "action is invalid: must be APPROVED or REJECTED"
    );
    assert_eq!(
        invalid(client.join_requests(guild).limit(101).await.unwrap_err()),
        "limit is 101, outside 1..=100"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_actions() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let until = Timestamp::from_secs(Timestamp::now().as_secs() + 3600);
    let data = client
        .update_incident_actions(guild)
        .invites_disabled_until(Some(until))
        .dms_disabled_until(None)
        .await
        .unwrap();
    assert_eq!(data.invites_disabled_until, Some(until));
    assert_eq!(data.dms_disabled_until, None);
    let g = client.guild(guild).await.unwrap();
    assert_eq!(g.incidents_data, Some(data));
    let cleared = client
        .update_incident_actions(guild)
        .invites_disabled_until(None)
        .await
        .unwrap();
    assert_eq!(cleared.invites_disabled_until, None);
    assert_eq!(
        code(client.update_incident_actions(GuildId::new(42)).await),
        Some(10004)
    );

    let requests = w.emu.counters().rest_requests;
    let far = Timestamp::from_secs(Timestamp::now().as_secs() + 25 * 3600);
    assert_eq!(
        invalid(
            client
                .update_incident_actions(guild)
                .dms_disabled_until(Some(far))
                .await
                .unwrap_err()
        ),
        "dms_disabled_until is invalid: must be at most 24 hours ahead"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_member_welcome() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    assert_eq!(client.new_member_welcome(guild).await.unwrap(), None);
    w.emu
        .set_new_member_welcome(guild, w.alice, "hello there", &[(w.channel, "start here")]);
    let home = client
        .new_member_welcome(guild)
        .await
        .unwrap()
        .expect("set up");
    assert_eq!(home.guild_id, guild);
    assert!(home.enabled);
    let message = home.welcome_message.as_ref().unwrap();
    assert_eq!(message.message, "hello there");
    assert_eq!(message.author_ids, vec![w.alice]);
    assert_eq!(home.resource_channels.len(), 1);
    assert_eq!(home.resource_channels[0].channel_id, w.channel);
    assert_eq!(home.resource_channels[0].title, "start here");
    assert_eq!(
        code(client.new_member_welcome(GuildId::new(42)).await),
        Some(10004)
    );
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn message_search() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let first = w
        .emu
        .post_message_as(w.alice, w.channel, "release notes at https://example.com")
        .unwrap();
    w.emu
        .post_message_as(w.bob, w.channel, "hello world")
        .unwrap();
    let mine = client
        .create_message(w.channel)
        .content("Release 2 is out")
        .await
        .unwrap();

    let found = client
        .search_messages(guild)
        .content("release")
        .limit(10)
        .await
        .unwrap();
    assert_eq!(found.total_results, 2);
    let ids: Vec<_> = found.hits().map(|h| h.message.id).collect();
    assert_eq!(ids, vec![mine.id, first], "newest first");
    assert!(found.hits().all(|h| h.hit));

    let oldest = client
        .search_messages(guild)
        .content("release")
        .sort_by(SearchSortMode::Timestamp)
        .sort_order(SearchSortOrder::Ascending)
        .await
        .unwrap();
    assert_eq!(oldest.hits().next().map(|h| h.message.id), Some(first));
    let by_alice = client
        .search_messages(guild)
        .author_ids(&[w.alice])
        .await
        .unwrap();
    assert_eq!(by_alice.total_results, 1);
    assert_eq!(by_alice.hits().next().unwrap().message.author.id, w.alice);
    let by_bots = client
        .search_messages(guild)
        .author_types(&[SearchAuthorType::Bot])
        .await
        .unwrap();
    assert_eq!(
        by_bots.hits().map(|h| h.message.id).collect::<Vec<_>>(),
        vec![mine.id]
    );
    let links = client
        .search_messages(guild)
        .has(&[SearchHas::Link])
        .channel_ids(&[w.channel])
        .await
        .unwrap();
    assert_eq!(
        links.hits().map(|h| h.message.id).collect::<Vec<_>>(),
        vec![first]
    );
    let page = client
        .search_messages(guild)
        .offset(1)
        .limit(1)
        .await
        .unwrap();
    assert_eq!(page.total_results, 3);
    assert_eq!(page.hits().count(), 1);
    let other = w.emu.create_channel(guild, "other").unwrap();
    let nothing = client
        .search_messages(guild)
        .channel_ids(&[other])
        .await
        .unwrap();
    assert_eq!(nothing.total_results, 0);
    assert_eq!(
        code(client.search_messages(GuildId::new(42)).await),
        Some(10004)
    );

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(client.search_messages(guild).limit(26).await.unwrap_err()),
        "limit is 26, outside 1..=25"
    );
    assert_eq!(
        invalid(
            client
                .search_messages(guild)
                .content(&"c".repeat(1025))
                .await
                .unwrap_err()
        ),
        "content is 1025 characters long, more than the limit of 1024"
    );
    let many: Vec<UserId> = (1..=101).map(UserId::new).collect();
    assert_eq!(
        invalid(
            client
                .search_messages(guild)
                .author_ids(&many)
                .await
                .unwrap_err()
        ),
        "author_id has 101 items, more than the limit of 100"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn templates() {
    let w = world().await;
    let (client, guild) = (&w.client, w.guild);
    let created = client
        .create_template(guild, "starter")
        .description("for friends")
        .await
        .unwrap();
    assert_eq!(created.name, "starter");
    assert_eq!(created.description.as_deref(), Some("for friends"));
    assert_eq!(created.source_guild_id, guild);
    assert_eq!(created.creator_id, w.bot.user_id);
    assert_eq!(created.usage_count, 0);
    assert_eq!(created.is_dirty, Some(false));
    assert_eq!(created.serialized_source_guild.name, "g");
    assert_eq!(created.serialized_source_guild.channels.len(), 1);
    assert_eq!(
        created.serialized_source_guild.channels[0].name.as_deref(),
        Some("general")
    );
    let code_ = created.code.clone();

    let by_code = client.template(&code_).await.unwrap();
    assert_eq!(by_code, created);
    let list = client.templates(guild).await.unwrap();
    assert_eq!(list, vec![created.clone()]);

    // The guild changes: the template is dirty until synced.
    client.update_guild(guild).name("renamed").await.unwrap();
    assert_eq!(client.template(&code_).await.unwrap().is_dirty, Some(true));
    let synced = client.sync_template(guild, &code_).await.unwrap();
    assert_eq!(synced.is_dirty, Some(false));
    assert_eq!(synced.serialized_source_guild.name, "renamed");

    let updated = client
        .update_template(guild, &code_)
        .name("starter 2")
        .description(None)
        .await
        .unwrap();
    assert_eq!(updated.name, "starter 2");
    assert_eq!(updated.description, None);
    assert_eq!(client.template(&code_).await.unwrap().name, "starter 2");

    assert_eq!(
        code(client.create_template(guild, "second").await),
        Some(30031)
    );
    let deleted = client.delete_template(guild, &code_).await.unwrap();
    assert_eq!(deleted.code, code_);
    assert_eq!(code(client.template(&code_).await), Some(10057));
    assert!(client.templates(guild).await.unwrap().is_empty());

    let requests = w.emu.counters().rest_requests;
    assert_eq!(
        invalid(client.create_template(guild, "").await.unwrap_err()),
        "name is 0 characters long, less than the minimum of 1"
    );
    assert_eq!(
        invalid(
            client
                .create_template(guild, "t")
                .description("d".repeat(121))
                .await
                .unwrap_err()
        ),
        "description is 121 characters long, more than the limit of 120"
    );
    assert_eq!(
        invalid(
            client
                .update_template(guild, "abc")
                .name("n".repeat(101))
                .await
                .unwrap_err()
        ),
        "name is 101 characters long, more than the limit of 100"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
    w.emu.shutdown().await;
}
