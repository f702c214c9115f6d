//! Guilds and their settings: preview, channels, widget, welcome screen, onboarding, templates, prune, integrations, join requests, search, and the remaining member, role and ban routes.

use std::{
    future::{Future, IntoFuture},
    pin::Pin,
};

use kokoro_model::{
    Timestamp,
    audit_log::AuditLogEvent,
    channel::{
        AutoArchiveDuration, ChannelType, DefaultReaction, ForumLayout, ForumTag,
        PermissionOverwrite, SortOrder, VideoQualityMode,
    },
    guild::{
        DefaultMessageNotificationLevel, ExplicitContentFilter, GuildFeature, JoinRequestStatus,
        MemberFlags, OnboardingMode, OnboardingPrompt, SystemChannelFlags, VerificationLevel,
        WelcomeScreenChannel, WidgetStyle,
    },
    id::{
        AuditLogEntryId, ChannelId, GenericId, GuildId, IntegrationId, MessageId, RoleId, UserId,
    },
    search::{SearchAuthorType, SearchEmbedType, SearchHas, SearchSortMode, SearchSortOrder},
    validate::{self, ValidationError, ValidationErrorKind},
};
use serde_json::{Value, json};

use super::{Builder, op};
use crate::{Client, Error, ImageData, routes::Route, typed::op::WidgetImage};

/// The widget image is not JSON: `.await` gives its bytes.
impl<'a> IntoFuture for Builder<'a, op::GetWidgetImage, op::PngResponse> {
    type Output = Result<WidgetImage, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<WidgetImage, Error>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            if let Some(e) = self.error {
                return Err(Error::Validation(e));
            }
            let response = self.client.send(self.request).await?;
            let content_type = response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            Ok(WidgetImage {
                content_type,
                bytes: response.bytes(),
            })
        })
    }
}

/// `field` has between `min` and `max` items.
fn items_between(
    field: &'static str,
    count: usize,
    min: usize,
    max: usize,
) -> Result<(), ValidationError> {
    if count < min {
        return Err(ValidationError::new(
            field,
            ValidationErrorKind::TooFew { count, min },
        ));
    }
    validate::max_items(field, count, max)
}

/// An optional text of at most `max` characters.
fn opt_max(field: &'static str, value: Option<&str>, max: usize) -> Result<(), ValidationError> {
    value.map_or(Ok(()), |v| validate::max_chars(field, v, max))
}

/// At most `hours` hours ahead (or `None`).
fn within_hours(
    field: &'static str,
    until: Option<Timestamp>,
    hours: i64,
    reason: &'static str,
) -> Result<(), ValidationError> {
    match until {
        Some(t) if t.as_millis() - Timestamp::now().as_millis() > hours * 3_600_000 => {
            Err(ValidationError::invalid(field, reason))
        }
        _ => Ok(()),
    }
}

/// A body that is a list of moves: an error until the first entry is added.
fn positions<'a, O: op::Op>(
    client: &'a Client,
    route: Route<'a>,
    field: &'static str,
) -> Builder<'a, O, Value> {
    let mut builder = Builder::with_body(client, route, Value::Array(Vec::new()));
    builder.error = items_between(field, 0, 1, usize::MAX).err();
    builder
}

impl Builder<'_, op::GetGuild> {
    /// Includes `approximate_member_count` and `approximate_presence_count`.
    pub fn with_counts(self) -> Self {
        self.query("with_counts", true)
    }
}

impl Builder<'_, op::UpdateGuild, Value> {
    /// The name (2 to 100 characters).
    pub fn name(self, name: impl Into<String>) -> Self {
        self.text("name", name.into(), 2, 100)
    }

    /// The description (at most 300 characters; `None` removes it).
    pub fn description(self, description: Option<&str>) -> Self {
        self.check(opt_max("description", description, 300))
            .field("description", description)
    }

    /// The icon (a PNG, JPEG or GIF; `None` removes it).
    pub fn icon(self, icon: Option<ImageData>) -> Self {
        self.field("icon", icon)
    }

    /// The banner (needs the `BANNER` feature; `None` removes it).
    pub fn banner(self, banner: Option<ImageData>) -> Self {
        self.field("banner", banner)
    }

    /// The invite splash (needs the `INVITE_SPLASH` feature; `None` removes it).
    pub fn splash(self, splash: Option<ImageData>) -> Self {
        self.field("splash", splash)
    }

    /// The discovery splash (needs the `DISCOVERABLE` feature; `None` removes it).
    pub fn discovery_splash(self, splash: Option<ImageData>) -> Self {
        self.field("discovery_splash", splash)
    }

    /// Who may join and talk.
    pub fn verification_level(self, level: VerificationLevel) -> Self {
        self.field("verification_level", level)
    }

    /// Which messages notify members by default.
    pub fn default_message_notifications(self, level: DefaultMessageNotificationLevel) -> Self {
        self.field("default_message_notifications", level)
    }

    /// Whose media is scanned for explicit content.
    pub fn explicit_content_filter(self, filter: ExplicitContentFilter) -> Self {
        self.field("explicit_content_filter", filter)
    }

    /// The AFK voice channel (`None` for none).
    pub fn afk_channel_id(self, channel: Option<ChannelId>) -> Self {
        self.field("afk_channel_id", channel)
    }

    /// Seconds before a silent member is moved to the AFK channel: 60, 300, 900,
    /// 1,800 or 3,600.
    pub fn afk_timeout(self, seconds: u32) -> Self {
        let check = if matches!(seconds, 60 | 300 | 900 | 1800 | 3600) {
            Ok(())
        } else {
            Err(ValidationError::invalid(
                "afk_timeout",
                "must be 60, 300, 900, 1800 or 3600",
            ))
        };
        self.check(check).field("afk_timeout", seconds)
    }

    /// Where system messages (joins, boosts) go (`None` for nowhere).
    pub fn system_channel_id(self, channel: Option<ChannelId>) -> Self {
        self.field("system_channel_id", channel)
    }

    /// Which system messages are suppressed.
    pub fn system_channel_flags(self, flags: SystemChannelFlags) -> Self {
        self.field("system_channel_flags", flags)
    }

    /// The rules channel of a Community guild.
    pub fn rules_channel_id(self, channel: Option<ChannelId>) -> Self {
        self.field("rules_channel_id", channel)
    }

    /// Where Discord's notices to moderators of a Community guild go.
    pub fn public_updates_channel_id(self, channel: Option<ChannelId>) -> Self {
        self.field("public_updates_channel_id", channel)
    }

    /// Where safety alerts of a Community guild go.
    pub fn safety_alerts_channel_id(self, channel: Option<ChannelId>) -> Self {
        self.field("safety_alerts_channel_id", channel)
    }

    /// The locale of a Community guild (`en-US`, `fr`, …; at most 10 characters).
    pub fn preferred_locale(self, locale: &str) -> Self {
        self.check(validate::chars_between("preferred_locale", locale, 2, 10))
            .field("preferred_locale", locale)
    }

    /// The features (only the mutable ones change: `COMMUNITY`, `INVITES_DISABLED`,
    /// `DISCOVERABLE`, …).
    pub fn features(self, features: &[GuildFeature]) -> Self {
        self.field("features", features)
    }

    /// Shows the boost progress bar.
    pub fn premium_progress_bar_enabled(self, enabled: bool) -> Self {
        self.field("premium_progress_bar_enabled", enabled)
    }
}

