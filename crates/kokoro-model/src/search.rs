//! Message search in a guild (`GET /guilds/{id}/messages/search`).
//!
//! Thread search (`GET /channels/{id}/threads/search`) returns a
//! [`ThreadList`](crate::channel::ThreadList).

use serde::{Deserialize, Serialize};

use crate::{
    channel::{Channel, ThreadMember},
    message::Message,
};

/// A page of messages matching a guild search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuildSearch {
    /// The matching messages; each inner list holds one hit.
    #[serde(default)]
    pub messages: Vec<Vec<SearchMessage>>,
    /// Whether the guild is still being indexed, so results may be incomplete.
    #[serde(default)]
    pub doing_deep_historical_index: bool,
    /// How many messages match in total.
    #[serde(default)]
    pub total_results: u32,
    /// The threads the matching messages are in.
    #[serde(
        default,
        deserialize_with = "crate::guild::null_as_default::deserialize",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub threads: Vec<Channel>,
    /// The current user's memberships of those threads.
    #[serde(
        default,
        deserialize_with = "crate::guild::null_as_default::deserialize",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub members: Vec<ThreadMember>,
    /// How many messages are indexed, while indexing is in progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents_indexed: Option<u64>,
}

impl GuildSearch {
    /// The matching messages, one after another.
    pub fn hits(&self) -> impl Iterator<Item = &SearchMessage> {
        self.messages.iter().flatten()
    }
}

/// A message returned by a search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchMessage {
    /// The message.
    #[serde(flatten)]
    pub message: Message,
    /// Whether the message matched the query (always true for the hits).
    #[serde(default)]
    pub hit: bool,
    /// How many restrictions hide parts of the message (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction_count: Option<u32>,
}

/// The `202 Accepted` body of a search that cannot run yet: the index is being built.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchIndexNotReady {
    /// A message saying the index is not ready.
    pub message: String,
    /// Discord's JSON error code (`110000`).
    pub code: u32,
    /// How many messages are indexed so far.
    #[serde(default)]
    pub documents_indexed: u64,
    /// Seconds to wait before searching again.
    #[serde(default)]
    pub retry_after: u32,
}

str_enum! {
    /// How `GET /guilds/{guild_id}/messages/search` orders its results (`sort_by`).
    pub enum SearchSortMode {
        /// By relevance to the query (Discord's default).
        Relevance = "relevance",
        /// By when the message was sent.
        Timestamp = "timestamp",
    }
}

str_enum! {
    /// The direction of the search order (`sort_order`).
    pub enum SearchSortOrder {
        /// Oldest or least relevant first.
        Ascending = "asc",
        /// Newest or most relevant first (Discord's default).
        Descending = "desc",
    }
}

str_enum! {
    /// Which kind of author a searched message has (`author_type`); the `No…`
    /// variants exclude it.
    pub enum SearchAuthorType {
        /// A user.
        User = "user",
        /// A bot.
        Bot = "bot",
        /// A webhook.
        Webhook = "webhook",
        /// Not a user.
        NoUser = "-user",
        /// Not a bot.
        NoBot = "-bot",
        /// Not a webhook.
        NoWebhook = "-webhook",
    }
}

str_enum! {
    /// What a searched message contains (`has`); the `No…` variants exclude it.
    pub enum SearchHas {
        /// A link.
        Link = "link",
        /// An embed.
        Embed = "embed",
        /// A file.
        File = "file",
        /// An image.
        Image = "image",
        /// A video.
        Video = "video",
        /// A sound.
        Sound = "sound",
        /// A sticker.
        Sticker = "sticker",
        /// A poll.
        Poll = "poll",
        /// A forwarded message snapshot.
        Snapshot = "snapshot",
        /// No link.
        NoLink = "-link",
        /// No embed.
        NoEmbed = "-embed",
        /// No file.
        NoFile = "-file",
        /// No image.
        NoImage = "-image",
        /// No video.
        NoVideo = "-video",
        /// No sound.
        NoSound = "-sound",
        /// No sticker.
        NoSticker = "-sticker",
        /// No poll.
        NoPoll = "-poll",
        /// No snapshot.
        NoSnapshot = "-snapshot",
    }
}

str_enum! {
    /// The kind of embed a searched message has (`embed_type`).
    pub enum SearchEmbedType {
        /// An image.
        Image = "image",
        /// A video.
        Video = "video",
        /// A GIF video.
        Gifv = "gif",
        /// A sound.
        Sound = "sound",
        /// An article.
        Article = "article",
    }
}
