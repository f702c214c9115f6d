//! Message and modal components, including the layout components.
//!
//! [`Component`] is one enum over every component type, keyed on the wire by
//! the integer `type` field; types this version does not know decode into
//! [`Component::Unknown`] with their raw JSON, so nothing Discord adds breaks a
//! message.
//!
//! Each component struct doubles as a builder whose `build()` checks Discord's
//! documented limits:
//!
//! ```
//! use kokoro_model::component::{ActionRow, Button, ButtonStyle};
//!
//! let row = ActionRow::new()
//!     .push(Button::new(ButtonStyle::Primary, "accept").label("Accept").build().unwrap())
//!     .push(Button::link("https://discord.com").label("Learn more").build().unwrap())
//!     .build()
//!     .unwrap();
//! let json = serde_json::to_string(&row).unwrap();
//! assert!(json.starts_with(r#"{"type":1,"components":[{"type":2,"#));
//! ```

mod types;
mod wire;

pub use types::*;

use crate::validate::{ValidationError, ValidationErrorKind};

int_enum! {
    /// The integer `type` of a component.
    pub enum ComponentType: u8 {
        /// A row of interactive components.
        ActionRow = 1,
        /// A button.
        Button = 2,
        /// A select menu of developer-defined options.
        StringSelect = 3,
        /// A text input (modals).
        TextInput = 4,
        /// A select menu of users.
        UserSelect = 5,
        /// A select menu of roles.
        RoleSelect = 6,
        /// A select menu of users and roles.
        MentionableSelect = 7,
        /// A select menu of channels.
        ChannelSelect = 8,
        /// Text with an accessory.
        Section = 9,
        /// Markdown text.
        TextDisplay = 10,
        /// A small image.
        Thumbnail = 11,
        /// A gallery of media.
        MediaGallery = 12,
        /// An attached file.
        File = 13,
        /// Vertical padding and an optional divider.
        Separator = 14,
        /// A visual group of components.
        Container = 17,
        /// A label and description around a modal component.
        Label = 18,
        /// A file upload (modals).
        FileUpload = 19,
        /// A single-choice group of options (modals).
        RadioGroup = 21,
        /// A multiple-choice group of checkboxes (modals).
        CheckboxGroup = 22,
        /// A single checkbox (modals).
        Checkbox = 23,
    }
}

/// A message or modal component of any type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Component {
    /// A row of up to 5 buttons or one select menu (type 1).
    ActionRow(ActionRow),
    /// A button (type 2).
    Button(Button),
    /// A select menu of developer-defined options (type 3).
    StringSelect(SelectMenu),
    /// A text input (type 4).
    TextInput(TextInput),
    /// A select menu of users (type 5).
    UserSelect(SelectMenu),
    /// A select menu of roles (type 6).
    RoleSelect(SelectMenu),
    /// A select menu of users and roles (type 7).
    MentionableSelect(SelectMenu),
    /// A select menu of channels (type 8).
    ChannelSelect(SelectMenu),
    /// Text with an accessory (type 9).
    Section(Section),
    /// Markdown text (type 10).
    TextDisplay(TextDisplay),
    /// A small image (type 11).
    Thumbnail(Thumbnail),
    /// A gallery of media (type 12).
    MediaGallery(MediaGallery),
    /// An attached file (type 13).
    File(FileComponent),
    /// Vertical padding (type 14).
    Separator(Separator),
    /// A visual group of components (type 17).
    Container(Container),
    /// A label around a modal component (type 18).
    Label(Label),
    /// A file upload (type 19).
    FileUpload(FileUpload),
    /// A single-choice group (type 21).
    RadioGroup(RadioGroup),
    /// A multiple-choice group (type 22).
    CheckboxGroup(CheckboxGroup),
    /// A single checkbox (type 23).
    Checkbox(Checkbox),
    /// A component type this version of kokoro does not know, or a known type
    /// missing a required field.
    Unknown {
        /// The raw `type`.
        kind: u8,
        /// The whole component as sent.
        raw: serde_json::Value,
    },
}