impl Builder<'_, op::CreateGuildChannel, Value> {
    /// The type (Discord's default `GuildText`): text, voice, category,
    /// announcement, stage, forum or media.
    pub fn kind(self, kind: ChannelType) -> Self {
        let check = if matches!(
            kind,
            ChannelType::GuildText
                | ChannelType::GuildVoice
                | ChannelType::GuildCategory
                | ChannelType::GuildAnnouncement
                | ChannelType::GuildStageVoice
                | ChannelType::GuildDirectory
                | ChannelType::GuildForum
                | ChannelType::GuildMedia
        ) {
            Ok(())
        } else {
            Err(ValidationError::invalid(
                "type",
                "must be a guild channel type",
            ))
        };
        self.check(check).field("type", kind)
    }

    /// The topic (at most 1,024 characters; 4,096 in forum and media channels).
    pub fn topic(self, topic: impl Into<String>) -> Self {
        self.text("topic", topic.into(), 0, 4096)
    }

    /// Voice: the bitrate in bits per second (at least 8,000; at most 96,000, more
    /// with boosts).
    pub fn bitrate(self, bitrate: u32) -> Self {
        self.number("bitrate", bitrate.into(), 8000, 384_000)
    }

    /// Voice: how many users may join (0 unlimited; at most 99, 10,000 for stages).
    pub fn user_limit(self, limit: u32) -> Self {
        self.number("user_limit", limit.into(), 0, 10_000)
    }

    /// Slow mode: seconds between a user's messages (0 to 21,600).
    pub fn rate_limit_per_user(self, seconds: u32) -> Self {
        self.number("rate_limit_per_user", seconds.into(), 0, 21_600)
    }

    /// The position in the channel list.
    pub fn position(self, position: u32) -> Self {
        self.number("position", position.into(), 0, i64::from(i32::MAX))
    }

    /// The permission overwrites (at most 100).
    pub fn permission_overwrites(self, overwrites: Vec<PermissionOverwrite>) -> Self {
        self.check(validate::max_items(
            "permission_overwrites",
            overwrites.len(),
            100,
        ))
        .field("permission_overwrites", overwrites)
    }

    /// The category it goes in.
    pub fn parent_id(self, parent: ChannelId) -> Self {
        self.field("parent_id", parent)
    }

    /// Whether the channel is age-restricted.
    pub fn nsfw(self, nsfw: bool) -> Self {
        self.field("nsfw", nsfw)
    }

    /// Voice: the voice region id (`None`: automatic).
    pub fn rtc_region(self, region: Option<&str>) -> Self {
        self.field("rtc_region", region)
    }

    /// Voice: the camera video quality.
    pub fn video_quality_mode(self, mode: VideoQualityMode) -> Self {
        self.field("video_quality_mode", mode)
    }

    /// The default archive delay of new threads.
    pub fn default_auto_archive_duration(self, duration: AutoArchiveDuration) -> Self {
        self.field("default_auto_archive_duration", duration.minutes())
    }

    /// Forum and media: the emoji of the add-reaction button on posts.
    pub fn default_reaction_emoji(self, emoji: DefaultReaction) -> Self {
        self.field("default_reaction_emoji", emoji)
    }

    /// Forum and media: the tags posts can have (at most 20; names at most 20
    /// characters; their ids are ignored).
    pub fn available_tags(self, tags: Vec<ForumTag>) -> Self {
        let mut check = validate::max_items("available_tags", tags.len(), 20);
        let list: Vec<Value> = tags
            .into_iter()
            .map(|t| {
                if check.is_ok() {
                    check = validate::chars_between("available_tags.name", &t.name, 1, 20);
                }
                json!({
                    "name": t.name,
                    "moderated": t.moderated,
                    "emoji_id": t.emoji_id,
                    "emoji_name": t.emoji_name,
                })
            })
            .collect();
        self.check(check).field("available_tags", list)
    }

    /// Forum and media: the slow mode of new threads (0 to 21,600 seconds).
    pub fn default_thread_rate_limit_per_user(self, seconds: u32) -> Self {
        self.number(
            "default_thread_rate_limit_per_user",
            seconds.into(),
            0,
            21_600,
        )
    }

    /// Forum and media: how posts are sorted.
    pub fn default_sort_order(self, order: SortOrder) -> Self {
        self.field("default_sort_order", order)
    }

    /// Forum: how posts are shown.
    pub fn default_forum_layout(self, layout: ForumLayout) -> Self {
        self.field("default_forum_layout", layout)
    }

    /// Forum and media: whether a tag filter matches posts with all the tags
    /// (`true`) or with any of them.
    pub fn default_tag_setting_match_all(self, all: bool) -> Self {
        self.field(
            "default_tag_setting",
            if all { "match_all" } else { "match_some" },
        )
    }
}

