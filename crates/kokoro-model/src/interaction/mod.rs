//! Interactions of every type, their data, and the responses to them.
//!
//! An [`Interaction`] decodes its `data` by its `type` into one variant of
//! [`InteractionData`], whatever the order of fields, with serde_json as with
//! simd-json:
//!
//! ```
//! use kokoro_model::interaction::{Interaction, InteractionData};
//!
//! let json = r#"{"data":{"id":"771825006014889984","name":"blep","type":1},
//!     "type":2,"id":"786008729715212338","application_id":"775799577604522054",
//!     "token":"A_UNIQUE_TOKEN","version":1,"app_permissions":"442368",
//!     "entitlements":[],"authorizing_integration_owners":{"0":"290926798626357999"},
//!     "attachment_size_limit":10485760}"#;
//! let interaction: Interaction = serde_json::from_str(json).unwrap();
//! let Some(InteractionData::ApplicationCommand(data)) = &interaction.data else { panic!() };
//! assert_eq!(data.name, "blep");
//! ```

mod data;
mod metadata;
mod response;

use std::{collections::HashMap, fmt};

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{self, MapAccess, Visitor},
    ser::SerializeMap,
};

pub use crate::application::InteractionContextType;
pub use data::{
    CommandData, CommandDataOption, ComponentData, ModalSubmitData, OptionValue, Resolved,
    SubmittedComponent, SubmittedValue,
};
pub use metadata::{
    ApplicationCommandInteractionMetadata, MessageComponentInteractionMetadata,
    MessageInteractionMetadata, ModalSubmitInteractionMetadata, UnknownInteractionMetadata,
};
pub use response::{
    ActivityInstance, InteractionCallback, InteractionCallbackData, InteractionCallbackResource,
    InteractionCallbackResponse, InteractionCallbackType, InteractionResponse, ModalBuilder,
};

use crate::{
    Permissions,
    application::{ApplicationIntegrationType, CommandType},
    channel::Channel,
    component::ComponentType,
    guild::{GuildFeature, Member},
    id::{ApplicationId, ChannelId, CommandId, GenericId, GuildId, InteractionId, UserId},
    message::Message,
    monetization::Entitlement,
    user::User,
};

int_enum! {
    /// The type of an interaction.
    pub enum InteractionType: u8 {
        /// A ping, sent to check an interactions endpoint.
        Ping = 1,
        /// An application command was used.
        ApplicationCommand = 2,
        /// A message component was used.
        MessageComponent = 3,
        /// An option of a command is being typed (autocomplete).
        ApplicationCommandAutocomplete = 4,
        /// A modal was submitted.
        ModalSubmit = 5,
    }
}

/// A user's interaction with an app: a command, a component, an autocomplete
/// request or a modal submission (INTERACTION_CREATE, or an HTTP POST).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Interaction {
    /// The interaction's id.
    pub id: InteractionId,
    /// The application the interaction is for.
    pub application_id: ApplicationId,
    /// The interaction's type.
    #[serde(rename = "type")]
    pub kind: InteractionType,
    /// The data of the interaction (absent for pings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<InteractionData>,
    /// The guild the interaction was sent from (partial).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guild: Option<InteractionGuild>,
    /// The guild the interaction was sent from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The channel the interaction was sent from (partial).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// The channel the interaction was sent from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<ChannelId>,
    /// The invoking member, with `permissions`, in a guild.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<Member>,
    /// The invoking user, outside guilds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The token for responding to the interaction (valid 15 minutes).
    pub token: String,
    /// Always 1.
    pub version: u8,
    /// The message a component (or modal opened from one) is attached to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Box<Message>>,
    /// The permissions of the app in the source location.
    pub app_permissions: Permissions,
    /// The invoking user's language (all but pings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The guild's preferred language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guild_locale: Option<String>,
    /// The entitlements of the invoking user and guild (monetized apps).
    pub entitlements: Vec<Entitlement>,
    /// The installation contexts the interaction was authorized for.
    pub authorizing_integration_owners: AuthorizingIntegrationOwners,
    /// Where the interaction was triggered from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<InteractionContextType>,
    /// The largest attachment the app may send in response, in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachment_size_limit: Option<u64>,
}

impl Interaction {
    /// The invoking user: `member.user` in guilds, `user` elsewhere.
    pub fn author(&self) -> Option<&User> {
        self.member
            .as_ref()
            .and_then(|m| m.user.as_ref())
            .or(self.user.as_ref())
    }

    /// The id of the invoking user.
    pub fn author_id(&self) -> Option<UserId> {
        self.author().map(|u| u.id)
    }

    /// Whether the interaction happened in a guild.
    pub fn is_guild(&self) -> bool {
        self.guild_id.is_some()
    }

    /// The command data of a command or autocomplete interaction.
    pub fn command_data(&self) -> Option<&CommandData> {
        match &self.data {
            Some(InteractionData::ApplicationCommand(d)) => Some(d),
            _ => None,
        }
    }
}

