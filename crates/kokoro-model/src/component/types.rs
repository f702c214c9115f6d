//! The component structs, their builders and their limits.

use serde::{Deserialize, Serialize};

use super::{Component, ComponentType};
use crate::{
    channel::ChannelType,
    emoji::PartialEmoji,
    id::{AttachmentId, GenericId, SkuId},
    validate::{
        ValidationError, ValidationErrorKind, chars_between, in_range, max_chars, max_items,
    },
};

/// The most characters of a `custom_id`.
pub const CUSTOM_ID_MAX: usize = 100;

/// Checks a `custom_id` (1-100 characters).
fn check_custom_id(custom_id: &str) -> Result<(), ValidationError> {
    chars_between("custom_id", custom_id, 1, CUSTOM_ID_MAX)
}

/// Checks that a list has between `min` and `max` items.
fn count_between(
    field: &'static str,
    count: usize,
    min: usize,
    max: usize,
) -> Result<(), ValidationError> {
    if count < min {
        return Err(ValidationError::new(
            field,
            ValidationErrorKind::TooFew { count, min },
        ));
    }
    max_items(field, count, max)
}

/// Validates each child, prefixing errors with `components[i]`.
fn validate_children(children: &[Component]) -> Result<(), ValidationError> {
    for (i, child) in children.iter().enumerate() {
        child
            .validate()
            .map_err(|e| e.within(format_args!("components[{i}]")))?;
    }
    Ok(())
}

fn not_allowed(field: &'static str, reason: &'static str) -> ValidationError {
    ValidationError::new(field, ValidationErrorKind::Invalid { reason })
}

/// Whether a field is left out when a component is written.
pub(super) trait Skip {
    /// `true` to leave the field out.
    fn skip(&self) -> bool {
        false
    }
}

impl<T> Skip for Option<T> {
    fn skip(&self) -> bool {
        self.is_none()
    }
}

impl<T> Skip for Vec<T> {
    fn skip(&self) -> bool {
        self.is_empty()
    }
}

impl Skip for bool {
    fn skip(&self) -> bool {
        !*self
    }
}

impl Skip for String {}
impl Skip for Box<Component> {}
impl Skip for UnfurledMediaItem {}
impl Skip for ButtonStyle {}
impl Skip for TextInputStyle {}

/// Declares a component struct and how its fields are written after `type`.
macro_rules! wire_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl $name {
            /// Writes the fields (all but `type`) into a map being serialized.
            pub(super) fn write_fields<M: ::serde::ser::SerializeMap>(
                &self,
                map: &mut M,
            ) -> Result<(), M::Error> {
                $(
                    if !Skip::skip(&self.$field) {
                        map.serialize_entry(stringify!($field), &self.$field)?;
                    }
                )*
                Ok(())
            }
        }
    };
}

int_enum! {
    /// The style of a button, which decides which fields it needs.
    pub enum ButtonStyle: u8 {
        /// Blurple; needs `custom_id`.
        Primary = 1,
        /// Grey; needs `custom_id`.
        Secondary = 2,
        /// Green; needs `custom_id`.
        Success = 3,
        /// Red; needs `custom_id`.
        Danger = 4,
        /// Navigates to a URL; needs `url`.
        Link = 5,
        /// Purchases a SKU; needs `sku_id`.
        Premium = 6,
    }
}

int_enum! {
    /// The style of a text input.
    pub enum TextInputStyle: u8 {
        /// A single-line input.
        Short = 1,
        /// A multi-line input.
        Paragraph = 2,
    }
}

int_enum! {
    /// The padding of a separator.
    pub enum SeparatorSpacing: u8 {
        /// Small padding.
        Small = 1,
        /// Large padding.
        Large = 2,
    }
}

str_enum! {
    /// What the id of a select menu's default value names.
    pub enum SelectDefaultValueType {
        /// A user.
        User = "user",
        /// A role.
        Role = "role",
        /// A channel.
        Channel = "channel",
    }
}

flags! {
    /// Flags of an unfurled media item.
    pub struct UnfurledMediaItemFlags: u64 {
        /// The image is animated.
        const IS_ANIMATED = 1 << 0;
    }
}

/// A piece of media referenced by URL (`https://` or `attachment://<filename>`).
///
/// Only `url` can be set when sending; Discord fills in the rest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnfurledMediaItem {
    /// The URL.
    pub url: String,
    /// The proxied URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_url: Option<String>,
    /// The height, for images and videos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// The width, for images and videos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// The thumbhash placeholder, for images and videos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// The version of the placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder_version: Option<u32>,
    /// The media type of the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Flags of the media.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<UnfurledMediaItemFlags>,
    /// The id of the uploaded attachment, when the media is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment_id: Option<AttachmentId>,
    /// The id Discord gives the unfurled media (in responses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<GenericId>,
}

