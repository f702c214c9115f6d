//! Payloads a client sends to the gateway.

use serde::{Deserialize, Serialize, Serializer, ser::SerializeStruct};

use super::OpCode;
use crate::{
    Intents,
    id::{ChannelId, GuildId, UserId},
    presence::{Activity, Status},
    validate::{ValidationError, ValidationErrorKind},
};

/// A payload sent to the gateway: the data of one opcode.
pub trait Command: Serialize {
    /// The opcode this payload is sent with.
    const OP: OpCode;
}

/// Serializes a command with its envelope, `{"op": …, "d": …}`.
///
/// ```
/// use kokoro_model::gateway::{command::Heartbeat, Envelope};
///
/// let json = serde_json::to_string(&Envelope(&Heartbeat(Some(251)))).unwrap();
/// assert_eq!(json, r#"{"op":1,"d":251}"#);
/// ```
#[derive(Debug)]
pub struct Envelope<'a, C>(pub &'a C);

impl<C: Command> Serialize for Envelope<'_, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Payload", 2)?;
        s.serialize_field("op", &C::OP)?;
        s.serialize_field("d", self.0)?;
        s.end()
    }
}

/// Keeps the connection alive; carries the last sequence number received.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heartbeat(pub Option<u64>);

impl Command for Heartbeat {
    const OP: OpCode = OpCode::Heartbeat;
}

/// Starts a new session.
///
/// The token is never shown by `Debug`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identify {
    /// The bot's token, without the `Bot ` prefix.
    pub token: String,
    /// Describes the client.
    pub properties: IdentifyProperties,
    /// Whether payloads may be compressed one by one (not the transport compression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compress: Option<bool>,
    /// Member count (50-250) above which offline members are not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub large_threshold: Option<u8>,
    /// This shard's id and the total shard count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardId>,
    /// The initial presence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence: Option<UpdatePresence>,
    /// The events to receive.
    pub intents: Intents,
}

impl std::fmt::Debug for Identify {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identify")
            .field("token", &"<redacted>")
            .field("properties", &self.properties)
            .field("compress", &self.compress)
            .field("large_threshold", &self.large_threshold)
            .field("shard", &self.shard)
            .field("presence", &self.presence)
            .field("intents", &self.intents)
            .finish()
    }
}

impl Command for Identify {
    const OP: OpCode = OpCode::Identify;
}

/// Describes the connecting client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentifyProperties {
    /// The operating system.
    pub os: String,
    /// The library's name.
    pub browser: String,
    /// The library's name.
    pub device: String,
}

impl IdentifyProperties {
    /// Properties naming kokoro and this machine's operating system.
    pub fn kokoro() -> Self {
        Self {
            os: std::env::consts::OS.to_owned(),
            browser: "kokoro".to_owned(),
            device: "kokoro".to_owned(),
        }
    }
}

/// A shard's id and the total number of shards, `[id, total]` on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShardId {
    number: u32,
    total: u32,
}

impl ShardId {
    /// The only shard of an unsharded bot.
    pub const ONE: Self = Self {
        number: 0,
        total: 1,
    };

    /// Shard `number` of `total`; `None` unless `number < total`.
    pub const fn new(number: u32, total: u32) -> Option<Self> {
        if number < total {
            Some(Self { number, total })
        } else {
            None
        }
    }

    /// This shard's number, from 0.
    pub const fn number(self) -> u32 {
        self.number
    }

    /// The total number of shards.
    pub const fn total(self) -> u32 {
        self.total
    }

    /// Whether this shard receives the events of `guild`: `(guild_id >> 22) % total`.
    pub const fn handles(self, guild: GuildId) -> bool {
        (guild.get() >> 22) % self.total as u64 == self.number as u64
    }
}

impl std::fmt::Display for ShardId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}, {}]", self.number, self.total)
    }
}

impl Serialize for ShardId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.number, self.total].serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ShardId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let [number, total] = <[u32; 2]>::deserialize(deserializer)?;
        Self::new(number, total).ok_or_else(|| {
            serde::de::Error::custom("a shard number must be less than the shard count")
        })
    }
}

/// Resumes a session after a disconnect.
///
/// The token is never shown by `Debug`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resume {
    /// The bot's token.
    pub token: String,
    /// The session to resume.
    pub session_id: String,
    /// The last sequence number received.
    pub seq: u64,
}

impl std::fmt::Debug for Resume {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resume")
            .field("token", &"<redacted>")
            .field("session_id", &self.session_id)
            .field("seq", &self.seq)
            .finish()
    }
}

