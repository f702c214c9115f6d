//! Application commands: slash, user, message and entry point commands.

use std::{collections::HashMap, fmt};

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::ApplicationIntegrationType;
use crate::{
    Permissions,
    channel::ChannelType,
    id::{ApplicationId, CommandId, CommandVersionId, GenericId, GuildId},
};

/// Translations of a name or description, keyed by locale (`"fr"`, `"pt-BR"`, …).
pub type Localizations = HashMap<String, String>;

int_enum! {
    /// The type of an application command (`CHAT_INPUT` by default).
    #[derive(Default)]
    pub enum CommandType: u8 {
        /// A slash command, shown when a user types `/`.
        #[default]
        ChatInput = 1,
        /// A command in a user's context menu.
        User = 2,
        /// A command in a message's context menu.
        Message = 3,
        /// The primary way to launch an app's Activity.
        PrimaryEntryPoint = 4,
    }
}

int_enum! {
    /// The type of an application command option.
    pub enum CommandOptionType: u8 {
        /// A subcommand.
        SubCommand = 1,
        /// A group of subcommands.
        SubCommandGroup = 2,
        /// A string.
        String = 3,
        /// An integer between -2^53+1 and 2^53-1.
        Integer = 4,
        /// A boolean.
        Boolean = 5,
        /// A user.
        User = 6,
        /// A channel of any type, categories included.
        Channel = 7,
        /// A role.
        Role = 8,
        /// A user or a role.
        Mentionable = 9,
        /// A double between -2^53 and 2^53.
        Number = 10,
        /// An attachment.
        Attachment = 11,
    }
}

impl CommandOptionType {
    /// Whether this is a subcommand or a subcommand group.
    pub const fn is_subcommand(self) -> bool {
        matches!(self, Self::SubCommand | Self::SubCommandGroup)
    }
}

int_enum! {
    /// Where an interaction can be used, or was triggered from.
    pub enum InteractionContextType: u8 {
        /// In a guild.
        Guild = 0,
        /// In the DM with the app's bot user.
        BotDm = 1,
        /// In group DMs and DMs other than the app's bot user.
        PrivateChannel = 2,
    }
}

int_enum! {
    /// Who handles a primary entry point command.
    pub enum EntryPointCommandHandlerType: u8 {
        /// The app, with an interaction token.
        AppHandler = 1,
        /// Discord, by launching the Activity and sending a follow-up message.
        DiscordLaunchActivity = 2,
    }
}

int_enum! {
    /// What a command permission applies to.
    pub enum CommandPermissionType: u8 {
        /// A role.
        Role = 1,
        /// A user.
        User = 2,
        /// A channel.
        Channel = 3,
    }
}

/// An application command.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationCommand {
    /// The command's id.
    pub id: CommandId,
    /// The command's type (`CHAT_INPUT` when absent).
    #[serde(rename = "type", default)]
    pub kind: CommandType,
    /// The application the command belongs to.
    pub application_id: ApplicationId,
    /// The guild of a guild command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// The name, 1-32 characters.
    pub name: String,
    /// Translations of the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_localizations: Option<Localizations>,
    /// The name in the requester's locale (when fetched without full localizations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_localized: Option<String>,
    /// The description: 1-100 characters for `CHAT_INPUT`, empty otherwise.
    #[serde(default)]
    pub description: String,
    /// Translations of the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_localizations: Option<Localizations>,
    /// The description in the requester's locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_localized: Option<String>,
    /// The parameters of a `CHAT_INPUT` command, at most 25.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<CommandOption>,
    /// The permissions a member needs by default; `None` for everyone.
    #[serde(default)]
    pub default_member_permissions: Option<Permissions>,
    /// Deprecated: whether a global command is available in DMs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dm_permission: Option<bool>,
    /// Deprecated: whether the command is enabled by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_permission: Option<bool>,
    /// Whether the command is age-restricted.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub nsfw: bool,
    /// The installation contexts where a global command is available.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub integration_types: Vec<ApplicationIntegrationType>,
    /// The interaction contexts where a global command can be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contexts: Option<Vec<InteractionContextType>>,
    /// The version, bumped on substantial changes.
    pub version: CommandVersionId,
    /// Who handles a `PRIMARY_ENTRY_POINT` command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler: Option<EntryPointCommandHandlerType>,
}

impl ApplicationCommand {
    /// A `</name:id>` mention of this command (pass the subcommand path for subcommands).
    pub fn mention(&self) -> String {
        format!("</{}:{}>", self.name, self.id)
    }
}