impl UnfurledMediaItem {
    /// Media at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            proxy_url: None,
            height: None,
            width: None,
            placeholder: None,
            placeholder_version: None,
            content_type: None,
            flags: None,
            attachment_id: None,
            id: None,
        }
    }
}

/// One option of a string select menu.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectMenuOption {
    /// The user-facing name (max 100 characters).
    pub label: String,
    /// The developer-defined value (max 100 characters).
    pub value: String,
    /// An additional description (max 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// An emoji.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<PartialEmoji>,
    /// Whether the option is selected by default.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub default: bool,
}

impl SelectMenuOption {
    /// The most characters of the label, value and description.
    pub const TEXT_MAX: usize = 100;

    /// An option shown as `label` that sends `value`.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: value.into(),
            description: None,
            emoji: None,
            default: false,
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the emoji.
    pub fn emoji(mut self, emoji: PartialEmoji) -> Self {
        self.emoji = Some(emoji);
        self
    }

    /// Sets whether the option is selected by default.
    pub fn default_selected(mut self, default: bool) -> Self {
        self.default = default;
        self
    }

    fn validate(&self) -> Result<(), ValidationError> {
        max_chars("label", &self.label, Self::TEXT_MAX)?;
        max_chars("value", &self.value, Self::TEXT_MAX)?;
        if let Some(description) = &self.description {
            max_chars("description", description, Self::TEXT_MAX)?;
        }
        Ok(())
    }
}

/// One option of a radio group or checkbox group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupOption {
    /// The developer-defined value (max 100 characters).
    pub value: String,
    /// The user-facing label (max 100 characters).
    pub label: String,
    /// An additional description (max 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the option is selected by default.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub default: bool,
}

impl GroupOption {
    /// The most characters of the label, value and description.
    pub const TEXT_MAX: usize = 100;

    /// An option shown as `label` that sends `value`.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            label: label.into(),
            description: None,
            default: false,
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets whether the option is selected by default.
    pub fn default_selected(mut self, default: bool) -> Self {
        self.default = default;
        self
    }

    fn validate(&self) -> Result<(), ValidationError> {
        max_chars("value", &self.value, Self::TEXT_MAX)?;
        max_chars("label", &self.label, Self::TEXT_MAX)?;
        if let Some(description) = &self.description {
            max_chars("description", description, Self::TEXT_MAX)?;
        }
        Ok(())
    }
}

impl From<SelectMenuOption> for GroupOption {
    fn from(o: SelectMenuOption) -> Self {
        Self {
            value: o.value,
            label: o.label,
            description: o.description,
            default: o.default,
        }
    }
}

/// A value pre-selected in a user, role, mentionable or channel select menu.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectDefaultValue {
    /// The id of the user, role or channel.
    pub id: GenericId,
    /// What `id` names.
    #[serde(rename = "type")]
    pub kind: SelectDefaultValueType,
}

/// One item of a media gallery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaGalleryItem {
    /// The media.
    pub media: UnfurledMediaItem,
    /// Alt text (max 1024 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the media is blurred as a spoiler.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub spoiler: bool,
}

impl MediaGalleryItem {
    /// The most characters of the description.
    pub const DESCRIPTION_MAX: usize = 1024;

    /// An item showing the media at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            media: UnfurledMediaItem::new(url),
            description: None,
            spoiler: false,
        }
    }

    /// Sets the alt text.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets whether the media is a spoiler.
    pub fn spoiler(mut self, spoiler: bool) -> Self {
        self.spoiler = spoiler;
        self
    }
}

wire_struct! {
    /// A row of up to 5 buttons or a single select menu (type 1).
    pub struct ActionRow {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The buttons, or the select menu (or, in legacy modals, a text input).
        pub components: Vec<Component>,
    }
}

impl ActionRow {
    /// The most buttons in a row.
    pub const BUTTONS_MAX: usize = 5;

    /// An empty row.
    pub fn new() -> Self {
        Self {
            id: None,
            components: Vec::new(),
        }
    }

    /// Sets the numeric identifier.
    pub fn id(mut self, id: i32) -> Self {
        self.id = Some(id);
        self
    }

    /// Adds a component.
    pub fn push(mut self, component: impl Into<Component>) -> Self {
        self.components.push(component.into());
        self
    }

