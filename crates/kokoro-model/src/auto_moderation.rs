//! Auto moderation rules and the actions they take.

use serde::{Deserialize, Serialize};

use crate::{
    id::{AutoModerationRuleId, ChannelId, GuildId, MessageId, RoleId, UserId},
    validate::{self, ValidationError},
};

int_enum! {
    /// What content a rule checks.
    pub enum AutoModerationTriggerType: u8 {
        /// Words from a user-defined list of keywords (at most 6 per guild).
        Keyword = 1,
        /// Generic spam (at most 1 per guild).
        Spam = 3,
        /// Words from Discord's pre-defined wordsets (at most 1 per guild).
        KeywordPreset = 4,
        /// More unique mentions than allowed (at most 1 per guild).
        MentionSpam = 5,
        /// Member profiles containing user-defined keywords (at most 1 per guild).
        MemberProfile = 6,
    }
}

int_enum! {
    /// When a rule is checked.
    pub enum AutoModerationEventType: u8 {
        /// When a member sends or edits a message.
        MessageSend = 1,
        /// When a member edits their profile.
        MemberUpdate = 2,
    }
}

int_enum! {
    /// A pre-defined wordset of Discord.
    pub enum KeywordPresetType: u8 {
        /// Words that may be considered swearing or cursing.
        Profanity = 1,
        /// Words referring to sexually explicit behavior or activity.
        SexualContent = 2,
        /// Personal insults or words that may be considered hate speech.
        Slurs = 3,
    }
}

int_enum! {
    /// What an action does.
    pub enum AutoModerationActionType: u8 {
        /// Blocks the message, optionally showing a custom explanation.
        BlockMessage = 1,
        /// Logs the content to a channel.
        SendAlertMessage = 2,
        /// Times the member out.
        Timeout = 3,
        /// Prevents the member from using text, voice and other interactions.
        BlockMemberInteraction = 4,
    }
}

/// A rule of a guild's auto moderation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoModerationRule {
    /// The rule's id.
    pub id: AutoModerationRuleId,
    /// The guild the rule belongs to.
    pub guild_id: GuildId,
    /// The rule's name.
    pub name: String,
    /// The user who first created the rule.
    pub creator_id: UserId,
    /// When the rule is checked.
    pub event_type: AutoModerationEventType,
    /// What the rule checks.
    pub trigger_type: AutoModerationTriggerType,
    /// Settings of the trigger.
    #[serde(default)]
    pub trigger_metadata: AutoModerationTriggerMetadata,
    /// The actions taken when the rule triggers.
    #[serde(default)]
    pub actions: Vec<AutoModerationAction>,
    /// Whether the rule is enabled.
    #[serde(default)]
    pub enabled: bool,
    /// Roles the rule does not apply to (at most 20).
    #[serde(default)]
    pub exempt_roles: Vec<RoleId>,
    /// Channels the rule does not apply to (at most 50).
    #[serde(default)]
    pub exempt_channels: Vec<ChannelId>,
}

impl AutoModerationRule {
    /// Most exempt roles.
    pub const EXEMPT_ROLES_MAX: usize = 20;
    /// Most exempt channels.
    pub const EXEMPT_CHANNELS_MAX: usize = 50;
}

/// Settings of a rule's trigger; which fields apply depends on the trigger type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoModerationTriggerMetadata {
    /// Substrings searched for in content (`KEYWORD`, `MEMBER_PROFILE`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keyword_filter: Vec<String>,
    /// Rust-flavored regular expressions matched against content (`KEYWORD`, `MEMBER_PROFILE`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regex_patterns: Vec<String>,
    /// Pre-defined wordsets searched for (`KEYWORD_PRESET`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presets: Vec<KeywordPresetType>,
    /// Substrings that never trigger the rule (`KEYWORD`, `KEYWORD_PRESET`, `MEMBER_PROFILE`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_list: Vec<String>,
    /// Most unique role and user mentions per message, at most 50 (`MENTION_SPAM`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention_total_limit: Option<u8>,
    /// Whether mention raids are detected automatically (`MENTION_SPAM`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention_raid_protection_enabled: Option<bool>,
}

