//! Soundboard sounds.

use serde::{Deserialize, Serialize};

use crate::{
    id::{EmojiId, GuildId, SoundboardSoundId},
    user::User,
};

/// A sound of the soundboard: a default sound or a guild's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SoundboardSound {
    /// The sound's name (2-32 characters).
    pub name: String,
    /// The sound's id.
    pub sound_id: SoundboardSoundId,
    /// The volume, from 0 to 1.
    pub volume: f64,
    /// The id of the sound's custom emoji.
    #[serde(default)]
    pub emoji_id: Option<EmojiId>,
    /// The sound's standard emoji.
    #[serde(default)]
    pub emoji_name: Option<String>,
    /// The guild the sound is in; absent for default sounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// Whether the sound can be used (not when the guild lost its boosts).
    #[serde(default = "available_default")]
    pub available: bool,
    /// The user who created the sound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
}

fn available_default() -> bool {
    true
}

impl SoundboardSound {
    /// Least characters of a name.
    pub const NAME_MIN: usize = 2;
    /// Most characters of a name.
    pub const NAME_MAX: usize = 32;
    /// Largest sound file, in bytes (512 KiB).
    pub const FILE_SIZE_MAX: usize = 512 * 1024;

    /// The CDN URL of the sound file.
    pub fn url(&self) -> String {
        format!(
            "https://cdn.discordapp.com/soundboard-sounds/{}",
            self.sound_id
        )
    }
}

/// The body of `GET /guilds/{guild.id}/soundboard-sounds`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuildSoundboardSounds {
    /// The guild's sounds.
    #[serde(default)]
    pub items: Vec<SoundboardSound>,
}
