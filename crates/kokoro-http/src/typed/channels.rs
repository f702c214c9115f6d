//! Channel extras (followers, overwrites, group DMs, archived threads, thread members, voice status), webhooks by token, users, voice, auto-moderation and polls.

use kokoro_model::{
    Permissions, Timestamp,
    auto_moderation::{
        AutoModerationAction, AutoModerationEventType, AutoModerationRule,
        AutoModerationTriggerMetadata, AutoModerationTriggerType,
    },
    channel::{PermissionOverwriteType, ThreadSearchTagSetting, ThreadSortBy, ThreadSortOrder},
    id::{AutoModerationRuleId, ChannelId, GuildId, Id, MessageId, RoleId, TagId, UserId},
    validate::{self, ValidationError, ValidationErrorKind},
};
use serde_json::{Map, Value};

use super::{Builder, Payload, op};
use crate::{Attachment, Body, Client, Error, routes::Route};

// ---------------------------------------------------------------------------
// Channel extras
// ---------------------------------------------------------------------------

impl Builder<'_, op::SetPermissionOverwrite, Value> {
    /// The permissions granted (Discord's default: none).
    pub fn allow(self, permissions: Permissions) -> Self {
        self.field("allow", permissions)
    }

    /// The permissions denied (Discord's default: none).
    pub fn deny(self, permissions: Permissions) -> Self {
        self.field("deny", permissions)
    }
}

impl Builder<'_, op::AddGroupDmRecipient, Value> {
    /// The user's nickname in the group DM.
    pub fn nick(self, nick: impl Into<String>) -> Self {
        self.field("nick", nick.into())
    }
}

// ---------------------------------------------------------------------------
// Threads
// ---------------------------------------------------------------------------

impl Builder<'_, op::GetThreadMember> {
    /// Includes the member's guild member object.
    pub fn with_member(self) -> Self {
        self.query("with_member", true)
    }
}

/// The two archived-thread lists paged by archive time.
pub trait ArchivedThreadsOp: op::Op {}
impl ArchivedThreadsOp for op::ListPublicArchivedThreads {}
impl ArchivedThreadsOp for op::ListPrivateArchivedThreads {}

impl<O: ArchivedThreadsOp> Builder<'_, O> {
    /// Threads archived before this time.
    pub fn before(self, archived_before: Timestamp) -> Self {
        self.query("before", archived_before)
    }

    /// How many (2 to 100; Discord's default 50).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 2, 100)
    }
}

impl Builder<'_, op::ListJoinedPrivateArchivedThreads> {
    /// Threads whose id is below this one.
    pub fn before(self, id: ChannelId) -> Self {
        self.query("before", id)
    }

    /// How many (2 to 100; Discord's default 50).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 2, 100)
    }
}

impl Builder<'_, op::SearchThreads> {
    /// Threads whose name matches this text (at most 100 characters).
    pub fn name(self, name: &str) -> Self {
        self.check(validate::max_chars("name", name, 100))
            .query("name", name)
    }

    /// How many words may separate the searched words (0 to 100).
    pub fn slop(self, slop: u32) -> Self {
        self.query_in_range("slop", slop, 0, 100)
    }

    /// Threads whose id is at least this one.
    pub fn min_id(self, id: ChannelId) -> Self {
        self.query("min_id", id)
    }

    /// Threads whose id is at most this one.
    pub fn max_id(self, id: ChannelId) -> Self {
        self.query("max_id", id)
    }

    /// Threads with these forum tags (at most 20; see [`tag_setting`](Self::tag_setting)).
    pub fn tags(mut self, tags: &[TagId]) -> Self {
        self = self.check(validate::max_items("tag", tags.len(), 20));
        for t in tags {
            self = self.query("tag", t);
        }
        self
    }

    /// Whether a thread needs all the tags or some of them.
    pub fn tag_setting(self, setting: ThreadSearchTagSetting) -> Self {
        self.query("tag_setting", setting)
    }

    /// Only archived (`true`) or only active (`false`) threads.
    pub fn archived(self, archived: bool) -> Self {
        self.query("archived", archived)
    }

    /// What the threads are sorted by.
    pub fn sort_by(self, sort_by: ThreadSortBy) -> Self {
        self.query("sort_by", sort_by)
    }

    /// The direction of the sort.
    pub fn sort_order(self, order: ThreadSortOrder) -> Self {
        self.query("sort_order", order)
    }

    /// How many (1 to 25; Discord's default 25).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 25)
    }

    /// How many matching threads to skip (0 to 9,975).
    pub fn offset(self, offset: u32) -> Self {
        self.query_in_range("offset", offset, 0, 9975)
    }
}