    /// Checks the limits: 1-5 buttons, or exactly one select menu or text input.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let count = self.components.len();
        if count == 0 {
            return Err(ValidationError::new(
                "components",
                ValidationErrorKind::TooFew { count, min: 1 },
            ));
        }
        let buttons = self
            .components
            .iter()
            .filter(|c| matches!(c, Component::Button(_)))
            .count();
        let singles = self
            .components
            .iter()
            .filter(|c| c.is_select() || matches!(c, Component::TextInput(_)))
            .count();
        if buttons > 0 {
            max_items("components", count, Self::BUTTONS_MAX)?;
        }
        if singles > 0 && count > 1 {
            return Err(not_allowed(
                "components",
                "a row with a select menu or text input holds nothing else",
            ));
        }
        for (i, child) in self.components.iter().enumerate() {
            let allowed = matches!(
                child,
                Component::Button(_) | Component::TextInput(_) | Component::Unknown { .. }
            ) || child.is_select();
            if !allowed {
                return Err(not_allowed(
                    "type",
                    "an action row holds only buttons, select menus and text inputs",
                )
                .within(format_args!("components[{i}]")));
            }
        }
        validate_children(&self.components)
    }

    /// Checks the limits and returns the component.
    pub fn build(self) -> Result<Component, ValidationError> {
        self.validate()?;
        Ok(Component::ActionRow(self))
    }
}

impl Default for ActionRow {
    fn default() -> Self {
        Self::new()
    }
}

wire_struct! {
    /// A clickable button (type 2).
    pub struct Button {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The style.
        pub style: ButtonStyle,
        /// The text on the button (max 80 characters).
        pub label: Option<String>,
        /// An emoji.
        pub emoji: Option<PartialEmoji>,
        /// The developer-defined identifier (not for link and premium buttons).
        pub custom_id: Option<String>,
        /// The SKU of a premium button.
        pub sku_id: Option<SkuId>,
        /// The URL of a link button (max 512 characters).
        pub url: Option<String>,
        /// Whether the button is disabled.
        pub disabled: bool,
    }
}

impl Button {
    /// The most characters of the label.
    pub const LABEL_MAX: usize = 80;
    /// The most characters of the URL.
    pub const URL_MAX: usize = 512;

    fn empty(style: ButtonStyle) -> Self {
        Self {
            id: None,
            style,
            label: None,
            emoji: None,
            custom_id: None,
            sku_id: None,
            url: None,
            disabled: false,
        }
    }

    /// An interactive button (primary, secondary, success or danger).
    pub fn new(style: ButtonStyle, custom_id: impl Into<String>) -> Self {
        Self {
            custom_id: Some(custom_id.into()),
            ..Self::empty(style)
        }
    }

    /// A link button.
    pub fn link(url: impl Into<String>) -> Self {
        Self {
            url: Some(url.into()),
            ..Self::empty(ButtonStyle::Link)
        }
    }

    /// A premium button selling `sku_id`.
    pub fn premium(sku_id: SkuId) -> Self {
        Self {
            sku_id: Some(sku_id),
            ..Self::empty(ButtonStyle::Premium)
        }
    }

    /// Sets the numeric identifier.
    pub fn id(mut self, id: i32) -> Self {
        self.id = Some(id);
        self
    }

    /// Sets the label.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the emoji.
    pub fn emoji(mut self, emoji: PartialEmoji) -> Self {
        self.emoji = Some(emoji);
        self
    }

    /// Sets whether the button is disabled.
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }

    /// Checks the limits and which fields the style allows.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if let Some(label) = &self.label {
            max_chars("label", label, Self::LABEL_MAX)?;
        }
        if let Some(url) = &self.url {
            max_chars("url", url, Self::URL_MAX)?;
        }
        if let Some(custom_id) = &self.custom_id {
            check_custom_id(custom_id)?;
        }
        let conflict =
            |field, other| ValidationError::new(field, ValidationErrorKind::Conflict { other });
        match self.style {
            ButtonStyle::Link => {
                if self.url.is_none() {
                    return Err(ValidationError::new("url", ValidationErrorKind::Missing));
                }
                if self.custom_id.is_some() {
                    return Err(conflict("custom_id", "style"));
                }
                if self.sku_id.is_some() {
                    return Err(conflict("sku_id", "style"));
                }
            }
            ButtonStyle::Premium => {
                if self.sku_id.is_none() {
                    return Err(ValidationError::new("sku_id", ValidationErrorKind::Missing));
                }
                for (set, field) in [
                    (self.custom_id.is_some(), "custom_id"),
                    (self.label.is_some(), "label"),
                    (self.url.is_some(), "url"),
                    (self.emoji.is_some(), "emoji"),
                ] {
                    if set {
                        return Err(conflict(field, "style"));
                    }
                }
            }
            ButtonStyle::Unknown(_) => {}
            _ => {
                if self.custom_id.is_none() {
                    return Err(ValidationError::new(
                        "custom_id",
                        ValidationErrorKind::Missing,
                    ));
                }
                if self.url.is_some() {
                    return Err(conflict("url", "style"));
                }
                if self.sku_id.is_some() {
                    return Err(conflict("sku_id", "style"));
                }
            }
        }
        Ok(())
    }

    /// Checks the limits and returns the component.
    pub fn build(self) -> Result<Component, ValidationError> {
        self.validate()?;
        Ok(Component::Button(self))
    }
}