impl Builder<'_, op::UpdateChannelPositions, Value> {
    /// Moves a channel to `position`.
    pub fn position(self, channel_id: ChannelId, position: u32) -> Self {
        self.push_entry(json!({"id": channel_id, "position": position}))
    }

    /// Moves a channel into a category (`None`: out of it), syncing its permissions
    /// with the category's if `lock_permissions`.
    pub fn parent(
        self,
        channel_id: ChannelId,
        parent_id: Option<ChannelId>,
        lock_permissions: bool,
    ) -> Self {
        self.push_entry(
            json!({"id": channel_id, "parent_id": parent_id, "lock_permissions": lock_permissions}),
        )
    }
}

impl Builder<'_, op::UpdateRolePositions, Value> {
    /// Moves a role to `position`.
    pub fn position(self, role_id: RoleId, position: u32) -> Self {
        self.push_entry(json!({"id": role_id, "position": position}))
    }
}

impl<O> Builder<'_, O, Value> {
    /// Adds an entry to a body that is a JSON array; the first one lifts the
    /// "no entries" error [`positions`] starts with (nothing else checks these bodies).
    fn push_entry(mut self, entry: Value) -> Self {
        if let Value::Array(list) = &mut self.body {
            if list.is_empty() {
                self.error = None;
            }
            list.push(entry);
        }
        self
    }
}

impl Builder<'_, op::GetAuditLog> {
    /// Entries made by this user.
    pub fn user_id(self, user: UserId) -> Self {
        self.query("user_id", user)
    }

    /// Entries about this target (a user, role, channel, … : any id, e.g.
    /// `role_id.cast()`).
    pub fn target_id(self, target: GenericId) -> Self {
        self.query("target_id", target)
    }

    /// Entries of this kind.
    pub fn action_type(self, action: AuditLogEvent) -> Self {
        self.query("action_type", action.value())
    }

    /// Entries before this one (newest first).
    pub fn before(self, entry: AuditLogEntryId) -> Self {
        self.query("before", entry)
    }

    /// Entries after this one (oldest first).
    pub fn after(self, entry: AuditLogEntryId) -> Self {
        self.query("after", entry)
    }

    /// How many (1 to 100; Discord's default 50).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 100)
    }
}

impl Builder<'_, op::BulkBanUsers, Value> {
    /// Deletes the users' messages of the last `seconds` (0 to 604,800: a week).
    pub fn delete_message_seconds(self, seconds: u32) -> Self {
        self.number("delete_message_seconds", seconds.into(), 0, 604_800)
    }
}

impl Builder<'_, op::SearchMembers> {
    /// How many (1 to 1,000; Discord's default 1).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 1000)
    }
}

impl Builder<'_, op::AddMember, Value> {
    /// The nickname (at most 32 characters; needs `MANAGE_NICKNAMES`).
    pub fn nick(self, nick: &str) -> Self {
        self.check(validate::max_chars("nick", nick, 32))
            .field("nick", nick)
    }

    /// The roles (at most 250; needs `MANAGE_ROLES`).
    pub fn roles(self, roles: &[RoleId]) -> Self {
        self.check(validate::max_items("roles", roles.len(), 250))
            .field("roles", roles)
    }

    /// Mutes the member in voice (needs `MUTE_MEMBERS`).
    pub fn mute(self, mute: bool) -> Self {
        self.field("mute", mute)
    }

    /// Deafens the member in voice (needs `DEAFEN_MEMBERS`).
    pub fn deaf(self, deaf: bool) -> Self {
        self.field("deaf", deaf)
    }

    /// The member flags (`BYPASSES_VERIFICATION`).
    pub fn flags(self, flags: MemberFlags) -> Self {
        self.field("flags", flags)
    }
}

impl Builder<'_, op::UpdateCurrentMember, Value> {
    /// The bot's nickname (at most 32 characters; `None` removes it).
    pub fn nick(self, nick: Option<&str>) -> Self {
        self.check(opt_max("nick", nick, 32)).field("nick", nick)
    }

    /// The bot's avatar in this guild (`None` removes it).
    pub fn avatar(self, avatar: Option<ImageData>) -> Self {
        self.field("avatar", avatar)
    }

    /// The bot's banner in this guild (`None` removes it).
    pub fn banner(self, banner: Option<ImageData>) -> Self {
        self.field("banner", banner)
    }

    /// The bot's "about me" in this guild (at most 190 characters; `None` removes it).
    pub fn bio(self, bio: Option<&str>) -> Self {
        self.check(opt_max("bio", bio, 190)).field("bio", bio)
    }
}

