//! Responses to interactions, their builders, and the `?with_response=true` callback body.

use serde::{Deserialize, Serialize};

use super::InteractionType;
use crate::{
    application::CommandOptionChoice,
    component::{Component, TextInput},
    id::{InteractionId, MessageId},
    message::{AllowedMentions, Embed, Message, MessageFlags, PartialAttachment},
    poll::PollCreate,
    validate::{ValidationError, ValidationErrorKind},
};

int_enum! {
    /// How an app responds to an interaction.
    pub enum InteractionCallbackType: u8 {
        /// Acknowledges a ping.
        Pong = 1,
        /// Responds with a message.
        ChannelMessageWithSource = 4,
        /// Acknowledges now, edits a response in later; the user sees a loading state.
        DeferredChannelMessageWithSource = 5,
        /// For components: acknowledges now, edits the original message later.
        DeferredUpdateMessage = 6,
        /// For components: edits the message the component is attached to.
        UpdateMessage = 7,
        /// Suggests choices for an autocomplete interaction.
        ApplicationCommandAutocompleteResult = 8,
        /// Opens a modal.
        Modal = 9,
        /// Deprecated: shows an upgrade button (monetized apps).
        PremiumRequired = 10,
        /// Launches the app's Activity.
        LaunchActivity = 12,
    }
}

/// A response to an interaction (`POST /interactions/{id}/{token}/callback`).
///
/// ```
/// use kokoro_model::interaction::{InteractionCallbackData, InteractionResponse};
///
/// let response = InteractionResponse::message(
///     InteractionCallbackData::new().content("Hello, World!").ephemeral(),
/// ).unwrap();
/// assert_eq!(
///     serde_json::to_string(&response).unwrap(),
///     r#"{"type":4,"data":{"content":"Hello, World!","flags":64}}"#,
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionResponse {
    /// The kind of response.
    #[serde(rename = "type")]
    pub kind: InteractionCallbackType,
    /// The message, choices or modal of the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<InteractionCallbackData>,
}

impl InteractionResponse {
    /// Acknowledges a ping.
    pub fn pong() -> Self {
        Self {
            kind: InteractionCallbackType::Pong,
            data: None,
        }
    }

    /// Responds with a message, checking content and embed limits.
    pub fn message(data: InteractionCallbackData) -> Result<Self, ValidationError> {
        data.validate_message()?;
        Ok(Self {
            kind: InteractionCallbackType::ChannelMessageWithSource,
            data: Some(data),
        })
    }

    /// Acknowledges now, to edit a response in later; `ephemeral` makes the
    /// eventual response visible to the invoking user only.
    pub fn deferred(ephemeral: bool) -> Self {
        Self {
            kind: InteractionCallbackType::DeferredChannelMessageWithSource,
            data: ephemeral.then(|| InteractionCallbackData::new().ephemeral()),
        }
    }

    /// For components: acknowledges now, to edit the original message later.
    pub fn deferred_update() -> Self {
        Self {
            kind: InteractionCallbackType::DeferredUpdateMessage,
            data: None,
        }
    }

    /// For components: edits the message the component is attached to.
    pub fn update(data: InteractionCallbackData) -> Result<Self, ValidationError> {
        data.validate_message()?;
        Ok(Self {
            kind: InteractionCallbackType::UpdateMessage,
            data: Some(data),
        })
    }

    /// Suggests up to 25 choices for an autocomplete interaction.
    pub fn autocomplete(
        choices: impl IntoIterator<Item = CommandOptionChoice>,
    ) -> Result<Self, ValidationError> {
        let choices: Vec<_> = choices.into_iter().collect();
        if choices.len() > InteractionCallbackData::CHOICES_MAX {
            return Err(ValidationError::new(
                "data.choices",
                ValidationErrorKind::TooMany {
                    count: choices.len(),
                    max: InteractionCallbackData::CHOICES_MAX,
                },
            ));
        }
        for (i, choice) in choices.iter().enumerate() {
            let len = choice.name.chars().count();
            if !(1..=InteractionCallbackData::CHOICE_NAME_MAX).contains(&len) {
                return Err(length_error(
                    format!("data.choices[{i}].name"),
                    len,
                    1,
                    InteractionCallbackData::CHOICE_NAME_MAX,
                ));
            }
            if let crate::application::CommandOptionChoiceValue::String(s) = &choice.value {
                let len = s.chars().count();
                if len > InteractionCallbackData::CHOICE_NAME_MAX {
                    return Err(length_error(
                        format!("data.choices[{i}].value"),
                        len,
                        0,
                        InteractionCallbackData::CHOICE_NAME_MAX,
                    ));
                }
            }
        }
        let mut data = InteractionCallbackData::new();
        data.choices = Some(choices);
        Ok(Self {
            kind: InteractionCallbackType::ApplicationCommandAutocompleteResult,
            data: Some(data),
        })
    }