wire_struct! {
    /// A select menu of any of the five kinds; the [`Component`] variant says which.
    pub struct SelectMenu {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The developer-defined identifier (1-100 characters).
        pub custom_id: String,
        /// The choices of a string select (max 25).
        pub options: Vec<SelectMenuOption>,
        /// The channel types offered by a channel select.
        pub channel_types: Vec<ChannelType>,
        /// Placeholder text when nothing is selected (max 150 characters).
        pub placeholder: Option<String>,
        /// Pre-selected users, roles or channels (not for string selects).
        pub default_values: Vec<SelectDefaultValue>,
        /// The fewest items to choose (0-25, default 1).
        pub min_values: Option<u8>,
        /// The most items to choose (1-25, default 1).
        pub max_values: Option<u8>,
        /// Whether an answer is required in a modal (default true).
        pub required: Option<bool>,
        /// Whether the menu is disabled (messages only).
        pub disabled: bool,
    }
}

impl SelectMenu {
    /// The most options of a string select.
    pub const OPTIONS_MAX: usize = 25;
    /// The most characters of the placeholder.
    pub const PLACEHOLDER_MAX: usize = 150;
    /// The highest `min_values` and `max_values`.
    pub const VALUES_MAX: u8 = 25;

    /// A select menu with no options yet.
    pub fn new(custom_id: impl Into<String>) -> Self {
        Self {
            id: None,
            custom_id: custom_id.into(),
            options: Vec::new(),
            channel_types: Vec::new(),
            placeholder: None,
            default_values: Vec::new(),
            min_values: None,
            max_values: None,
            required: None,
            disabled: false,
        }
    }

    /// Sets the numeric identifier.
    pub fn id(mut self, id: i32) -> Self {
        self.id = Some(id);
        self
    }

    /// Adds an option (string selects).
    pub fn option(mut self, option: SelectMenuOption) -> Self {
        self.options.push(option);
        self
    }

    /// Adds a channel type (channel selects).
    pub fn channel_type(mut self, kind: ChannelType) -> Self {
        self.channel_types.push(kind);
        self
    }

    /// Sets the placeholder.
    pub fn placeholder(mut self, placeholder: impl Into<String>) -> Self {
        self.placeholder = Some(placeholder.into());
        self
    }

    /// Adds a pre-selected value (user, role, mentionable and channel selects).
    pub fn default_value(mut self, value: SelectDefaultValue) -> Self {
        self.default_values.push(value);
        self
    }

    /// Sets the fewest items to choose.
    pub fn min_values(mut self, min: u8) -> Self {
        self.min_values = Some(min);
        self
    }

    /// Sets the most items to choose.
    pub fn max_values(mut self, max: u8) -> Self {
        self.max_values = Some(max);
        self
    }

    /// Sets whether an answer is required (modals).
    pub fn required(mut self, required: bool) -> Self {
        self.required = Some(required);
        self
    }

