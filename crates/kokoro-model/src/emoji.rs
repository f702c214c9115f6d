//! Emojis, custom and unicode.

use serde::{Deserialize, Serialize};

use crate::{
    id::{EmojiId, RoleId},
    user::User,
};

/// A custom emoji of a guild or an application.
///
/// ```
/// use kokoro_model::emoji::Emoji;
///
/// let emoji: Emoji = serde_json::from_str(r#"{"id":"41771983429993937","name":"LUL",
///     "roles":[],"require_colons":true,"managed":false,"animated":true,"available":true}"#).unwrap();
/// assert_eq!(emoji.mention(), "<a:LUL:41771983429993937>");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emoji {
    /// The emoji's id.
    pub id: EmojiId,
    /// The emoji's name.
    pub name: String,
    /// Roles allowed to use the emoji (empty: everyone).
    #[serde(default)]
    pub roles: Vec<RoleId>,
    /// Who uploaded the emoji.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// Whether the emoji must be wrapped in colons.
    #[serde(default)]
    pub require_colons: bool,
    /// Whether an integration manages the emoji.
    #[serde(default)]
    pub managed: bool,
    /// Whether the emoji is animated.
    #[serde(default)]
    pub animated: bool,
    /// Whether the emoji can be used (false after losing Server Boosts).
    #[serde(default = "yes")]
    pub available: bool,
}

fn yes() -> bool {
    true
}

impl Emoji {
    /// The markdown that shows the emoji in a message: `<:name:id>` or `<a:name:id>`.
    pub fn mention(&self) -> String {
        let prefix = if self.animated { "a" } else { "" };
        format!("<{prefix}:{}:{}>", self.name, self.id)
    }

    /// This emoji as used in reactions and components.
    pub fn to_partial(&self) -> PartialEmoji {
        PartialEmoji {
            id: Some(self.id),
            name: Some(self.name.clone()),
            animated: self.animated,
        }
    }
}

/// An emoji as used in reactions, components and onboarding: custom (with
/// an id) or unicode (a name only).
///
/// ```
/// use kokoro_model::emoji::PartialEmoji;
///
/// let fire = PartialEmoji::unicode("🔥");
/// assert_eq!(serde_json::to_string(&fire).unwrap(), r#"{"id":null,"name":"🔥"}"#);
/// let deleted: PartialEmoji = serde_json::from_str(r#"{"id":"41771983429993937","name":null}"#).unwrap();
/// assert!(deleted.name.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PartialEmoji {
    /// A custom emoji's id; `None` for a unicode emoji.
    #[serde(default)]
    pub id: Option<EmojiId>,
    /// The custom emoji's name or the unicode emoji; `None` for a deleted custom emoji.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether the custom emoji is animated.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub animated: bool,
}

impl PartialEmoji {
    /// A unicode emoji, such as `"🔥"`.
    pub fn unicode(emoji: impl Into<String>) -> Self {
        Self {
            id: None,
            name: Some(emoji.into()),
            animated: false,
        }
    }

    /// A custom emoji.
    pub fn custom(id: EmojiId, name: impl Into<String>, animated: bool) -> Self {
        Self {
            id: Some(id),
            name: Some(name.into()),
            animated,
        }
    }

    /// Whether this is a custom emoji.
    pub fn is_custom(&self) -> bool {
        self.id.is_some()
    }
}

impl From<&Emoji> for PartialEmoji {
    fn from(emoji: &Emoji) -> Self {
        emoji.to_partial()
    }
}

/// An application's emojis (`GET /applications/{id}/emojis`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationEmojis {
    /// The emojis.
    #[serde(default)]
    pub items: Vec<Emoji>,
}
