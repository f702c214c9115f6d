//! Snowflake identifiers, typed by the kind of entity they name.
//!
//! Discord identifies everything with a 64-bit "snowflake". kokoro wraps it in
//! [`Id<M>`], where `M` is a zero-sized *marker* type, so that a channel id can
//! never be passed where a guild id is expected:
//!
//! ```
//! use kokoro_model::id::{Id, marker::{ChannelMarker, GuildMarker}};
//!
//! let channel: Id<ChannelMarker> = Id::new(613425648685547541);
//! let guild: Id<GuildMarker> = "81384788765712384".parse().unwrap();
//! assert_eq!(channel.get(), 613425648685547541);
//! assert_eq!(guild.to_string(), "81384788765712384");
//! // A snowflake carries its creation time.
//! assert_eq!(channel.timestamp().as_millis(), 1_566_322_471_544);
//! ```

use std::{
    cmp::Ordering,
    fmt,
    hash::{Hash, Hasher},
    marker::PhantomData,
    num::NonZeroU64,
    str::FromStr,
};

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{Error as DeError, Unexpected, Visitor},
};

use crate::Timestamp;

/// Milliseconds between the Unix epoch and Discord's epoch (2015-01-01T00:00:00Z).
pub const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// A Discord snowflake naming an entity of kind `M`.
///
/// Eight bytes, `Copy`, and `Option<Id<M>>` is eight bytes too (ids are never
/// zero). On the wire it is a string; on input both strings and integers are
/// accepted.
pub struct Id<M> {
    value: NonZeroU64,
    // `fn(M) -> M` keeps `Id` Send + Sync + Copy whatever the marker is.
    marker: PhantomData<fn(M) -> M>,
}

impl<M> Id<M> {
    /// Creates an id from a non-zero integer.
    ///
    /// # Panics
    ///
    /// Panics when `n` is zero; use [`Id::new_checked`] for untrusted values.
    #[track_caller]
    pub const fn new(n: u64) -> Self {
        match NonZeroU64::new(n) {
            Some(value) => Self::from_nonzero(value),
            None => panic!("a snowflake id is never zero"),
        }
    }

    /// Creates an id, or `None` when `n` is zero.
    pub const fn new_checked(n: u64) -> Option<Self> {
        match NonZeroU64::new(n) {
            Some(value) => Some(Self::from_nonzero(value)),
            None => None,
        }
    }

    /// Creates an id from a non-zero integer.
    pub const fn from_nonzero(value: NonZeroU64) -> Self {
        Self {
            value,
            marker: PhantomData,
        }
    }

    /// The raw integer.
    pub const fn get(self) -> u64 {
        self.value.get()
    }

    /// The raw integer, as a [`NonZeroU64`].
    pub const fn into_nonzero(self) -> NonZeroU64 {
        self.value
    }

    /// Reinterprets this id as naming another kind of entity.
    ///
    /// Discord reuses ids across kinds in a few places: a guild's `@everyone`
    /// role has the guild's id, and a thread started from a message has the
    /// message's id.
    pub const fn cast<N>(self) -> Id<N> {
        Id::from_nonzero(self.value)
    }

    /// When the entity was created, from the snowflake's top 42 bits.
    pub const fn timestamp(self) -> Timestamp {
        let ms = (self.value.get() >> 22) + DISCORD_EPOCH_MS;
        Timestamp::from_micros(ms as i64 * 1000)
    }

    /// The id of the worker that generated this snowflake.
    pub const fn worker_id(self) -> u8 {
        ((self.value.get() & 0x3E_0000) >> 17) as u8
    }

    /// The id of the process that generated this snowflake.
    pub const fn process_id(self) -> u8 {
        ((self.value.get() & 0x1_F000) >> 12) as u8
    }

    /// The per-process increment of this snowflake.
    pub const fn increment(self) -> u16 {
        (self.value.get() & 0xFFF) as u16
    }
}

impl<M> Clone for Id<M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M> Copy for Id<M> {}

impl<M> PartialEq for Id<M> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<M> Eq for Id<M> {}

impl<M> PartialEq<u64> for Id<M> {
    fn eq(&self, other: &u64) -> bool {
        self.value.get() == *other
    }
}

impl<M> PartialOrd for Id<M> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<M> Ord for Id<M> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.value.cmp(&other.value)
    }
}

impl<M> Hash for Id<M> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.value.get());
    }
}

impl<M> fmt::Debug for Id<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = std::any::type_name::<M>();
        let kind = kind.rsplit("::").next().unwrap_or(kind);
        let kind = kind.strip_suffix("Marker").unwrap_or(kind);
        write!(f, "Id<{kind}>({})", self.value)
    }
}