    /// Opens a modal, checking its limits.
    pub fn modal(modal: ModalBuilder) -> Result<Self, ValidationError> {
        Ok(Self {
            kind: InteractionCallbackType::Modal,
            data: Some(modal.build()?),
        })
    }

    /// Launches the app's Activity.
    pub fn launch_activity() -> Self {
        Self {
            kind: InteractionCallbackType::LaunchActivity,
            data: None,
        }
    }
}

fn length_error(field: String, len: usize, min: usize, max: usize) -> ValidationError {
    if len < min {
        ValidationError::new(field, ValidationErrorKind::TooShort { len, min })
    } else {
        ValidationError::new(field, ValidationErrorKind::TooLong { len, max })
    }
}

/// The data of an interaction response: a message (types 4 and 7, and 5 for
/// flags), autocomplete choices (type 8), or a modal (type 9). Only the
/// fields of the response's type are set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InteractionCallbackData {
    /// Whether the message is text-to-speech.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tts: Option<bool>,
    /// The message content (at most 2000 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The embeds (at most 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embeds: Option<Vec<Embed>>,
    /// Which mentions notify.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_mentions: Option<AllowedMentions>,
    /// Message flags (`EPHEMERAL`, `SUPPRESS_EMBEDS`, `SUPPRESS_NOTIFICATIONS`, `IS_COMPONENTS_V2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<MessageFlags>,
    /// Message components, or a modal's components.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<Component>>,
    /// Partial attachments: ids and descriptions of files uploaded with the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<PartialAttachment>>,
    /// A poll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll: Option<PollCreate>,
    /// Autocomplete choices (at most 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<CommandOptionChoice>>,
    /// A modal's developer-defined id (1-100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_id: Option<String>,
    /// A modal's title (at most 45 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl InteractionCallbackData {
    /// Most characters of message content.
    pub const CONTENT_MAX: usize = 2000;
    /// Most embeds of a message.
    pub const EMBEDS_MAX: usize = 10;
    /// Most autocomplete choices.
    pub const CHOICES_MAX: usize = 25;
    /// Most characters of a choice's name (and string value).
    pub const CHOICE_NAME_MAX: usize = 100;

    /// Empty message data, to fill with the setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the content.
    #[must_use]
    pub fn content(mut self, content: impl Into<String>) -> Self {
        self.content = Some(content.into());
        self
    }

    /// Sets text-to-speech.
    #[must_use]
    pub fn tts(mut self, tts: bool) -> Self {
        self.tts = Some(tts);
        self
    }

    /// Adds an embed.
    #[must_use]
    pub fn embed(mut self, embed: Embed) -> Self {
        self.embeds.get_or_insert_with(Vec::new).push(embed);
        self
    }

    /// Sets which mentions notify.
    #[must_use]
    pub fn allowed_mentions(mut self, allowed_mentions: AllowedMentions) -> Self {
        self.allowed_mentions = Some(allowed_mentions);
        self
    }

    /// Sets the flags.
    #[must_use]
    pub fn flags(mut self, flags: MessageFlags) -> Self {
        self.flags = Some(flags);
        self
    }

    /// Makes the message visible to the invoking user only.
    #[must_use]
    pub fn ephemeral(mut self) -> Self {
        self.flags = Some(self.flags.unwrap_or_default() | MessageFlags::EPHEMERAL);
        self
    }

    /// Adds a component.
    #[must_use]
    pub fn component(mut self, component: impl Into<Component>) -> Self {
        self.components
            .get_or_insert_with(Vec::new)
            .push(component.into());
        self
    }

    /// Adds a partial attachment.
    #[must_use]
    pub fn attachment(mut self, attachment: PartialAttachment) -> Self {
        self.attachments
            .get_or_insert_with(Vec::new)
            .push(attachment);
        self
    }

    /// Sets the poll.
    #[must_use]
    pub fn poll(mut self, poll: PollCreate) -> Self {
        self.poll = Some(poll);
        self
    }

    fn validate_message(&self) -> Result<(), ValidationError> {
        if let Some(content) = &self.content {
            let len = content.chars().count();
            if len > Self::CONTENT_MAX {
                return Err(ValidationError::new(
                    "data.content",
                    ValidationErrorKind::TooLong {
                        len,
                        max: Self::CONTENT_MAX,
                    },
                ));
            }
        }
        if let Some(embeds) = &self.embeds
            && embeds.len() > Self::EMBEDS_MAX
        {
            return Err(ValidationError::new(
                "data.embeds",
                ValidationErrorKind::TooMany {
                    count: embeds.len(),
                    max: Self::EMBEDS_MAX,
                },
            ));
        }
        Ok(())
    }
}