impl Builder<'_, op::SearchMessages> {
    fn ids<I: ToString>(mut self, key: &'static str, ids: &[I], max: usize) -> Self {
        self = self.check(validate::max_items(key, ids.len(), max));
        for id in ids {
            self = self.query(key, id.to_string());
        }
        self
    }

    fn texts(mut self, key: &'static str, values: &[&str], max_len: usize) -> Self {
        self = self.check(validate::max_items(key, values.len(), 100));
        for v in values {
            self = self
                .check(validate::max_chars(key, v, max_len))
                .query(key, v);
        }
        self
    }

    /// Messages containing this text (at most 1,024 characters).
    pub fn content(self, content: &str) -> Self {
        self.check(validate::max_chars("content", content, 1024))
            .query("content", content)
    }

    /// How many words may separate the query's words (0 to 100; Discord's default 2).
    pub fn slop(self, slop: u32) -> Self {
        self.query_in_range("slop", slop, 0, 100)
    }

    /// Orders by relevance or time.
    pub fn sort_by(self, mode: SearchSortMode) -> Self {
        self.query("sort_by", mode.as_str())
    }

    /// Ascending or descending.
    pub fn sort_order(self, order: SearchSortOrder) -> Self {
        self.query("sort_order", order.as_str())
    }

    /// Messages by these authors (at most 100).
    pub fn author_ids(self, ids: &[UserId]) -> Self {
        self.ids("author_id", ids, 100)
    }

    /// Messages by these kinds of author (at most 6).
    pub fn author_types(self, types: &[SearchAuthorType]) -> Self {
        let names: Vec<&str> = types.iter().map(SearchAuthorType::as_str).collect();
        self.ids("author_type", &names, 6)
    }

    /// Messages mentioning these users (at most 100).
    pub fn mentions(self, ids: &[UserId]) -> Self {
        self.ids("mentions", ids, 100)
    }

    /// Messages mentioning these roles (at most 100).
    pub fn mentions_role_ids(self, ids: &[RoleId]) -> Self {
        self.ids("mentions_role_id", ids, 100)
    }

    /// Replies to these users (at most 100).
    pub fn replied_to_user_ids(self, ids: &[UserId]) -> Self {
        self.ids("replied_to_user_id", ids, 100)
    }

    /// Replies to these messages (at most 100).
    pub fn replied_to_message_ids(self, ids: &[MessageId]) -> Self {
        self.ids("replied_to_message_id", ids, 100)
    }

    /// Messages that mention (or, with `false`, do not mention) everyone.
    pub fn mention_everyone(self, everyone: bool) -> Self {
        self.query("mention_everyone", everyone)
    }

    /// Messages with an id above this one.
    pub fn min_id(self, id: MessageId) -> Self {
        self.query("min_id", id)
    }

    /// Messages with an id below this one.
    pub fn max_id(self, id: MessageId) -> Self {
        self.query("max_id", id)
    }

    /// How many (1 to 25; Discord's default 25).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 25)
    }

    /// Skips this many results (0 to 9,975).
    pub fn offset(self, offset: u32) -> Self {
        self.query_in_range("offset", offset, 0, 9975)
    }

    /// Messages that have (or lack) these things (at most 18).
    pub fn has(self, has: &[SearchHas]) -> Self {
        let names: Vec<&str> = has.iter().map(SearchHas::as_str).collect();
        self.ids("has", &names, 18)
    }

    /// Messages linking to these hosts (at most 100, each at most 256 characters).
    pub fn link_hostnames(self, hosts: &[&str]) -> Self {
        self.texts("link_hostname", hosts, 256)
    }

    /// Messages with embeds from these providers (at most 100, each at most 256
    /// characters).
    pub fn embed_providers(self, providers: &[&str]) -> Self {
        self.texts("embed_provider", providers, 256)
    }

    /// Messages with these kinds of embed (at most 5).
    pub fn embed_types(self, types: &[SearchEmbedType]) -> Self {
        let names: Vec<&str> = types.iter().map(SearchEmbedType::as_str).collect();
        self.ids("embed_type", &names, 5)
    }

    /// Messages with attachments of these extensions (at most 100, each at most 256
    /// characters).
    pub fn attachment_extensions(self, extensions: &[&str]) -> Self {
        self.texts("attachment_extension", extensions, 256)
    }

    /// Messages with attachments of these names (at most 100, each at most 1,024
    /// characters).
    pub fn attachment_filenames(self, names: &[&str]) -> Self {
        self.texts("attachment_filename", names, 1024)
    }

    /// Pinned (or unpinned) messages.
    pub fn pinned(self, pinned: bool) -> Self {
        self.query("pinned", pinned)
    }

    /// Includes messages of age-restricted channels.
    pub fn include_nsfw(self, include: bool) -> Self {
        self.query("include_nsfw", include)
    }

    /// Messages in these channels (at most 500).
    pub fn channel_ids(self, ids: &[ChannelId]) -> Self {
        self.ids("channel_id", ids, 500)
    }
}

impl Builder<'_, op::UpdateOnboarding, Value> {
    /// The prompts (at most 15, each with 1 to 50 options; titles 1 to 100
    /// characters, option titles 1 to 50).
    pub fn prompts(self, prompts: Vec<OnboardingPrompt>) -> Self {
        let check = validate::max_items("prompts", prompts.len(), 15).and_then(|()| {
            prompts.iter().try_for_each(|p| {
                validate::chars_between("prompts.title", &p.title, 1, 100)?;
                items_between("prompts.options", p.options.len(), 1, 50)?;
                p.options.iter().try_for_each(|o| {
                    validate::chars_between("prompts.options.title", &o.title, 1, 50)?;
                    opt_max("prompts.options.description", o.description.as_deref(), 100)
                })
            })
        });
        self.check(check).field("prompts", prompts)
    }

    /// The channels members see by default (at most 500).
    pub fn default_channel_ids(self, channels: &[ChannelId]) -> Self {
        self.check(validate::max_items(
            "default_channel_ids",
            channels.len(),
            500,
        ))
        .field("default_channel_ids", channels)
    }

    /// Turns onboarding on or off.
    pub fn enabled(self, enabled: bool) -> Self {
        self.field("enabled", enabled)
    }

    /// Which criteria count for enabling onboarding.
    pub fn mode(self, mode: OnboardingMode) -> Self {
        self.field("mode", mode)
    }
}