// ---------------------------------------------------------------------------
// Polls
// ---------------------------------------------------------------------------

impl Builder<'_, op::GetAnswerVoters> {
    /// Voters whose id is above this one.
    pub fn after(self, id: UserId) -> Self {
        self.query("after", id)
    }

    /// How many (1 to 100; Discord's default 25).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 100)
    }
}

// ---------------------------------------------------------------------------
// Auto moderation
// ---------------------------------------------------------------------------

/// The body of an auto-moderation rule being created or updated: checked field by
/// field as it is set, and, for a new rule, that it has at least one action.
#[derive(Clone, Debug, Default)]
pub struct AutoModerationRuleBody {
    fields: Map<String, Value>,
    new_rule: bool,
}

impl Payload for AutoModerationRuleBody {
    fn check(&self) -> Result<(), ValidationError> {
        if self.new_rule
            && self
                .fields
                .get("actions")
                .and_then(Value::as_array)
                .is_none_or(Vec::is_empty)
        {
            return Err(ValidationError::new(
                "actions",
                ValidationErrorKind::Missing,
            ));
        }
        Ok(())
    }

    fn encode(self, _: Vec<Attachment>) -> Result<Body, Error> {
        Body::json(&Value::Object(self.fields))
    }
}

/// The two operations that take an auto-moderation rule's fields.
pub trait AutoModerationRuleOp: op::Op {}
impl AutoModerationRuleOp for op::CreateAutoModerationRule {}
impl AutoModerationRuleOp for op::UpdateAutoModerationRule {}

