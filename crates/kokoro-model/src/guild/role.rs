//! Roles: named sets of permissions with a color, given to members.

use serde::{Deserialize, Serialize};

use crate::{
    Id, Permissions,
    id::{IntegrationId, RoleId, UserId, marker::RoleSubscriptionListingMarker},
    util::ImageHash,
};

flags! {
    /// Flags of a role.
    pub struct RoleFlags: u32 {
        /// The role can be selected by members in an onboarding prompt.
        const IN_PROMPT = 1 << 0;
    }
}

/// A set of permissions, a name and a look, given to members of a guild.
///
/// The `@everyone` role has the guild's id.
///
/// ```
/// use kokoro_model::{Permissions, guild::Role};
///
/// let role: Role = serde_json::from_str(r#"{"id":"41771983423143936","name":"mods",
///     "color":3447003,"colors":{"primary_color":3447003,"secondary_color":null,"tertiary_color":null},
///     "hoist":true,"position":1,"permissions":"8","managed":false,"mentionable":false,"flags":0}"#).unwrap();
/// assert!(role.permissions.contains(Permissions::ADMINISTRATOR));
/// assert_eq!(role.colors.primary_color, 3447003);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The role's id.
    pub id: RoleId,
    /// The role's name.
    pub name: String,
    /// The role's color as an integer (deprecated: use `colors`).
    #[serde(default)]
    pub color: u32,
    /// The role's colors (a gradient with the `ENHANCED_ROLE_COLORS` feature).
    #[serde(default)]
    pub colors: RoleColors,
    /// Whether members with this role are listed apart in the member list.
    #[serde(default)]
    pub hoist: bool,
    /// The role's icon hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<ImageHash>,
    /// The role's unicode emoji.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unicode_emoji: Option<String>,
    /// The role's position (roles with equal positions are sorted by id).
    #[serde(default)]
    pub position: i32,
    /// The role's permissions in the guild.
    pub permissions: Permissions,
    /// Whether an integration manages this role.
    #[serde(default)]
    pub managed: bool,
    /// Whether anyone can mention this role.
    #[serde(default)]
    pub mentionable: bool,
    /// What the role belongs to (a bot, the booster role, an integration, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<RoleTags>,
    /// The role's flags.
    #[serde(default)]
    pub flags: RoleFlags,
}

impl Role {
    /// A `<@&id>` mention of this role.
    pub fn mention(&self) -> String {
        format!("<@&{}>", self.id)
    }
}

/// The colors of a role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoleColors {
    /// The primary color (equals the role's `color`).
    #[serde(default)]
    pub primary_color: u32,
    /// The secondary color: makes the role a gradient.
    #[serde(default)]
    pub secondary_color: Option<u32>,
    /// The tertiary color: makes the gradient holographic.
    #[serde(default)]
    pub tertiary_color: Option<u32>,
}

/// What a role belongs to.
///
/// Discord marks the boolean tags by sending the key with a `null` value
/// when true and leaving it out when false; kokoro turns them into `bool`s.
///
/// ```
/// use kokoro_model::guild::RoleTags;
///
/// let tags: RoleTags = serde_json::from_str(r#"{"premium_subscriber":null}"#).unwrap();
/// assert!(tags.premium_subscriber && !tags.guild_connections);
/// assert_eq!(serde_json::to_string(&tags).unwrap(), r#"{"premium_subscriber":null}"#);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleTags {
    /// The bot this role belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_id: Option<UserId>,
    /// The integration this role belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_id: Option<IntegrationId>,
    /// Whether this is the guild's booster role.
    #[serde(
        default,
        skip_serializing_if = "crate::util::is_false",
        with = "null_flag"
    )]
    pub premium_subscriber: bool,
    /// The id of this role's subscription SKU and listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_listing_id: Option<Id<RoleSubscriptionListingMarker>>,
    /// Whether this role can be purchased.
    #[serde(
        default,
        skip_serializing_if = "crate::util::is_false",
        with = "null_flag"
    )]
    pub available_for_purchase: bool,
    /// Whether this is a linked role of the guild.
    #[serde(
        default,
        skip_serializing_if = "crate::util::is_false",
        with = "null_flag"
    )]
    pub guild_connections: bool,
}

/// A tag that is true when its key is present (with a `null` value), false when absent.
mod null_flag {
    use serde::{Deserialize, Deserializer, Serializer, de::IgnoredAny};

    /// Writes the present-and-null form; only called when the flag is true.
    pub(super) fn serialize<S: Serializer>(_: &bool, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_none()
    }

    /// The key is present: the flag is true, whatever the value.
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<bool, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_tags_are_true_when_present() {
        let raw = r#"{"bot_id":"175928847299117063","premium_subscriber":null,"available_for_purchase":null}"#;
        let tags: RoleTags = serde_json::from_str(raw).unwrap();
        assert!(tags.premium_subscriber && tags.available_for_purchase && !tags.guild_connections);
        assert_eq!(serde_json::to_string(&tags).unwrap(), raw);
        let mut bytes = raw.as_bytes().to_vec();
        let simd: RoleTags = simd_json::serde::from_slice(&mut bytes).unwrap();
        assert_eq!(simd, tags);
        let empty: RoleTags = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, RoleTags::default());
        assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
    }
}
