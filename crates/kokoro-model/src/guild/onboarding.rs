//! What new members see: the welcome screen and onboarding.

use serde::{Deserialize, Serialize};

use super::{OnboardingMode, OnboardingPromptType};
use crate::{
    emoji::PartialEmoji,
    id::{ChannelId, EmojiId, GuildId, OnboardingPromptId, OnboardingPromptOptionId, RoleId},
};

/// The welcome screen of a Community guild.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WelcomeScreen {
    /// The guild description shown.
    #[serde(default)]
    pub description: Option<String>,
    /// The channels shown, at most 5.
    #[serde(default)]
    pub welcome_channels: Vec<WelcomeScreenChannel>,
}

impl WelcomeScreen {
    /// The most channels a welcome screen shows.
    pub const CHANNELS_MAX: usize = 5;
}

/// A channel shown on a welcome screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WelcomeScreenChannel {
    /// The channel's id.
    pub channel_id: ChannelId,
    /// The description shown for the channel.
    pub description: String,
    /// The custom emoji's id.
    #[serde(default)]
    pub emoji_id: Option<EmojiId>,
    /// The custom emoji's name or the unicode emoji; `None` when no emoji is set.
    #[serde(default)]
    pub emoji_name: Option<String>,
}

/// The onboarding flow of a guild.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildOnboarding {
    /// The guild's id.
    pub guild_id: GuildId,
    /// Prompts shown during onboarding and in Channels & Roles.
    #[serde(default)]
    pub prompts: Vec<OnboardingPrompt>,
    /// Channels members are opted into automatically.
    #[serde(default)]
    pub default_channel_ids: Vec<ChannelId>,
    /// Whether onboarding is enabled.
    #[serde(default)]
    pub enabled: bool,
    /// Which constraints onboarding must satisfy.
    #[serde(default)]
    pub mode: OnboardingMode,
}

/// A question of onboarding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnboardingPrompt {
    /// The prompt's id.
    pub id: OnboardingPromptId,
    /// How the options are shown.
    #[serde(rename = "type", default)]
    pub kind: OnboardingPromptType,
    /// The options.
    #[serde(default)]
    pub options: Vec<OnboardingPromptOption>,
    /// The question.
    pub title: String,
    /// Whether a member may pick only one option.
    #[serde(default)]
    pub single_select: bool,
    /// Whether the prompt must be answered to complete onboarding.
    #[serde(default)]
    pub required: bool,
    /// Whether the prompt is in onboarding, or only in Channels & Roles.
    #[serde(default)]
    pub in_onboarding: bool,
}

/// An answer to an onboarding prompt.
///
/// Received with `emoji`; sent with `emoji_id`, `emoji_name` and `emoji_animated`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnboardingPromptOption {
    /// The option's id.
    pub id: OnboardingPromptOptionId,
    /// Channels a member who picks the option is added to.
    #[serde(default)]
    pub channel_ids: Vec<ChannelId>,
    /// Roles a member who picks the option is given.
    #[serde(default)]
    pub role_ids: Vec<RoleId>,
    /// The option's emoji (received).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<PartialEmoji>,
    /// The option's custom emoji id (sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji_id: Option<EmojiId>,
    /// The option's emoji name (sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji_name: Option<String>,
    /// Whether the option's emoji is animated (sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji_animated: Option<bool>,
    /// The option's title.
    pub title: String,
    /// The option's description.
    #[serde(default)]
    pub description: Option<String>,
}