    /// Sets whether the menu is disabled (messages).
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }

    /// Checks the limits for a select menu of type `kind`.
    pub fn validate(&self, kind: ComponentType) -> Result<(), ValidationError> {
        check_custom_id(&self.custom_id)?;
        if let Some(placeholder) = &self.placeholder {
            max_chars("placeholder", placeholder, Self::PLACEHOLDER_MAX)?;
        }
        let max_allowed = i64::from(Self::VALUES_MAX);
        if let Some(min) = self.min_values {
            in_range("min_values", min.into(), 0, max_allowed)?;
        }
        if let Some(max) = self.max_values {
            in_range("max_values", max.into(), 1, max_allowed)?;
        }
        let min = self.min_values.unwrap_or(1);
        let max = self.max_values.unwrap_or(1);
        if min > max {
            return Err(ValidationError::new(
                "min_values",
                ValidationErrorKind::OutOfRange {
                    value: min.into(),
                    min: 0,
                    max: max.into(),
                },
            ));
        }
        if kind == ComponentType::StringSelect {
            count_between("options", self.options.len(), 1, Self::OPTIONS_MAX)?;
            for (i, option) in self.options.iter().enumerate() {
                option
                    .validate()
                    .map_err(|e| e.within(format_args!("options[{i}]")))?;
            }
            if !self.default_values.is_empty() {
                return Err(not_allowed(
                    "default_values",
                    "string selects use `default` on options instead",
                ));
            }
        } else if !self.options.is_empty() {
            return Err(not_allowed("options", "only string selects have options"));
        }
        if !self.default_values.is_empty() {
            count_between(
                "default_values",
                self.default_values.len(),
                min.into(),
                max.into(),
            )?;
        }
        Ok(())
    }

    fn build_as(self, kind: ComponentType) -> Result<Component, ValidationError> {
        self.validate(kind)?;
        Ok(match kind {
            ComponentType::UserSelect => Component::UserSelect(self),
            ComponentType::RoleSelect => Component::RoleSelect(self),
            ComponentType::MentionableSelect => Component::MentionableSelect(self),
            ComponentType::ChannelSelect => Component::ChannelSelect(self),
            _ => Component::StringSelect(self),
        })
    }

    /// Checks the limits and returns a string select.
    pub fn build_string(self) -> Result<Component, ValidationError> {
        self.build_as(ComponentType::StringSelect)
    }

    /// Checks the limits and returns a user select.
    pub fn build_user(self) -> Result<Component, ValidationError> {
        self.build_as(ComponentType::UserSelect)
    }

    /// Checks the limits and returns a role select.
    pub fn build_role(self) -> Result<Component, ValidationError> {
        self.build_as(ComponentType::RoleSelect)
    }

    /// Checks the limits and returns a mentionable select.
    pub fn build_mentionable(self) -> Result<Component, ValidationError> {
        self.build_as(ComponentType::MentionableSelect)
    }

    /// Checks the limits and returns a channel select.
    pub fn build_channel(self) -> Result<Component, ValidationError> {
        self.build_as(ComponentType::ChannelSelect)
    }
}

wire_struct! {
    /// A text input in a modal (type 4).
    pub struct TextInput {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The developer-defined identifier (1-100 characters).
        pub custom_id: String,
        /// Single-line or paragraph.
        pub style: TextInputStyle,
        /// The label (deprecated in favour of a [`Label`] component; max 45 characters).
        pub label: Option<String>,
        /// The shortest input accepted (0-4000).
        pub min_length: Option<u16>,
        /// The longest input accepted (1-4000).
        pub max_length: Option<u16>,
        /// Whether the input must be filled (default true).
        pub required: Option<bool>,
        /// A pre-filled value (max 4000 characters).
        pub value: Option<String>,
        /// Placeholder text (max 100 characters).
        pub placeholder: Option<String>,
    }
}

impl TextInput {
    /// The most characters of the (deprecated) label.
    pub const LABEL_MAX: usize = 45;
    /// The highest `min_length`, `max_length` and value length.
    pub const LENGTH_MAX: u16 = 4000;
    /// The most characters of the placeholder.
    pub const PLACEHOLDER_MAX: usize = 100;

    /// A text input of `style`.
    pub fn new(custom_id: impl Into<String>, style: TextInputStyle) -> Self {
        Self {
            id: None,
            custom_id: custom_id.into(),
            style,
            label: None,
            min_length: None,
            max_length: None,
            required: None,
            value: None,
            placeholder: None,
        }
    }

    /// Sets the numeric identifier.
    pub fn id(mut self, id: i32) -> Self {
        self.id = Some(id);
        self
    }

    /// Sets the (deprecated) label.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the shortest input accepted.
    pub fn min_length(mut self, min: u16) -> Self {
        self.min_length = Some(min);
        self
    }

    /// Sets the longest input accepted.
    pub fn max_length(mut self, max: u16) -> Self {
        self.max_length = Some(max);
        self
    }

    /// Sets whether the input must be filled.
    pub fn required(mut self, required: bool) -> Self {
        self.required = Some(required);
        self
    }

    /// Sets the pre-filled value.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// Sets the placeholder.
    pub fn placeholder(mut self, placeholder: impl Into<String>) -> Self {
        self.placeholder = Some(placeholder.into());
        self
    }

    /// Checks the limits.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_custom_id(&self.custom_id)?;
        if let Some(label) = &self.label {
            max_chars("label", label, Self::LABEL_MAX)?;
        }
        let max_len = i64::from(Self::LENGTH_MAX);
        if let Some(min) = self.min_length {
            in_range("min_length", min.into(), 0, max_len)?;
        }
        if let Some(max) = self.max_length {
            in_range("max_length", max.into(), 1, max_len)?;
        }
        if let Some(value) = &self.value {
            max_chars("value", value, Self::LENGTH_MAX.into())?;
        }
        if let Some(placeholder) = &self.placeholder {
            max_chars("placeholder", placeholder, Self::PLACEHOLDER_MAX)?;
        }
        Ok(())
    }

    /// Checks the limits and returns the component.
    pub fn build(self) -> Result<Component, ValidationError> {
        self.validate()?;
        Ok(Component::TextInput(self))
    }
}