/// The guild an interaction was sent from, as sent: `id`, `locale` and `features`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractionGuild {
    /// The guild's id.
    pub id: GuildId,
    /// The guild's preferred locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The guild's features.
    #[serde(default)]
    pub features: Vec<GuildFeature>,
}

/// The data of an interaction, by interaction type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum InteractionData {
    /// `APPLICATION_COMMAND` and `APPLICATION_COMMAND_AUTOCOMPLETE`.
    ApplicationCommand(Box<CommandData>),
    /// `MESSAGE_COMPONENT`.
    MessageComponent(Box<ComponentData>),
    /// `MODAL_SUBMIT`.
    ModalSubmit(Box<ModalSubmitData>),
}

impl Serialize for InteractionData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::ApplicationCommand(d) => d.serialize(serializer),
            Self::MessageComponent(d) => d.serialize(serializer),
            Self::ModalSubmit(d) => d.serialize(serializer),
        }
    }
}

/// Every field of every kind of interaction data, decoded before the
/// interaction's `type` is necessarily known.
#[derive(Deserialize)]
struct RawData {
    #[serde(default)]
    id: Option<CommandId>,
    #[serde(default)]
    name: Option<String>,
    #[serde(rename = "type", default)]
    kind: Option<CommandType>,
    #[serde(default)]
    resolved: Option<Resolved>,
    #[serde(default)]
    options: Vec<CommandDataOption>,
    #[serde(default)]
    guild_id: Option<GuildId>,
    #[serde(default)]
    target_id: Option<GenericId>,
    #[serde(default)]
    custom_id: Option<String>,
    #[serde(default)]
    component_type: Option<ComponentType>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    components: Vec<SubmittedComponent>,
}

impl RawData {
    fn into_data<E: de::Error>(self, kind: InteractionType) -> Result<Option<InteractionData>, E> {
        Ok(Some(match kind {
            InteractionType::ApplicationCommand
            | InteractionType::ApplicationCommandAutocomplete => {
                InteractionData::ApplicationCommand(Box::new(CommandData {
                    id: self.id.ok_or_else(|| E::missing_field("data.id"))?,
                    name: self.name.ok_or_else(|| E::missing_field("data.name"))?,
                    kind: self.kind.unwrap_or_default(),
                    resolved: self.resolved,
                    options: self.options,
                    guild_id: self.guild_id,
                    target_id: self.target_id,
                }))
            }
            InteractionType::MessageComponent => {
                InteractionData::MessageComponent(Box::new(ComponentData {
                    custom_id: self
                        .custom_id
                        .ok_or_else(|| E::missing_field("data.custom_id"))?,
                    component_type: self
                        .component_type
                        .ok_or_else(|| E::missing_field("data.component_type"))?,
                    values: self.values,
                    resolved: self.resolved,
                }))
            }
            InteractionType::ModalSubmit => {
                InteractionData::ModalSubmit(Box::new(ModalSubmitData {
                    custom_id: self
                        .custom_id
                        .ok_or_else(|| E::missing_field("data.custom_id"))?,
                    components: self.components,
                    resolved: self.resolved,
                }))
            }
            _ => return Ok(None),
        }))
    }
}

/// An interaction as on the wire, before `data` is split by `type`.
#[derive(Deserialize)]
struct RawInteraction {
    id: InteractionId,
    application_id: ApplicationId,
    #[serde(rename = "type")]
    kind: InteractionType,
    #[serde(default)]
    data: Option<RawData>,
    #[serde(default)]
    guild: Option<InteractionGuild>,
    #[serde(default)]
    guild_id: Option<GuildId>,
    #[serde(default)]
    channel: Option<Channel>,
    #[serde(default)]
    channel_id: Option<ChannelId>,
    #[serde(default)]
    member: Option<Member>,
    #[serde(default)]
    user: Option<User>,
    token: String,
    #[serde(default = "version_default")]
    version: u8,
    #[serde(default)]
    message: Option<Box<Message>>,
    #[serde(default)]
    app_permissions: Permissions,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    guild_locale: Option<String>,
    #[serde(default)]
    entitlements: Vec<Entitlement>,
    #[serde(default)]
    authorizing_integration_owners: AuthorizingIntegrationOwners,
    #[serde(default)]
    context: Option<InteractionContextType>,
    #[serde(default)]
    attachment_size_limit: Option<u64>,
}

fn version_default() -> u8 {
    1
}

impl<'de> Deserialize<'de> for Interaction {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawInteraction::deserialize(deserializer)?;
        let data = match raw.data {
            Some(data) => data.into_data::<D::Error>(raw.kind)?,
            None => None,
        };
        Ok(Self {
            id: raw.id,
            application_id: raw.application_id,
            kind: raw.kind,
            data,
            guild: raw.guild,
            guild_id: raw.guild_id,
            channel: raw.channel,
            channel_id: raw.channel_id,
            member: raw.member,
            user: raw.user,
            token: raw.token,
            version: raw.version,
            message: raw.message,
            app_permissions: raw.app_permissions,
            locale: raw.locale,
            guild_locale: raw.guild_locale,
            entitlements: raw.entitlements,
            authorizing_integration_owners: raw.authorizing_integration_owners,
            context: raw.context,
            attachment_size_limit: raw.attachment_size_limit,
        })
    }
}