impl AutoModerationTriggerMetadata {
    /// Most keywords in `keyword_filter`.
    pub const KEYWORD_FILTER_MAX: usize = 1000;
    /// Most characters per keyword (and per allow list entry).
    pub const KEYWORD_CHARS_MAX: usize = 60;
    /// Most patterns in `regex_patterns`.
    pub const REGEX_PATTERNS_MAX: usize = 10;
    /// Most characters per regex pattern.
    pub const REGEX_CHARS_MAX: usize = 260;
    /// Most allow list entries for `KEYWORD` and `MEMBER_PROFILE`.
    pub const ALLOW_LIST_MAX: usize = 100;
    /// Most allow list entries for `KEYWORD_PRESET`.
    pub const PRESET_ALLOW_LIST_MAX: usize = 1000;
    /// Greatest `mention_total_limit`.
    pub const MENTION_TOTAL_LIMIT_MAX: u8 = 50;

    /// Checks Discord's limits for a rule of `trigger` type; errors name the field
    /// (`keyword_filter`, `regex_patterns`, `allow_list`, `mention_total_limit`).
    ///
    /// ```
    /// use kokoro_model::auto_moderation::{AutoModerationTriggerMetadata, AutoModerationTriggerType};
    ///
    /// let meta = AutoModerationTriggerMetadata {
    ///     keyword_filter: vec!["x".repeat(61)],
    ///     ..Default::default()
    /// };
    /// let err = meta.validate(AutoModerationTriggerType::Keyword).unwrap_err();
    /// assert_eq!(err.to_string(), "keyword_filter is 61 characters long, more than the limit of 60");
    /// ```
    pub fn validate(&self, trigger: AutoModerationTriggerType) -> Result<(), ValidationError> {
        validate::max_items(
            "keyword_filter",
            self.keyword_filter.len(),
            Self::KEYWORD_FILTER_MAX,
        )?;
        for k in &self.keyword_filter {
            validate::chars_between("keyword_filter", k, 1, Self::KEYWORD_CHARS_MAX)?;
        }
        validate::max_items(
            "regex_patterns",
            self.regex_patterns.len(),
            Self::REGEX_PATTERNS_MAX,
        )?;
        for r in &self.regex_patterns {
            validate::chars_between("regex_patterns", r, 1, Self::REGEX_CHARS_MAX)?;
        }
        let allow_max = if trigger == AutoModerationTriggerType::KeywordPreset {
            Self::PRESET_ALLOW_LIST_MAX
        } else {
            Self::ALLOW_LIST_MAX
        };
        validate::max_items("allow_list", self.allow_list.len(), allow_max)?;
        for a in &self.allow_list {
            validate::chars_between("allow_list", a, 1, Self::KEYWORD_CHARS_MAX)?;
        }
        if let Some(limit) = self.mention_total_limit {
            validate::in_range(
                "mention_total_limit",
                limit.into(),
                0,
                Self::MENTION_TOTAL_LIMIT_MAX.into(),
            )?;
        }
        Ok(())
    }
}

/// An action taken when a rule triggers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoModerationAction {
    /// What the action does.
    #[serde(rename = "type")]
    pub kind: AutoModerationActionType,
    /// Settings of the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<AutoModerationActionMetadata>,
}

impl AutoModerationAction {
    /// Most actions of a rule.
    pub const MAX_PER_RULE: usize = 5;

    /// An action without metadata.
    pub fn new(kind: AutoModerationActionType) -> Self {
        Self {
            kind,
            metadata: None,
        }
    }

    /// Blocks the message, showing `message` (at most 150 characters) to the member.
    pub fn block_message(message: impl Into<String>) -> Self {
        Self {
            kind: AutoModerationActionType::BlockMessage,
            metadata: Some(AutoModerationActionMetadata {
                custom_message: Some(message.into()),
                ..Default::default()
            }),
        }
    }