wire_struct! {
    /// Text displays with an accessory (type 9).
    pub struct Section {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// One to three text displays.
        pub components: Vec<Component>,
        /// A button or thumbnail shown beside the text.
        pub accessory: Box<Component>,
    }
}

impl Section {
    /// The most children.
    pub const COMPONENTS_MAX: usize = 3;

    /// A section with `accessory` and no text yet.
    pub fn new(accessory: impl Into<Component>) -> Self {
        Self {
            id: None,
            components: Vec::new(),
            accessory: Box::new(accessory.into()),
        }
    }

    /// Sets the numeric identifier.
    pub fn id(mut self, id: i32) -> Self {
        self.id = Some(id);
        self
    }

    /// Adds a text display with `content`.
    pub fn text(self, content: impl Into<String>) -> Self {
        self.push(TextDisplay::new(content))
    }

    /// Adds a child component.
    pub fn push(mut self, component: impl Into<Component>) -> Self {
        self.components.push(component.into());
        self
    }

    /// Checks the limits: 1-3 children and a button or thumbnail accessory.
    pub fn validate(&self) -> Result<(), ValidationError> {
        count_between("components", self.components.len(), 1, Self::COMPONENTS_MAX)?;
        validate_children(&self.components)?;
        match &*self.accessory {
            Component::Button(_) | Component::Thumbnail(_) | Component::Unknown { .. } => {}
            _ => {
                return Err(not_allowed(
                    "accessory",
                    "a section accessory is a button or a thumbnail",
                ));
            }
        }
        self.accessory.validate().map_err(|e| e.within("accessory"))
    }

    /// Checks the limits and returns the component.
    pub fn build(self) -> Result<Component, ValidationError> {
        self.validate()?;
        Ok(Component::Section(self))
    }
}

wire_struct! {
    /// Markdown text (type 10).
    pub struct TextDisplay {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The text.
        pub content: String,
    }
}

impl TextDisplay {
    /// Text showing `content`.
    pub fn new(content: impl Into<String>) -> Self {
        Self {
            id: None,
            content: content.into(),
        }
    }
}

wire_struct! {
    /// A small image, used as a section accessory (type 11).
    pub struct Thumbnail {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The image.
        pub media: UnfurledMediaItem,
        /// Alt text (max 1024 characters).
        pub description: Option<String>,
        /// Whether the image is blurred as a spoiler.
        pub spoiler: bool,
    }
}

impl Thumbnail {
    /// The most characters of the description.
    pub const DESCRIPTION_MAX: usize = 1024;

    /// A thumbnail of the image at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            id: None,
            media: UnfurledMediaItem::new(url),
            description: None,
            spoiler: false,
        }
    }

    /// Sets the alt text.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets whether the image is a spoiler.
    pub fn spoiler(mut self, spoiler: bool) -> Self {
        self.spoiler = spoiler;
        self
    }

    /// Checks the limits.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if let Some(description) = &self.description {
            max_chars("description", description, Self::DESCRIPTION_MAX)?;
        }
        Ok(())
    }
}

wire_struct! {
    /// A gallery of 1-10 media items (type 12).
    pub struct MediaGallery {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The items.
        pub items: Vec<MediaGalleryItem>,
    }
}

impl MediaGallery {
    /// The most items.
    pub const ITEMS_MAX: usize = 10;

    /// A gallery of `items`.
    pub fn new(items: Vec<MediaGalleryItem>) -> Self {
        Self { id: None, items }
    }

    /// Checks the limits.
    pub fn validate(&self) -> Result<(), ValidationError> {
        count_between("items", self.items.len(), 1, Self::ITEMS_MAX)?;
        for (i, item) in self.items.iter().enumerate() {
            if let Some(description) = &item.description {
                max_chars(
                    "description",
                    description,
                    MediaGalleryItem::DESCRIPTION_MAX,
                )
                .map_err(|e| e.within(format_args!("items[{i}]")))?;
            }
        }
        Ok(())
    }
}

wire_struct! {
    /// An attached file (type 13).
    pub struct FileComponent {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The file, as an `attachment://<filename>` reference.
        pub file: UnfurledMediaItem,
        /// Whether the file is blurred as a spoiler.
        pub spoiler: bool,
        /// The file's name (filled in by Discord).
        pub name: Option<String>,
        /// The file's size in bytes (filled in by Discord).
        pub size: Option<u64>,
    }
}