impl Command for Resume {
    const OP: OpCode = OpCode::Resume;
}

/// Asks for members of a guild, answered with GUILD_MEMBERS_CHUNK events.
///
/// Build it with [`RequestGuildMembers::query`] or [`RequestGuildMembers::user_ids`],
/// which enforce Discord's rules:
///
/// ```
/// use kokoro_model::{gateway::command::RequestGuildMembers, id::GuildId};
///
/// let guild = GuildId::new(1);
/// let all = RequestGuildMembers::query(guild, "", 0).unwrap();
/// assert!(all.requests_all_members());
/// assert!(RequestGuildMembers::query(guild, "ab", 101).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestGuildMembers {
    /// The guild.
    pub guild_id: GuildId,
    /// Usernames starting with this, or `""` for everyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The most members to send (0 with an empty query: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u16>,
    /// Whether to send the members' presences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presences: Option<bool>,
    /// The users to fetch.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    pub user_ids: Vec<UserId>,
    /// Echoed in each chunk, at most 32 bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<UserId>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(UserId),
        Many(Vec<UserId>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(id) => vec![id],
        OneOrMany::Many(ids) => ids,
    })
}

impl RequestGuildMembers {
    /// The most user ids one request may name.
    pub const MAX_USER_IDS: usize = 100;
    /// The largest limit with a non-empty query.
    pub const MAX_LIMIT: u16 = 100;
    /// The longest nonce, in bytes.
    pub const MAX_NONCE_LEN: usize = 32;

    /// Members whose username starts with `query`; `""` with limit 0 asks for all.
    pub fn query(
        guild_id: GuildId,
        query: impl Into<String>,
        limit: u16,
    ) -> Result<Self, ValidationError> {
        if limit > Self::MAX_LIMIT {
            return Err(ValidationError::new(
                "limit",
                ValidationErrorKind::OutOfRange {
                    value: i64::from(limit),
                    min: 0,
                    max: i64::from(Self::MAX_LIMIT),
                },
            ));
        }
        Ok(Self {
            guild_id,
            query: Some(query.into()),
            limit: Some(limit),
            presences: None,
            user_ids: Vec::new(),
            nonce: None,
        })
    }

    /// The members with these ids (at most 100).
    pub fn user_ids(
        guild_id: GuildId,
        user_ids: impl Into<Vec<UserId>>,
    ) -> Result<Self, ValidationError> {
        let user_ids = user_ids.into();
        if user_ids.is_empty() {
            return Err(ValidationError::new(
                "user_ids",
                ValidationErrorKind::TooFew { count: 0, min: 1 },
            ));
        }
        crate::validate::max_items("user_ids", user_ids.len(), Self::MAX_USER_IDS)?;
        Ok(Self {
            guild_id,
            query: None,
            limit: None,
            presences: None,
            user_ids,
            nonce: None,
        })
    }

    /// Also send the members' presences (needs GUILD_PRESENCES).
    #[must_use]
    pub fn presences(mut self, presences: bool) -> Self {
        self.presences = Some(presences);
        self
    }

    /// Tags the chunks of this request with `nonce` (at most 32 bytes).
    pub fn nonce(mut self, nonce: impl Into<String>) -> Result<Self, ValidationError> {
        let nonce = nonce.into();
        if nonce.len() > Self::MAX_NONCE_LEN {
            return Err(ValidationError::new(
                "nonce",
                ValidationErrorKind::TooLong {
                    len: nonce.len(),
                    max: Self::MAX_NONCE_LEN,
                },
            ));
        }
        self.nonce = Some(nonce);
        Ok(self)
    }

    /// Whether this asks for every member of the guild (needs GUILD_MEMBERS).
    pub fn requests_all_members(&self) -> bool {
        self.user_ids.is_empty() && self.query.as_deref() == Some("") && self.limit == Some(0)
    }

    /// The intents the connection needs for Discord to answer this request.
    pub fn required_intents(&self) -> Intents {
        let mut needed = Intents::empty();
        if self.presences == Some(true) {
            needed |= Intents::GUILD_PRESENCES;
        }
        if self.requests_all_members() {
            needed |= Intents::GUILD_MEMBERS;
        }
        needed
    }
}

impl Command for RequestGuildMembers {
    const OP: OpCode = OpCode::RequestGuildMembers;
}

/// Asks for the soundboard sounds of guilds, answered with SOUNDBOARD_SOUNDS events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSoundboardSounds {
    /// The guilds.
    pub guild_ids: Vec<GuildId>,
}

