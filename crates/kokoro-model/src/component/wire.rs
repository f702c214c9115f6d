//! How [`Component`] is written and read, keyed by the integer `type`.
//!
//! Reading goes through one map visitor into [`Raw`], a struct with every
//! field any component has, then picks the variant; no intermediate
//! `serde_json::Value` is built except for keys no known component has (kept
//! for [`Component::Unknown`]). It works with any self-describing
//! deserializer (serde_json, simd-json).

use std::fmt;

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{self, MapAccess, Visitor},
    ser::SerializeMap,
};

use super::{Component, ComponentType, types::*};
use crate::{channel::ChannelType, emoji::PartialEmoji, id::SkuId};

impl Serialize for Component {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Self::Unknown { raw, .. } = self {
            return raw.serialize(serializer);
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", &self.kind().value())?;
        match self {
            Self::ActionRow(c) => c.write_fields(&mut map)?,
            Self::Button(c) => c.write_fields(&mut map)?,
            Self::StringSelect(c)
            | Self::UserSelect(c)
            | Self::RoleSelect(c)
            | Self::MentionableSelect(c)
            | Self::ChannelSelect(c) => c.write_fields(&mut map)?,
            Self::TextInput(c) => c.write_fields(&mut map)?,
            Self::Section(c) => c.write_fields(&mut map)?,
            Self::TextDisplay(c) => c.write_fields(&mut map)?,
            Self::Thumbnail(c) => c.write_fields(&mut map)?,
            Self::MediaGallery(c) => c.write_fields(&mut map)?,
            Self::File(c) => c.write_fields(&mut map)?,
            Self::Separator(c) => c.write_fields(&mut map)?,
            Self::Container(c) => c.write_fields(&mut map)?,
            Self::Label(c) => c.write_fields(&mut map)?,
            Self::FileUpload(c) => c.write_fields(&mut map)?,
            Self::RadioGroup(c) => c.write_fields(&mut map)?,
            Self::CheckboxGroup(c) => c.write_fields(&mut map)?,
            Self::Checkbox(c) => c.write_fields(&mut map)?,
            Self::Unknown { .. } => {}
        }
        map.end()
    }
}

/// Declares [`Raw`], the key enum and the map visitor from one field list.
macro_rules! raw_component {
    ($( $field:ident : $ty:ty, )*) => {
        /// Every field of every known component, all optional.
        #[derive(Default, Serialize)]
        struct Raw {
            #[serde(rename = "type")]
            kind: Option<u8>,
            $(
                #[serde(skip_serializing_if = "Option::is_none")]
                $field: Option<$ty>,
            )*
            #[serde(skip)]
            extra: Vec<(String, serde_json::Value)>,
        }

        #[allow(non_camel_case_types)]
        enum Key {
            Type,
            $( $field, )*
            Other(String),
        }

        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a component field name")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(match v {
                    "type" => Key::Type,
                    $( stringify!($field) => Key::$field, )*
                    other => Key::Other(other.to_owned()),
                })
            }
        }

        impl<'de> Deserialize<'de> for Key {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_identifier(KeyVisitor)
            }
        }

        struct RawVisitor;

        impl<'de> Visitor<'de> for RawVisitor {
            type Value = Raw;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a component object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
                let mut raw = Raw::default();
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Type => raw.kind = Some(map.next_value()?),
                        $( Key::$field => raw.$field = map.next_value()?, )*
                        Key::Other(name) => {
                            let value = map.next_value::<serde_json::Value>()?;
                            raw.extra.push((name, value));
                        }
                    }
                }
                Ok(raw)
            }
        }
    };
}

raw_component! {
    id: i32,
    custom_id: String,
    style: u8,
    label: String,
    emoji: PartialEmoji,
    sku_id: SkuId,
    url: String,
    disabled: bool,
    options: Vec<SelectMenuOption>,
    placeholder: String,
    min_values: u8,
    max_values: u8,
    required: bool,
    default_values: Vec<SelectDefaultValue>,
    channel_types: Vec<ChannelType>,
    min_length: u16,
    max_length: u16,
    value: String,
    components: Vec<Component>,
    accessory: Box<Component>,
    component: Box<Component>,
    content: String,
    media: UnfurledMediaItem,
    description: String,
    items: Vec<MediaGalleryItem>,
    file: UnfurledMediaItem,
    spoiler: bool,
    name: String,
    size: u64,
    divider: bool,
    spacing: SeparatorSpacing,
    accent_color: u32,
    file_types: Vec<String>,
    default: bool,
}

impl Raw {
    /// The component as raw JSON, for [`Component::Unknown`].
    fn into_value(mut self) -> serde_json::Value {
        let extra = std::mem::take(&mut self.extra);
        let mut value = serde_json::to_value(&self).unwrap_or(serde_json::Value::Null);
        if let serde_json::Value::Object(map) = &mut value {
            for (k, v) in extra {
                map.insert(k, v);
            }
        }
        value
    }