impl FileComponent {
    /// A file component showing the uploaded `filename`.
    pub fn attachment(filename: &str) -> Self {
        Self {
            id: None,
            file: UnfurledMediaItem::new(format!("attachment://{filename}")),
            spoiler: false,
            name: None,
            size: None,
        }
    }
}

wire_struct! {
    /// Vertical padding with an optional divider (type 14).
    pub struct Separator {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// Whether a divider line is shown (default true).
        pub divider: Option<bool>,
        /// The padding (default small).
        pub spacing: Option<SeparatorSpacing>,
    }
}

impl Separator {
    /// A separator with Discord's defaults.
    pub fn new() -> Self {
        Self {
            id: None,
            divider: None,
            spacing: None,
        }
    }

    /// Sets whether a divider is shown.
    pub fn divider(mut self, divider: bool) -> Self {
        self.divider = Some(divider);
        self
    }

    /// Sets the padding.
    pub fn spacing(mut self, spacing: SeparatorSpacing) -> Self {
        self.spacing = Some(spacing);
        self
    }
}

impl Default for Separator {
    fn default() -> Self {
        Self::new()
    }
}

wire_struct! {
    /// A visual group of components with an optional accent color (type 17).
    pub struct Container {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The children: action rows, text displays, sections, galleries, separators, files.
        pub components: Vec<Component>,
        /// The accent color as RGB (`0x000000`-`0xFFFFFF`).
        pub accent_color: Option<u32>,
        /// Whether the container is blurred as a spoiler.
        pub spoiler: bool,
    }
}

impl Container {
    /// The highest accent color.
    pub const ACCENT_COLOR_MAX: u32 = 0xFF_FFFF;

    /// An empty container.
    pub fn new() -> Self {
        Self {
            id: None,
            components: Vec::new(),
            accent_color: None,
            spoiler: false,
        }
    }

    /// Adds a child.
    pub fn push(mut self, component: impl Into<Component>) -> Self {
        self.components.push(component.into());
        self
    }

    /// Sets the accent color.
    pub fn accent_color(mut self, color: u32) -> Self {
        self.accent_color = Some(color);
        self
    }

    /// Sets whether the container is a spoiler.
    pub fn spoiler(mut self, spoiler: bool) -> Self {
        self.spoiler = spoiler;
        self
    }

    /// Checks the limits and which children are allowed.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if let Some(color) = self.accent_color {
            in_range(
                "accent_color",
                color.into(),
                0,
                Self::ACCENT_COLOR_MAX.into(),
            )?;
        }
        for (i, child) in self.components.iter().enumerate() {
            let allowed = matches!(
                child,
                Component::ActionRow(_)
                    | Component::TextDisplay(_)
                    | Component::Section(_)
                    | Component::MediaGallery(_)
                    | Component::Separator(_)
                    | Component::File(_)
                    | Component::Unknown { .. }
            );
            if !allowed {
                return Err(not_allowed("type", "not allowed inside a container")
                    .within(format_args!("components[{i}]")));
            }
        }
        validate_children(&self.components)
    }
}

impl Default for Container {
    fn default() -> Self {
        Self::new()
    }
}

wire_struct! {
    /// A label and description around one modal component (type 18).
    pub struct Label {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The label text (max 45 characters).
        pub label: String,
        /// A description (max 100 characters).
        pub description: Option<String>,
        /// The labelled component.
        pub component: Box<Component>,
    }
}

impl Label {
    /// The most characters of the label.
    pub const LABEL_MAX: usize = 45;
    /// The most characters of the description.
    pub const DESCRIPTION_MAX: usize = 100;

