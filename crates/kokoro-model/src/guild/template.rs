//! Guild templates: codes that create a guild from a snapshot of another.

use std::fmt;

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{Error as DeError, Unexpected, Visitor},
};

use super::{
    DefaultMessageNotificationLevel, ExplicitContentFilter, SystemChannelFlags, VerificationLevel,
};
use crate::{
    Permissions, Timestamp,
    channel::{AutoArchiveDuration, ChannelType, ForumLayout, PermissionOverwriteType, SortOrder},
    id::{EmojiId, GuildId, UserId},
    user::User,
    util::ImageHash,
};

use super::RoleColors;

/// A guild template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildTemplate {
    /// The template code.
    pub code: String,
    /// The template's name.
    pub name: String,
    /// The template's description.
    #[serde(default)]
    pub description: Option<String>,
    /// How many times the template was used.
    #[serde(default)]
    pub usage_count: u64,
    /// The creator's id.
    pub creator_id: UserId,
    /// The creator (`null` in the OpenAPI spec when the user is gone).
    #[serde(default)]
    pub creator: Option<User>,
    /// When the template was created.
    pub created_at: Timestamp,
    /// When the template was last synced to its guild.
    pub updated_at: Timestamp,
    /// The guild the template is a snapshot of.
    pub source_guild_id: GuildId,
    /// The snapshot.
    pub serialized_source_guild: TemplateGuild,
    /// Whether the guild has changed since the last sync.
    #[serde(default)]
    pub is_dirty: Option<bool>,
}

/// An id local to a template snapshot: `0` is `@everyone`, then `1`, `2`, …
///
/// Sent as an integer (sometimes as a string), and zero is valid, so it is
/// not an [`Id`](crate::Id).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceholderId(pub u64);

impl Serialize for PlaceholderId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.0)
    }
}

impl<'de> Deserialize<'de> for PlaceholderId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PlaceholderId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a template placeholder id as an integer or a string")
            }
            fn visit_u64<E: DeError>(self, v: u64) -> Result<PlaceholderId, E> {
                Ok(PlaceholderId(v))
            }
            fn visit_i64<E: DeError>(self, v: i64) -> Result<PlaceholderId, E> {
                u64::try_from(v)
                    .map(PlaceholderId)
                    .map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
            }
            fn visit_str<E: DeError>(self, v: &str) -> Result<PlaceholderId, E> {
                v.parse()
                    .map(PlaceholderId)
                    .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The guild snapshot of a template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateGuild {
    /// The guild's name.
    pub name: String,
    /// The guild's description.
    #[serde(default)]
    pub description: Option<String>,
    /// The voice region (deprecated).
    #[serde(default)]
    pub region: Option<String>,
    /// The verification level.
    #[serde(default)]
    pub verification_level: VerificationLevel,
    /// The default notification level.
    #[serde(default)]
    pub default_message_notifications: DefaultMessageNotificationLevel,
    /// The explicit content filter.
    #[serde(default)]
    pub explicit_content_filter: ExplicitContentFilter,
    /// The preferred locale.
    #[serde(default)]
    pub preferred_locale: String,
    /// The AFK channel.
    #[serde(default)]
    pub afk_channel_id: Option<PlaceholderId>,
    /// The AFK timeout in seconds.
    #[serde(default)]
    pub afk_timeout: u32,
    /// The system channel.
    #[serde(default)]
    pub system_channel_id: Option<PlaceholderId>,
    /// The system channel flags.
    #[serde(default)]
    pub system_channel_flags: SystemChannelFlags,
    /// The roles.
    #[serde(default)]
    pub roles: Vec<TemplateRole>,
    /// The channels.
    #[serde(default)]
    pub channels: Vec<TemplateChannel>,
    /// The icon hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_hash: Option<ImageHash>,
}

/// A role of a template snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRole {
    /// The placeholder id (`0` is `@everyone`).
    pub id: PlaceholderId,
    /// The role's name.
    pub name: String,
    /// The role's permissions.
    pub permissions: Permissions,
    /// The role's color.
    #[serde(default)]
    pub color: u32,
    /// The role's colors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colors: Option<RoleColors>,
    /// Whether the role is listed apart.
    #[serde(default)]
    pub hoist: bool,
    /// Whether anyone can mention the role.
    #[serde(default)]
    pub mentionable: bool,
    /// The role's icon hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<ImageHash>,
    /// The role's unicode emoji.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unicode_emoji: Option<String>,
}

/// A channel of a template snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateChannel {
    /// The placeholder id.
    #[serde(default)]
    pub id: Option<PlaceholderId>,
    /// The channel type.
    #[serde(rename = "type")]
    pub kind: ChannelType,
    /// The channel's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The channel's position.
    #[serde(default)]
    pub position: Option<i32>,
    /// The channel's topic.
    #[serde(default)]
    pub topic: Option<String>,
    /// The bitrate of a voice channel.
    #[serde(default)]
    pub bitrate: u32,
    /// The user limit of a voice channel.
    #[serde(default)]
    pub user_limit: u32,
    /// Whether the channel is age-restricted.
    #[serde(default)]
    pub nsfw: bool,
    /// The slowmode in seconds.
    #[serde(default)]
    pub rate_limit_per_user: u32,
    /// The placeholder id of the parent category.
    #[serde(default)]
    pub parent_id: Option<PlaceholderId>,
    /// The permission overwrites.
    #[serde(default)]
    pub permission_overwrites: Vec<TemplateOverwrite>,
    /// The default auto-archive duration of threads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_auto_archive_duration: Option<AutoArchiveDuration>,
    /// The tags of a forum or media channel.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::null_as_default::deserialize"
    )]
    pub available_tags: Vec<TemplateTag>,
    /// The template of new posts in a forum channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// The default reaction of a forum or media channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_reaction_emoji: Option<TemplateReactionEmoji>,
    /// The default slowmode of new threads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_thread_rate_limit_per_user: Option<u32>,
    /// The default sort order of a forum or media channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_sort_order: Option<SortOrder>,
    /// The default layout of a forum channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_forum_layout: Option<ForumLayout>,
    /// How tags filter posts (`match_some`, `match_all`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_tag_setting: Option<String>,
    /// The channel's theme color.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme_color: Option<u32>,
}

/// A permission overwrite of a template channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateOverwrite {
    /// The placeholder id of the role.
    pub id: PlaceholderId,
    /// Role or member.
    #[serde(rename = "type")]
    pub kind: PermissionOverwriteType,
    /// Permissions granted.
    pub allow: Permissions,
    /// Permissions denied.
    pub deny: Permissions,
}

/// A forum tag of a template channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateTag {
    /// The placeholder id.
    #[serde(default)]
    pub id: Option<PlaceholderId>,
    /// The tag's name.
    pub name: String,
    /// The custom emoji's id.
    #[serde(default)]
    pub emoji_id: Option<EmojiId>,
    /// The emoji's name.
    #[serde(default)]
    pub emoji_name: Option<String>,
    /// Whether only moderators may apply the tag.
    #[serde(default)]
    pub moderated: Option<bool>,
}

/// The default reaction of a template channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateReactionEmoji {
    /// The custom emoji's id.
    #[serde(default)]
    pub emoji_id: Option<EmojiId>,
    /// The emoji's name.
    #[serde(default)]
    pub emoji_name: Option<String>,
}