/// Builds the data of a modal response, checking Discord's limits.
///
/// ```
/// use kokoro_model::{
///     component::{Label, TextInput, TextInputStyle},
///     interaction::{InteractionResponse, ModalBuilder},
/// };
///
/// let modal = ModalBuilder::new("feedback", "Tell us more")
///     .component(Label::new("Your thoughts", TextInput::new("thoughts", TextInputStyle::Paragraph)));
/// let response = InteractionResponse::modal(modal).unwrap();
/// assert_eq!(response.data.unwrap().title.as_deref(), Some("Tell us more"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct ModalBuilder {
    custom_id: String,
    title: String,
    components: Vec<Component>,
}

impl ModalBuilder {
    /// Most characters of the title.
    pub const TITLE_MAX: usize = 45;
    /// Most characters of the custom id.
    pub const CUSTOM_ID_MAX: usize = 100;
    /// Fewest top-level components.
    pub const COMPONENTS_MIN: usize = 1;
    /// Most top-level components.
    pub const COMPONENTS_MAX: usize = 5;

    /// A modal with `custom_id` and `title` and no components yet.
    pub fn new(custom_id: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            custom_id: custom_id.into(),
            title: title.into(),
            components: Vec::new(),
        }
    }

    /// Adds a top-level component (a label, a text display, or a legacy action row).
    pub fn component(mut self, component: impl Into<Component>) -> Self {
        self.components.push(component.into());
        self
    }

    /// Checks the limits and returns the response data.
    pub fn build(self) -> Result<InteractionCallbackData, ValidationError> {
        let len = self.title.chars().count();
        if !(1..=Self::TITLE_MAX).contains(&len) {
            return Err(length_error("data.title".into(), len, 1, Self::TITLE_MAX));
        }
        let len = self.custom_id.chars().count();
        if !(1..=Self::CUSTOM_ID_MAX).contains(&len) {
            return Err(length_error(
                "data.custom_id".into(),
                len,
                1,
                Self::CUSTOM_ID_MAX,
            ));
        }
        let count = self.components.len();
        if count < Self::COMPONENTS_MIN {
            return Err(ValidationError::new(
                "data.components",
                ValidationErrorKind::TooFew {
                    count,
                    min: Self::COMPONENTS_MIN,
                },
            ));
        }
        if count > Self::COMPONENTS_MAX {
            return Err(ValidationError::new(
                "data.components",
                ValidationErrorKind::TooMany {
                    count,
                    max: Self::COMPONENTS_MAX,
                },
            ));
        }
        for (i, component) in self.components.iter().enumerate() {
            check_modal_component(&format!("data.components[{i}]"), component)?;
        }
        Ok(InteractionCallbackData {
            custom_id: Some(self.custom_id),
            title: Some(self.title),
            components: Some(self.components),
            ..InteractionCallbackData::default()
        })
    }
}

