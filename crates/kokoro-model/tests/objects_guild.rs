//! Guild-area objects decode from fixtures shaped like Discord's examples (with
//! serde_json and simd-json), re-encode, and compare to the original.
//!
//! Comparisons normalize both sides first: keys whose value is `null`,
//! `false` or `[]` are removed, since optional fields are written back only
//! when set (`None`, `false` and empty lists are all "not set").

use std::{fmt::Debug, path::PathBuf};

use kokoro_model::{
    Permissions,
    emoji::{Emoji, PartialEmoji},
    guild::{
        Ban, BulkBan, Guild, GuildFeature, GuildOnboarding, GuildPreview, GuildPrune,
        GuildTemplate, GuildWidget, GuildWidgetSettings, Integration, IntegrationExpireBehavior,
        IntegrationType, Member, MemberFlags, NsfwLevel, PartialGuild, PartialMember, PremiumTier,
        Role, RoleFlags, SystemChannelFlags, UnavailableGuild, VanityUrl, VerificationLevel,
        WelcomeScreen,
    },
    invite::{Invite, InviteFlags, InviteTargetType, InviteType},
    sticker::{Sticker, StickerFormatType, StickerItem, StickerPack, StickerPacks, StickerType},
    user::{
        ApplicationRoleConnection, Connection, ConnectionService, ConnectionVisibility,
        CurrentUser, PremiumType, UserFlags,
    },
    voice::{VoiceRegion, VoiceState},
    webhook::{Webhook, WebhookType},
};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