impl Component {
    /// The most components (nested ones included) in a message with `IS_COMPONENTS_V2`.
    pub const V2_TOTAL_MAX: usize = 40;
    /// The most top-level action rows in a message without `IS_COMPONENTS_V2`.
    pub const LEGACY_ROWS_MAX: usize = 5;

    /// The component's type.
    pub fn kind(&self) -> ComponentType {
        match self {
            Self::ActionRow(_) => ComponentType::ActionRow,
            Self::Button(_) => ComponentType::Button,
            Self::StringSelect(_) => ComponentType::StringSelect,
            Self::TextInput(_) => ComponentType::TextInput,
            Self::UserSelect(_) => ComponentType::UserSelect,
            Self::RoleSelect(_) => ComponentType::RoleSelect,
            Self::MentionableSelect(_) => ComponentType::MentionableSelect,
            Self::ChannelSelect(_) => ComponentType::ChannelSelect,
            Self::Section(_) => ComponentType::Section,
            Self::TextDisplay(_) => ComponentType::TextDisplay,
            Self::Thumbnail(_) => ComponentType::Thumbnail,
            Self::MediaGallery(_) => ComponentType::MediaGallery,
            Self::File(_) => ComponentType::File,
            Self::Separator(_) => ComponentType::Separator,
            Self::Container(_) => ComponentType::Container,
            Self::Label(_) => ComponentType::Label,
            Self::FileUpload(_) => ComponentType::FileUpload,
            Self::RadioGroup(_) => ComponentType::RadioGroup,
            Self::CheckboxGroup(_) => ComponentType::CheckboxGroup,
            Self::Checkbox(_) => ComponentType::Checkbox,
            Self::Unknown { kind, .. } => ComponentType::from_value(*kind),
        }
    }

    /// The optional numeric identifier of the component.
    pub fn id(&self) -> Option<i32> {
        match self {
            Self::ActionRow(c) => c.id,
            Self::Button(c) => c.id,
            Self::StringSelect(c)
            | Self::UserSelect(c)
            | Self::RoleSelect(c)
            | Self::MentionableSelect(c)
            | Self::ChannelSelect(c) => c.id,
            Self::TextInput(c) => c.id,
            Self::Section(c) => c.id,
            Self::TextDisplay(c) => c.id,
            Self::Thumbnail(c) => c.id,
            Self::MediaGallery(c) => c.id,
            Self::File(c) => c.id,
            Self::Separator(c) => c.id,
            Self::Container(c) => c.id,
            Self::Label(c) => c.id,
            Self::FileUpload(c) => c.id,
            Self::RadioGroup(c) => c.id,
            Self::CheckboxGroup(c) => c.id,
            Self::Checkbox(c) => c.id,
            Self::Unknown { raw, .. } => raw
                .get("id")
                .and_then(serde_json::Value::as_i64)
                .and_then(|v| i32::try_from(v).ok()),
        }
    }

    /// The developer-defined `custom_id` of an interactive component.
    pub fn custom_id(&self) -> Option<&str> {
        match self {
            Self::Button(c) => c.custom_id.as_deref(),
            Self::StringSelect(c)
            | Self::UserSelect(c)
            | Self::RoleSelect(c)
            | Self::MentionableSelect(c)
            | Self::ChannelSelect(c) => Some(&c.custom_id),
            Self::TextInput(c) => Some(&c.custom_id),
            Self::FileUpload(c) => Some(&c.custom_id),
            Self::RadioGroup(c) => Some(&c.custom_id),
            Self::CheckboxGroup(c) => Some(&c.custom_id),
            Self::Checkbox(c) => Some(&c.custom_id),
            _ => None,
        }
    }

    /// The direct children: the components of a row, section or container,
    /// a section's accessory, a label's component.
    pub fn children(&self) -> Vec<&Component> {
        match self {
            Self::ActionRow(c) => c.components.iter().collect(),
            Self::Container(c) => c.components.iter().collect(),
            Self::Section(c) => c
                .components
                .iter()
                .chain(std::iter::once(&*c.accessory))
                .collect(),
            Self::Label(c) => vec![&*c.component],
            _ => Vec::new(),
        }
    }

