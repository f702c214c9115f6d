//! Integrations of a guild: Twitch, YouTube, bots, role subscriptions.

use serde::{Deserialize, Serialize};

use super::{IntegrationExpireBehavior, IntegrationType};
use crate::{
    Timestamp,
    id::{ApplicationId, IntegrationId, RoleId, SkuId},
    user::User,
    util::ImageHash,
};

/// An integration of a guild.
///
/// Fields marked "not for bots" are absent from Discord bot integrations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Integration {
    /// The integration's id.
    pub id: IntegrationId,
    /// The integration's name (`null` in the OpenAPI spec decodes as empty).
    #[serde(default, deserialize_with = "super::null_as_default::deserialize")]
    pub name: String,
    /// The kind of integration.
    #[serde(rename = "type")]
    pub kind: IntegrationType,
    /// Whether the integration is enabled.
    #[serde(default)]
    pub enabled: bool,
    /// Whether the integration is syncing (not for bots).
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub syncing: bool,
    /// The role given to subscribers (not for bots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_id: Option<RoleId>,
    /// Whether emoticons are synced, Twitch only (not for bots).
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub enable_emoticons: bool,
    /// What happens to lapsed subscribers (not for bots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_behavior: Option<IntegrationExpireBehavior>,
    /// Days of grace before a lapsed subscriber expires (not for bots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_grace_period: Option<u32>,
    /// The user of the integration (older integrations may have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The account on the integrated service.
    pub account: IntegrationAccount,
    /// When the integration last synced (not for bots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synced_at: Option<Timestamp>,
    /// How many subscribers the integration has (not for bots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber_count: Option<u64>,
    /// Whether the integration has been revoked (not for bots).
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub revoked: bool,
    /// The bot or OAuth2 application, for Discord integrations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<IntegrationApplication>,
    /// The OAuth2 scopes the application was authorized for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<crate::oauth::Scope>,
}

/// The account of an integration on its service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationAccount {
    /// The account's id on the service (not a snowflake).
    pub id: String,
    /// The account's name (`null` in the OpenAPI spec decodes as empty).
    #[serde(default, deserialize_with = "super::null_as_default::deserialize")]
    pub name: String,
}

/// The application of a Discord integration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationApplication {
    /// The application's id.
    pub id: ApplicationId,
    /// The application's name.
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The application's description.
    #[serde(default)]
    pub description: String,
    /// The application's bot user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot: Option<User>,
    /// The cover image hash (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_image: Option<ImageHash>,
    /// The primary SKU of a game (in the OpenAPI spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_sku_id: Option<SkuId>,
}