impl Builder<'_, op::GetPruneCount> {
    /// Members inactive for this many days (1 to 30; Discord's default 7).
    pub fn days(self, days: u32) -> Self {
        self.query_in_range("days", days, 1, 30)
    }

    /// Also counts members with these roles (at most 100; by default members with
    /// a role are left alone).
    pub fn include_roles(self, roles: &[RoleId]) -> Self {
        let list: Vec<String> = roles.iter().map(ToString::to_string).collect();
        self.check(validate::max_items("include_roles", roles.len(), 100))
            .query("include_roles", list.join(","))
    }
}

impl Builder<'_, op::BeginPrune, Value> {
    /// Members inactive for this many days (1 to 30; Discord's default 7).
    pub fn days(self, days: u32) -> Self {
        self.number("days", days.into(), 1, 30)
    }

    /// Also prunes members with these roles (at most 100).
    pub fn include_roles(self, roles: &[RoleId]) -> Self {
        self.check(validate::max_items("include_roles", roles.len(), 100))
            .field("include_roles", roles)
    }

    /// Whether the response counts the pruned members (Discord's default `true`;
    /// `false` for large guilds, then `pruned` is `None`).
    pub fn compute_prune_count(self, compute: bool) -> Self {
        self.field("compute_prune_count", compute)
    }
}

impl Builder<'_, op::ListJoinRequests> {
    /// Requests in this state: `Submitted` (Discord's default), `Approved` or
    /// `Rejected`.
    pub fn status(self, status: JoinRequestStatus) -> Self {
        self.query("status", status.as_str())
    }

    /// How many (1 to 100).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 100)
    }

    /// Requests before this one.
    pub fn before(self, id: GenericId) -> Self {
        self.query("before", id)
    }

    /// Requests after this one (wins over `before`).
    pub fn after(self, id: GenericId) -> Self {
        self.query("after", id)
    }
}

impl Builder<'_, op::ActionJoinRequest, Value> {
    /// Why the request was rejected (at most 160 characters).
    pub fn rejection_reason(self, reason: impl Into<String>) -> Self {
        self.text("rejection_reason", reason.into(), 0, 160)
    }
}

impl Builder<'_, op::UpdateIncidentActions, Value> {
    /// Disables invites until then (at most 24 hours ahead; `None` enables them).
    pub fn invites_disabled_until(self, until: Option<Timestamp>) -> Self {
        self.check(within_hours(
            "invites_disabled_until",
            until,
            24,
            "must be at most 24 hours ahead",
        ))
        .field("invites_disabled_until", until)
    }

    /// Disables DMs between members until then (at most 24 hours ahead; `None`
    /// enables them).
    pub fn dms_disabled_until(self, until: Option<Timestamp>) -> Self {
        self.check(within_hours(
            "dms_disabled_until",
            until,
            24,
            "must be at most 24 hours ahead",
        ))
        .field("dms_disabled_until", until)
    }
}

impl Builder<'_, op::UpdateTemplate, Value> {
    /// The name (1 to 100 characters).
    pub fn name(self, name: impl Into<String>) -> Self {
        self.text("name", name.into(), 1, 100)
    }

    /// The description (at most 120 characters; `None` removes it).
    pub fn description(self, description: Option<&str>) -> Self {
        self.check(opt_max("description", description, 120))
            .field("description", description)
    }
}

impl Builder<'_, op::CreateTemplate, Value> {
    /// The description (at most 120 characters).
    pub fn description(self, description: impl Into<String>) -> Self {
        self.text("description", description.into(), 0, 120)
    }
}

impl Builder<'_, op::UpdateWelcomeScreen, Value> {
    /// Shows or hides the welcome screen.
    pub fn enabled(self, enabled: bool) -> Self {
        self.field("enabled", enabled)
    }

    /// The text under the title (at most 140 characters; `None` removes it).
    pub fn description(self, description: Option<&str>) -> Self {
        self.check(opt_max("description", description, 140))
            .field("description", description)
    }

    /// The channels shown (at most 5; descriptions 1 to 50 characters).
    pub fn welcome_channels(self, channels: Vec<WelcomeScreenChannel>) -> Self {
        let check = validate::max_items("welcome_channels", channels.len(), 5).and_then(|()| {
            channels.iter().try_for_each(|c| {
                validate::chars_between("welcome_channels.description", &c.description, 1, 50)
            })
        });
        self.check(check).field("welcome_channels", channels)
    }
}

impl Builder<'_, op::UpdateWidgetSettings, Value> {
    /// Turns the widget on or off.
    pub fn enabled(self, enabled: bool) -> Self {
        self.field("enabled", enabled)
    }

    /// The channel the widget's invite leads to (`None` for none).
    pub fn channel_id(self, channel: Option<ChannelId>) -> Self {
        self.field("channel_id", channel)
    }
}

impl Builder<'_, op::GetWidgetImage, op::PngResponse> {
    /// The look of the image (Discord's default `Shield`).
    pub fn style(self, style: WidgetStyle) -> Self {
        self.query("style", style.as_str())
    }
}

