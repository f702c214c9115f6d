//! What a message records about the interaction that created it.

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::{AuthorizingIntegrationOwners, InteractionType};
use crate::{
    id::{InteractionId, MessageId},
    user::User,
};

/// Metadata of the interaction a message was sent for (`message.interaction_metadata`),
/// one structure per interaction type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum MessageInteractionMetadata {
    /// An application command was used.
    ApplicationCommand(Box<ApplicationCommandInteractionMetadata>),
    /// A message component was used.
    MessageComponent(Box<MessageComponentInteractionMetadata>),
    /// A modal was submitted.
    ModalSubmit(Box<ModalSubmitInteractionMetadata>),
    /// An interaction type this version of kokoro does not know; common fields only.
    Unknown(Box<UnknownInteractionMetadata>),
}

impl MessageInteractionMetadata {
    /// The interaction's id.
    pub fn id(&self) -> InteractionId {
        match self {
            Self::ApplicationCommand(m) => m.id,
            Self::MessageComponent(m) => m.id,
            Self::ModalSubmit(m) => m.id,
            Self::Unknown(m) => m.id,
        }
    }

    /// The interaction's type.
    pub fn kind(&self) -> InteractionType {
        match self {
            Self::ApplicationCommand(_) => InteractionType::ApplicationCommand,
            Self::MessageComponent(_) => InteractionType::MessageComponent,
            Self::ModalSubmit(_) => InteractionType::ModalSubmit,
            Self::Unknown(m) => m.kind,
        }
    }

    /// The user who triggered the interaction.
    pub fn user(&self) -> Option<&User> {
        match self {
            Self::ApplicationCommand(m) => m.user.as_ref(),
            Self::MessageComponent(m) => m.user.as_ref(),
            Self::ModalSubmit(m) => m.user.as_ref(),
            Self::Unknown(m) => m.user.as_ref(),
        }
    }
}

/// Metadata of an application command interaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationCommandInteractionMetadata {
    /// The interaction's id.
    pub id: InteractionId,
    /// The user who triggered the interaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The installation contexts the interaction was authorized for.
    #[serde(default)]
    pub authorizing_integration_owners: AuthorizingIntegrationOwners,
    /// The original response message (follow-up messages only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_response_message_id: Option<MessageId>,
    /// The user a user command was run on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_user: Option<User>,
    /// The message a message command was run on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_message_id: Option<MessageId>,
}

/// Metadata of a message component interaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageComponentInteractionMetadata {
    /// The interaction's id.
    pub id: InteractionId,
    /// The user who triggered the interaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The installation contexts the interaction was authorized for.
    #[serde(default)]
    pub authorizing_integration_owners: AuthorizingIntegrationOwners,
    /// The original response message (follow-up messages only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_response_message_id: Option<MessageId>,
    /// The message holding the component.
    pub interacted_message_id: MessageId,
}

/// Metadata of a modal submit interaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModalSubmitInteractionMetadata {
    /// The interaction's id.
    pub id: InteractionId,
    /// The user who triggered the interaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The installation contexts the interaction was authorized for.
    #[serde(default)]
    pub authorizing_integration_owners: AuthorizingIntegrationOwners,
    /// The original response message (follow-up messages only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_response_message_id: Option<MessageId>,
    /// The command or component interaction that opened the modal.
    pub triggering_interaction_metadata: Box<MessageInteractionMetadata>,
}

/// The fields common to all interaction metadata, for unknown interaction types.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnknownInteractionMetadata {
    /// The interaction's id.
    pub id: InteractionId,
    /// The interaction's type.
    #[serde(rename = "type")]
    pub kind: InteractionType,
    /// The user who triggered the interaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The installation contexts the interaction was authorized for.
    #[serde(default)]
    pub authorizing_integration_owners: AuthorizingIntegrationOwners,
    /// The original response message (follow-up messages only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_response_message_id: Option<MessageId>,
}

/// Every field of every metadata variant; decoded first, then split by `type`,
/// so the order of fields does not matter and nothing is buffered.
#[derive(Deserialize)]
struct RawMetadata {
    id: InteractionId,
    #[serde(rename = "type")]
    kind: InteractionType,
    #[serde(default)]
    user: Option<User>,
    #[serde(default)]
    authorizing_integration_owners: AuthorizingIntegrationOwners,
    #[serde(default)]
    original_response_message_id: Option<MessageId>,
    #[serde(default)]
    target_user: Option<User>,
    #[serde(default)]
    target_message_id: Option<MessageId>,
    #[serde(default)]
    interacted_message_id: Option<MessageId>,
    #[serde(default)]
    triggering_interaction_metadata: Option<Box<MessageInteractionMetadata>>,
}

impl<'de> Deserialize<'de> for MessageInteractionMetadata {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawMetadata::deserialize(deserializer)?;
        Ok(match raw.kind {
            InteractionType::ApplicationCommand
            | InteractionType::ApplicationCommandAutocomplete => {
                Self::ApplicationCommand(Box::new(ApplicationCommandInteractionMetadata {
                    id: raw.id,
                    user: raw.user,
                    authorizing_integration_owners: raw.authorizing_integration_owners,
                    original_response_message_id: raw.original_response_message_id,
                    target_user: raw.target_user,
                    target_message_id: raw.target_message_id,
                }))
            }
            InteractionType::MessageComponent => {
                Self::MessageComponent(Box::new(MessageComponentInteractionMetadata {
                    id: raw.id,
                    user: raw.user,
                    authorizing_integration_owners: raw.authorizing_integration_owners,
                    original_response_message_id: raw.original_response_message_id,
                    interacted_message_id: raw
                        .interacted_message_id
                        .ok_or_else(|| de::Error::missing_field("interacted_message_id"))?,
                }))
            }
            InteractionType::ModalSubmit => {
                Self::ModalSubmit(Box::new(ModalSubmitInteractionMetadata {
                    id: raw.id,
                    user: raw.user,
                    authorizing_integration_owners: raw.authorizing_integration_owners,
                    original_response_message_id: raw.original_response_message_id,
                    triggering_interaction_metadata: raw
                        .triggering_interaction_metadata
                        .ok_or_else(|| {
                            de::Error::missing_field("triggering_interaction_metadata")
                        })?,
                }))
            }
            kind => Self::Unknown(Box::new(UnknownInteractionMetadata {
                id: raw.id,
                kind,
                user: raw.user,
                authorizing_integration_owners: raw.authorizing_integration_owners,
                original_response_message_id: raw.original_response_message_id,
            })),
        })
    }
}

/// Serializes `inner` as a map with `type` first.
fn with_type<T: Serialize, S: Serializer>(
    kind: InteractionType,
    inner: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Tagged<'a, T> {
        #[serde(rename = "type")]
        kind: InteractionType,
        #[serde(flatten)]
        inner: &'a T,
    }
    Tagged { kind, inner }.serialize(serializer)
}

impl Serialize for MessageInteractionMetadata {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::ApplicationCommand(m) => {
                with_type(InteractionType::ApplicationCommand, &**m, serializer)
            }
            Self::MessageComponent(m) => {
                with_type(InteractionType::MessageComponent, &**m, serializer)
            }
            Self::ModalSubmit(m) => with_type(InteractionType::ModalSubmit, &**m, serializer),
            Self::Unknown(m) => m.serialize(serializer),
        }
    }
}
