//! Applications, teams, application commands and role connection metadata.

mod command;
mod command_builder;
mod role_connection;
mod team;

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use command::{
    ApplicationCommand, CommandOption, CommandOptionChoice, CommandOptionChoiceValue,
    CommandOptionType, CommandOptionValue, CommandPermission, CommandPermissionType, CommandType,
    EntryPointCommandHandlerType, GuildCommandPermissions, InteractionContextType, Localizations,
};
pub use command_builder::{CommandBuilder, CommandPayload};
pub use role_connection::{
    ApplicationRoleConnectionMetadata, ApplicationRoleConnectionMetadataType,
};
pub use team::{MembershipState, Team, TeamMember, TeamMemberRole};

use crate::{
    Permissions,
    id::{ApplicationId, GuildId, SkuId},
    message::Attachment,
    oauth::Scope,
    user::User,
    util::ImageHash,
};

flags! {
    /// Public flags of an application.
    pub struct ApplicationFlags: u64 {
        /// The app uses the Auto Moderation API.
        const APPLICATION_AUTO_MODERATION_RULE_CREATE_BADGE = 1 << 6;
        /// The presence intent, for bots in 100 or more servers.
        const GATEWAY_PRESENCE = 1 << 12;
        /// The presence intent, for bots in under 100 servers.
        const GATEWAY_PRESENCE_LIMITED = 1 << 13;
        /// The guild members intent, for bots in 100 or more servers.
        const GATEWAY_GUILD_MEMBERS = 1 << 14;
        /// The guild members intent, for bots in under 100 servers.
        const GATEWAY_GUILD_MEMBERS_LIMITED = 1 << 15;
        /// Unusual growth of the app prevents verification.
        const VERIFICATION_PENDING_GUILD_LIMIT = 1 << 16;
        /// The app is embedded within the Discord client (an Activity).
        const EMBEDDED = 1 << 17;
        /// The message content intent, for bots in 100 or more servers.
        const GATEWAY_MESSAGE_CONTENT = 1 << 18;
        /// The message content intent, for bots in under 100 servers.
        const GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 19;
        /// The app has registered global application commands.
        const APPLICATION_COMMAND_BADGE = 1 << 23;
    }
}

int_enum! {
    /// Where an app can be installed (its installation contexts).
    pub enum ApplicationIntegrationType: u8 {
        /// Installable to servers.
        GuildInstall = 0,
        /// Installable to users.
        UserInstall = 1,
    }
}

int_enum! {
    /// Whether event webhooks are enabled for an application.
    pub enum EventWebhookStatus: u8 {
        /// Disabled by the developer (the default).
        Disabled = 1,
        /// Enabled by the developer.
        Enabled = 2,
        /// Disabled by Discord, usually due to inactivity.
        DisabledByDiscord = 3,
    }
}

int_enum! {
    /// The type of an application.
    pub enum ApplicationType: u8 {
        /// An application selling guild role subscriptions.
        GuildRoleSubscriptions = 4,
    }
}

int_enum! {
    /// Whether interactions with an application are scanned for explicit content.
    pub enum ApplicationExplicitContentFilter: u8 {
        /// Inherit the guild's content filter setting.
        Inherit = 0,
        /// Interactions are always scanned.
        Always = 1,
    }
}

/// Settings of an app's default in-app authorization link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallParams {
    /// The OAuth2 scopes to add the application with.
    #[serde(default)]
    pub scopes: Vec<Scope>,
    /// The permissions to request for the bot role.
    #[serde(default)]
    pub permissions: Permissions,
}

/// Default scopes and permissions of one installation context.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationIntegrationTypeConfig {
    /// Install params of the context's default in-app authorization link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth2_install_params: Option<InstallParams>,
}