impl<O: AutoModerationRuleOp> Builder<'_, O, AutoModerationRuleBody> {
    fn set(mut self, name: &str, value: Value) -> Self {
        self.body.fields.insert(name.to_owned(), value);
        self
    }

    /// The rule's name (1 to 100 characters).
    pub fn name(self, name: impl Into<String>) -> Self {
        let name = name.into();
        self.check(validate::chars_between("name", &name, 1, 100))
            .set("name", name.into())
    }

    /// When the rule is checked.
    pub fn event_type(self, event: AutoModerationEventType) -> Self {
        let v = serde_json::to_value(event).unwrap_or(Value::Null);
        self.set("event_type", v)
    }

    /// The trigger's settings: at most 1,000 keywords and 10 regex patterns, each
    /// keyword and allow-list entry 1 to 60 characters, patterns at most 260, at most
    /// 100 allow-list entries (1,000 for `KEYWORD_PRESET`), `mention_total_limit` at
    /// most 50.
    pub fn trigger_metadata(self, metadata: AutoModerationTriggerMetadata) -> Self {
        let trigger = self
            .body
            .fields
            .get("trigger_type")
            .and_then(|t| serde_json::from_value(t.clone()).ok())
            .unwrap_or(if metadata.presets.is_empty() {
                AutoModerationTriggerType::Keyword
            } else {
                AutoModerationTriggerType::KeywordPreset
            });
        let check = metadata
            .validate(trigger)
            .map_err(|e| e.within("trigger_metadata"));
        let v = serde_json::to_value(metadata).unwrap_or(Value::Null);
        self.check(check).set("trigger_metadata", v)
    }

    /// Adds an action taken when the rule triggers (1 to 5 per rule; a custom message
    /// at most 150 characters, a timeout at most 2,419,200 seconds).
    pub fn action(mut self, action: AutoModerationAction) -> Self {
        let count = self
            .body
            .fields
            .get("actions")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let i = count;
        let check = validate::max_items("actions", count + 1, AutoModerationAction::MAX_PER_RULE)
            .and_then(|()| {
                action
                    .validate()
                    .map_err(|e| e.within(format_args!("actions[{i}]")))
            });
        self = self.check(check);
        let v = serde_json::to_value(action).unwrap_or(Value::Null);
        let list = self
            .body
            .fields
            .entry("actions")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.push(v);
        }
        self
    }

    /// Replaces the actions (1 to 5).
    pub fn actions(mut self, actions: Vec<AutoModerationAction>) -> Self {
        self.body
            .fields
            .insert("actions".into(), Value::Array(Vec::new()));
        for a in actions {
            self = self.action(a);
        }
        self
    }

    /// Whether the rule is enabled (Discord's default: disabled).
    pub fn enabled(self, enabled: bool) -> Self {
        self.set("enabled", enabled.into())
    }

    /// Roles the rule does not apply to (at most 20).
    pub fn exempt_roles(self, roles: &[RoleId]) -> Self {
        let check = validate::max_items(
            "exempt_roles",
            roles.len(),
            AutoModerationRule::EXEMPT_ROLES_MAX,
        );
        let v = serde_json::to_value(roles).unwrap_or(Value::Null);
        self.check(check).set("exempt_roles", v)
    }

    /// Channels the rule does not apply to (at most 50).
    pub fn exempt_channels(self, channels: &[ChannelId]) -> Self {
        let check = validate::max_items(
            "exempt_channels",
            channels.len(),
            AutoModerationRule::EXEMPT_CHANNELS_MAX,
        );
        let v = serde_json::to_value(channels).unwrap_or(Value::Null);
        self.check(check).set("exempt_channels", v)
    }
}

// ---------------------------------------------------------------------------
// Voice
// ---------------------------------------------------------------------------

/// The two voice-state updates.
pub trait VoiceStateOp: op::Op {}
impl VoiceStateOp for op::UpdateCurrentUserVoiceState {}
impl VoiceStateOp for op::UpdateVoiceState {}

impl<O: VoiceStateOp> Builder<'_, O, Value> {
    /// Stage channels: suppresses (`true`) or lets speak (`false`).
    pub fn suppress(self, suppress: bool) -> Self {
        self.field("suppress", suppress)
    }
}

impl Builder<'_, op::UpdateCurrentUserVoiceState, Value> {
    /// Stage channels: asks to speak at this time (any present or future time;
    /// `None` withdraws the request).
    pub fn request_to_speak_timestamp(self, at: Option<Timestamp>) -> Self {
        // A minute of slack for clocks that disagree.
        let past = at.is_some_and(|t| t.as_secs() < Timestamp::now().as_secs() - 60);
        let check = if past {
            Err(ValidationError::invalid(
                "request_to_speak_timestamp",
                "must not be in the past",
            ))
        } else {
            Ok(())
        };
        self.check(check).field("request_to_speak_timestamp", at)
    }
}

impl Client {
    // ---- channel extras ----