impl Command for RequestSoundboardSounds {
    const OP: OpCode = OpCode::RequestSoundboardSounds;
}

/// Asks for ephemeral channel data of a guild, answered with CHANNEL_INFO.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestChannelInfo {
    /// The guild.
    pub guild_id: GuildId,
    /// The fields wanted: `status`, `voice_start_time`.
    pub fields: Vec<String>,
}

impl Command for RequestChannelInfo {
    const OP: OpCode = OpCode::RequestChannelInfo;
}

/// Joins, moves between or leaves voice channels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateVoiceState {
    /// The guild.
    pub guild_id: GuildId,
    /// The channel to join, `None` to disconnect.
    pub channel_id: Option<ChannelId>,
    /// Whether the client is muted.
    pub self_mute: bool,
    /// Whether the client is deafened.
    pub self_deaf: bool,
}

impl Command for UpdateVoiceState {
    const OP: OpCode = OpCode::VoiceStateUpdate;
}

/// Sets the bot's presence.
///
/// ```
/// use kokoro_model::{gateway::command::UpdatePresence, presence::{Activity, ActivityType, Status}};
///
/// let p = UpdatePresence::new(Status::Online).activity(Activity::new(ActivityType::Watching, "you")).unwrap();
/// assert_eq!(p.activities.len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdatePresence {
    /// Unix milliseconds since the client went idle, `None` when not idle.
    pub since: Option<u64>,
    /// The activities.
    pub activities: Vec<Activity>,
    /// The status.
    pub status: Status,
    /// Whether the client is away.
    pub afk: bool,
}

impl UpdatePresence {
    /// A presence with `status`, no activity.
    pub fn new(status: Status) -> Self {
        Self {
            since: None,
            activities: Vec::new(),
            status,
            afk: false,
        }
    }

    /// Adds an activity; a bot may set only `name`, `state`, `type` and `url`.
    pub fn activity(mut self, activity: Activity) -> Result<Self, ValidationError> {
        crate::validate::chars_between("activities[].name", &activity.name, 1, 128)?;
        if let Some(state) = &activity.state {
            crate::validate::max_chars("activities[].state", state, 128)?;
        }
        self.activities.push(activity);
        Ok(self)
    }
}

impl Command for UpdatePresence {
    const OP: OpCode = OpCode::PresenceUpdate;
}

/// The first payload of a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    /// Milliseconds between heartbeats.
    pub heartbeat_interval: u64,
}

/// The gateway rate-limited an opcode (sent with RATE_LIMITED).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateLimitedMeta {
    /// The nonce of the request, for Request Guild Members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// The guild, for Request Guild Members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identify_hides_the_token() {
        let identify = Identify {
            token: "secret-token".into(),
            properties: IdentifyProperties::kokoro(),
            compress: None,
            large_threshold: Some(250),
            shard: ShardId::new(0, 1),
            presence: None,
            intents: Intents::GUILDS,
        };
        assert!(!format!("{identify:?}").contains("secret-token"));
        let json = serde_json::to_string(&Envelope(&identify)).unwrap();
        assert!(json.starts_with(r#"{"op":2,"d":{"token":"secret-token""#));
        assert!(json.contains(r#""shard":[0,1]"#));
    }

    #[test]
    fn request_guild_members_rules() {
        let g = GuildId::new(81384788765712384);
        assert!(RequestGuildMembers::user_ids(g, vec![]).is_err());
        let many: Vec<UserId> = (1..=101).map(UserId::new).collect();
        assert!(RequestGuildMembers::user_ids(g, many).is_err());
        let r = RequestGuildMembers::query(g, "", 0)
            .unwrap()
            .presences(true);
        assert_eq!(
            r.required_intents(),
            Intents::GUILD_MEMBERS | Intents::GUILD_PRESENCES
        );
        assert!(r.clone().nonce("x".repeat(33)).is_err());
        let one: RequestGuildMembers =
            serde_json::from_str(r#"{"guild_id":"1","user_ids":"2","limit":0}"#).unwrap();
        assert_eq!(one.user_ids, vec![UserId::new(2)]);
    }

    #[test]
    fn shard_id_checks_and_routes() {
        assert!(ShardId::new(2, 2).is_none());
        assert!(serde_json::from_str::<ShardId>("[3,2]").is_err());
        let s = ShardId::new(1, 2).unwrap();
        assert!(s.handles(GuildId::new(1 << 22)));
        assert!(!s.handles(GuildId::new(2 << 22)));
    }
}
