//! Stage instances.

use serde::{Deserialize, Serialize};

use crate::id::{ChannelId, GuildId, ScheduledEventId, StageInstanceId};

int_enum! {
    /// Who can see a stage instance.
    pub enum StageInstancePrivacyLevel: u8 {
        /// Visible publicly (deprecated).
        Public = 1,
        /// Visible to guild members only.
        GuildOnly = 2,
    }
}

/// A live stage: a stage channel with a topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageInstance {
    /// The stage instance's id.
    pub id: StageInstanceId,
    /// The guild of the stage channel.
    pub guild_id: GuildId,
    /// The stage channel.
    pub channel_id: ChannelId,
    /// The topic (1-120 characters).
    pub topic: String,
    /// Who can see it.
    pub privacy_level: StageInstancePrivacyLevel,
    /// Whether Stage Discovery is disabled (deprecated).
    #[serde(default)]
    pub discoverable_disabled: bool,
    /// The scheduled event of the stage.
    #[serde(default)]
    pub guild_scheduled_event_id: Option<ScheduledEventId>,
}

impl StageInstance {
    /// Most characters of a topic.
    pub const TOPIC_MAX: usize = 120;
}