/// An application (an app), as returned by `GET /applications/@me` and `GET /oauth2/applications/@me`.
///
/// ```
/// use kokoro_model::application::{Application, ApplicationFlags};
///
/// let app: Application = serde_json::from_str(r#"{"id":"172150183260323840","name":"Baba O-Riley",
///     "icon":null,"description":"Test","bot_public":true,"bot_require_code_grant":false,
///     "verify_key":"1e0a35","team":null,"flags":8192,"flags_new":"8192"}"#).unwrap();
/// assert_eq!(app.flags, Some(ApplicationFlags::GATEWAY_PRESENCE_LIMITED));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// The app's id.
    pub id: ApplicationId,
    /// The app's name.
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The app's description.
    #[serde(default)]
    pub description: String,
    /// The app's type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ApplicationType>,
    /// RPC origin URLs, if RPC is enabled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rpc_origins: Vec<String>,
    /// When `false`, only the app owner can add the app to guilds.
    #[serde(default)]
    pub bot_public: bool,
    /// When `true`, the bot only joins upon the full OAuth2 code grant flow.
    #[serde(default)]
    pub bot_require_code_grant: bool,
    /// The bot user of the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot: Option<User>,
    /// URL of the app's Terms of Service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms_of_service_url: Option<String>,
    /// URL of the app's Privacy Policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_policy_url: Option<String>,
    /// The owner of the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<User>,
    /// Hex encoded key for verifying interactions and GameSDK tickets.
    #[serde(default)]
    pub verify_key: String,
    /// The team owning the app, if any.
    #[serde(default)]
    pub team: Option<Team>,
    /// The guild associated with the app (a developer support server, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// A partial object of the associated guild, kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild: Option<serde_json::Value>,
    /// The "Game SKU" of a game sold on Discord.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_sku_id: Option<SkuId>,
    /// The URL slug of a game's store page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// The default rich presence invite cover image hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_image: Option<ImageHash>,
    /// The legacy public flags (at most 31 bits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<ApplicationFlags>,
    /// The public flags, every bit, sent as a decimal string.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "flags_string"
    )]
    pub flags_new: Option<ApplicationFlags>,
    /// Approximate count of guilds the app is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_guild_count: Option<u64>,
    /// Approximate count of users that installed the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_user_install_count: Option<u64>,
    /// Approximate count of users with OAuth2 authorizations for the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_user_authorization_count: Option<u64>,
    /// Redirect URIs of the app.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redirect_uris: Vec<String>,
    /// The interactions endpoint URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interactions_endpoint_url: Option<String>,
    /// The role connection verification URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_connections_verification_url: Option<String>,
    /// The URL receiving webhook events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_webhooks_url: Option<String>,
    /// Whether webhook events are enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_webhooks_status: Option<EventWebhookStatus>,
    /// The webhook event types the app subscribes to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event_webhooks_types: Vec<String>,
    /// Tags describing the app (at most 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Settings of the default in-app authorization link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub install_params: Option<InstallParams>,
    /// Default scopes and permissions of each supported installation context.
    #[serde(
        default,
        skip_serializing_if = "HashMap::is_empty",
        with = "integration_type_map"
    )]
    pub integration_types_config:
        HashMap<ApplicationIntegrationType, ApplicationIntegrationTypeConfig>,
    /// The default custom authorization URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_install_url: Option<String>,
    /// The maximum participants of an Activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_participants: Option<i32>,
    /// Whether interactions with the app are scanned for explicit content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explicit_content_filter: Option<ApplicationExplicitContentFilter>,
    /// The OAuth2 scopes the app may request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eligible_oauth2_scopes: Vec<Scope>,
}

impl Application {
    /// The app's flags: `flags_new` when sent, else the legacy `flags`, else none.
    pub fn all_flags(&self) -> ApplicationFlags {
        self.flags_new.or(self.flags).unwrap_or_default()
    }
}

/// The partial application sent in READY (`id` and `flags`) and in messages
/// from interactions or Rich Presence (more fields).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialApplication {
    /// The app's id.
    pub id: ApplicationId,
    /// The app's public flags, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<ApplicationFlags>,
    /// The app's name, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The icon hash, when sent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub icon: Option<Option<ImageHash>>,
    /// The description, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The app's type, when sent.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ApplicationType>,
    /// The rich presence invite cover image hash, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_image: Option<ImageHash>,
    /// The "Game SKU", when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_sku_id: Option<SkuId>,
    /// The bot user, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot: Option<User>,
}