    /// `POST /channels/{channel_id}/followers`: follows an announcement channel,
    /// crossposting its messages to `webhook_channel_id` (through a new webhook).
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::id::ChannelId;
    ///
    /// let followed = client
    ///     .follow_channel(ChannelId::new(1), ChannelId::new(2))
    ///     .reason("news feed")
    ///     .await?;
    /// println!("webhook {}", followed.webhook_id);
    /// # Ok(()) }
    /// ```
    pub fn follow_channel(
        &self,
        channel_id: ChannelId,
        webhook_channel_id: ChannelId,
    ) -> Builder<'_, op::FollowChannel, Value> {
        Builder::json(self, Route::FollowChannel { channel_id })
            .field("webhook_channel_id", webhook_channel_id)
    }

    /// `GET /channels/{channel_id}/invites`: the channel's invites, with their metadata.
    pub fn channel_invites(&self, channel_id: ChannelId) -> Builder<'_, op::ListChannelInvites> {
        Builder::new(self, Route::ListChannelInvites { channel_id })
    }

    /// `POST /channels/{channel_id}/messages/{message_id}/crosspost`: publishes a
    /// message of an announcement channel to the channels following it.
    pub fn crosspost_message(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> Builder<'_, op::CrosspostMessage> {
        Builder::new(
            self,
            Route::CrosspostMessage {
                channel_id,
                message_id,
            },
        )
    }

    /// `PUT /channels/{channel_id}/permissions/{overwrite_id}`: sets the permission
    /// overwrite of a role or a member (`kind` says which) in a channel.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::{Permissions, channel::PermissionOverwriteType, id::{ChannelId, RoleId}};
    ///
    /// client
    ///     .set_permission_overwrite(ChannelId::new(1), RoleId::new(2), PermissionOverwriteType::Role)
    ///     .allow(Permissions::VIEW_CHANNEL)
    ///     .deny(Permissions::SEND_MESSAGES)
    ///     .reason("read-only")
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn set_permission_overwrite<M>(
        &self,
        channel_id: ChannelId,
        overwrite_id: Id<M>,
        kind: PermissionOverwriteType,
    ) -> Builder<'_, op::SetPermissionOverwrite, Value> {
        let route = Route::SetChannelPermissionOverwrite {
            channel_id,
            overwrite_id: overwrite_id.cast(),
        };
        Builder::json(self, route).field("type", kind)
    }

    /// `DELETE /channels/{channel_id}/permissions/{overwrite_id}`: removes the
    /// overwrite of a role or a member.
    pub fn delete_permission_overwrite<M>(
        &self,
        channel_id: ChannelId,
        overwrite_id: Id<M>,
    ) -> Builder<'_, op::DeletePermissionOverwrite> {
        let route = Route::DeleteChannelPermissionOverwrite {
            channel_id,
            overwrite_id: overwrite_id.cast(),
        };
        Builder::new(self, route)
    }

    /// `GET /channels/{channel_id}/pins`: the pinned messages, newest first
    /// (**deprecated** by Discord: use [`pins`](Self::pins), `GET /channels/{channel_id}/messages/pins`).
    #[deprecated(note = "Discord deprecated GET /channels/{id}/pins: use `pins`")]
    pub fn deprecated_pins(&self, channel_id: ChannelId) -> Builder<'_, op::DeprecatedListPins> {
        Builder::new(self, Route::DeprecatedListPins { channel_id })
    }

    /// `PUT /channels/{channel_id}/pins/{message_id}`: pins a message (**deprecated**
    /// by Discord: use [`pin_message`](Self::pin_message)).
    #[deprecated(note = "Discord deprecated PUT /channels/{id}/pins/{id}: use `pin_message`")]
    pub fn deprecated_pin_message(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> Builder<'_, op::DeprecatedPinMessage> {
        let route = Route::DeprecatedCreatePin {
            channel_id,
            message_id,
        };
        Builder::new(self, route)
    }

    /// `DELETE /channels/{channel_id}/pins/{message_id}`: unpins a message
    /// (**deprecated** by Discord: use [`unpin_message`](Self::unpin_message)).
    #[deprecated(note = "Discord deprecated DELETE /channels/{id}/pins/{id}: use `unpin_message`")]
    pub fn deprecated_unpin_message(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> Builder<'_, op::DeprecatedUnpinMessage> {
        let route = Route::DeprecatedDeletePin {
            channel_id,
            message_id,
        };
        Builder::new(self, route)
    }

    /// `PUT /channels/{channel_id}/recipients/{user_id}`: adds a user to a group DM,
    /// with an OAuth2 access token of theirs (`gdm.join` scope).
    pub fn add_group_dm_recipient(
        &self,
        channel_id: ChannelId,
        user_id: UserId,
        access_token: impl Into<String>,
    ) -> Builder<'_, op::AddGroupDmRecipient, Value> {
        let access_token = access_token.into();
        let check = if access_token.is_empty() {
            Err(ValidationError::new(
                "access_token",
                ValidationErrorKind::Missing,
            ))
        } else {
            Ok(())
        };
        Builder::json(
            self,
            Route::AddGroupDmUser {
                channel_id,
                user_id,
            },
        )
        .check(check)
        .field("access_token", access_token)
    }

    /// `DELETE /channels/{channel_id}/recipients/{user_id}`: removes a user from a group DM.
    pub fn remove_group_dm_recipient(
        &self,
        channel_id: ChannelId,
        user_id: UserId,
    ) -> Builder<'_, op::RemoveGroupDmRecipient> {
        Builder::new(
            self,
            Route::DeleteGroupDmUser {
                channel_id,
                user_id,
            },
        )
    }

    /// `GET /channels/{channel_id}/webhooks`: the channel's webhooks.
    pub fn channel_webhooks(&self, channel_id: ChannelId) -> Builder<'_, op::ListChannelWebhooks> {
        Builder::new(self, Route::ListChannelWebhooks { channel_id })
    }

    /// `PUT /channels/{channel_id}/voice-status`: sets the status of a voice channel
    /// (at most 500 characters; `None` clears it).
    pub fn set_voice_channel_status(
        &self,
        channel_id: ChannelId,
        status: Option<&str>,
    ) -> Builder<'_, op::SetVoiceChannelStatus, Value> {
        let check = status.map_or(Ok(()), |s| validate::max_chars("status", s, 500));
        Builder::json(self, Route::UpdateVoiceChannelStatus { channel_id })
            .check(check)
            .field("status", status)
    }

    // ---- threads ----

    /// `GET /channels/{channel_id}/thread-members/{user_id}`: one member of a thread.
    pub fn thread_member(
        &self,
        channel_id: ChannelId,
        user_id: UserId,
    ) -> Builder<'_, op::GetThreadMember> {
        Builder::new(
            self,
            Route::GetThreadMember {
                channel_id,
                user_id,
            },
        )
    }

    /// `PUT /channels/{channel_id}/thread-members/{user_id}`: adds a member to a thread.
    pub fn add_thread_member(
        &self,
        channel_id: ChannelId,
        user_id: UserId,
    ) -> Builder<'_, op::AddThreadMember> {
        Builder::new(
            self,
            Route::AddThreadMember {
                channel_id,
                user_id,
            },
        )
    }

    /// `DELETE /channels/{channel_id}/thread-members/{user_id}`: removes a member from a thread.
    pub fn remove_thread_member(
        &self,
        channel_id: ChannelId,
        user_id: UserId,
    ) -> Builder<'_, op::RemoveThreadMember> {
        Builder::new(
            self,
            Route::DeleteThreadMember {
                channel_id,
                user_id,
            },
        )
    }

    /// `GET /channels/{channel_id}/threads/archived/public`: archived public threads,
    /// most recently archived first.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::{Timestamp, id::ChannelId};
    ///
    /// let page = client
    ///     .public_archived_threads(ChannelId::new(1))
    ///     .before(Timestamp::now())
    ///     .limit(10)
    ///     .await?;
    /// for thread in page.threads {
    ///     println!("{:?}", thread.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn public_archived_threads(
        &self,
        channel_id: ChannelId,
    ) -> Builder<'_, op::ListPublicArchivedThreads> {
        Builder::new(self, Route::ListPublicArchivedThreads { channel_id })
    }

    /// `GET /channels/{channel_id}/threads/archived/private`: archived private threads
    /// (needs `MANAGE_THREADS`).
    pub fn private_archived_threads(
        &self,
        channel_id: ChannelId,
    ) -> Builder<'_, op::ListPrivateArchivedThreads> {
        Builder::new(self, Route::ListPrivateArchivedThreads { channel_id })
    }

    /// `GET /channels/{channel_id}/users/@me/threads/archived/private`: archived
    /// private threads the current user joined.
    pub fn joined_private_archived_threads(
        &self,
        channel_id: ChannelId,
    ) -> Builder<'_, op::ListJoinedPrivateArchivedThreads> {
        Builder::new(self, Route::ListMyPrivateArchivedThreads { channel_id })
    }

    /// `GET /channels/{channel_id}/threads/search`: searches the threads of a channel
    /// by name, tags, time and state.
    pub fn search_threads(&self, channel_id: ChannelId) -> Builder<'_, op::SearchThreads> {
        Builder::new(self, Route::ThreadSearch { channel_id })
    }

    // ---- polls ----

    /// `GET /channels/{channel_id}/polls/{message_id}/answers/{answer_id}`: the users
    /// who voted for an answer.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::id::{ChannelId, MessageId};
    ///
    /// let voters = client
    ///     .answer_voters(ChannelId::new(1), MessageId::new(2), 1)
    ///     .limit(100)
    ///     .await?;
    /// println!("{} votes", voters.users.len());
    /// # Ok(()) }
    /// ```
    pub fn answer_voters(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
        answer_id: u32,
    ) -> Builder<'_, op::GetAnswerVoters> {
        Builder::new(
            self,
            Route::GetAnswerVoters {
                channel_id,
                message_id,
                answer_id,
            },
        )
    }

    /// `POST /channels/{channel_id}/polls/{message_id}/expire`: ends a poll the
    /// current user posted; `.await` gives the message.
    pub fn expire_poll(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> Builder<'_, op::ExpirePoll> {
        Builder::new(
            self,
            Route::PollExpire {
                channel_id,
                message_id,
            },
        )
    }

    // ---- auto moderation ----

    /// `GET /guilds/{guild_id}/auto-moderation/rules`: the guild's rules.
    pub fn auto_moderation_rules(
        &self,
        guild_id: GuildId,
    ) -> Builder<'_, op::ListAutoModerationRules> {
        Builder::new(self, Route::ListAutoModerationRules { guild_id })
    }

    /// `GET /guilds/{guild_id}/auto-moderation/rules/{rule_id}`: one rule.
    pub fn auto_moderation_rule(
        &self,
        guild_id: GuildId,
        rule_id: AutoModerationRuleId,
    ) -> Builder<'_, op::GetAutoModerationRule> {
        Builder::new(self, Route::GetAutoModerationRule { guild_id, rule_id })
    }

    /// `POST /guilds/{guild_id}/auto-moderation/rules`: a rule named `name` (1 to 100
    /// characters); add at least one `.action()`.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::{
    ///     auto_moderation::{
    ///         AutoModerationAction, AutoModerationEventType, AutoModerationTriggerMetadata,
    ///         AutoModerationTriggerType,
    ///     },
    ///     id::GuildId,
    /// };
    ///
    /// let rule = client
    ///     .create_auto_moderation_rule(
    ///         GuildId::new(1),
    ///         "no spoilers",
    ///         AutoModerationEventType::MessageSend,
    ///         AutoModerationTriggerType::Keyword,
    ///     )
    ///     .trigger_metadata(AutoModerationTriggerMetadata {
    ///         keyword_filter: vec!["*ending*".into()],
    ///         ..Default::default()
    ///     })
    ///     .action(AutoModerationAction::block_message("no spoilers here"))
    ///     .enabled(true)
    ///     .reason("season finale")
    ///     .await?;
    /// println!("rule {}", rule.id);
    /// # Ok(()) }
    /// ```
    pub fn create_auto_moderation_rule(
        &self,
        guild_id: GuildId,
        name: impl Into<String>,
        event_type: AutoModerationEventType,
        trigger_type: AutoModerationTriggerType,
    ) -> Builder<'_, op::CreateAutoModerationRule, AutoModerationRuleBody> {
        let body = AutoModerationRuleBody {
            fields: Map::new(),
            new_rule: true,
        };
        let trigger = serde_json::to_value(trigger_type).unwrap_or(Value::Null);
        Builder::with_body(self, Route::CreateAutoModerationRule { guild_id }, body)
            .set("trigger_type", trigger)
            .name(name)
            .event_type(event_type)
    }

    /// `PATCH /guilds/{guild_id}/auto-moderation/rules/{rule_id}`: changes a rule
    /// (its trigger type stays).
    pub fn update_auto_moderation_rule(
        &self,
        guild_id: GuildId,
        rule_id: AutoModerationRuleId,
    ) -> Builder<'_, op::UpdateAutoModerationRule, AutoModerationRuleBody> {
        let route = Route::UpdateAutoModerationRule { guild_id, rule_id };
        Builder::with_body(self, route, AutoModerationRuleBody::default())
    }

    /// `DELETE /guilds/{guild_id}/auto-moderation/rules/{rule_id}`.
    pub fn delete_auto_moderation_rule(
        &self,
        guild_id: GuildId,
        rule_id: AutoModerationRuleId,
    ) -> Builder<'_, op::DeleteAutoModerationRule> {
        Builder::new(self, Route::DeleteAutoModerationRule { guild_id, rule_id })
    }

    // ---- voice ----

    /// `GET /voice/regions`: the voice regions, for a channel's `rtc_region`.
    pub fn voice_regions(&self) -> Builder<'_, op::ListVoiceRegions> {
        Builder::new(self, Route::ListVoiceRegions)
    }

    /// `GET /guilds/{guild_id}/regions`: the voice regions of a guild (with the
    /// `optimal` one for the current user).
    pub fn guild_voice_regions(&self, guild_id: GuildId) -> Builder<'_, op::ListGuildVoiceRegions> {
        Builder::new(self, Route::ListGuildVoiceRegions { guild_id })
    }

    /// `GET /guilds/{guild_id}/voice-states/@me`: the current user's voice state.
    pub fn current_user_voice_state(
        &self,
        guild_id: GuildId,
    ) -> Builder<'_, op::GetCurrentUserVoiceState> {
        Builder::new(self, Route::GetSelfVoiceState { guild_id })
    }

    /// `GET /guilds/{guild_id}/voice-states/{user_id}`: a user's voice state.
    pub fn voice_state(
        &self,
        guild_id: GuildId,
        user_id: UserId,
    ) -> Builder<'_, op::GetVoiceState> {
        Builder::new(self, Route::GetVoiceState { guild_id, user_id })
    }

    /// `PATCH /guilds/{guild_id}/voice-states/@me`: the current user's state in the
    /// stage channel `channel_id` they are in (`suppress`, `request_to_speak_timestamp`).
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::{Timestamp, id::{ChannelId, GuildId}};
    ///
    /// client
    ///     .update_current_user_voice_state(GuildId::new(1), ChannelId::new(2))
    ///     .request_to_speak_timestamp(Some(Timestamp::now()))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn update_current_user_voice_state(
        &self,
        guild_id: GuildId,
        channel_id: ChannelId,
    ) -> Builder<'_, op::UpdateCurrentUserVoiceState, Value> {
        Builder::json(self, Route::UpdateSelfVoiceState { guild_id })
            .field("channel_id", channel_id)
    }

    /// `PATCH /guilds/{guild_id}/voice-states/{user_id}`: another user's state in the
    /// stage channel `channel_id` they are in (`suppress`).
    pub fn update_voice_state(
        &self,
        guild_id: GuildId,
        user_id: UserId,
        channel_id: ChannelId,
    ) -> Builder<'_, op::UpdateVoiceState, Value> {
        Builder::json(self, Route::UpdateVoiceState { guild_id, user_id })
            .field("channel_id", channel_id)
    }
}
