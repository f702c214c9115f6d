//! Embeds: rich content attached to messages, and a builder that checks their limits.

use serde::{Deserialize, Serialize};

use crate::{
    Timestamp,
    validate::{ValidationError, ValidationErrorKind, max_chars, max_items},
};

str_enum! {
    /// The type of an embed (always `rich` for embeds sent by bots and webhooks).
    pub enum EmbedType {
        /// Generic embed rendered from its attributes.
        Rich = "rich",
        /// An image.
        Image = "image",
        /// A video.
        Video = "video",
        /// An animated GIF rendered as a video.
        Gifv = "gifv",
        /// An article.
        Article = "article",
        /// A link.
        Link = "link",
        /// The result of a poll.
        PollResult = "poll_result",
    }
}

flags! {
    /// Flags of an embed.
    pub struct EmbedFlags: u64 {
        /// A fallback for a reply to an activity card.
        const IS_CONTENT_INVENTORY_ENTRY = 1 << 5;
    }
}

flags! {
    /// Flags of an embed's image, thumbnail or video.
    pub struct EmbedMediaFlags: u64 {
        /// The image is animated.
        const IS_ANIMATED = 1 << 5;
    }
}

/// The footer of an embed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbedFooter {
    /// The text (max 2048 characters).
    pub text: String,
    /// The icon URL (http(s) or attachments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_url: Option<String>,
    /// The proxied icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_icon_url: Option<String>,
}

/// The image or thumbnail of an embed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbedImage {
    /// The source URL (http(s) or attachments).
    #[serde(default)]
    pub url: String,
    /// The proxied URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_url: Option<String>,
    /// The height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// The width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// The media type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The thumbhash placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// The version of the placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder_version: Option<u32>,
    /// Alt text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<EmbedMediaFlags>,
}

impl EmbedImage {
    /// An image at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            proxy_url: None,
            height: None,
            width: None,
            content_type: None,
            placeholder: None,
            placeholder_version: None,
            description: None,
            flags: None,
        }
    }
}

/// The thumbnail of an embed; the same shape as its image.
pub type EmbedThumbnail = EmbedImage;

/// The video of an embed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbedVideo {
    /// The source URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The proxied URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_url: Option<String>,
    /// The height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// The width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// The media type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The thumbhash placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// The version of the placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder_version: Option<u32>,
    /// Alt text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<EmbedMediaFlags>,
}

/// The provider of an embed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbedProvider {
    /// The provider's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The provider's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The author of an embed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbedAuthor {
    /// The name (max 256 characters).
    pub name: String,
    /// The URL (http(s)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The icon URL (http(s) or attachments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_url: Option<String>,
    /// The proxied icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_icon_url: Option<String>,
}

/// A name-value field of an embed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbedField {
    /// The name (max 256 characters).
    pub name: String,
    /// The value (max 1024 characters).
    pub value: String,
    /// Whether the field is shown inline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline: Option<bool>,
}

/// An embed in a message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embed {
    /// The title (max 256 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The type (always `rich` when sent by bots).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EmbedType>,
    /// The description (max 4096 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The URL of the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The timestamp of the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Timestamp>,
    /// The color as an RGB integer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<u32>,
    /// The footer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<EmbedFooter>,
    /// The image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<EmbedImage>,
    /// The thumbnail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<EmbedThumbnail>,
    /// The video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<EmbedVideo>,
    /// The provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<EmbedProvider>,
    /// The author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<EmbedAuthor>,
    /// The fields (max 25).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<EmbedField>,
    /// The flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<EmbedFlags>,
}

impl Embed {
    /// The most characters of the title.
    pub const TITLE_MAX: usize = 256;
    /// The most characters of the description.
    pub const DESCRIPTION_MAX: usize = 4096;
    /// The most fields.
    pub const FIELDS_MAX: usize = 25;
    /// The most characters of a field's name.
    pub const FIELD_NAME_MAX: usize = 256;
    /// The most characters of a field's value.
    pub const FIELD_VALUE_MAX: usize = 1024;
    /// The most characters of the footer text.
    pub const FOOTER_TEXT_MAX: usize = 2048;
    /// The most characters of the author's name.
    pub const AUTHOR_NAME_MAX: usize = 256;
    /// The most characters across all embeds of a message (title, description,
    /// field names and values, footer text, author name).
    pub const TOTAL_MAX: usize = 6000;
    /// The highest color.
    pub const COLOR_MAX: u32 = 0xFF_FFFF;

    /// The characters this embed counts towards [`Embed::TOTAL_MAX`].
    pub fn total_chars(&self) -> usize {
        let len = |s: &str| s.chars().count();
        self.title.as_deref().map_or(0, len)
            + self.description.as_deref().map_or(0, len)
            + self
                .fields
                .iter()
                .map(|f| len(&f.name) + len(&f.value))
                .sum::<usize>()
            + self.footer.as_ref().map_or(0, |f| len(&f.text))
            + self.author.as_ref().map_or(0, |a| len(&a.name))
    }

