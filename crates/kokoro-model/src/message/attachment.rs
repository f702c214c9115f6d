//! Files attached to messages.

use serde::{Deserialize, Serialize};

use crate::{
    Timestamp,
    application::PartialApplication,
    id::AttachmentId,
    user::User,
    validate::{ValidationError, max_chars},
};

flags! {
    /// Flags of an attachment.
    pub struct AttachmentFlags: u64 {
        /// A clip from a stream.
        const IS_CLIP = 1 << 0;
        /// The thumbnail of a thread in a media channel.
        const IS_THUMBNAIL = 1 << 1;
        /// Edited with the remix feature (deprecated).
        const IS_REMIX = 1 << 2;
        /// Marked as a spoiler.
        const IS_SPOILER = 1 << 3;
        /// An animated image.
        const IS_ANIMATED = 1 << 5;
    }
}

/// A file attached to a message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// The attachment's id.
    pub id: AttachmentId,
    /// The file's name.
    pub filename: String,
    /// The file's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Alt text (max 1024 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The media type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The size in bytes.
    pub size: u64,
    /// The source URL.
    pub url: String,
    /// The proxied URL.
    pub proxy_url: String,
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
    /// Whether the attachment is ephemeral.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub ephemeral: bool,
    /// The duration of an audio or video file, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_secs: Option<f64>,
    /// The base64 sampled waveform of a voice message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waveform: Option<String>,
    /// The flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<AttachmentFlags>,
    /// For clips, the users who were in the stream.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clip_participants: Vec<User>,
    /// For clips, when the clip was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clip_created_at: Option<Timestamp>,
    /// For clips, the application in the stream, if recognized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<Box<PartialApplication>>,
}

impl Attachment {
    /// The flags, empty when Discord sent none.
    pub fn flags(&self) -> AttachmentFlags {
        self.flags.unwrap_or_default()
    }
}

/// The metadata of an attachment in a create or edit request: an existing
/// attachment to keep (by id) or a new file (`id` = the `n` of `files[n]`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartialAttachment {
    /// The id of an existing attachment, or the index `n` of a new `files[n]`.
    pub id: u64,
    /// The file's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The file's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Alt text (max 1024 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The duration of an audio file (required for voice messages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_secs: Option<f64>,
    /// The base64 waveform (required for voice messages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waveform: Option<String>,
    /// Whether the file is marked as a spoiler.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub is_spoiler: bool,
}

impl PartialAttachment {
    /// The most characters of the description.
    pub const DESCRIPTION_MAX: usize = 1024;

    /// Metadata of the new file uploaded as `files[index]`.
    pub fn new(index: u64, filename: impl Into<String>) -> Self {
        Self {
            id: index,
            filename: Some(filename.into()),
            title: None,
            description: None,
            duration_secs: None,
            waveform: None,
            is_spoiler: false,
        }
    }

    /// Keeps the existing attachment `id`.
    pub fn existing(id: AttachmentId) -> Self {
        Self {
            id: id.get(),
            filename: None,
            title: None,
            description: None,
            duration_secs: None,
            waveform: None,
            is_spoiler: false,
        }
    }

    /// Sets the alt text.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets whether the file is a spoiler.
    pub fn spoiler(mut self, spoiler: bool) -> Self {
        self.is_spoiler = spoiler;
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