    /// This component plus all nested components, as Discord counts them for
    /// the 40-component limit.
    pub fn count(&self) -> usize {
        1 + self
            .children()
            .into_iter()
            .map(Component::count)
            .sum::<usize>()
    }

    /// Whether this is one of the five select menus.
    pub fn is_select(&self) -> bool {
        matches!(
            self,
            Self::StringSelect(_)
                | Self::UserSelect(_)
                | Self::RoleSelect(_)
                | Self::MentionableSelect(_)
                | Self::ChannelSelect(_)
        )
    }

    /// Checks Discord's documented limits on this component and its children.
    ///
    /// Field paths are relative to the component (`components[1].label`).
    pub fn validate(&self) -> Result<(), ValidationError> {
        match self {
            Self::ActionRow(c) => c.validate(),
            Self::Button(c) => c.validate(),
            Self::StringSelect(c) => c.validate(ComponentType::StringSelect),
            Self::UserSelect(c) => c.validate(ComponentType::UserSelect),
            Self::RoleSelect(c) => c.validate(ComponentType::RoleSelect),
            Self::MentionableSelect(c) => c.validate(ComponentType::MentionableSelect),
            Self::ChannelSelect(c) => c.validate(ComponentType::ChannelSelect),
            Self::TextInput(c) => c.validate(),
            Self::Section(c) => c.validate(),
            Self::TextDisplay(_) | Self::Separator(_) | Self::Unknown { .. } => Ok(()),
            Self::Thumbnail(c) => c.validate(),
            Self::MediaGallery(c) => c.validate(),
            Self::File(_) => Ok(()),
            Self::Container(c) => c.validate(),
            Self::Label(c) => c.validate(),
            Self::FileUpload(c) => c.validate(),
            Self::RadioGroup(c) => c.validate(),
            Self::CheckboxGroup(c) => c.validate(),
            Self::Checkbox(c) => c.validate(),
        }
    }

    /// Checks the top-level components of a message.
    ///
    /// With `components_v2` (the `IS_COMPONENTS_V2` flag) at most 40
    /// components in all; otherwise at most 5 action rows and nothing else at
    /// the top level. Each component is validated too.
    pub fn validate_message_components(
        components: &[Component],
        components_v2: bool,
    ) -> Result<(), ValidationError> {
        if components_v2 {
            let total: usize = components.iter().map(Component::count).sum();
            if total > Self::V2_TOTAL_MAX {
                return Err(ValidationError::new(
                    "components",
                    ValidationErrorKind::TooMany {
                        count: total,
                        max: Self::V2_TOTAL_MAX,
                    },
                ));
            }
        } else {
            crate::validate::max_items("components", components.len(), Self::LEGACY_ROWS_MAX)?;
        }
        for (i, component) in components.iter().enumerate() {
            let prefix = format_args!("components[{i}]");
            if !components_v2 && !matches!(component, Self::ActionRow(_) | Self::Unknown { .. }) {
                return Err(ValidationError::new(
                    "type",
                    ValidationErrorKind::Invalid {
                        reason: "only action rows are allowed at the top level without IS_COMPONENTS_V2",
                    },
                )
                .within(prefix));
            }
            component.validate().map_err(|e| e.within(prefix))?;
        }
        Ok(())
    }
}

macro_rules! component_from {
    ($($ty:ident => $variant:ident,)*) => {
        $(
            impl From<$ty> for Component {
                fn from(value: $ty) -> Self {
                    Self::$variant(value)
                }
            }
        )*
    };
}

component_from! {
    ActionRow => ActionRow,
    Button => Button,
    TextInput => TextInput,
    Section => Section,
    TextDisplay => TextDisplay,
    Thumbnail => Thumbnail,
    MediaGallery => MediaGallery,
    FileComponent => File,
    Separator => Separator,
    Container => Container,
    Label => Label,
    FileUpload => FileUpload,
    RadioGroup => RadioGroup,
    CheckboxGroup => CheckboxGroup,
    Checkbox => Checkbox,
}

#[cfg(test)]
mod tests;