/// How the re-encoded value must relate to the original, after normalizing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Compare {
    /// Equal.
    Exact,
    /// Every original key is kept; defaults of fields the original omits may be added.
    Covers,
    /// Every re-encoded key is in the original; unknown fields are dropped.
    Within,
    /// Only decode → encode → decode gives the same value (values are normalized,
    /// e.g. timestamps gain microseconds, integer permissions become strings).
    Stable,
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/objects")
        .join(format!("{name}.json"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Removes keys whose value is null, false or an empty array, recursively.
fn normalize(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| {
                    !matches!(v, Value::Null | Value::Bool(false))
                        && v.as_array().is_none_or(|a| !a.is_empty())
                })
                .map(|(k, v)| (k, normalize(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normalize).collect()),
        other => other,
    }
}

/// Whether every key of `small` is in `big` with a value that is (recursively) contained.
fn contained(small: &Value, big: &Value, path: &str) -> Result<(), String> {
    match (small, big) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let p = format!("{path}.{k}");
                let other = b.get(k).ok_or_else(|| format!("{p} is missing"))?;
                contained(v, other, &p)?;
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                contained(x, y, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (a, b) if a == b => Ok(()),
        (a, b) => Err(format!("{path}: {a} != {b}")),
    }
}

/// Decodes fixture `name` as `T` with both decoders, re-encodes and compares.
fn check<T: Serialize + DeserializeOwned + PartialEq + Debug>(name: &str, compare: Compare) -> T {
    let raw = fixture(name);
    let original: Value = serde_json::from_slice(&raw).unwrap();
    let decoded: T =
        serde_json::from_slice(&raw).unwrap_or_else(|e| panic!("{name}: serde_json: {e}"));
    let mut buf = raw.clone();
    let simd: T =
        simd_json::serde::from_slice(&mut buf).unwrap_or_else(|e| panic!("{name}: simd-json: {e}"));
    assert_eq!(decoded, simd, "{name}: serde_json and simd-json disagree");

    let encoded = serde_json::to_value(&decoded).unwrap();
    let again: T = serde_json::from_value(encoded.clone())
        .unwrap_or_else(|e| panic!("{name}: re-decoding: {e}"));
    assert_eq!(
        decoded, again,
        "{name}: decode → encode → decode changed the value"
    );

    let (original, encoded) = (normalize(original), normalize(encoded));
    let result = match compare {
        Compare::Exact => {
            contained(&original, &encoded, name).and_then(|()| contained(&encoded, &original, name))
        }
        Compare::Covers => contained(&original, &encoded, name),
        Compare::Within => contained(&encoded, &original, name),
        Compare::Stable => Ok(()),
    };
    if let Err(e) = result {
        panic!("{name}: {e}\noriginal: {original}\nre-encoded: {encoded}");
    }
    decoded
}

macro_rules! fixtures {
    ($($test:ident: $ty:ty = $name:literal, $compare:ident;)*) => {
        $(
            #[test]
            fn $test() {
                check::<$ty>($name, Compare::$compare);
            }
        )*
    };
}

fixtures! {
    role: Role = "role", Exact;
    emoji: Emoji = "emoji", Exact;
    emoji_docs_example: Emoji = "emoji_docs_example", Covers;
    partial_emoji_unicode: PartialEmoji = "partial_emoji_unicode", Exact;
    partial_emoji_custom: PartialEmoji = "partial_emoji_custom", Exact;
    sticker: Sticker = "sticker", Within;
    sticker_standard: Sticker = "sticker_standard", Exact;
    sticker_pack: StickerPack = "sticker_pack", Exact;
    sticker_packs: StickerPacks = "sticker_packs", Stable;
    member: Member = "member", Exact;
    member_docs_example: Member = "member_docs_example", Covers;
    partial_member: PartialMember = "partial_member", Exact;
    partial_member_minimal: PartialMember = "partial_member_minimal", Exact;
    voice_state: VoiceState = "voice_state", Exact;
    voice_state_docs_example: VoiceState = "voice_state_docs_example", Exact;
    voice_region: VoiceRegion = "voice_region", Exact;
    welcome_screen: WelcomeScreen = "welcome_screen", Exact;
    guild: Guild = "guild", Exact;
    guild_docs_example: Guild = "guild_docs_example", Covers;
    guild_get_docs_example: Guild = "guild_get_docs_example", Covers;
    guild_create: Guild = "guild_create", Exact;
    unavailable_guild: UnavailableGuild = "unavailable_guild", Exact;
    unavailable_guild_removed: UnavailableGuild = "unavailable_guild_removed", Exact;
    partial_guild: PartialGuild = "partial_guild", Exact;
    guild_preview: GuildPreview = "guild_preview", Exact;
    guild_widget: GuildWidget = "guild_widget", Exact;
    guild_widget_settings: GuildWidgetSettings = "guild_widget_settings", Exact;
    guild_onboarding: GuildOnboarding = "guild_onboarding", Exact;
    guild_onboarding_docs_example: GuildOnboarding = "guild_onboarding_docs_example", Covers;
    ban: Ban = "ban", Exact;
    ban_no_reason: Ban = "ban_no_reason", Exact;
    bulk_ban: BulkBan = "bulk_ban", Exact;
    guild_prune: GuildPrune = "guild_prune", Exact;
    guild_prune_null: GuildPrune = "guild_prune_null", Exact;
    vanity_url: VanityUrl = "vanity_url", Exact;
    guild_template: GuildTemplate = "guild_template", Exact;
    guild_template_docs_example: GuildTemplate = "guild_template_docs_example", Stable;
    integration_twitch: Integration = "integration_twitch", Exact;
    integration_discord: Integration = "integration_discord", Exact;
    invite: Invite = "invite", Exact;
    invite_metadata: Invite = "invite_metadata", Within;
    invite_group_dm: Invite = "invite_group_dm", Exact;
    invite_friend: Invite = "invite_friend", Within;
    webhook_incoming: Webhook = "webhook_incoming", Exact;
    webhook_channel_follower: Webhook = "webhook_channel_follower", Exact;
    webhook_application: Webhook = "webhook_application", Exact;
    current_user: CurrentUser = "current_user", Exact;
    connection: Connection = "connection", Exact;
    application_role_connection: ApplicationRoleConnection = "application_role_connection", Exact;
    application_role_connection_empty: ApplicationRoleConnection = "application_role_connection_empty", Exact;
}

#[test]
fn role_tags_and_unknown_flags() {
    let role: Role = check("role_tags", Compare::Exact);
    let tags = role.tags.expect("tags");
    assert!(tags.premium_subscriber && tags.available_for_purchase && tags.guild_connections);
    assert_eq!(tags.bot_id.map(|id| id.get()), Some(41771983423143940));
    assert_eq!(role.colors.tertiary_color, Some(16761760));
    assert_eq!(role.flags, RoleFlags::IN_PROMPT);
}

#[test]
fn guild_keeps_unknown_values_and_skips_unknown_fields() {
    let guild: Guild = check("guild_unknown_values", Compare::Within);
    assert_eq!(
        guild.features[1],
        GuildFeature::Unknown("SOME_FUTURE_FEATURE".into())
    );
    assert_eq!(guild.verification_level, VerificationLevel::Unknown(9));
    assert_eq!(guild.premium_tier, PremiumTier::Unknown(8));
    assert_eq!(guild.nsfw_level, NsfwLevel::Unknown(6));
    assert!(
        guild
            .system_channel_flags
            .contains(SystemChannelFlags::SUPPRESS_JOIN_NOTIFICATIONS)
    );
    assert_eq!(guild.system_channel_flags.bits(), 1 | (1 << 30));
    assert_eq!(guild.roles[1].flags.bits(), 1 | (1 << 9));
    assert!(
        guild.roles[1]
            .permissions
            .contains(Permissions::ADMINISTRATOR)
    );
    assert_eq!(guild.roles[1].permissions.bits(), (1 << 53) | 8);
    assert!(guild.incidents_data.is_none() && guild.icon.is_none() && guild.max_members.is_none());
    assert_eq!(guild.everyone_role_id(), guild.roles[0].id);
}

#[test]
fn guild_create_extras() {
    let guild: Guild = check("guild_create", Compare::Exact);
    assert!(guild.large && !guild.unavailable);
    assert_eq!(guild.member_count, Some(1234));
    assert_eq!(guild.members[0].display_name(), Some("NOT API SUPPORT"));
    assert!(guild.voice_states[0].guild_id.is_none());
    assert_eq!(guild.channels.len() + guild.threads.len(), 2);
    assert_eq!(guild.presences.len(), 1);
    assert_eq!(guild.stage_instances.len(), 1);
    assert_eq!(guild.guild_scheduled_events.len(), 1);
    assert_eq!(guild.soundboard_sounds.len(), 1);
    assert!(guild.has_feature(&GuildFeature::Community));
}

#[test]
fn members_guest_and_partial() {
    let guest: Member = check("member_guest", Compare::Within);
    assert!(guest.joined_at.is_none());
    assert!(guest.flags.contains(MemberFlags::IS_GUEST));
    assert_eq!(guest.flags.bits(), (1 << 4) | (1 << 20));
    assert_eq!(guest.permissions, Some(Permissions::SEND_MESSAGES));
    assert!(guest.avatar.is_some_and(|hash| hash.is_animated()));

    let partial: PartialMember = check("partial_member", Compare::Exact);
    let user = check::<CurrentUser>("current_user", Compare::Exact).into();
    let member = partial.into_member(user);
    assert_eq!(member.user_id().map(|id| id.get()), Some(80351110224678912));
    assert!(!member.deaf);
}

#[test]
fn emojis_partial_and_deleted() {
    let deleted: PartialEmoji = check("partial_emoji_deleted", Compare::Exact);
    assert!(deleted.is_custom() && deleted.name.is_none());
    let emoji: Emoji = check("emoji_docs_example", Compare::Covers);
    assert!(emoji.available, "an emoji without `available` is available");
    assert_eq!(
        emoji.to_partial(),
        PartialEmoji::custom(emoji.id, "LUL", false)
    );
}

#[test]
fn stickers_unknown_and_items() {
    let sticker: Sticker = check("sticker_unknown", Compare::Within);
    assert_eq!(sticker.kind, StickerType::Unknown(9));
    assert!(sticker.format_type.is_none() && sticker.item().is_none());
    let item: StickerItem = check("sticker_item", Compare::Exact);
    assert_eq!(item.format_type, StickerFormatType::Unknown(5));
    let standard: Sticker = check("sticker_standard", Compare::Exact);
    assert_eq!(
        standard.item().map(|i| i.format_type),
        Some(StickerFormatType::Lottie)
    );
}

#[test]
fn voice_state_spec_nulls() {
    let state: VoiceState = check("voice_state_spec_nulls", Compare::Exact);
    assert!(!state.self_stream && state.guild_id.is_none() && state.channel_id.is_none());
}

#[test]
fn integrations_unknown_and_nulls() {
    let twitch: Integration = check("integration_twitch", Compare::Exact);
    assert_eq!(
        twitch.expire_behavior,
        Some(IntegrationExpireBehavior::Kick)
    );
    let unknown: Integration = check("integration_unknown", Compare::Stable);
    assert_eq!(
        unknown.kind,
        IntegrationType::Unknown("future_service".into())
    );
    assert_eq!(unknown.name, "");
    assert_eq!(
        unknown.expire_behavior,
        Some(IntegrationExpireBehavior::Unknown(7))
    );
}

#[test]
fn invites_of_every_kind() {
    let invite: Invite = check("invite", Compare::Exact);
    assert_eq!(invite.kind, InviteType::Guild);
    assert_eq!(invite.target_type, Some(InviteTargetType::Stream));
    assert_eq!(invite.url(), "https://discord.gg/0vCdhLbwjZZTWZLD");
    let meta: Invite = check("invite_metadata", Compare::Within);
    assert_eq!(meta.flags, Some(InviteFlags::IS_GUEST_INVITE));
    assert!(meta.guild_scheduled_event.is_some() && meta.temporary == Some(false));
    let gdm: Invite = check("invite_group_dm", Compare::Exact);
    assert_eq!(gdm.kind, InviteType::GroupDm);
    let friend: Invite = check("invite_friend", Compare::Within);
    assert!(friend.channel.is_none());
    let unknown: Invite = check("invite_unknown", Compare::Within);
    assert_eq!(unknown.kind, InviteType::Unknown(7));
    assert_eq!(unknown.target_type, Some(InviteTargetType::Unknown(9)));
    assert_eq!(unknown.flags.map(|f| f.bits()), Some(6));
}

#[test]
fn webhooks_unknown() {
    let hook: Webhook = check("webhook_unknown", Compare::Within);
    assert_eq!(hook.kind, WebhookType::Unknown(4));
    assert!(hook.name.is_none() && hook.url.is_some());
}

#[test]
fn current_user_and_connections() {
    let me: CurrentUser = check("current_user_minimal", Compare::Exact);
    assert!(me.bot && me.email.is_none() && me.verified.is_none());
    assert!(me.flags.contains(UserFlags::BOT_HTTP_INTERACTIONS));
    assert_eq!(me.flags.bits(), (1 << 19) | (1 << 40));
    assert_eq!(me.premium_type, Some(PremiumType::Unknown(9)));
    let connection: Connection = check("connection", Compare::Exact);
    assert_eq!(connection.kind, ConnectionService::Github);
    let unknown: Connection = check("connection_unknown", Compare::Stable);
    assert_eq!(unknown.kind, ConnectionService::Unknown("myspace".into()));
    assert_eq!(unknown.visibility, ConnectionVisibility::Unknown(5));
}

#[test]
fn template_placeholder_ids() {
    let template: GuildTemplate = check("guild_template_docs_example", Compare::Stable);
    let snapshot = &template.serialized_source_guild;
    assert_eq!(snapshot.roles[0].id.0, 0);
    assert_eq!(snapshot.roles[0].permissions.bits(), 104324689);
    assert_eq!(snapshot.channels[1].parent_id.map(|id| id.0), Some(1));
    assert_eq!(snapshot.system_channel_id.map(|id| id.0), Some(2));
}