    /// Logs the content to `channel`.
    pub fn send_alert_message(channel: ChannelId) -> Self {
        Self {
            kind: AutoModerationActionType::SendAlertMessage,
            metadata: Some(AutoModerationActionMetadata {
                channel_id: Some(channel),
                ..Default::default()
            }),
        }
    }

    /// Times the member out for `seconds` (at most 2,419,200: four weeks).
    pub fn timeout(seconds: u32) -> Self {
        Self {
            kind: AutoModerationActionType::Timeout,
            metadata: Some(AutoModerationActionMetadata {
                duration_seconds: Some(seconds),
                ..Default::default()
            }),
        }
    }

    /// Checks Discord's limits on the metadata (`metadata.custom_message`,
    /// `metadata.duration_seconds`, and the alert channel a `SEND_ALERT_MESSAGE` needs).
    pub fn validate(&self) -> Result<(), ValidationError> {
        let meta = self.metadata.as_ref();
        if let Some(m) = meta.and_then(|m| m.custom_message.as_deref()) {
            validate::max_chars(
                "custom_message",
                m,
                AutoModerationActionMetadata::CUSTOM_MESSAGE_MAX,
            )
            .map_err(|e| e.within("metadata"))?;
        }
        if let Some(d) = meta.and_then(|m| m.duration_seconds) {
            validate::in_range(
                "duration_seconds",
                d.into(),
                0,
                AutoModerationActionMetadata::DURATION_SECONDS_MAX.into(),
            )
            .map_err(|e| e.within("metadata"))?;
        }
        let needs = |present: bool, field: &'static str| {
            if present {
                Ok(())
            } else {
                Err(
                    ValidationError::new(field, validate::ValidationErrorKind::Missing)
                        .within("metadata"),
                )
            }
        };
        match self.kind {
            AutoModerationActionType::SendAlertMessage => {
                needs(meta.is_some_and(|m| m.channel_id.is_some()), "channel_id")
            }
            AutoModerationActionType::Timeout => needs(
                meta.is_some_and(|m| m.duration_seconds.is_some()),
                "duration_seconds",
            ),
            _ => Ok(()),
        }
    }
}

/// Settings of an action; which fields apply depends on the action type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoModerationActionMetadata {
    /// The channel content is logged to (`SEND_ALERT_MESSAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<ChannelId>,
    /// The timeout in seconds, at most 2419200 (`TIMEOUT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u32>,
    /// The explanation shown when a message is blocked, at most 150 characters (`BLOCK_MESSAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_message: Option<String>,
}

impl AutoModerationActionMetadata {
    /// Longest timeout, in seconds (4 weeks).
    pub const DURATION_SECONDS_MAX: u32 = 2_419_200;
    /// Most characters of a custom message.
    pub const CUSTOM_MESSAGE_MAX: usize = 150;
}

/// An action was executed (the `AUTO_MODERATION_ACTION_EXECUTION` gateway event).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoModerationActionExecution {
    /// The guild in which the action was executed.
    pub guild_id: GuildId,
    /// The action executed.
    pub action: AutoModerationAction,
    /// The rule the action belongs to.
    pub rule_id: AutoModerationRuleId,
    /// The trigger type of the rule.
    pub rule_trigger_type: AutoModerationTriggerType,
    /// The user whose content triggered the rule.
    pub user_id: UserId,
    /// The channel the content was posted in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<ChannelId>,
    /// The user's message (absent when it was blocked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<MessageId>,
    /// The alert message posted by the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_system_message_id: Option<MessageId>,
    /// The user's content (empty without the message content intent).
    #[serde(default)]
    pub content: String,
    /// The keyword or phrase of the rule that matched.
    #[serde(default)]
    pub matched_keyword: Option<String>,
    /// The substring of the content that matched (empty without the message content intent).
    #[serde(default)]
    pub matched_content: Option<String>,
}