    /// Checks the limits of this embed alone (not the 6000-character total
    /// across a message's embeds, which [`Embed::validate_all`] checks).
    pub fn validate(&self) -> Result<(), ValidationError> {
        if let Some(title) = &self.title {
            max_chars("title", title, Self::TITLE_MAX)?;
        }
        if let Some(description) = &self.description {
            max_chars("description", description, Self::DESCRIPTION_MAX)?;
        }
        max_items("fields", self.fields.len(), Self::FIELDS_MAX)?;
        for (i, field) in self.fields.iter().enumerate() {
            let prefix = format_args!("fields[{i}]");
            max_chars("name", &field.name, Self::FIELD_NAME_MAX).map_err(|e| e.within(prefix))?;
            max_chars("value", &field.value, Self::FIELD_VALUE_MAX)
                .map_err(|e| e.within(prefix))?;
        }
        if let Some(footer) = &self.footer {
            max_chars("text", &footer.text, Self::FOOTER_TEXT_MAX)
                .map_err(|e| e.within("footer"))?;
        }
        if let Some(author) = &self.author {
            max_chars("name", &author.name, Self::AUTHOR_NAME_MAX)
                .map_err(|e| e.within("author"))?;
        }
        if let Some(color) = self.color {
            crate::validate::in_range("color", color.into(), 0, Self::COLOR_MAX.into())?;
        }
        Ok(())
    }

    /// Checks the embeds of one message: each embed's limits (errors under
    /// `embeds[i]`), at most `max_embeds`, and 6000 characters in all.
    pub fn validate_all(embeds: &[Embed], max_embeds: usize) -> Result<(), ValidationError> {
        max_items("embeds", embeds.len(), max_embeds)?;
        for (i, embed) in embeds.iter().enumerate() {
            embed
                .validate()
                .map_err(|e| e.within(format_args!("embeds[{i}]")))?;
        }
        let total: usize = embeds.iter().map(Embed::total_chars).sum();
        if total > Self::TOTAL_MAX {
            return Err(ValidationError::new(
                "embeds",
                ValidationErrorKind::TooLong {
                    len: total,
                    max: Self::TOTAL_MAX,
                },
            ));
        }
        Ok(())
    }
}

/// Builds an [`Embed`] and checks its limits.
///
/// ```
/// use kokoro_model::message::EmbedBuilder;
///
/// let embed = EmbedBuilder::new()
///     .title("Weather")
///     .field("Today", "Sunny", true)
///     .footer("via kokoro")
///     .build()
///     .unwrap();
/// assert_eq!(embed.fields.len(), 1);
/// assert!(EmbedBuilder::new().title("x".repeat(257)).build().is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct EmbedBuilder {
    embed: Embed,
}

impl EmbedBuilder {
    /// An empty embed.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.embed.title = Some(title.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.embed.description = Some(description.into());
        self
    }

    /// Sets the URL of the title.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.embed.url = Some(url.into());
        self
    }

    /// Sets the timestamp.
    pub fn timestamp(mut self, timestamp: Timestamp) -> Self {
        self.embed.timestamp = Some(timestamp);
        self
    }

    /// Sets the color as an RGB integer.
    pub fn color(mut self, color: u32) -> Self {
        self.embed.color = Some(color);
        self
    }

    /// Sets the footer text.
    pub fn footer(self, text: impl Into<String>) -> Self {
        self.footer_with_icon(text, None::<String>)
    }

    /// Sets the footer text and icon.
    pub fn footer_with_icon(
        mut self,
        text: impl Into<String>,
        icon_url: Option<impl Into<String>>,
    ) -> Self {
        self.embed.footer = Some(EmbedFooter {
            text: text.into(),
            icon_url: icon_url.map(Into::into),
            proxy_icon_url: None,
        });
        self
    }

    /// Sets the image.
    pub fn image(mut self, url: impl Into<String>) -> Self {
        self.embed.image = Some(EmbedImage::new(url));
        self
    }

    /// Sets the thumbnail.
    pub fn thumbnail(mut self, url: impl Into<String>) -> Self {
        self.embed.thumbnail = Some(EmbedImage::new(url));
        self
    }

    /// Sets the author's name.
    pub fn author(mut self, name: impl Into<String>) -> Self {
        self.embed.author = Some(EmbedAuthor {
            name: name.into(),
            url: None,
            icon_url: None,
            proxy_icon_url: None,
        });
        self
    }

    /// Sets the author.
    pub fn author_full(mut self, author: EmbedAuthor) -> Self {
        self.embed.author = Some(author);
        self
    }

    /// Adds a field.
    pub fn field(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        inline: bool,
    ) -> Self {
        self.embed.fields.push(EmbedField {
            name: name.into(),
            value: value.into(),
            inline: Some(inline),
        });
        self
    }

    /// Checks the limits and returns the embed.
    ///
    /// Besides each field's limit, the embed alone may not exceed the
    /// 6000-character total (reported on the field `embed`).
    pub fn build(self) -> Result<Embed, ValidationError> {
        self.embed.validate()?;
        let total = self.embed.total_chars();
        if total > Embed::TOTAL_MAX {
            return Err(ValidationError::new(
                "embed",
                ValidationErrorKind::TooLong {
                    len: total,
                    max: Embed::TOTAL_MAX,
                },
            ));
        }
        Ok(self.embed)
    }
}