/// Walks action rows and labels down to text inputs and checks them.
fn check_modal_component(at: &str, component: &Component) -> Result<(), ValidationError> {
    match component {
        Component::ActionRow(row) => {
            for (i, child) in row.components.iter().enumerate() {
                check_modal_component(&format!("{at}.components[{i}]"), child)?;
            }
            Ok(())
        }
        Component::Label(label) => {
            let len = label.label.chars().count();
            if len > crate::component::Label::LABEL_MAX {
                return Err(length_error(
                    format!("{at}.label"),
                    len,
                    0,
                    crate::component::Label::LABEL_MAX,
                ));
            }
            check_modal_component(&format!("{at}.component"), &label.component)
        }
        Component::TextInput(input) => check_text_input(at, input),
        _ => Ok(()),
    }
}

fn check_text_input(at: &str, input: &TextInput) -> Result<(), ValidationError> {
    let len = input.custom_id.chars().count();
    if !(1..=ModalBuilder::CUSTOM_ID_MAX).contains(&len) {
        return Err(length_error(
            format!("{at}.custom_id"),
            len,
            1,
            ModalBuilder::CUSTOM_ID_MAX,
        ));
    }
    if let Some(label) = &input.label {
        let len = label.chars().count();
        if len > TextInput::LABEL_MAX {
            return Err(length_error(
                format!("{at}.label"),
                len,
                0,
                TextInput::LABEL_MAX,
            ));
        }
    }
    let max = i64::from(TextInput::LENGTH_MAX);
    if let Some(min_length) = input.min_length {
        range(format!("{at}.min_length"), i64::from(min_length), 0, max)?;
    }
    if let Some(max_length) = input.max_length {
        range(format!("{at}.max_length"), i64::from(max_length), 1, max)?;
    }
    if let (Some(min), Some(max)) = (input.min_length, input.max_length)
        && min > max
    {
        return Err(ValidationError::new(
            format!("{at}.min_length"),
            ValidationErrorKind::Invalid {
                reason: "must not exceed max_length",
            },
        ));
    }
    if let Some(value) = &input.value {
        let len = value.chars().count();
        let max = usize::from(input.max_length.unwrap_or(TextInput::LENGTH_MAX));
        if len > max {
            return Err(length_error(format!("{at}.value"), len, 0, max));
        }
    }
    if let Some(placeholder) = &input.placeholder {
        let len = placeholder.chars().count();
        if len > TextInput::PLACEHOLDER_MAX {
            return Err(length_error(
                format!("{at}.placeholder"),
                len,
                0,
                TextInput::PLACEHOLDER_MAX,
            ));
        }
    }
    Ok(())
}

fn range(field: String, value: i64, min: i64, max: i64) -> Result<(), ValidationError> {
    if value < min || value > max {
        return Err(ValidationError::new(
            field,
            ValidationErrorKind::OutOfRange { value, min, max },
        ));
    }
    Ok(())
}

/// The body returned by Create Interaction Response with `?with_response=true`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionCallbackResponse {
    /// The interaction responded to.
    pub interaction: InteractionCallback,
    /// What the response created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<InteractionCallbackResource>,
}

/// The interaction of an [`InteractionCallbackResponse`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractionCallback {
    /// The interaction's id.
    pub id: InteractionId,
    /// The interaction's type.
    #[serde(rename = "type")]
    pub kind: InteractionType,
    /// The Activity instance launched or joined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_instance_id: Option<String>,
    /// The message the response created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message_id: Option<MessageId>,
    /// Whether the message is in a loading state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message_loading: Option<bool>,
    /// Whether the message is ephemeral.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message_ephemeral: Option<bool>,
}

/// What an interaction response created.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionCallbackResource {
    /// The kind of response.
    #[serde(rename = "type")]
    pub kind: InteractionCallbackType,
    /// The Activity launched (`LAUNCH_ACTIVITY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_instance: Option<ActivityInstance>,
    /// The message created (`CHANNEL_MESSAGE_WITH_SOURCE`, `UPDATE_MESSAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Box<Message>>,
}

/// An Activity instance launched by an interaction response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityInstance {
    /// The instance's id.
    pub id: String,
}
