//! The `data` of interactions: command, component and modal submit data.

use std::{collections::HashMap, fmt};

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::{
    application::{CommandOptionType, CommandType},
    channel::Channel,
    component::ComponentType,
    guild::{PartialMember, Role},
    id::{AttachmentId, ChannelId, CommandId, GenericId, GuildId, MessageId, RoleId, UserId},
    message::{Attachment, Message},
    user::User,
};

/// The data of an `APPLICATION_COMMAND` or `APPLICATION_COMMAND_AUTOCOMPLETE` interaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommandData {
    /// The invoked command's id.
    pub id: CommandId,
    /// The invoked command's name.
    pub name: String,
    /// The invoked command's type.
    #[serde(rename = "type", default)]
    pub kind: CommandType,
    /// Users, members, roles, channels, messages and attachments the options refer to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolved>,
    /// The parameters and values given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<CommandDataOption>,
    /// The guild the command is registered to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The user or message targeted by a user or message command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<GenericId>,
}

impl CommandData {
    /// The option currently focused (autocomplete), searched through subcommands.
    pub fn focused(&self) -> Option<&CommandDataOption> {
        fn find(options: &[CommandDataOption]) -> Option<&CommandDataOption> {
            options
                .iter()
                .find_map(|o| if o.focused { Some(o) } else { find(&o.options) })
        }
        find(&self.options)
    }

    /// The parameters of the invoked (sub)command, inside any subcommand group and subcommand.
    pub fn leaf_options(&self) -> &[CommandDataOption] {
        let mut options = self.options.as_slice();
        while let [single] = options {
            if !single.kind.is_subcommand() {
                break;
            }
            options = &single.options;
        }
        options
    }

    /// The parameter named `name` of the invoked (sub)command.
    pub fn option(&self, name: &str) -> Option<&CommandDataOption> {
        self.leaf_options().iter().find(|o| o.name == name)
    }
}

/// A parameter and its value, or a subcommand or group and its options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommandDataOption {
    /// The parameter's name.
    pub name: String,
    /// The option's type.
    #[serde(rename = "type")]
    pub kind: CommandOptionType,
    /// The value given (absent for subcommands and groups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<OptionValue>,
    /// The options of a subcommand or group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<CommandDataOption>,
    /// Whether this option is focused (autocomplete).
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub focused: bool,
}

/// The value of an option as sent: ids (users, channels, roles, mentionables,
/// attachments) arrive as strings, and so do focused autocomplete values.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    /// A string (or an id, or partial autocomplete input).
    String(String),
    /// An integer.
    Integer(i64),
    /// A double.
    Number(f64),
    /// A boolean.
    Boolean(bool),
}

impl OptionValue {
    /// The string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer value.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Self::Integer(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as a double (integers converted).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Self::Integer(n) => Some(*n as f64),
            Self::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The boolean value.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    /// The value as an id (users, channels, roles, mentionables, attachments).
    pub fn as_id<M>(&self) -> Option<crate::Id<M>> {
        self.as_str().and_then(|s| s.parse().ok())
    }
}

impl Serialize for OptionValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::String(s) => serializer.serialize_str(s),
            Self::Integer(n) => serializer.serialize_i64(*n),
            Self::Number(n) => serializer.serialize_f64(*n),
            Self::Boolean(b) => serializer.serialize_bool(*b),
        }
    }
}

impl<'de> Deserialize<'de> for OptionValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = OptionValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OptionValue, E> {
                Ok(OptionValue::String(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<OptionValue, E> {
                Ok(OptionValue::String(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<OptionValue, E> {
                Ok(OptionValue::Integer(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<OptionValue, E> {
                Ok(i64::try_from(v).map_or(OptionValue::Number(v as f64), OptionValue::Integer))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<OptionValue, E> {
                Ok(OptionValue::Number(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<OptionValue, E> {
                Ok(OptionValue::Boolean(v))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The data of a `MESSAGE_COMPONENT` interaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentData {
    /// The component's developer-defined id.
    pub custom_id: String,
    /// The component's type.
    pub component_type: ComponentType,
    /// The values selected in a select menu.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Users, members, roles and channels selected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolved>,
}

/// The data of a `MODAL_SUBMIT` interaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModalSubmitData {
    /// The modal's developer-defined id.
    pub custom_id: String,
    /// The values submitted, in the modal's component tree.
    #[serde(default)]
    pub components: Vec<SubmittedComponent>,
    /// Users, members, roles, channels and attachments selected or uploaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolved>,
}

impl ModalSubmitData {
    /// Every interactive component submitted (those with a `custom_id`), depth first.
    pub fn inputs(&self) -> Vec<&SubmittedComponent> {
        fn walk<'a>(components: &'a [SubmittedComponent], out: &mut Vec<&'a SubmittedComponent>) {
            for c in components {
                if c.custom_id.is_some() {
                    out.push(c);
                }
                walk(&c.components, out);
                if let Some(child) = &c.component {
                    walk(std::slice::from_ref(child), out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.components, &mut out);
        out
    }

    /// The submitted component with `custom_id`.
    pub fn input(&self, custom_id: &str) -> Option<&SubmittedComponent> {
        self.inputs()
            .into_iter()
            .find(|c| c.custom_id.as_deref() == Some(custom_id))
    }
}

/// A component as submitted in a modal: an action row or label with children,
/// a text display, or an input and its value(s).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmittedComponent {
    /// The component's type.
    #[serde(rename = "type")]
    pub kind: ComponentType,
    /// The numeric identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// The type again, sent with select menus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component_type: Option<ComponentType>,
    /// The input's developer-defined id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_id: Option<String>,
    /// A text input's text, a radio group's selected value, or a checkbox's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<SubmittedValue>,
    /// Values selected in a select menu or checkbox group, or uploaded file ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    /// The children of an action row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<SubmittedComponent>,
    /// The child of a label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<Box<SubmittedComponent>>,
}

impl SubmittedComponent {
    /// The text of a text input or the selected value of a radio group.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Some(SubmittedValue::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The state of a checkbox.
    pub fn checked(&self) -> Option<bool> {
        match self.value {
            Some(SubmittedValue::Bool(b)) => Some(b),
            _ => None,
        }
    }
}

/// The value of a submitted component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubmittedValue {
    /// Text (text inputs, radio groups).
    String(String),
    /// A checkbox's state.
    Bool(bool),
}

impl Serialize for SubmittedValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::String(s) => serializer.serialize_str(s),
            Self::Bool(b) => serializer.serialize_bool(*b),
        }
    }
}

impl<'de> Deserialize<'de> for SubmittedValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = SubmittedValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a boolean")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SubmittedValue, E> {
                Ok(SubmittedValue::String(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<SubmittedValue, E> {
                Ok(SubmittedValue::String(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<SubmittedValue, E> {
                Ok(SubmittedValue::Bool(v))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Objects an interaction's options or selections refer to, keyed by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Resolved {
    /// Users.
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    pub users: HashMap<UserId, User>,
    /// Members (without `user`, `deaf` and `mute`); their users are in `users`.
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    pub members: HashMap<UserId, PartialMember>,
    /// Roles.
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    pub roles: HashMap<RoleId, Role>,
    /// Partial channels.
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    pub channels: HashMap<ChannelId, Channel>,
    /// Partial messages.
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    pub messages: HashMap<MessageId, Message>,
    /// Attachments.
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    pub attachments: HashMap<AttachmentId, Attachment>,
}