/// A parameter of a command, or a subcommand or subcommand group.
///
/// Build one with [`CommandOption::new`] and its chainable setters; the
/// [`CommandBuilder`](super::CommandBuilder) checks the limits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommandOption {
    /// The option's type.
    #[serde(rename = "type")]
    pub kind: CommandOptionType,
    /// The name, 1-32 characters, unique among its siblings.
    pub name: String,
    /// Translations of the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_localizations: Option<Localizations>,
    /// The name in the requester's locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_localized: Option<String>,
    /// The description, 1-100 characters.
    #[serde(default)]
    pub description: String,
    /// Translations of the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_localizations: Option<Localizations>,
    /// The description in the requester's locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_localized: Option<String>,
    /// Whether the parameter is required (never for subcommands).
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub required: bool,
    /// The only values allowed (`STRING`, `INTEGER`, `NUMBER`), at most 25.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<CommandOptionChoice>,
    /// The parameters of a subcommand, or the subcommands of a group; at most 25.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<CommandOption>,
    /// The channel types shown (`CHANNEL`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channel_types: Vec<ChannelType>,
    /// The least value allowed (`INTEGER`, `NUMBER`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<CommandOptionValue>,
    /// The greatest value allowed (`INTEGER`, `NUMBER`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<CommandOptionValue>,
    /// The least length allowed, 0-6000 (`STRING`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u16>,
    /// The greatest length allowed, 1-6000 (`STRING`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u16>,
    /// Whether autocomplete interactions are sent (`STRING`, `INTEGER`, `NUMBER`; never with choices).
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub autocomplete: bool,
    /// File types to filter for (`ATTACHMENT`): `image`, `video`, `audio` or `.ext`; at most 10.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub file_types: Vec<String>,
}

impl CommandOption {
    /// An option of `kind` with a name and description and nothing else set.
    pub fn new(
        kind: CommandOptionType,
        name: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            name: name.into(),
            name_localizations: None,
            name_localized: None,
            description: description.into(),
            description_localizations: None,
            description_localized: None,
            required: false,
            choices: Vec::new(),
            options: Vec::new(),
            channel_types: Vec::new(),
            min_value: None,
            max_value: None,
            min_length: None,
            max_length: None,
            autocomplete: false,
            file_types: Vec::new(),
        }
    }

    /// Adds a translation of the name.
    #[must_use]
    pub fn name_localization(mut self, locale: impl Into<String>, name: impl Into<String>) -> Self {
        self.name_localizations
            .get_or_insert_with(HashMap::new)
            .insert(locale.into(), name.into());
        self
    }

    /// Adds a translation of the description.
    #[must_use]
    pub fn description_localization(
        mut self,
        locale: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        self.description_localizations
            .get_or_insert_with(HashMap::new)
            .insert(locale.into(), description.into());
        self
    }

    /// Sets whether the parameter is required.
    #[must_use]
    pub fn required(mut self, required: bool) -> Self {
        self.required = required;
        self
    }

    /// Adds a choice.
    #[must_use]
    pub fn choice(mut self, choice: CommandOptionChoice) -> Self {
        self.choices.push(choice);
        self
    }

    /// Adds a nested option (to a subcommand or subcommand group).
    #[must_use]
    pub fn option(mut self, option: CommandOption) -> Self {
        self.options.push(option);
        self
    }

    /// Sets the channel types shown.
    #[must_use]
    pub fn channel_types(mut self, types: impl IntoIterator<Item = ChannelType>) -> Self {
        self.channel_types = types.into_iter().collect();
        self
    }

    /// Sets the least value allowed.
    #[must_use]
    pub fn min_value(mut self, value: impl Into<CommandOptionValue>) -> Self {
        self.min_value = Some(value.into());
        self
    }

    /// Sets the greatest value allowed.
    #[must_use]
    pub fn max_value(mut self, value: impl Into<CommandOptionValue>) -> Self {
        self.max_value = Some(value.into());
        self
    }

    /// Sets the least length allowed.
    #[must_use]
    pub fn min_length(mut self, len: u16) -> Self {
        self.min_length = Some(len);
        self
    }

    /// Sets the greatest length allowed.
    #[must_use]
    pub fn max_length(mut self, len: u16) -> Self {
        self.max_length = Some(len);
        self
    }

    /// Sets whether autocomplete interactions are sent.
    #[must_use]
    pub fn autocomplete(mut self, autocomplete: bool) -> Self {
        self.autocomplete = autocomplete;
        self
    }

    /// Adds a file type to filter for.
    #[must_use]
    pub fn file_type(mut self, file_type: impl Into<String>) -> Self {
        self.file_types.push(file_type.into());
        self
    }
}

/// A bound of an `INTEGER` or `NUMBER` option.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CommandOptionValue {
    /// An integer bound.
    Integer(i64),
    /// A double bound.
    Number(f64),
}

impl CommandOptionValue {
    /// The bound as a double.
    pub fn as_f64(self) -> f64 {
        match self {
            Self::Integer(n) => n as f64,
            Self::Number(n) => n,
        }
    }
}

impl From<i64> for CommandOptionValue {
    fn from(n: i64) -> Self {
        Self::Integer(n)
    }
}

impl From<f64> for CommandOptionValue {
    fn from(n: f64) -> Self {
        Self::Number(n)
    }
}

impl Serialize for CommandOptionValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Self::Integer(n) => serializer.serialize_i64(n),
            Self::Number(n) => serializer.serialize_f64(n),
        }
    }
}

