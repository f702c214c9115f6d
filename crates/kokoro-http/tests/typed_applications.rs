//! The typed requests of applications, application emojis, command permissions,
//! entitlements, SKU subscriptions, role connections and OAuth2 against kokoro-emulator:
//! each response decodes into its kokoro-model type and matches what was sent, the
//! change is visible afterwards, errors carry Discord's codes, and broken limits fail
//! before anything is sent, naming the field.

mod support;

use std::{collections::HashMap, time::Duration};

use kokoro_http::{Attachment, Client, Error, ImageData};
use kokoro_model::{
    Permissions,
    application::{
        ActivityLocationKind, ApplicationFlags, ApplicationIntegrationType,
        ApplicationIntegrationTypeConfig, ApplicationRoleConnectionMetadata as Field,
        ApplicationRoleConnectionMetadataType as FieldKind, CommandBuilder, CommandPermission,
        CommandPermissionType, EventWebhookStatus, InstallParams,
    },
    id::{ApplicationId, CommandId, EmojiId, EntitlementId, GenericId, SkuId, SubscriptionId},
    monetization::{EntitlementOwner, EntitlementType, SubscriptionStatus},
    oauth::Scope,
};
use support::{World, invalid, world};

/// A client sending `Authorization: Bearer <token>`.
fn bearer_client(w: &World, token: &str) -> Client {
    Client::builder()
        .bearer_token(token)
        .base_url(w.emu.rest_url())
        .retry_backoff(Duration::from_millis(10))
        .timeout(Duration::from_secs(10))
        .build()
}