/// Serde for an optional flags value sent as a decimal string (`flags_new`).
mod flags_string {
    use super::*;

    pub(super) fn serialize<S: Serializer>(
        value: &Option<ApplicationFlags>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(flags) => serializer.collect_str(&flags.bits()),
            None => serializer.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<ApplicationFlags>, D::Error> {
        Option::<StringOrInt>::deserialize(deserializer)
            .map(|v| v.map(|v| ApplicationFlags::from_bits_retain(v.0)))
    }

    struct StringOrInt(u64);

    impl<'de> Deserialize<'de> for StringOrInt {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct V;
            impl serde::de::Visitor<'_> for V {
                type Value = StringOrInt;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("flags as a decimal string or an integer")
                }
                fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<StringOrInt, E> {
                    v.parse().map(StringOrInt).map_err(E::custom)
                }
                fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<StringOrInt, E> {
                    Ok(StringOrInt(v))
                }
                fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<StringOrInt, E> {
                    u64::try_from(v).map(StringOrInt).map_err(E::custom)
                }
            }
            deserializer.deserialize_any(V)
        }
    }
}

/// Serde for maps keyed by an [`ApplicationIntegrationType`] written as a
/// string (`"0"`, `"1"`), working with any self-describing deserializer.
pub(crate) mod integration_type_map {
    use std::{collections::HashMap, fmt, marker::PhantomData};

    use serde::{
        Deserialize, Deserializer, Serialize, Serializer,
        de::{MapAccess, Visitor},
        ser::SerializeMap,
    };

    use super::ApplicationIntegrationType;

    pub(crate) fn serialize<V: Serialize, S: Serializer>(
        map: &HashMap<ApplicationIntegrationType, V>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut entries: Vec<_> = map.iter().collect();
        entries.sort_by_key(|(k, _)| k.value());
        let mut out = serializer.serialize_map(Some(entries.len()))?;
        for (key, value) in entries {
            out.serialize_entry(&key.value().to_string(), value)?;
        }
        out.end()
    }

    pub(crate) fn deserialize<'de, V: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<HashMap<ApplicationIntegrationType, V>, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = HashMap<ApplicationIntegrationType, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map keyed by application integration types")
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(HashMap::new())
            }

            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(HashMap::new())
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = HashMap::with_capacity(access.size_hint().unwrap_or(0).min(8));
                while let Some(key) = access.next_key::<std::borrow::Cow<'de, str>>()? {
                    let raw: u8 = key.parse().map_err(serde::de::Error::custom)?;
                    let value = access.next_value()?;
                    map.insert(ApplicationIntegrationType::from_value(raw), value);
                }
                Ok(map)
            }
        }

        deserializer.deserialize_any(MapVisitor(PhantomData))
    }
}

/// A file uploaded for an application's Activity (`POST /applications/{id}/attachment`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityAttachment {
    /// The uploaded file.
    pub attachment: Attachment,
}

str_enum! {
    /// Where an Activity instance runs.
    pub enum ActivityLocationKind {
        /// A guild channel.
        GuildChannel = "gc",
        /// A private channel (a DM or group DM).
        PrivateChannel = "pc",
    }
}

/// Where an Activity instance runs: a guild channel or a private channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityLocation {
    /// The location's id.
    pub id: String,
    /// Whether it is a guild channel or a private channel.
    pub kind: ActivityLocationKind,
    /// The channel.
    pub channel_id: crate::id::ChannelId,
    /// The guild (guild channels only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
}

/// A running instance of an application's Activity
/// (`GET /applications/{id}/activity-instances/{instance_id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityInstance {
    /// The application.
    pub application_id: ApplicationId,
    /// The instance's id.
    pub instance_id: String,
    /// The id of this launch of the Activity.
    pub launch_id: String,
    /// Where the instance runs.
    pub location: ActivityLocation,
    /// The users taking part.
    #[serde(default)]
    pub users: Vec<crate::id::UserId>,
}
