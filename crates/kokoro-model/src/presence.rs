//! Presences: a user's status and activities in a guild.

use serde::{Deserialize, Serialize};

use crate::{
    id::{ApplicationId, EmojiId, GuildId, UserId},
    user::PartialUser,
};

str_enum! {
    /// Whether a user is online.
    pub enum Status {
        /// Online.
        Online = "online",
        /// Do not disturb.
        DoNotDisturb = "dnd",
        /// Away from keyboard.
        Idle = "idle",
        /// Shown as offline while connected (only sent, never received).
        Invisible = "invisible",
        /// Offline.
        Offline = "offline",
    }
}

int_enum! {
    /// What kind of activity a user is doing.
    pub enum ActivityType: u8 {
        /// Playing {name}.
        Playing = 0,
        /// Streaming {details}.
        Streaming = 1,
        /// Listening to {name}.
        Listening = 2,
        /// Watching {name}.
        Watching = 3,
        /// {emoji} {state}: a custom status.
        Custom = 4,
        /// Competing in {name}.
        Competing = 5,
    }
}

int_enum! {
    /// Which field a user's status text shows in the member list.
    pub enum StatusDisplayType: u8 {
        /// The activity's name.
        Name = 0,
        /// The activity's state.
        State = 1,
        /// The activity's details.
        Details = 2,
    }
}

flags! {
    /// What an activity's payload includes.
    pub struct ActivityFlags: u32 {
        /// An instanced game session.
        const INSTANCE = 1 << 0;
        /// Joinable.
        const JOIN = 1 << 1;
        /// Spectatable.
        const SPECTATE = 1 << 2;
        /// Accepts join requests.
        const JOIN_REQUEST = 1 << 3;
        /// Spotify sync.
        const SYNC = 1 << 4;
        /// Playable.
        const PLAY = 1 << 5;
        /// Party visible to friends only.
        const PARTY_PRIVACY_FRIENDS = 1 << 6;
        /// Party visible to the voice channel only.
        const PARTY_PRIVACY_VOICE_CHANNEL = 1 << 7;
        /// An embedded activity.
        const EMBEDDED = 1 << 8;
    }
}

/// A user's presence in a guild, as sent in PRESENCE_UPDATE and GUILD_CREATE.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    /// The user; only `id` is guaranteed.
    pub user: PartialUser,
    /// The guild; absent inside GUILD_CREATE, where it is implied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The user's status.
    pub status: Status,
    /// The user's activities, most important first.
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// The user's status on each platform.
    #[serde(default)]
    pub client_status: ClientStatus,
}

/// A user's status on each platform; a platform is absent when the user is not on it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientStatus {
    /// On a desktop application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desktop: Option<Status>,
    /// On a mobile application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<Status>,
    /// On the web application or a bot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<Status>,
}

/// Something a user is doing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// The activity's name.
    pub name: String,
    /// The kind of activity.
    #[serde(rename = "type")]
    pub kind: ActivityType,
    /// The stream URL, for Streaming.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the activity was added to the user's session, in Unix milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<u64>,
    /// Start and end of the game.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamps: Option<ActivityTimestamps>,
    /// The game's application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<ApplicationId>,
    /// Which field the status text shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_display_type: Option<StatusDisplayType>,
    /// What the player is doing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// URL linked from the details text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details_url: Option<String>,
    /// The party status, or a custom status's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// URL linked from the state text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_url: Option<String>,
    /// A custom status's emoji.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<ActivityEmoji>,
    /// The player's party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<ActivityParty>,
    /// Images and their hover texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets: Option<ActivityAssets>,
    /// Secrets for joining and spectating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<ActivitySecrets>,
    /// Whether this is an instanced game session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<bool>,
    /// What the payload includes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<ActivityFlags>,
    /// Button labels when received; label and URL objects when sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<ActivityButton>,
}

impl Activity {
    /// A minimal activity of `kind` named `name`, as a bot may set it.
    ///
    /// ```
    /// use kokoro_model::presence::{Activity, ActivityType};
    ///
    /// let a = Activity::new(ActivityType::Playing, "with ferris");
    /// assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"name":"with ferris","type":0}"#);
    /// ```
    pub fn new(kind: ActivityType, name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            kind,
            url: None,
            created_at: None,
            timestamps: None,
            application_id: None,
            status_display_type: None,
            details: None,
            details_url: None,
            state: None,
            state_url: None,
            emoji: None,
            party: None,
            assets: None,
            secrets: None,
            instance: None,
            flags: None,
            buttons: Vec::new(),
        }
    }
}

/// A button of a Rich Presence: a label when received, a label and URL when sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ActivityButton {
    /// A label, as received over the gateway.
    Label(String),
    /// A label and URL, as sent.
    Link {
        /// The button's text (1-32 characters).
        label: String,
        /// The URL opened on click (1-512 characters).
        url: String,
    },
}

/// Unix milliseconds when an activity starts and ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityTimestamps {
    /// When it started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u64>,
    /// When it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<u64>,
}

/// The emoji of a custom status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEmoji {
    /// The emoji's name (or the unicode emoji itself).
    pub name: String,
    /// A custom emoji's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<EmojiId>,
    /// Whether it is animated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub animated: Option<bool>,
}

/// The party of a player.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityParty {
    /// The party's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Current and maximum size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<[u64; 2]>,
}

/// Images of an activity and their hover texts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityAssets {
    /// The large image (an asset id or `mp:` media proxy id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub large_image: Option<String>,
    /// Hover text of the large image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub large_text: Option<String>,
    /// URL opened from the large image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub large_url: Option<String>,
    /// The small image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub small_image: Option<String>,
    /// Hover text of the small image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub small_text: Option<String>,
    /// URL opened from the small image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub small_url: Option<String>,
    /// Banner of a game invite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_cover_image: Option<String>,
}

/// Secrets for Rich Presence joining and spectating.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivitySecrets {
    /// Secret for joining a party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join: Option<String>,
    /// Secret for spectating a game.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spectate: Option<String>,
    /// Secret for an instanced match.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "match")]
    pub match_secret: Option<String>,
}

impl Presence {
    /// The id of the user this presence belongs to.
    pub fn user_id(&self) -> UserId {
        self.user.id
    }
}
