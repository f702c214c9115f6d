//! A builder for creating and overwriting application commands, checking Discord's limits.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{
    ApplicationIntegrationType, CommandOption, CommandOptionChoice, CommandOptionChoiceValue,
    CommandOptionType, CommandOptionValue, CommandType, EntryPointCommandHandlerType,
    InteractionContextType, Localizations,
};
use crate::{
    Permissions,
    validate::{ValidationError, ValidationErrorKind},
};

/// The JSON body of Create (or bulk overwrite) Application Command.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommandPayload {
    /// The name.
    pub name: String,
    /// Translations of the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_localizations: Option<Localizations>,
    /// The description (empty for user and message commands).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Translations of the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_localizations: Option<Localizations>,
    /// The parameters of a chat input command.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<CommandOption>,
    /// The permissions a member needs by default (`Some(None)`: everyone; absent: unchanged).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub default_member_permissions: Option<Option<Permissions>>,
    /// The installation contexts where the command is available.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub integration_types: Vec<ApplicationIntegrationType>,
    /// The interaction contexts where the command can be used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contexts: Vec<InteractionContextType>,
    /// The command's type.
    #[serde(rename = "type")]
    pub kind: CommandType,
    /// Whether the command is age-restricted.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub nsfw: bool,
    /// Who handles a primary entry point command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler: Option<EntryPointCommandHandlerType>,
}

/// Builds a [`CommandPayload`], checking the limits of Discord's docs in [`build`](Self::build).
///
/// ```
/// use kokoro_model::application::{CommandBuilder, CommandOption, CommandOptionType};
///
/// let cmd = CommandBuilder::chat_input("blep", "Send a random adorable animal photo")
///     .option(CommandOption::new(CommandOptionType::String, "animal", "The type of animal").required(true))
///     .build()
///     .unwrap();
/// assert_eq!(cmd.options.len(), 1);
///
/// let err = CommandBuilder::chat_input("Blep", "upper case is not allowed").build().unwrap_err();
/// assert_eq!(err.field(), "name");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct CommandBuilder {
    payload: CommandPayload,
}

impl CommandBuilder {
    /// Most characters in a command or option name.
    pub const NAME_MAX: usize = 32;
    /// Most characters in a command or option description.
    pub const DESCRIPTION_MAX: usize = 100;
    /// Most options of a command, subcommand or group.
    pub const OPTIONS_MAX: usize = 25;
    /// Most choices of an option.
    pub const CHOICES_MAX: usize = 25;
    /// Most characters of a choice's name.
    pub const CHOICE_NAME_MAX: usize = 100;
    /// Most characters of a choice's string value.
    pub const CHOICE_STRING_VALUE_MAX: usize = 100;
    /// Most characters of names, descriptions and values of a command, its
    /// options and their choices combined (the longest localization of each field counts).
    pub const COMBINED_MAX: usize = 8000;
    /// Greatest `min_length` / `max_length` of a string option.
    pub const LENGTH_MAX: u16 = 6000;
    /// Most file types of an attachment option.
    pub const FILE_TYPES_MAX: usize = 10;
    /// The largest magnitude of an `INTEGER` value (2^53 - 1).
    pub const INTEGER_MAX: i64 = (1 << 53) - 1;
    /// The largest magnitude of a `NUMBER` value (2^53).
    pub const NUMBER_MAX: f64 = 9_007_199_254_740_992.0;

    fn new(kind: CommandType, name: String, description: String) -> Self {
        Self {
            payload: CommandPayload {
                name,
                name_localizations: None,
                description,
                description_localizations: None,
                options: Vec::new(),
                default_member_permissions: None,
                integration_types: Vec::new(),
                contexts: Vec::new(),
                kind,
                nsfw: false,
                handler: None,
            },
        }
    }