    /// A label around `component`.
    pub fn new(label: impl Into<String>, component: impl Into<Component>) -> Self {
        Self {
            id: None,
            label: label.into(),
            description: None,
            component: Box::new(component.into()),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Checks the limits and which child is allowed.
    pub fn validate(&self) -> Result<(), ValidationError> {
        max_chars("label", &self.label, Self::LABEL_MAX)?;
        if let Some(description) = &self.description {
            max_chars("description", description, Self::DESCRIPTION_MAX)?;
        }
        let child = &*self.component;
        let allowed = child.is_select()
            || matches!(
                child,
                Component::TextInput(_)
                    | Component::FileUpload(_)
                    | Component::RadioGroup(_)
                    | Component::CheckboxGroup(_)
                    | Component::Checkbox(_)
                    | Component::Unknown { .. }
            );
        if !allowed {
            return Err(not_allowed("component", "not allowed inside a label"));
        }
        child.validate().map_err(|e| e.within("component"))
    }

    /// Checks the limits and returns the component.
    pub fn build(self) -> Result<Component, ValidationError> {
        self.validate()?;
        Ok(Component::Label(self))
    }
}

wire_struct! {
    /// A file upload in a modal (type 19).
    pub struct FileUpload {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The developer-defined identifier (1-100 characters).
        pub custom_id: String,
        /// The fewest files (0-10, default 1).
        pub min_values: Option<u8>,
        /// The most files (1-10, default 1).
        pub max_values: Option<u8>,
        /// Whether files must be uploaded (default true).
        pub required: Option<bool>,
        /// File types to accept (`image`, `video`, `audio` or `.ext`; max 10).
        pub file_types: Vec<String>,
    }
}

impl FileUpload {
    /// The highest `min_values` and `max_values`.
    pub const VALUES_MAX: u8 = 10;
    /// The most file types.
    pub const FILE_TYPES_MAX: usize = 10;

    /// A file upload.
    pub fn new(custom_id: impl Into<String>) -> Self {
        Self {
            id: None,
            custom_id: custom_id.into(),
            min_values: None,
            max_values: None,
            required: None,
            file_types: Vec::new(),
        }
    }

    /// Checks the limits.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_custom_id(&self.custom_id)?;
        let max = i64::from(Self::VALUES_MAX);
        if let Some(v) = self.min_values {
            in_range("min_values", v.into(), 0, max)?;
        }
        if let Some(v) = self.max_values {
            in_range("max_values", v.into(), 1, max)?;
        }
        max_items("file_types", self.file_types.len(), Self::FILE_TYPES_MAX)
    }
}

wire_struct! {
    /// A single-choice group of options in a modal (type 21).
    pub struct RadioGroup {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The developer-defined identifier (1-100 characters).
        pub custom_id: String,
        /// The options (2-10).
        pub options: Vec<GroupOption>,
        /// Whether a choice is required (default true).
        pub required: Option<bool>,
    }
}

impl RadioGroup {
    /// The fewest options.
    pub const OPTIONS_MIN: usize = 2;
    /// The most options.
    pub const OPTIONS_MAX: usize = 10;

    /// A radio group with `options`.
    pub fn new(custom_id: impl Into<String>, options: Vec<GroupOption>) -> Self {
        Self {
            id: None,
            custom_id: custom_id.into(),
            options,
            required: None,
        }
    }

    /// Checks the limits.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_custom_id(&self.custom_id)?;
        count_between(
            "options",
            self.options.len(),
            Self::OPTIONS_MIN,
            Self::OPTIONS_MAX,
        )?;
        for (i, option) in self.options.iter().enumerate() {
            option
                .validate()
                .map_err(|e| e.within(format_args!("options[{i}]")))?;
        }
        Ok(())
    }
}

wire_struct! {
    /// A multiple-choice group of checkboxes in a modal (type 22).
    pub struct CheckboxGroup {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The developer-defined identifier (1-100 characters).
        pub custom_id: String,
        /// The options (1-10).
        pub options: Vec<GroupOption>,
        /// The fewest choices (0-10).
        pub min_values: Option<u8>,
        /// The most choices (1-10).
        pub max_values: Option<u8>,
        /// Whether a choice is required (default true).
        pub required: Option<bool>,
    }
}

impl CheckboxGroup {
    /// The most options, and the highest `min_values`/`max_values`.
    pub const OPTIONS_MAX: usize = 10;

    /// A checkbox group with `options`.
    pub fn new(custom_id: impl Into<String>, options: Vec<GroupOption>) -> Self {
        Self {
            id: None,
            custom_id: custom_id.into(),
            options,
            min_values: None,
            max_values: None,
            required: None,
        }
    }

    /// Checks the limits.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_custom_id(&self.custom_id)?;
        count_between("options", self.options.len(), 1, Self::OPTIONS_MAX)?;
        for (i, option) in self.options.iter().enumerate() {
            option
                .validate()
                .map_err(|e| e.within(format_args!("options[{i}]")))?;
        }
        let max = Self::OPTIONS_MAX as i64;
        if let Some(v) = self.min_values {
            in_range("min_values", v.into(), 0, max)?;
        }
        if let Some(v) = self.max_values {
            in_range("max_values", v.into(), 1, max)?;
        }
        Ok(())
    }
}

wire_struct! {
    /// A single yes/no checkbox in a modal (type 23).
    pub struct Checkbox {
        /// The optional numeric identifier.
        pub id: Option<i32>,
        /// The developer-defined identifier (1-100 characters).
        pub custom_id: String,
        /// Whether the checkbox starts checked.
        pub default: bool,
    }
}

impl Checkbox {
    /// A checkbox.
    pub fn new(custom_id: impl Into<String>) -> Self {
        Self {
            id: None,
            custom_id: custom_id.into(),
            default: false,
        }
    }

    /// Checks the limits.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_custom_id(&self.custom_id)
    }
}