impl<'de> Deserialize<'de> for CommandOptionValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(ScalarVisitor)? {
            Scalar::Integer(n) => Ok(Self::Integer(n)),
            Scalar::Number(n) => Ok(Self::Number(n)),
            Scalar::String(s) => Err(de::Error::invalid_type(
                de::Unexpected::Str(&s),
                &"a number",
            )),
        }
    }
}

/// A choice of a `STRING`, `INTEGER` or `NUMBER` option.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommandOptionChoice {
    /// The name shown, 1-100 characters.
    pub name: String,
    /// Translations of the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_localizations: Option<Localizations>,
    /// The name in the requester's locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_localized: Option<String>,
    /// The value (a string of at most 100 characters, an integer or a double).
    pub value: CommandOptionChoiceValue,
}

impl CommandOptionChoice {
    /// A choice named `name` with `value`.
    pub fn new(name: impl Into<String>, value: impl Into<CommandOptionChoiceValue>) -> Self {
        Self {
            name: name.into(),
            name_localizations: None,
            name_localized: None,
            value: value.into(),
        }
    }

    /// Adds a translation of the name.
    #[must_use]
    pub fn name_localization(mut self, locale: impl Into<String>, name: impl Into<String>) -> Self {
        self.name_localizations
            .get_or_insert_with(HashMap::new)
            .insert(locale.into(), name.into());
        self
    }
}

/// The value of a choice, or of an option in an interaction.
#[derive(Clone, Debug, PartialEq)]
pub enum CommandOptionChoiceValue {
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
    /// A double.
    Number(f64),
}

impl From<String> for CommandOptionChoiceValue {
    fn from(s: String) -> Self {
        Self::String(s)
    }
}

impl From<&str> for CommandOptionChoiceValue {
    fn from(s: &str) -> Self {
        Self::String(s.to_owned())
    }
}

impl From<i64> for CommandOptionChoiceValue {
    fn from(n: i64) -> Self {
        Self::Integer(n)
    }
}

impl From<f64> for CommandOptionChoiceValue {
    fn from(n: f64) -> Self {
        Self::Number(n)
    }
}

impl Serialize for CommandOptionChoiceValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::String(s) => serializer.serialize_str(s),
            Self::Integer(n) => serializer.serialize_i64(*n),
            Self::Number(n) => serializer.serialize_f64(*n),
        }
    }
}

impl<'de> Deserialize<'de> for CommandOptionChoiceValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match deserializer.deserialize_any(ScalarVisitor)? {
            Scalar::Integer(n) => Self::Integer(n),
            Scalar::Number(n) => Self::Number(n),
            Scalar::String(s) => Self::String(s),
        })
    }
}

/// A string, integer or double, as decoded by [`ScalarVisitor`].
pub(crate) enum Scalar {
    String(String),
    Integer(i64),
    Number(f64),
}

/// Decodes a JSON string or number, keeping integers apart from doubles.
pub(crate) struct ScalarVisitor;

impl de::Visitor<'_> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, an integer or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::String(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Integer(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        match i64::try_from(v) {
            Ok(n) => Ok(Scalar::Integer(n)),
            Err(_) => Ok(Scalar::Number(v as f64)),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v))
    }
}

/// The permissions of one command (or, when `id` is the application's id, of
/// all commands without their own) in a guild.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildCommandPermissions {
    /// The command's id, or the application's id for the app-wide defaults.
    pub id: GenericId,
    /// The application the command belongs to.
    pub application_id: ApplicationId,
    /// The guild.
    pub guild_id: GuildId,
    /// The permissions, at most 100.
    #[serde(default)]
    pub permissions: Vec<CommandPermission>,
}

impl GuildCommandPermissions {
    /// Whether these are the app-wide defaults rather than one command's.
    pub fn is_application_wide(&self) -> bool {
        self.id.get() == self.application_id.get()
    }
}

/// Allows or denies a command to a role, a user or a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandPermission {
    /// The role, user or channel; `guild_id` means `@everyone`, `guild_id - 1` all channels.
    pub id: GenericId,
    /// What `id` names.
    #[serde(rename = "type")]
    pub kind: CommandPermissionType,
    /// `true` to allow, `false` to deny.
    pub permission: bool,
}

impl CommandPermission {
    /// Most permissions per command in a guild.
    pub const MAX: usize = 100;

    /// The id standing for every channel of the guild `guild_id`.
    pub fn all_channels(guild_id: GuildId) -> Option<GenericId> {
        GenericId::new_checked(guild_id.get() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_values_keep_integers_apart_from_doubles() {
        let values: Vec<CommandOptionChoiceValue> =
            serde_json::from_str(r#"["a", 1, 1.5, -3]"#).unwrap();
        assert_eq!(
            values,
            [
                CommandOptionChoiceValue::String("a".into()),
                CommandOptionChoiceValue::Integer(1),
                CommandOptionChoiceValue::Number(1.5),
                CommandOptionChoiceValue::Integer(-3),
            ]
        );
        assert_eq!(serde_json::to_string(&values).unwrap(), r#"["a",1,1.5,-3]"#);
        assert!(serde_json::from_str::<CommandOptionValue>(r#""a""#).is_err());
    }
}