impl<M> fmt::Display for Id<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

impl<M> From<NonZeroU64> for Id<M> {
    fn from(value: NonZeroU64) -> Self {
        Self::from_nonzero(value)
    }
}

impl<M> From<Id<M>> for u64 {
    fn from(id: Id<M>) -> Self {
        id.get()
    }
}

impl<M> TryFrom<u64> for Id<M> {
    type Error = ParseIdError;

    fn try_from(n: u64) -> Result<Self, Self::Error> {
        Self::new_checked(n).ok_or(ParseIdError::Zero)
    }
}

/// Why a string or integer is not a snowflake.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseIdError {
    /// The value was zero; snowflakes never are.
    #[error("a snowflake id is never zero")]
    Zero,
    /// The string was not a decimal unsigned 64-bit integer.
    #[error("a snowflake id is a decimal unsigned 64-bit integer")]
    NotAnInteger,
}

impl<M> FromStr for Id<M> {
    type Err = ParseIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let n: u64 = s.parse().map_err(|_| ParseIdError::NotAnInteger)?;
        Self::try_from(n)
    }
}

impl<M> Serialize for Id<M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Discord sends ids as strings because JavaScript loses precision
        // past 2^53; format without allocating.
        let mut buf = [0u8; 20];
        serializer.serialize_str(format_u64(self.value.get(), &mut buf))
    }
}

/// Formats `n` into `buf` and returns the digits.
fn format_u64(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

struct IdVisitor<M>(PhantomData<fn(M) -> M>);

impl<M> Visitor<'_> for IdVisitor<M> {
    type Value = Id<M>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a snowflake id as a string or an integer")
    }

    fn visit_u64<E: DeError>(self, v: u64) -> Result<Self::Value, E> {
        Id::new_checked(v).ok_or_else(|| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: DeError>(self, v: i64) -> Result<Self::Value, E> {
        u64::try_from(v)
            .ok()
            .and_then(Id::new_checked)
            .ok_or_else(|| E::invalid_value(Unexpected::Signed(v), &self))
    }

    fn visit_str<E: DeError>(self, v: &str) -> Result<Self::Value, E> {
        v.parse()
            .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
    }
}

impl<'de, M> Deserialize<'de> for Id<M> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IdVisitor(PhantomData))
    }
}