/// The installation contexts an interaction was authorized for, with the
/// owner of each: the guild's id (or `0` in the bot's DM) for a guild
/// install, the user's id for a user install.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthorizingIntegrationOwners {
    owners: HashMap<ApplicationIntegrationType, u64>,
}

impl AuthorizingIntegrationOwners {
    /// The raw owner of `kind` (`0` for a guild install used in the bot's DM).
    pub fn get(&self, kind: ApplicationIntegrationType) -> Option<u64> {
        self.owners.get(&kind).copied()
    }

    /// Records the owner of `kind`.
    pub fn insert(&mut self, kind: ApplicationIntegrationType, owner: u64) {
        self.owners.insert(kind, owner);
    }

    /// Whether the app's guild install authorized the interaction.
    pub fn is_guild_install(&self) -> bool {
        self.owners
            .contains_key(&ApplicationIntegrationType::GuildInstall)
    }

    /// Whether the app's user install authorized the interaction.
    pub fn is_user_install(&self) -> bool {
        self.owners
            .contains_key(&ApplicationIntegrationType::UserInstall)
    }

    /// The guild of the guild install (`None` when absent or in the bot's DM).
    pub fn guild_id(&self) -> Option<GuildId> {
        self.get(ApplicationIntegrationType::GuildInstall)
            .and_then(GuildId::new_checked)
    }

    /// The user of the user install.
    pub fn user_id(&self) -> Option<UserId> {
        self.get(ApplicationIntegrationType::UserInstall)
            .and_then(UserId::new_checked)
    }

    /// Every installation context and its owner.
    pub fn iter(&self) -> impl Iterator<Item = (ApplicationIntegrationType, u64)> + '_ {
        self.owners.iter().map(|(k, v)| (*k, *v))
    }

    /// Whether no installation context is recorded.
    pub fn is_empty(&self) -> bool {
        self.owners.is_empty()
    }
}

impl Serialize for AuthorizingIntegrationOwners {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entries: Vec<_> = self.owners.iter().collect();
        entries.sort_by_key(|(k, _)| k.value());
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (kind, owner) in entries {
            map.serialize_entry(&kind.value().to_string(), &owner.to_string())?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for AuthorizingIntegrationOwners {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Owner(u64);

        impl<'de> Deserialize<'de> for Owner {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = Owner;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a snowflake or \"0\"")
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<Owner, E> {
                        v.parse().map(Owner).map_err(E::custom)
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Owner, E> {
                        Ok(Owner(v))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Owner, E> {
                        u64::try_from(v).map(Owner).map_err(E::custom)
                    }
                }
                deserializer.deserialize_any(V)
            }
        }

        struct MapVisitor;

        impl<'de> Visitor<'de> for MapVisitor {
            type Value = AuthorizingIntegrationOwners;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of installation contexts to owner ids")
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(AuthorizingIntegrationOwners::default())
            }

            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(AuthorizingIntegrationOwners::default())
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut owners = HashMap::new();
                while let Some(key) = access.next_key::<std::borrow::Cow<'de, str>>()? {
                    let raw: u8 = key.parse().map_err(de::Error::custom)?;
                    let Owner(owner) = access.next_value()?;
                    owners.insert(ApplicationIntegrationType::from_value(raw), owner);
                }
                Ok(AuthorizingIntegrationOwners { owners })
            }
        }

        deserializer.deserialize_any(MapVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_keep_zero_and_round_trip() {
        let json = r#"{"0":"0","1":"511972282709709995"}"#;
        let owners: AuthorizingIntegrationOwners = serde_json::from_str(json).unwrap();
        assert_eq!(owners.guild_id(), None);
        assert!(owners.is_guild_install());
        assert_eq!(owners.user_id().unwrap(), 511972282709709995);
        assert_eq!(serde_json::to_string(&owners).unwrap(), json);
        let mut bytes = json.as_bytes().to_vec();
        let simd: AuthorizingIntegrationOwners = simd_json::serde::from_slice(&mut bytes).unwrap();
        assert_eq!(simd, owners);
    }

    #[test]
    fn data_is_split_by_type_in_any_order() {
        for json in [
            r#"{"type":3,"data":{"custom_id":"a","component_type":2},"id":"1","application_id":"2","token":"t"}"#,
            r#"{"data":{"custom_id":"a","component_type":2},"id":"1","application_id":"2","token":"t","type":3}"#,
        ] {
            let from_json: Interaction = serde_json::from_str(json).unwrap();
            let mut bytes = json.as_bytes().to_vec();
            let from_simd: Interaction = simd_json::serde::from_slice(&mut bytes).unwrap();
            assert_eq!(from_json, from_simd);
            assert!(matches!(
                from_json.data,
                Some(InteractionData::MessageComponent(_))
            ));
        }
        // Command data without its id is an error, not a silent None.
        let bad = r#"{"type":2,"data":{"name":"x"},"id":"1","application_id":"2","token":"t"}"#;
        assert!(serde_json::from_str::<Interaction>(bad).is_err());
    }
}