/// A 1×1 PNG (only its first bytes matter to the emulator).
fn png() -> ImageData {
    ImageData::from_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applications() {
    let w = world().await;
    let (client, app) = (&w.client, w.bot.application_id);

    let me = client.current_application().await.unwrap();
    assert_eq!(me.id, app);
    assert_eq!(me.name, "kokoro");
    assert_eq!(me.bot.as_ref().map(|b| b.id), Some(w.bot.user_id));
    assert_eq!(me.approximate_guild_count, Some(1));
    assert!(me.tags.is_empty());

    let install = InstallParams {
        scopes: vec![Scope::Bot, Scope::ApplicationsCommands],
        permissions: Permissions::SEND_MESSAGES,
    };
    let mut contexts = HashMap::new();
    contexts.insert(
        ApplicationIntegrationType::UserInstall,
        ApplicationIntegrationTypeConfig {
            oauth2_install_params: None,
        },
    );
    contexts.insert(
        ApplicationIntegrationType::GuildInstall,
        ApplicationIntegrationTypeConfig {
            oauth2_install_params: Some(install.clone()),
        },
    );
    let updated = client
        .update_current_application()
        .description("Plays music")
        .tags(["music", "radio"])
        .flags(ApplicationFlags::GATEWAY_MESSAGE_CONTENT_LIMITED)
        .icon(Some(png()))
        .cover_image(Some(png()))
        .role_connections_verification_url("https://example.com/verify")
        .interactions_endpoint_url("https://example.com/interactions")
        .custom_install_url("https://example.com/install")
        .event_webhooks_url("https://example.com/events")
        .event_webhooks_status(EventWebhookStatus::Enabled)
        .event_webhooks_types(["ENTITLEMENT_CREATE"])
        .install_params(install.clone())
        .integration_types_config(contexts)
        .max_participants(8)
        .await
        .unwrap();
    assert_eq!(updated.id, app);
    assert_eq!(updated.description, "Plays music");
    assert_eq!(updated.tags, ["music", "radio"]);
    assert_eq!(
        updated.all_flags(),
        ApplicationFlags::GATEWAY_MESSAGE_CONTENT_LIMITED
    );
    assert!(updated.icon.is_some());
    assert!(updated.cover_image.is_some());
    assert_eq!(
        updated.role_connections_verification_url.as_deref(),
        Some("https://example.com/verify")
    );
    assert_eq!(
        updated.interactions_endpoint_url.as_deref(),
        Some("https://example.com/interactions")
    );
    assert_eq!(
        updated.custom_install_url.as_deref(),
        Some("https://example.com/install")
    );
    assert_eq!(
        updated.event_webhooks_url.as_deref(),
        Some("https://example.com/events")
    );
    assert_eq!(
        updated.event_webhooks_status,
        Some(EventWebhookStatus::Enabled)
    );
    assert_eq!(updated.event_webhooks_types, ["ENTITLEMENT_CREATE"]);
    assert_eq!(updated.install_params, Some(install.clone()));
    assert_eq!(updated.integration_types_config.len(), 2);
    assert_eq!(
        updated.integration_types_config[&ApplicationIntegrationType::GuildInstall]
            .oauth2_install_params,
        Some(install)
    );
    assert_eq!(updated.max_participants, Some(8));

    // Visible afterwards, by id too; and editable by id.
    let again = client.application(app).await.unwrap();
    assert_eq!(again, updated);
    let by_id = client
        .update_application(app)
        .description("Plays more music")
        .icon(None)
        .await
        .unwrap();
    assert_eq!(by_id.description, "Plays more music");
    assert_eq!(by_id.icon, None);
    assert_eq!(by_id.tags, ["music", "radio"]);
    assert_eq!(
        client.oauth2_application().await.unwrap().description,
        "Plays more music"
    );

    // Another application: Discord's unknown application.
    let err = client.application(ApplicationId::new(1)).await.unwrap_err();
    assert_eq!(err.code(), Some(10002), "{err}");
    let other = w.emu.create_bot("other");
    let err = client
        .update_application(other.application_id)
        .description("mine now")
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(50001), "{err}");

    // The Activity.
    let instance = w
        .emu
        .create_activity_instance(app, w.channel, &[w.alice, w.bob])
        .unwrap();
    let got = client.activity_instance(app, &instance).await.unwrap();
    assert_eq!(got.application_id, app);
    assert_eq!(got.instance_id, instance);
    assert_eq!(got.location.kind, ActivityLocationKind::GuildChannel);
    assert_eq!(got.location.channel_id, w.channel);
    assert_eq!(got.location.guild_id, Some(w.guild));
    assert_eq!(got.users, [w.alice, w.bob]);
    let err = client
        .activity_instance(app, "i-0-gc-0-0")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");

    let up = client
        .upload_application_attachment(app, Attachment::new("map.png", &b"\x89PNG map"[..]))
        .await
        .unwrap();
    assert_eq!(up.attachment.filename, "map.png");
    assert_eq!(up.attachment.size, 8);
    assert!(
        up.attachment.url.ends_with("/map.png"),
        "{}",
        up.attachment.url
    );

    // Broken limits: nothing is sent.
    let requests = w.emu.counters().rest_requests;
    let err = client
        .update_current_application()
        .tags(["a", "b", "c", "d", "e", "f"])
        .await
        .unwrap_err();
    assert_eq!(invalid(err), "tags has 6 items, more than the limit of 5");
    let err = client
        .update_current_application()
        .tags(["x".repeat(21)])
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "tags is 21 characters long, more than the limit of 20"
    );
    let err = client
        .update_current_application()
        .description("d".repeat(401))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "description is 401 characters long, more than the limit of 400"
    );
    let err = client
        .update_current_application()
        .flags(ApplicationFlags::GATEWAY_PRESENCE)
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "flags is invalid: only the limited gateway intent flags can be set"
    );
    let err = client
        .update_application(app)
        .interactions_endpoint_url(format!("https://example.com/{}", "p".repeat(2048)))
        .await
        .unwrap_err();
    assert!(
        invalid(err).starts_with("interactions_endpoint_url is 2068 characters long"),
        "the URL limit"
    );
    let err = client
        .update_current_application()
        .install_params(InstallParams {
            scopes: vec![Scope::Identify],
            permissions: Permissions::empty(),
        })
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "install_params.scopes is invalid: may only be applications.commands and bot"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");

    // The emulator refuses what Discord refuses, when sent anyway.
    let err = client
        .update_current_application()
        .field("flags", ApplicationFlags::GATEWAY_PRESENCE.bits())
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(50035), "{err}");
    assert_eq!(
        client.current_application().await.unwrap().all_flags(),
        ApplicationFlags::GATEWAY_MESSAGE_CONTENT_LIMITED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn application_emojis() {
    let w = world().await;
    let (client, app) = (&w.client, w.bot.application_id);
    assert!(
        client
            .application_emojis(app)
            .await
            .unwrap()
            .items
            .is_empty()
    );

    let created = client
        .create_application_emoji(app, "kokoro_smile", png())
        .await
        .unwrap();
    assert_eq!(created.name, "kokoro_smile");
    assert!(!created.animated);
    assert!(created.available);
    assert!(created.require_colons);
    assert_eq!(created.user.as_ref().map(|u| u.id), Some(w.bot.user_id));
    let gif = ImageData::from_bytes(b"GIF89a\x01\0\x01\0").unwrap();
    let animated = client
        .create_application_emoji(app, "dance", gif)
        .await
        .unwrap();
    assert!(animated.animated);
    assert_eq!(animated.mention(), format!("<a:dance:{}>", animated.id));

    let got = client.application_emoji(app, created.id).await.unwrap();
    assert_eq!(got, created);
    let all = client.application_emojis(app).await.unwrap();
    assert_eq!(all.items.len(), 2);
    assert_eq!(all.items[0], created);
    assert_eq!(all.items[1].id, animated.id);

    let renamed = client
        .update_application_emoji(app, created.id)
        .name("kokoro_grin")
        .await
        .unwrap();
    assert_eq!(renamed.id, created.id);
    assert_eq!(renamed.name, "kokoro_grin");
    assert_eq!(
        client
            .application_emoji(app, created.id)
            .await
            .unwrap()
            .name,
        "kokoro_grin"
    );

    // Names are unique within the application.
    let err = client
        .create_application_emoji(app, "dance", png())
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(50035), "{err}");

    client
        .delete_application_emoji(app, created.id)
        .await
        .unwrap();
    let left = client.application_emojis(app).await.unwrap();
    assert_eq!(left.items.len(), 1);
    assert_eq!(left.items[0].id, animated.id);
    let err = client.application_emoji(app, created.id).await.unwrap_err();
    assert_eq!(err.code(), Some(10014), "{err}");
    assert_eq!(err.status(), Some(404), "{err}");
    let err = client
        .delete_application_emoji(app, EmojiId::new(42))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(10014), "{err}");

    let requests = w.emu.counters().rest_requests;
    let err = client
        .create_application_emoji(app, "a", png())
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "name is 1 characters long, less than the minimum of 2"
    );
    let err = client
        .create_application_emoji(app, "no spaces", png())
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "name is invalid: may only contain letters, digits and _"
    );
    let big = ImageData::new("image/png", &vec![0u8; 256 * 1024 + 1]);
    let err = client
        .create_application_emoji(app, "big", big)
        .await
        .unwrap_err();
    assert_eq!(invalid(err), "image is invalid: is larger than 256 KiB");
    let err = client
        .update_application_emoji(app, animated.id)
        .name("x".repeat(33))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "name is 33 characters long, more than the limit of 32"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn command_permissions() {
    let w = world().await;
    let (client, app, guild) = (&w.client, w.bot.application_id, w.guild);
    let command = client
        .create_guild_command(
            app,
            guild,
            CommandBuilder::chat_input("ban", "Bans someone"),
        )
        .await
        .unwrap();
    assert!(
        client
            .guild_command_permissions(app, guild)
            .await
            .unwrap()
            .is_empty()
    );
    let err = client
        .command_permissions(app, guild, command.id)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(10066), "{err}");

    let deny_everyone = CommandPermission {
        id: GenericId::new(guild.get()),
        kind: CommandPermissionType::Role,
        permission: false,
    };
    let allow_bob = CommandPermission {
        id: GenericId::new(w.bob.get()),
        kind: CommandPermissionType::User,
        permission: true,
    };
    // A bot token cannot set them: Discord wants the Bearer token of a guild manager.
    let err = client
        .set_command_permissions(app, guild, command.id, &[deny_everyone])
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(20001), "{err}");

    let token =
        w.emu
            .create_bearer_token(app, w.alice, &["applications.commands.permissions.update"]);
    let alice = bearer_client(&w, &token);
    let set = alice
        .set_command_permissions(app, guild, command.id, &[deny_everyone, allow_bob])
        .await
        .unwrap();
    assert_eq!(set.id.get(), command.id.get());
    assert_eq!(set.application_id, app);
    assert_eq!(set.guild_id, guild);
    assert_eq!(set.permissions, [deny_everyone, allow_bob]);
    assert!(!set.is_application_wide());

    let got = client
        .command_permissions(app, guild, command.id)
        .await
        .unwrap();
    assert_eq!(got, set);
    let all = client.guild_command_permissions(app, guild).await.unwrap();
    assert_eq!(all, std::slice::from_ref(&set));
    assert_eq!(
        w.emu
            .command_permissions_of(app, guild, command.id.get())
            .len(),
        2
    );
    let audit = w.emu.audit_log(guild);
    let entry = audit.last().unwrap();
    assert_eq!(entry["action_type"], 121);
    assert_eq!(entry["target_id"], command.id.to_string());

    // The application-wide defaults live under the application's id.
    let wide = alice
        .set_command_permissions(app, guild, CommandId::new(app.get()), &[allow_bob])
        .await
        .unwrap();
    assert!(wide.is_application_wide());
    assert_eq!(
        client
            .guild_command_permissions(app, guild)
            .await
            .unwrap()
            .len(),
        2
    );

    // Bob cannot manage the guild; unknown commands are Discord's 10063.
    let bob = bearer_client(
        &w,
        &w.emu
            .create_bearer_token(app, w.bob, &["applications.commands.permissions.update"]),
    );
    let err = bob
        .set_command_permissions(app, guild, command.id, &[])
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(50013), "{err}");
    let err = alice
        .set_command_permissions(app, guild, CommandId::new(7), &[allow_bob])
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(10063), "{err}");

    let requests = w.emu.counters().rest_requests;
    let err = alice
        .set_command_permissions(app, guild, command.id, &[allow_bob; 101])
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "permissions has 101 items, more than the limit of 100"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entitlements() {
    let w = world().await;
    let (client, app) = (&w.client, w.bot.application_id);
    let durable = w.emu.create_sku(app, 2);
    let potion = w.emu.create_sku(app, 3);

    let for_bob = client
        .create_test_entitlement(app, durable, EntitlementOwner::User(w.bob))
        .await
        .unwrap();
    assert_eq!(for_bob.sku_id, durable);
    assert_eq!(for_bob.application_id, app);
    assert_eq!(for_bob.user_id, Some(w.bob));
    assert_eq!(for_bob.guild_id, None);
    assert_eq!(for_bob.kind, EntitlementType::TestModePurchase);
    assert!(!for_bob.deleted);
    let for_guild = client
        .create_test_entitlement(app, durable, EntitlementOwner::Guild(w.guild))
        .await
        .unwrap();
    assert_eq!(for_guild.guild_id, Some(w.guild));
    assert_eq!(for_guild.user_id, None);
    let potion_for_bob = client
        .create_test_entitlement(app, potion, EntitlementOwner::User(w.bob))
        .await
        .unwrap();
    assert_eq!(potion_for_bob.consumed, Some(false));

    let got = client.entitlement(app, for_bob.id).await.unwrap();
    assert_eq!(got, for_bob);
    let all = client.entitlements(app).await.unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].id, potion_for_bob.id, "newest first");
    let bobs = client.entitlements(app).user_id(w.bob).await.unwrap();
    assert_eq!(bobs.len(), 2);
    assert!(bobs.iter().all(|e| e.user_id == Some(w.bob)));
    let guilds = client.entitlements(app).guild_id(w.guild).await.unwrap();
    assert_eq!(guilds, std::slice::from_ref(&for_guild));
    let potions = client.entitlements(app).sku_ids(&[potion]).await.unwrap();
    assert_eq!(potions, std::slice::from_ref(&potion_for_bob));
    let page = client
        .entitlements(app)
        .after(for_bob.id)
        .limit(1)
        .await
        .unwrap();
    assert_eq!(page, std::slice::from_ref(&for_guild));
    let older = client
        .entitlements(app)
        .before(potion_for_bob.id)
        .await
        .unwrap();
    assert_eq!(older.len(), 2);

    // Consuming a one-time purchase; durable SKUs are not consumable.
    client
        .consume_entitlement(app, potion_for_bob.id)
        .await
        .unwrap();
    assert_eq!(
        client
            .entitlement(app, potion_for_bob.id)
            .await
            .unwrap()
            .consumed,
        Some(true)
    );
    let err = client
        .consume_entitlement(app, for_bob.id)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400), "{err}");

    // Bob's own view, with his Bearer token.
    let token = w
        .emu
        .create_bearer_token(app, w.bob, &["identify", "applications.entitlements"]);
    let bob = bearer_client(&w, &token);
    let mine = bob.current_user_entitlements(app).await.unwrap();
    assert_eq!(mine.len(), 2);
    let unconsumed = bob
        .current_user_entitlements(app)
        .exclude_consumed(true)
        .await
        .unwrap();
    assert_eq!(unconsumed, std::slice::from_ref(&for_bob));
    let of_sku = bob
        .current_user_entitlements(app)
        .sku_ids(&[potion])
        .await
        .unwrap();
    assert_eq!(of_sku.len(), 1);
    assert_eq!(of_sku[0].id, potion_for_bob.id);

    // Ended entitlements are left out on request.
    w.emu.end_entitlement(for_guild.id).unwrap();
    let current = client.entitlements(app).exclude_ended(true).await.unwrap();
    assert_eq!(current.len(), 2);
    assert!(current.iter().all(|e| e.id != for_guild.id));

    client
        .delete_test_entitlement(app, for_bob.id)
        .await
        .unwrap();
    let err = client.entitlement(app, for_bob.id).await.unwrap_err();
    assert_eq!(err.code(), Some(10029), "{err}");
    assert_eq!(client.entitlements(app).await.unwrap().len(), 2);
    let deleted_too = client
        .entitlements(app)
        .exclude_deleted(false)
        .await
        .unwrap();
    assert_eq!(deleted_too.len(), 3);
    assert!(deleted_too.iter().any(|e| e.id == for_bob.id && e.deleted));
    assert!(
        w.emu
            .entitlements_of(app)
            .iter()
            .any(|e| e["id"] == for_bob.id.to_string() && e["deleted"] == true)
    );
    let err = client
        .create_test_entitlement(app, SkuId::new(5), EntitlementOwner::User(w.bob))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(10027), "{err}");
    let err = client
        .delete_test_entitlement(app, EntitlementId::new(5))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(10029), "{err}");

    let requests = w.emu.counters().rest_requests;
    let err = client.entitlements(app).limit(0).await.unwrap_err();
    assert_eq!(invalid(err), "limit is 0, outside 1..=100");
    let many: Vec<SkuId> = (1..=101).map(SkuId::new).collect();
    let err = bob
        .current_user_entitlements(app)
        .sku_ids(&many)
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "sku_ids has 101 items, more than the limit of 100"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sku_subscriptions() {
    let w = world().await;
    let (client, app) = (&w.client, w.bot.application_id);
    let sku = w.emu.create_sku(app, 5);
    let first = w.emu.create_subscription(sku, w.bob).unwrap();
    let second = w.emu.create_subscription(sku, w.bob).unwrap();
    let alices = w.emu.create_subscription(sku, w.alice).unwrap();

    let bobs = client.sku_subscriptions(sku).user_id(w.bob).await.unwrap();
    assert_eq!(bobs.len(), 2);
    assert_eq!(bobs[0].id, second, "newest first");
    assert_eq!(bobs[1].id, first);
    assert!(bobs.iter().all(|s| s.user_id == w.bob));
    assert!(bobs.iter().all(|s| s.sku_ids == [sku]));
    assert!(bobs.iter().all(|s| s.status == SubscriptionStatus::Active));
    assert!(bobs[0].current_period_start < bobs[0].current_period_end);
    let page = client
        .sku_subscriptions(sku)
        .user_id(w.bob)
        .after(first)
        .limit(1)
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id, second);
    let before = client
        .sku_subscriptions(sku)
        .user_id(w.bob)
        .before(second)
        .await
        .unwrap();
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].id, first);

    let got = client.sku_subscription(sku, alices).await.unwrap();
    assert_eq!(got.id, alices);
    assert_eq!(got.user_id, w.alice);
    // Each subscription granted an entitlement.
    let granted = client.entitlements(app).user_id(w.alice).await.unwrap();
    assert_eq!(granted.len(), 1);
    assert_eq!(got.entitlement_ids, [granted[0].id]);
    assert_eq!(granted[0].kind, EntitlementType::ApplicationSubscription);
    let got = client
        .sku_subscription(sku, first)
        .user_id(w.bob)
        .await
        .unwrap();
    assert_eq!(got.id, first);

    // With her Bearer token, Alice sees her own.
    let token = w.emu.create_bearer_token(app, w.alice, &["identify"]);
    let alice = bearer_client(&w, &token);
    let hers = alice.sku_subscriptions(sku).await.unwrap();
    assert_eq!(hers.len(), 1);
    assert_eq!(hers[0].id, alices);

    // A bot must name the user; unknown SKUs and subscriptions are errors.
    let err = client.sku_subscriptions(sku).await.unwrap_err();
    assert_eq!(err.code(), Some(50035), "{err}");
    let err = client
        .sku_subscriptions(SkuId::new(9))
        .user_id(w.bob)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(10027), "{err}");
    let err = client
        .sku_subscription(sku, SubscriptionId::new(9))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");

    let requests = w.emu.counters().rest_requests;
    let err = client
        .sku_subscriptions(sku)
        .user_id(w.bob)
        .limit(101)
        .await
        .unwrap_err();
    assert_eq!(invalid(err), "limit is 101, outside 1..=100");
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_connections() {
    let w = world().await;
    let (client, app) = (&w.client, w.bot.application_id);
    assert!(
        client
            .role_connection_metadata(app)
            .await
            .unwrap()
            .is_empty()
    );

    let mut level = Field::new(
        FieldKind::IntegerGreaterThanOrEqual,
        "level",
        "Level",
        "Minimum level",
    );
    level.name_localizations = Some(HashMap::from([("fr".to_owned(), "Niveau".to_owned())]));
    let verified = Field::new(
        FieldKind::BooleanEqual,
        "verified",
        "Verified",
        "Has a verified account",
    );
    let set = client
        .set_role_connection_metadata(app, vec![level.clone(), verified.clone()])
        .await
        .unwrap();
    assert_eq!(set, [level.clone(), verified.clone()]);
    assert_eq!(
        client.role_connection_metadata(app).await.unwrap(),
        [level, verified]
    );

    // The user's connection, with their Bearer token.
    let token = w
        .emu
        .create_bearer_token(app, w.alice, &["identify", "role_connections.write"]);
    let alice = bearer_client(&w, &token);
    let empty = alice.role_connection(app).await.unwrap();
    assert_eq!(empty.platform_name, None);
    assert!(empty.metadata.is_empty());
    let put = alice
        .update_role_connection(app)
        .platform_name("Kokoro Quest")
        .platform_username("alice")
        .metadata("level", "42")
        .metadata("verified", "1")
        .await
        .unwrap();
    assert_eq!(put.platform_name.as_deref(), Some("Kokoro Quest"));
    assert_eq!(put.platform_username.as_deref(), Some("alice"));
    assert_eq!(put.metadata["level"], "42");
    assert_eq!(put.metadata["verified"], "1");
    assert_eq!(alice.role_connection(app).await.unwrap(), put);
    assert_eq!(
        w.emu.role_connection_of(app, w.alice).unwrap()["platform_username"],
        "alice"
    );
    // Keys must be the application's metadata keys.
    let err = alice
        .update_role_connection(app)
        .metadata("rank", "3")
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(50035), "{err}");

    alice.delete_role_connection(app).await.unwrap();
    assert!(w.emu.role_connection_of(app, w.alice).is_none());
    assert!(
        alice
            .role_connection(app)
            .await
            .unwrap()
            .metadata
            .is_empty()
    );

    // A bot token cannot act for a user; the scope is needed.
    let err = client.role_connection(app).await.unwrap_err();
    assert_eq!(err.status(), Some(401), "{err}");
    let identify_only = bearer_client(&w, &w.emu.create_bearer_token(app, w.bob, &["identify"]));
    let err = identify_only.role_connection(app).await.unwrap_err();
    assert_eq!(err.code(), Some(50001), "{err}");

    let requests = w.emu.counters().rest_requests;
    let err = client
        .set_role_connection_metadata(
            app,
            vec![Field::new(
                FieldKind::IntegerEqual,
                "Level!",
                "Level",
                "Level",
            )],
        )
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "metadata[0].key is invalid: may only contain a-z, 0-9 and _"
    );
    let six = (0..6)
        .map(|i| Field::new(FieldKind::IntegerEqual, format!("k{i}"), "n", "d"))
        .collect();
    let err = client
        .set_role_connection_metadata(app, six)
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "metadata has 6 items, more than the limit of 5"
    );
    let err = client
        .set_role_connection_metadata(
            app,
            vec![Field::new(
                FieldKind::IntegerEqual,
                "level",
                "n",
                "d".repeat(201),
            )],
        )
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "metadata[0].description is 201 characters long, more than the limit of 200"
    );
    let err = alice
        .update_role_connection(app)
        .platform_name("p".repeat(51))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "platform_name is 51 characters long, more than the limit of 50"
    );
    let err = alice
        .update_role_connection(app)
        .metadata("level", "9".repeat(101))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        "metadata is 101 characters long, more than the limit of 100"
    );
    assert_eq!(w.emu.counters().rest_requests, requests, "nothing was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth2() {
    let w = world().await;
    let app = w.bot.application_id;

    let app_info = w.client.oauth2_application().await.unwrap();
    assert_eq!(app_info.id, app);
    assert_eq!(app_info.bot.as_ref().map(|b| b.id), Some(w.bot.user_id));

    let token = w
        .emu
        .create_bearer_token(app, w.alice, &["identify", "openid", "email"]);
    let alice = bearer_client(&w, &token);
    let auth = alice.oauth2_authorization().await.unwrap();
    assert_eq!(auth.application.id, app);
    assert_eq!(auth.scopes, [Scope::Identify, Scope::OpenId, Scope::Email]);
    assert_eq!(auth.user.as_ref().map(|u| u.id), Some(w.alice));
    assert!(auth.expires > kokoro_model::Timestamp::now());

    let info = alice.openid_userinfo().await.unwrap();
    assert_eq!(info.sub, w.alice.to_string());
    assert_eq!(info.preferred_username.as_deref(), Some("alice"));
    assert_eq!(info.email_verified, Some(true));
    assert!(info.email.is_some());

    // The key set needs no token at all.
    let anonymous = Client::builder()
        .base_url(w.emu.rest_url())
        .timeout(Duration::from_secs(10))
        .build();
    let keys = anonymous.oauth2_keys().await.unwrap();
    assert_eq!(keys.keys.len(), 1);
    let key = &keys.keys[0];
    assert_eq!((key.kty.as_str(), key.usage.as_str()), ("RSA", "sig"));
    assert_eq!((key.alg.as_str(), key.e.as_str()), ("RS256", "AQAB"));
    assert_eq!(key.n.len(), 342, "a 2048-bit modulus, base64url");
    assert_eq!(w.client.oauth2_keys().await.unwrap(), keys);

    // OpenID needs the `openid` scope of a user's token.
    let err = w.client.openid_userinfo().await.unwrap_err();
    assert_eq!(err.status(), Some(401), "{err}");
    let no_openid = bearer_client(&w, &w.emu.create_bearer_token(app, w.bob, &["identify"]));
    let err = no_openid.openid_userinfo().await.unwrap_err();
    assert_eq!(err.code(), Some(50001), "{err}");
    let err = anonymous.oauth2_authorization().await.unwrap_err();
    assert!(matches!(err, Error::Api(_)), "{err}");
    assert_eq!(err.status(), Some(401), "{err}");
}