impl Client {
    /// `GET /guilds/{guild_id}`: the guild (with `.with_counts()`, its approximate
    /// member and presence counts).
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// let guild = client.guild(kokoro_model::id::GuildId::new(1)).with_counts().await?;
    /// println!("{} has {:?} members", guild.name, guild.approximate_member_count);
    /// # Ok(()) }
    /// ```
    pub fn guild(&self, guild_id: GuildId) -> Builder<'_, op::GetGuild> {
        Builder::new(self, Route::GetGuild { guild_id })
    }

    /// `PATCH /guilds/{guild_id}`: name, description, images, channels, levels, …
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client, png: Vec<u8>) -> Result<(), kokoro_http::Error> {
    /// let icon = kokoro_http::ImageData::from_bytes(&png);
    /// client
    ///     .update_guild(kokoro_model::id::GuildId::new(1))
    ///     .name("kokoro fans")
    ///     .icon(icon)
    ///     .reason("rebrand")
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn update_guild(&self, guild_id: GuildId) -> Builder<'_, op::UpdateGuild, Value> {
        Builder::json(self, Route::UpdateGuild { guild_id })
    }

    /// `GET /guilds/{guild_id}/preview`: what a non-member sees of a discoverable guild.
    pub fn guild_preview(&self, guild_id: GuildId) -> Builder<'_, op::GetGuildPreview> {
        Builder::new(self, Route::GetGuildPreview { guild_id })
    }

    /// `GET /guilds/{guild_id}/channels`: the guild's channels (not its threads).
    pub fn guild_channels(&self, guild_id: GuildId) -> Builder<'_, op::ListGuildChannels> {
        Builder::new(self, Route::ListGuildChannels { guild_id })
    }

    /// `POST /guilds/{guild_id}/channels`: a channel named `name` (1 to 100
    /// characters), a text channel unless `.kind()` says otherwise.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::{channel::ChannelType, id::GuildId};
    ///
    /// let voice = client
    ///     .create_guild_channel(GuildId::new(1), "lounge")
    ///     .kind(ChannelType::GuildVoice)
    ///     .user_limit(10)
    ///     .reason("more room")
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn create_guild_channel(
        &self,
        guild_id: GuildId,
        name: impl Into<String>,
    ) -> Builder<'_, op::CreateGuildChannel, Value> {
        Builder::json(self, Route::CreateGuildChannel { guild_id }).text(
            "name",
            name.into(),
            1,
            100,
        )
    }

    /// `PATCH /guilds/{guild_id}/channels`: moves channels (at least one
    /// `.position()` or `.parent()`).
    pub fn update_channel_positions(
        &self,
        guild_id: GuildId,
    ) -> Builder<'_, op::UpdateChannelPositions, Value> {
        positions(
            self,
            Route::BulkUpdateGuildChannels { guild_id },
            "channels",
        )
    }

    /// `GET /guilds/{guild_id}/threads/active`: the guild's active threads.
    pub fn active_threads(&self, guild_id: GuildId) -> Builder<'_, op::ListActiveThreads> {
        Builder::new(self, Route::GetActiveGuildThreads { guild_id })
    }

    /// `GET /guilds/{guild_id}/audit-logs`: filtered by user, target, action type,
    /// before/after an entry, `limit`.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::{audit_log::AuditLogEvent, id::GuildId};
    ///
    /// let log = client
    ///     .audit_log(GuildId::new(1))
    ///     .action_type(AuditLogEvent::MemberBanAdd)
    ///     .limit(10)
    ///     .await?;
    /// for entry in &log.audit_log_entries {
    ///     println!("{:?}: {:?}", entry.user_id, entry.reason);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn audit_log(&self, guild_id: GuildId) -> Builder<'_, op::GetAuditLog> {
        Builder::new(self, Route::ListGuildAuditLogEntries { guild_id })
    }

    /// `GET /guilds/{guild_id}/bans/{user_id}`: one ban.
    pub fn guild_ban(&self, guild_id: GuildId, user_id: UserId) -> Builder<'_, op::GetBan> {
        Builder::new(self, Route::GetGuildBan { guild_id, user_id })
    }

    /// `POST /guilds/{guild_id}/bulk-ban`: bans 1 to 200 users at once; `.await`
    /// gives who was banned and who was not.
    pub fn bulk_ban(
        &self,
        guild_id: GuildId,
        user_ids: &[UserId],
    ) -> Builder<'_, op::BulkBanUsers, Value> {
        Builder::json(self, Route::BulkBanUsersFromGuild { guild_id })
            .check(items_between("user_ids", user_ids.len(), 1, 200))
            .field("user_ids", user_ids)
    }

    /// `GET /guilds/{guild_id}/integrations`.
    pub fn integrations(&self, guild_id: GuildId) -> Builder<'_, op::ListIntegrations> {
        Builder::new(self, Route::ListGuildIntegrations { guild_id })
    }

    /// `DELETE /guilds/{guild_id}/integrations/{integration_id}`: removes the
    /// integration (and its bot or webhooks).
    pub fn delete_integration(
        &self,
        guild_id: GuildId,
        integration_id: IntegrationId,
    ) -> Builder<'_, op::DeleteIntegration> {
        let route = Route::DeleteGuildIntegration {
            guild_id,
            integration_id,
        };
        Builder::new(self, route)
    }

    /// `GET /guilds/{guild_id}/invites`: every invite, with its metadata.
    pub fn guild_invites(&self, guild_id: GuildId) -> Builder<'_, op::ListGuildInvites> {
        Builder::new(self, Route::ListGuildInvites { guild_id })
    }

    /// `GET /guilds/{guild_id}/vanity-url`: the vanity code and its uses.
    pub fn vanity_url(&self, guild_id: GuildId) -> Builder<'_, op::GetVanityUrl> {
        Builder::new(self, Route::GetGuildVanityUrl { guild_id })
    }

    /// `GET /guilds/{guild_id}/webhooks`: every webhook of the guild.
    pub fn guild_webhooks(&self, guild_id: GuildId) -> Builder<'_, op::ListGuildWebhooks> {
        Builder::new(self, Route::GetGuildWebhooks { guild_id })
    }

    /// `GET /guilds/{guild_id}/members/search`: members whose username or nickname
    /// starts with `query` (1 to 100 characters).
    pub fn search_members<'a>(
        &'a self,
        guild_id: GuildId,
        query: &'a str,
    ) -> Builder<'a, op::SearchMembers> {
        Builder::new(self, Route::SearchGuildMembers { guild_id })
            .check(validate::chars_between("query", query, 1, 100))
            .query("query", query)
    }

    /// `PUT /guilds/{guild_id}/members/{user_id}`: adds a user with an OAuth2 access
    /// token of theirs (scope `guilds.join`); `.await` gives `None` when they already
    /// were a member.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client, token: String) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::id::{GuildId, UserId};
    ///
    /// let member = client
    ///     .add_member(GuildId::new(1), UserId::new(2), token)
    ///     .nick("newcomer")
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn add_member(
        &self,
        guild_id: GuildId,
        user_id: UserId,
        access_token: impl Into<String>,
    ) -> Builder<'_, op::AddMember, Value> {
        Builder::json(self, Route::AddGuildMember { guild_id, user_id }).text(
            "access_token",
            access_token.into(),
            1,
            10_240,
        )
    }

    /// `PATCH /guilds/{guild_id}/members/@me`: the bot's nickname, avatar, banner and
    /// bio in the guild.
    pub fn update_current_member(
        &self,
        guild_id: GuildId,
    ) -> Builder<'_, op::UpdateCurrentMember, Value> {
        Builder::json(self, Route::UpdateMyGuildMember { guild_id })
    }

    /// `GET /guilds/{guild_id}/roles/{role_id}`.
    pub fn role(&self, guild_id: GuildId, role_id: RoleId) -> Builder<'_, op::GetRole> {
        Builder::new(self, Route::GetGuildRole { guild_id, role_id })
    }

    /// `PATCH /guilds/{guild_id}/roles`: moves roles (at least one `.position()`);
    /// `.await` gives every role.
    pub fn update_role_positions(
        &self,
        guild_id: GuildId,
    ) -> Builder<'_, op::UpdateRolePositions, Value> {
        positions(self, Route::BulkUpdateGuildRoles { guild_id }, "roles")
    }

    /// `GET /guilds/{guild_id}/roles/member-counts`: how many members each role has.
    pub fn role_member_counts(&self, guild_id: GuildId) -> Builder<'_, op::GetRoleMemberCounts> {
        Builder::new(self, Route::GuildRoleMemberCounts { guild_id })
    }

    /// `GET /guilds/{guild_id}/welcome-screen`.
    pub fn welcome_screen(&self, guild_id: GuildId) -> Builder<'_, op::GetWelcomeScreen> {
        Builder::new(self, Route::GetGuildWelcomeScreen { guild_id })
    }

    /// `PATCH /guilds/{guild_id}/welcome-screen`: enabled, description, channels.
    pub fn update_welcome_screen(
        &self,
        guild_id: GuildId,
    ) -> Builder<'_, op::UpdateWelcomeScreen, Value> {
        Builder::json(self, Route::UpdateGuildWelcomeScreen { guild_id })
    }

    /// `GET /guilds/{guild_id}/widget`: the widget settings.
    pub fn widget_settings(&self, guild_id: GuildId) -> Builder<'_, op::GetWidgetSettings> {
        Builder::new(self, Route::GetGuildWidgetSettings { guild_id })
    }

    /// `PATCH /guilds/{guild_id}/widget`: turns the widget on or off, sets its channel.
    pub fn update_widget_settings(
        &self,
        guild_id: GuildId,
    ) -> Builder<'_, op::UpdateWidgetSettings, Value> {
        Builder::json(self, Route::UpdateGuildWidgetSettings { guild_id })
    }

    /// `GET /guilds/{guild_id}/widget.json`: the public widget (no token needed; the
    /// widget must be enabled).
    pub fn widget(&self, guild_id: GuildId) -> Builder<'_, op::GetWidget> {
        Builder::new(self, Route::GetGuildWidget { guild_id })
    }

    /// `GET /guilds/{guild_id}/widget.png`: the widget as a PNG image; `.await` gives
    /// its bytes.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::{guild::WidgetStyle, id::GuildId};
    ///
    /// let png = client.widget_image(GuildId::new(1)).style(WidgetStyle::Banner2).await?;
    /// std::fs::write("widget.png", &png.bytes).ok();
    /// # Ok(()) }
    /// ```
    pub fn widget_image(
        &self,
        guild_id: GuildId,
    ) -> Builder<'_, op::GetWidgetImage, op::PngResponse> {
        Builder::with_body(self, Route::GetGuildWidgetPng { guild_id }, op::PngResponse)
    }

    /// `GET /guilds/{guild_id}/onboarding`.
    pub fn onboarding(&self, guild_id: GuildId) -> Builder<'_, op::GetOnboarding> {
        Builder::new(self, Route::GetGuildsOnboarding { guild_id })
    }

    /// `PUT /guilds/{guild_id}/onboarding`: prompts, default channels, enabled, mode.
    pub fn update_onboarding(&self, guild_id: GuildId) -> Builder<'_, op::UpdateOnboarding, Value> {
        Builder::json(self, Route::PutGuildsOnboarding { guild_id })
    }

    /// `GET /guilds/{guild_id}/prune`: how many members a prune would remove.
    pub fn prune_count(&self, guild_id: GuildId) -> Builder<'_, op::GetPruneCount> {
        Builder::new(self, Route::PreviewPruneGuild { guild_id })
    }

    /// `POST /guilds/{guild_id}/prune`: removes inactive members.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// let gone = client
    ///     .begin_prune(kokoro_model::id::GuildId::new(1))
    ///     .days(30)
    ///     .reason("spring cleaning")
    ///     .await?;
    /// println!("pruned {:?}", gone.pruned);
    /// # Ok(()) }
    /// ```
    pub fn begin_prune(&self, guild_id: GuildId) -> Builder<'_, op::BeginPrune, Value> {
        Builder::json(self, Route::PruneGuild { guild_id })
    }

    /// `GET /guilds/{guild_id}/requests`: membership requests of the guild, newest
    /// first (the requests need `KICK_MEMBERS`; with `MANAGE_GUILD` only the count).
    pub fn join_requests(&self, guild_id: GuildId) -> Builder<'_, op::ListJoinRequests> {
        Builder::new(self, Route::GetGuildJoinRequests { guild_id })
    }

    /// `PATCH /guilds/{guild_id}/requests/{request_id}`: approves or rejects a
    /// submitted membership request (`action` is `Approved` or `Rejected`; one that
    /// was already actioned comes back unchanged).
    pub fn action_join_request(
        &self,
        guild_id: GuildId,
        request_id: GenericId,
        action: JoinRequestStatus,
    ) -> Builder<'_, op::ActionJoinRequest, Value> {
        let check = if matches!(
            action,
            JoinRequestStatus::Approved | JoinRequestStatus::Rejected
        ) {
            Ok(())
        } else {
            Err(ValidationError::invalid(
                "action",
                "must be APPROVED or REJECTED",
            ))
        };
        let route = Route::ActionGuildJoinRequest {
            guild_id,
            request_id,
        };
        Builder::json(self, route)
            .check(check)
            .field("action", action.as_str())
    }

    /// `PUT /guilds/{guild_id}/incident-actions`: pauses invites or DMs (for at most
    /// 24 hours).
    pub fn update_incident_actions(
        &self,
        guild_id: GuildId,
    ) -> Builder<'_, op::UpdateIncidentActions, Value> {
        Builder::json(self, Route::UpdateGuildIncidentActions { guild_id })
    }

    /// `GET /guilds/{guild_id}/new-member-welcome`: the guild's home settings;
    /// `None` when it has none.
    pub fn new_member_welcome(&self, guild_id: GuildId) -> Builder<'_, op::GetNewMemberWelcome> {
        Builder::new(self, Route::GetGuildNewMemberWelcome { guild_id })
    }

    /// `GET /guilds/{guild_id}/messages/search`: messages matching the filters.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::{id::GuildId, search::SearchHas};
    ///
    /// let found = client
    ///     .search_messages(GuildId::new(1))
    ///     .content("release")
    ///     .has(&[SearchHas::Link])
    ///     .limit(10)
    ///     .await?;
    /// for hit in found.hits() {
    ///     println!("{}", hit.message.content);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn search_messages(&self, guild_id: GuildId) -> Builder<'_, op::SearchMessages> {
        Builder::new(self, Route::GuildSearch { guild_id })
    }

    /// `GET /guilds/templates/{code}`: a template by its code.
    pub fn template<'a>(&'a self, code: &'a str) -> Builder<'a, op::GetTemplate> {
        Builder::new(self, Route::GetGuildTemplate { code })
    }

    /// `GET /guilds/{guild_id}/templates`.
    pub fn templates(&self, guild_id: GuildId) -> Builder<'_, op::ListTemplates> {
        Builder::new(self, Route::ListGuildTemplates { guild_id })
    }

    /// `POST /guilds/{guild_id}/templates`: a template of the guild named `name` (1 to
    /// 100 characters).
    pub fn create_template(
        &self,
        guild_id: GuildId,
        name: impl Into<String>,
    ) -> Builder<'_, op::CreateTemplate, Value> {
        Builder::json(self, Route::CreateGuildTemplate { guild_id }).text(
            "name",
            name.into(),
            1,
            100,
        )
    }

    /// `PUT /guilds/{guild_id}/templates/{code}`: updates the template to the guild's
    /// current state.
    pub fn sync_template<'a>(
        &'a self,
        guild_id: GuildId,
        code: &'a str,
    ) -> Builder<'a, op::SyncTemplate> {
        Builder::new(self, Route::SyncGuildTemplate { guild_id, code })
    }

    /// `PATCH /guilds/{guild_id}/templates/{code}`: name and description.
    pub fn update_template<'a>(
        &'a self,
        guild_id: GuildId,
        code: &'a str,
    ) -> Builder<'a, op::UpdateTemplate, Value> {
        Builder::json(self, Route::UpdateGuildTemplate { guild_id, code })
    }

    /// `DELETE /guilds/{guild_id}/templates/{code}`; `.await` gives the deleted template.
    pub fn delete_template<'a>(
        &'a self,
        guild_id: GuildId,
        code: &'a str,
    ) -> Builder<'a, op::DeleteTemplate> {
        Builder::new(self, Route::DeleteGuildTemplate { guild_id, code })
    }
}