/// Zero-sized types naming the kind of entity an [`Id`] refers to.
pub mod marker {
    macro_rules! markers {
        ($($(#[$meta:meta])* $name:ident;)*) => {
            $(
                $(#[$meta])*
                #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
                #[non_exhaustive]
                pub struct $name;
            )*
        };
    }

    markers! {
        /// An application (a bot's, or an OAuth2 app's).
        ApplicationMarker;
        /// A message attachment.
        AttachmentMarker;
        /// An audit log entry.
        AuditLogEntryMarker;
        /// An auto moderation rule.
        AutoModerationRuleMarker;
        /// A channel of any type, threads included.
        ChannelMarker;
        /// An application command.
        CommandMarker;
        /// A version of an application command.
        CommandVersionMarker;
        /// An emoji.
        EmojiMarker;
        /// An entitlement.
        EntitlementMarker;
        /// Something whose kind Discord does not fix (an audit log target, an overwrite target).
        GenericMarker;
        /// A guild.
        GuildMarker;
        /// An integration.
        IntegrationMarker;
        /// An interaction.
        InteractionMarker;
        /// A lobby.
        LobbyMarker;
        /// A message.
        MessageMarker;
        /// An OAuth2 application's install or onboarding object.
        OauthSkuMarker;
        /// An onboarding prompt.
        OnboardingPromptMarker;
        /// An option of an onboarding prompt.
        OnboardingPromptOptionMarker;
        /// A role.
        RoleMarker;
        /// A subscription listing of a role.
        RoleSubscriptionListingMarker;
        /// A guild scheduled event.
        ScheduledEventMarker;
        /// A SKU.
        SkuMarker;
        /// A soundboard sound.
        SoundboardSoundMarker;
        /// A stage instance.
        StageInstanceMarker;
        /// A sticker.
        StickerMarker;
        /// A sticker pack.
        StickerPackMarker;
        /// A banner asset of a sticker pack.
        StickerBannerAssetMarker;
        /// A subscription.
        SubscriptionMarker;
        /// A forum or media channel tag.
        TagMarker;
        /// A team of developers.
        TeamMarker;
        /// A user.
        UserMarker;
        /// A webhook.
        WebhookMarker;
        /// A guild template's source or a generic snapshot.
        TemplateMarker;
    }
}

macro_rules! id_aliases {
    ($($(#[$meta:meta])* $alias:ident = $marker:ident;)*) => {
        $( $(#[$meta])* pub type $alias = Id<marker::$marker>; )*
    };
}

id_aliases! {
    /// The id of an application.
    ApplicationId = ApplicationMarker;
    /// The id of an attachment.
    AttachmentId = AttachmentMarker;
    /// The id of an audit log entry.
    AuditLogEntryId = AuditLogEntryMarker;
    /// The id of an auto moderation rule.
    AutoModerationRuleId = AutoModerationRuleMarker;
    /// The id of a channel or thread.
    ChannelId = ChannelMarker;
    /// The id of an application command.
    CommandId = CommandMarker;
    /// The id of an application command version.
    CommandVersionId = CommandVersionMarker;
    /// The id of an emoji.
    EmojiId = EmojiMarker;
    /// The id of an entitlement.
    EntitlementId = EntitlementMarker;
    /// An id whose kind Discord does not fix.
    GenericId = GenericMarker;
    /// The id of a guild.
    GuildId = GuildMarker;
    /// The id of an integration.
    IntegrationId = IntegrationMarker;
    /// The id of an interaction.
    InteractionId = InteractionMarker;
    /// The id of a lobby.
    LobbyId = LobbyMarker;
    /// The id of a message.
    MessageId = MessageMarker;
    /// The id of an onboarding prompt.
    OnboardingPromptId = OnboardingPromptMarker;
    /// The id of an onboarding prompt option.
    OnboardingPromptOptionId = OnboardingPromptOptionMarker;
    /// The id of a role.
    RoleId = RoleMarker;
    /// The id of a guild scheduled event.
    ScheduledEventId = ScheduledEventMarker;
    /// The id of a SKU.
    SkuId = SkuMarker;
    /// The id of a soundboard sound.
    SoundboardSoundId = SoundboardSoundMarker;
    /// The id of a stage instance.
    StageInstanceId = StageInstanceMarker;
    /// The id of a sticker.
    StickerId = StickerMarker;
    /// The id of a sticker pack.
    StickerPackId = StickerPackMarker;
    /// The id of a subscription.
    SubscriptionId = SubscriptionMarker;
    /// The id of a forum tag.
    TagId = TagMarker;
    /// The id of a team.
    TeamId = TeamMarker;
    /// The id of a user.
    UserId = UserMarker;
    /// The id of a webhook.
    WebhookId = WebhookMarker;
}

#[cfg(test)]
mod tests {
    use super::*;
    use marker::UserMarker;

    #[test]
    fn size_is_eight_bytes_even_optional() {
        assert_eq!(std::mem::size_of::<Id<UserMarker>>(), 8);
        assert_eq!(std::mem::size_of::<Option<Id<UserMarker>>>(), 8);
    }

    #[test]
    fn accepts_strings_and_integers_and_writes_strings() {
        let a: UserId = serde_json::from_str("\"80351110224678912\"").unwrap();
        let b: UserId = serde_json::from_str("80351110224678912").unwrap();
        assert_eq!(a, b);
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"80351110224678912\"");
        let max: UserId = serde_json::from_str("\"18446744073709551615\"").unwrap();
        assert_eq!(
            serde_json::to_string(&max).unwrap(),
            "\"18446744073709551615\""
        );
    }

    #[test]
    fn rejects_zero_negative_and_garbage() {
        for bad in [
            "\"0\"",
            "0",
            "-1",
            "\"12a\"",
            "\"\"",
            "1.5",
            "null",
            "\"18446744073709551616\"",
        ] {
            assert!(
                serde_json::from_str::<UserId>(bad).is_err(),
                "{bad} was accepted"
            );
        }
    }

    #[test]
    fn decodes_with_simd_json() {
        let mut raw = b"[\"175928847299117063\", 175928847299117063]".to_vec();
        let ids: Vec<UserId> = simd_json::serde::from_slice(&mut raw).unwrap();
        assert_eq!(ids[0], ids[1]);
    }

    #[test]
    fn parts_of_the_snowflake() {
        // The example from Discord's reference documentation.
        let id: UserId = Id::new(175928847299117063);
        assert_eq!(id.timestamp().as_millis(), 1_462_015_105_796);
        assert_eq!(id.worker_id(), 1);
        assert_eq!(id.process_id(), 0);
        assert_eq!(id.increment(), 7);
        assert_eq!(format!("{id:?}"), "Id<User>(175928847299117063)");
    }
}