    /// A slash command.
    pub fn chat_input(name: impl Into<String>, description: impl Into<String>) -> Self {
        Self::new(CommandType::ChatInput, name.into(), description.into())
    }

    /// A command in users' context menus.
    pub fn user(name: impl Into<String>) -> Self {
        Self::new(CommandType::User, name.into(), String::new())
    }

    /// A command in messages' context menus.
    pub fn message(name: impl Into<String>) -> Self {
        Self::new(CommandType::Message, name.into(), String::new())
    }

    /// The primary entry point command of an Activity.
    pub fn primary_entry_point(
        name: impl Into<String>,
        description: impl Into<String>,
        handler: EntryPointCommandHandlerType,
    ) -> Self {
        let mut this = Self::new(
            CommandType::PrimaryEntryPoint,
            name.into(),
            description.into(),
        );
        this.payload.handler = Some(handler);
        this
    }

    /// Adds a translation of the name.
    pub fn name_localization(mut self, locale: impl Into<String>, name: impl Into<String>) -> Self {
        self.payload
            .name_localizations
            .get_or_insert_with(Default::default)
            .insert(locale.into(), name.into());
        self
    }

    /// Adds a translation of the description.
    pub fn description_localization(
        mut self,
        locale: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        self.payload
            .description_localizations
            .get_or_insert_with(Default::default)
            .insert(locale.into(), description.into());
        self
    }

    /// Adds an option (chat input commands only).
    pub fn option(mut self, option: CommandOption) -> Self {
        self.payload.options.push(option);
        self
    }

    /// Sets the permissions a member needs by default (`None`: everyone; empty: admins only).
    pub fn default_member_permissions(mut self, permissions: Option<Permissions>) -> Self {
        self.payload.default_member_permissions = Some(permissions);
        self
    }

    /// Sets the installation contexts where the command is available.
    pub fn integration_types(
        mut self,
        types: impl IntoIterator<Item = ApplicationIntegrationType>,
    ) -> Self {
        self.payload.integration_types = types.into_iter().collect();
        self
    }

    /// Sets the interaction contexts where the command can be used.
    pub fn contexts(mut self, contexts: impl IntoIterator<Item = InteractionContextType>) -> Self {
        self.payload.contexts = contexts.into_iter().collect();
        self
    }

    /// Marks the command age-restricted.
    pub fn nsfw(mut self, nsfw: bool) -> Self {
        self.payload.nsfw = nsfw;
        self
    }

    /// Checks every limit and returns the payload, or the first broken limit.
    pub fn build(self) -> Result<CommandPayload, ValidationError> {
        let p = &self.payload;
        let strict = p.kind == CommandType::ChatInput;
        check_name("name", &p.name, strict)?;
        for (locale, name) in p.name_localizations.iter().flatten() {
            check_name(format!("name_localizations.{locale}"), name, strict)?;
        }
        match p.kind {
            CommandType::User | CommandType::Message => {
                if !p.description.is_empty() {
                    return Err(invalid(
                        "description",
                        "user and message commands have an empty description",
                    ));
                }
                if p.description_localizations.is_some() {
                    return Err(invalid(
                        "description_localizations",
                        "user and message commands have no description",
                    ));
                }
            }
            _ => {
                check_description("description", &p.description)?;
                for (locale, d) in p.description_localizations.iter().flatten() {
                    check_description(format!("description_localizations.{locale}"), d)?;
                }
            }
        }
        if p.handler.is_some() && p.kind != CommandType::PrimaryEntryPoint {
            return Err(invalid(
                "handler",
                "only primary entry point commands have a handler",
            ));
        }
        if !p.options.is_empty() {
            if p.kind != CommandType::ChatInput {
                return Err(invalid("options", "only chat input commands have options"));
            }
            check_options("options", &p.options, Level::Command)?;
        }
        let combined = longest(&p.name, p.name_localizations.as_ref())
            + longest(&p.description, p.description_localizations.as_ref())
            + p.options.iter().map(combined_len).sum::<usize>();
        if combined > Self::COMBINED_MAX {
            return Err(ValidationError::new(
                "command",
                ValidationErrorKind::TooLong {
                    len: combined,
                    max: Self::COMBINED_MAX,
                },
            ));
        }
        Ok(self.payload)
    }
}