    /// Picks the variant; `None` when a required field is missing.
    fn into_component(self, kind: u8) -> Option<Component> {
        let c = match ComponentType::from_value(kind) {
            ComponentType::ActionRow => Component::ActionRow(ActionRow {
                id: self.id,
                components: self.components.unwrap_or_default(),
            }),
            ComponentType::Button => Component::Button(Button {
                id: self.id,
                style: ButtonStyle::from_value(self.style?),
                label: self.label,
                emoji: self.emoji,
                custom_id: self.custom_id,
                sku_id: self.sku_id,
                url: self.url,
                disabled: self.disabled.unwrap_or(false),
            }),
            ComponentType::StringSelect => Component::StringSelect(self.select()?),
            ComponentType::UserSelect => Component::UserSelect(self.select()?),
            ComponentType::RoleSelect => Component::RoleSelect(self.select()?),
            ComponentType::MentionableSelect => Component::MentionableSelect(self.select()?),
            ComponentType::ChannelSelect => Component::ChannelSelect(self.select()?),
            ComponentType::TextInput => Component::TextInput(TextInput {
                id: self.id,
                custom_id: self.custom_id?,
                style: TextInputStyle::from_value(self.style?),
                label: self.label,
                min_length: self.min_length,
                max_length: self.max_length,
                required: self.required,
                value: self.value,
                placeholder: self.placeholder,
            }),
            ComponentType::Section => Component::Section(Section {
                id: self.id,
                components: self.components.unwrap_or_default(),
                accessory: self.accessory?,
            }),
            ComponentType::TextDisplay => Component::TextDisplay(TextDisplay {
                id: self.id,
                content: self.content?,
            }),
            ComponentType::Thumbnail => Component::Thumbnail(Thumbnail {
                id: self.id,
                media: self.media?,
                description: self.description,
                spoiler: self.spoiler.unwrap_or(false),
            }),
            ComponentType::MediaGallery => Component::MediaGallery(MediaGallery {
                id: self.id,
                items: self.items.unwrap_or_default(),
            }),
            ComponentType::File => Component::File(FileComponent {
                id: self.id,
                file: self.file?,
                spoiler: self.spoiler.unwrap_or(false),
                name: self.name,
                size: self.size,
            }),
            ComponentType::Separator => Component::Separator(Separator {
                id: self.id,
                divider: self.divider,
                spacing: self.spacing,
            }),
            ComponentType::Container => Component::Container(Container {
                id: self.id,
                components: self.components.unwrap_or_default(),
                accent_color: self.accent_color,
                spoiler: self.spoiler.unwrap_or(false),
            }),
            ComponentType::Label => Component::Label(Label {
                id: self.id,
                label: self.label?,
                description: self.description,
                component: self.component?,
            }),
            ComponentType::FileUpload => Component::FileUpload(FileUpload {
                id: self.id,
                custom_id: self.custom_id?,
                min_values: self.min_values,
                max_values: self.max_values,
                required: self.required,
                file_types: self.file_types.unwrap_or_default(),
            }),
            ComponentType::RadioGroup => Component::RadioGroup(RadioGroup {
                id: self.id,
                custom_id: self.custom_id?,
                options: group_options(self.options),
                required: self.required,
            }),
            ComponentType::CheckboxGroup => Component::CheckboxGroup(CheckboxGroup {
                id: self.id,
                custom_id: self.custom_id?,
                options: group_options(self.options),
                min_values: self.min_values,
                max_values: self.max_values,
                required: self.required,
            }),
            ComponentType::Checkbox => Component::Checkbox(Checkbox {
                id: self.id,
                custom_id: self.custom_id?,
                default: self.default.unwrap_or(false),
            }),
            ComponentType::Unknown(_) => return None,
        };
        Some(c)
    }

    fn select(self) -> Option<SelectMenu> {
        Some(SelectMenu {
            id: self.id,
            custom_id: self.custom_id?,
            options: self.options.unwrap_or_default(),
            channel_types: self.channel_types.unwrap_or_default(),
            placeholder: self.placeholder,
            default_values: self.default_values.unwrap_or_default(),
            min_values: self.min_values,
            max_values: self.max_values,
            required: self.required,
            disabled: self.disabled.unwrap_or(false),
        })
    }
}

fn group_options(options: Option<Vec<SelectMenuOption>>) -> Vec<GroupOption> {
    options
        .unwrap_or_default()
        .into_iter()
        .map(GroupOption::from)
        .collect()
}

impl<'de> Deserialize<'de> for Component {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = deserializer.deserialize_map(RawVisitor)?;
        let Some(kind) = raw.kind else {
            return Err(de::Error::missing_field("type"));
        };
        // An unknown type, or a known one missing a required field, is kept
        // whole rather than failing the message it is in.
        if !raw_has_required(&raw, kind) {
            return Ok(Component::Unknown {
                kind,
                raw: raw.into_value(),
            });
        }
        raw.into_component(kind)
            .ok_or_else(|| de::Error::custom("component is missing a required field"))
    }
}

/// Whether `raw` has every field its known type requires.
fn raw_has_required(raw: &Raw, kind: u8) -> bool {
    match ComponentType::from_value(kind) {
        ComponentType::Button => raw.style.is_some(),
        ComponentType::StringSelect
        | ComponentType::UserSelect
        | ComponentType::RoleSelect
        | ComponentType::MentionableSelect
        | ComponentType::ChannelSelect
        | ComponentType::FileUpload
        | ComponentType::RadioGroup
        | ComponentType::CheckboxGroup
        | ComponentType::Checkbox => raw.custom_id.is_some(),
        ComponentType::TextInput => raw.custom_id.is_some() && raw.style.is_some(),
        ComponentType::Section => raw.accessory.is_some(),
        ComponentType::TextDisplay => raw.content.is_some(),
        ComponentType::Thumbnail => raw.media.is_some(),
        ComponentType::File => raw.file.is_some(),
        ComponentType::Label => raw.label.is_some() && raw.component.is_some(),
        ComponentType::Unknown(_) => false,
        _ => true,
    }
}