/// Where an options array sits, which decides what it may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    /// The command's own options: subcommands and groups, or parameters.
    Command,
    /// A group's options: subcommands only.
    Group,
    /// A subcommand's options: parameters only.
    SubCommand,
}

fn invalid(field: impl Into<String>, reason: &'static str) -> ValidationError {
    ValidationError::new(field.into(), ValidationErrorKind::Invalid { reason })
}

fn too_long(field: impl Into<String>, len: usize, max: usize) -> ValidationError {
    ValidationError::new(field.into(), ValidationErrorKind::TooLong { len, max })
}

fn check_len(
    field: impl Into<String>,
    value: &str,
    min: usize,
    max: usize,
) -> Result<(), ValidationError> {
    let len = value.chars().count();
    if len < min {
        return Err(ValidationError::new(
            field.into(),
            ValidationErrorKind::TooShort { len, min },
        ));
    }
    if len > max {
        return Err(too_long(field, len, max));
    }
    Ok(())
}

/// Whether `c` matches `[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]`.
fn is_name_char(c: char) -> bool {
    matches!(c, '-' | '_' | '\'')
        || c.is_alphanumeric()
        || ('\u{0900}'..='\u{097F}').contains(&c)
        || ('\u{A8E0}'..='\u{A8FF}').contains(&c)
        || ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Checks a name: 1-32 characters; for chat input commands and options also
/// the naming regex, lower case where a lower case variant exists.
fn check_name(field: impl Into<String>, name: &str, strict: bool) -> Result<(), ValidationError> {
    let field = field.into();
    check_len(field.clone(), name, 1, CommandBuilder::NAME_MAX)?;
    if strict {
        for c in name.chars() {
            if !is_name_char(c) {
                return Err(invalid(
                    field,
                    "may hold only letters, numbers, '-', '_' and '\\''",
                ));
            }
            if c.to_lowercase().ne(std::iter::once(c)) {
                return Err(invalid(field, "must be lower case"));
            }
        }
    }
    Ok(())
}

fn check_description(field: impl Into<String>, description: &str) -> Result<(), ValidationError> {
    check_len(field, description, 1, CommandBuilder::DESCRIPTION_MAX)
}

fn check_options(
    path: &str,
    options: &[CommandOption],
    level: Level,
) -> Result<(), ValidationError> {
    if options.len() > CommandBuilder::OPTIONS_MAX {
        return Err(ValidationError::new(
            path.to_owned(),
            ValidationErrorKind::TooMany {
                count: options.len(),
                max: CommandBuilder::OPTIONS_MAX,
            },
        ));
    }
    let subcommands = options.iter().filter(|o| o.kind.is_subcommand()).count();
    if subcommands != 0 && subcommands != options.len() {
        return Err(invalid(
            path,
            "cannot mix subcommands or groups with other options",
        ));
    }
    let mut names = HashSet::with_capacity(options.len());
    let mut optional_seen = false;
    for (i, option) in options.iter().enumerate() {
        let at = format!("{path}[{i}]");
        if !names.insert(option.name.as_str()) {
            return Err(invalid(
                format!("{at}.name"),
                "must be unique among its siblings",
            ));
        }
        match (level, option.kind) {
            (Level::Group, kind) if kind != CommandOptionType::SubCommand => {
                return Err(invalid(
                    format!("{at}.type"),
                    "a subcommand group holds only subcommands",
                ));
            }
            (Level::SubCommand, kind) if kind.is_subcommand() => {
                return Err(invalid(
                    format!("{at}.type"),
                    "subcommands cannot nest subcommands or groups",
                ));
            }
            _ => {}
        }
        if !option.kind.is_subcommand() {
            if option.required && optional_seen {
                return Err(invalid(
                    format!("{at}.required"),
                    "required options must come before optional ones",
                ));
            }
            optional_seen |= !option.required;
        }
        check_option(&at, option)?;
    }
    Ok(())
}

fn check_option(at: &str, o: &CommandOption) -> Result<(), ValidationError> {
    use CommandOptionType as T;
    check_name(format!("{at}.name"), &o.name, true)?;
    for (locale, name) in o.name_localizations.iter().flatten() {
        check_name(format!("{at}.name_localizations.{locale}"), name, true)?;
    }
    check_description(format!("{at}.description"), &o.description)?;
    for (locale, d) in o.description_localizations.iter().flatten() {
        check_description(format!("{at}.description_localizations.{locale}"), d)?;
    }
    let kind = o.kind;
    match kind {
        T::SubCommand | T::SubCommandGroup => {
            if o.required {
                return Err(invalid(
                    format!("{at}.required"),
                    "subcommands cannot be required",
                ));
            }
            let level = if kind == T::SubCommand {
                Level::SubCommand
            } else {
                Level::Group
            };
            check_options(&format!("{at}.options"), &o.options, level)?;
        }
        _ if !o.options.is_empty() => {
            return Err(invalid(
                format!("{at}.options"),
                "only subcommands and groups have nested options",
            ));
        }
        _ => {}
    }
    let choosable = matches!(kind, T::String | T::Integer | T::Number);
    if !o.choices.is_empty() {
        if !choosable {
            return Err(invalid(
                format!("{at}.choices"),
                "only string, integer and number options have choices",
            ));
        }
        if o.autocomplete {
            return Err(ValidationError::new(
                format!("{at}.autocomplete"),
                ValidationErrorKind::Conflict { other: "choices" },
            ));
        }
        if o.choices.len() > CommandBuilder::CHOICES_MAX {
            return Err(ValidationError::new(
                format!("{at}.choices"),
                ValidationErrorKind::TooMany {
                    count: o.choices.len(),
                    max: CommandBuilder::CHOICES_MAX,
                },
            ));
        }
        for (j, choice) in o.choices.iter().enumerate() {
            check_choice(&format!("{at}.choices[{j}]"), kind, choice)?;
        }
    }
    if o.autocomplete && !choosable {
        return Err(invalid(
            format!("{at}.autocomplete"),
            "only string, integer and number options autocomplete",
        ));
    }
    if !o.channel_types.is_empty() && kind != T::Channel {
        return Err(invalid(
            format!("{at}.channel_types"),
            "only channel options filter channel types",
        ));
    }
    if !o.file_types.is_empty() {
        if kind != T::Attachment {
            return Err(invalid(
                format!("{at}.file_types"),
                "only attachment options filter file types",
            ));
        }
        if o.file_types.len() > CommandBuilder::FILE_TYPES_MAX {
            return Err(ValidationError::new(
                format!("{at}.file_types"),
                ValidationErrorKind::TooMany {
                    count: o.file_types.len(),
                    max: CommandBuilder::FILE_TYPES_MAX,
                },
            ));
        }
    }
    for (name, bound) in [("min_value", o.min_value), ("max_value", o.max_value)] {
        let Some(bound) = bound else { continue };
        let field = format!("{at}.{name}");
        match (kind, bound) {
            (T::Integer, CommandOptionValue::Integer(n)) => {
                check_integer(field, n)?;
            }
            (T::Number, v) => {
                if v.as_f64().is_nan() || v.as_f64().abs() > CommandBuilder::NUMBER_MAX {
                    return Err(invalid(field, "must lie between -2^53 and 2^53"));
                }
            }
            (T::Integer, CommandOptionValue::Number(_)) => {
                return Err(invalid(field, "must be an integer for integer options"));
            }
            _ => {
                return Err(invalid(
                    field,
                    "only integer and number options have value bounds",
                ));
            }
        }
    }
    if let (Some(min), Some(max)) = (o.min_value, o.max_value)
        && min.as_f64() > max.as_f64()
    {
        return Err(invalid(
            format!("{at}.min_value"),
            "must not exceed max_value",
        ));
    }
    if o.min_length.is_some() || o.max_length.is_some() {
        if kind != T::String {
            return Err(invalid(
                format!("{at}.min_length"),
                "only string options have length bounds",
            ));
        }
        let max = i64::from(CommandBuilder::LENGTH_MAX);
        if let Some(min_length) = o.min_length {
            in_range(format!("{at}.min_length"), i64::from(min_length), 0, max)?;
        }
        if let Some(max_length) = o.max_length {
            in_range(format!("{at}.max_length"), i64::from(max_length), 1, max)?;
        }
        if let (Some(min), Some(max)) = (o.min_length, o.max_length)
            && min > max
        {
            return Err(invalid(
                format!("{at}.min_length"),
                "must not exceed max_length",
            ));
        }
    }
    Ok(())
}

fn in_range(field: String, value: i64, min: i64, max: i64) -> Result<(), ValidationError> {
    if value < min || value > max {
        return Err(ValidationError::new(
            field,
            ValidationErrorKind::OutOfRange { value, min, max },
        ));
    }
    Ok(())
}

fn check_integer(field: String, n: i64) -> Result<(), ValidationError> {
    in_range(
        field,
        n,
        -CommandBuilder::INTEGER_MAX,
        CommandBuilder::INTEGER_MAX,
    )
}

fn check_choice(
    at: &str,
    kind: CommandOptionType,
    choice: &CommandOptionChoice,
) -> Result<(), ValidationError> {
    check_len(
        format!("{at}.name"),
        &choice.name,
        1,
        CommandBuilder::CHOICE_NAME_MAX,
    )?;
    for (locale, name) in choice.name_localizations.iter().flatten() {
        check_len(
            format!("{at}.name_localizations.{locale}"),
            name,
            1,
            CommandBuilder::CHOICE_NAME_MAX,
        )?;
    }
    let field = format!("{at}.value");
    match (kind, &choice.value) {
        (CommandOptionType::String, CommandOptionChoiceValue::String(s)) => {
            check_len(field, s, 1, CommandBuilder::CHOICE_STRING_VALUE_MAX)
        }
        (CommandOptionType::Integer, CommandOptionChoiceValue::Integer(n)) => {
            check_integer(field, *n)
        }
        (CommandOptionType::Number, CommandOptionChoiceValue::Number(_))
        | (CommandOptionType::Number, CommandOptionChoiceValue::Integer(_)) => Ok(()),
        _ => Err(invalid(field, "must have the type of its option")),
    }
}

/// The longest of a field and its translations, in characters.
fn longest(value: &str, localizations: Option<&Localizations>) -> usize {
    localizations
        .into_iter()
        .flat_map(|l| l.values())
        .map(|s| s.chars().count())
        .fold(value.chars().count(), usize::max)
}

/// The characters an option contributes to [`CommandBuilder::COMBINED_MAX`].
fn combined_len(o: &CommandOption) -> usize {
    longest(&o.name, o.name_localizations.as_ref())
        + longest(&o.description, o.description_localizations.as_ref())
        + o.choices
            .iter()
            .map(|c| {
                longest(&c.name, c.name_localizations.as_ref())
                    + match &c.value {
                        CommandOptionChoiceValue::String(s) => s.chars().count(),
                        CommandOptionChoiceValue::Integer(n) => n.to_string().len(),
                        CommandOptionChoiceValue::Number(n) => n.to_string().len(),
                    }
            })
            .sum::<usize>()
        + o.options.iter().map(combined_len).sum::<usize>()
}
