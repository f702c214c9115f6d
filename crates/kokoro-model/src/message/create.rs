//! Bodies of the Create Message and Edit Message requests, with their limits.

use serde::{Deserialize, Serialize};

use super::{
    AllowedMentions, Embed, MessageFlags, MessageReference, MessageReferenceType, Nonce,
    PartialAttachment, SharedClientTheme,
};
use crate::{
    component::Component,
    id::StickerId,
    poll::PollCreate,
    validate::{ValidationError, ValidationErrorKind, in_range, max_chars, max_items},
};

/// The most characters of message content.
const CONTENT_MAX: usize = 2000;
/// The most embeds in a message.
const EMBEDS_MAX: usize = 10;
/// The most stickers in a message.
const STICKERS_MAX: usize = 3;

fn check_attachments(attachments: &[PartialAttachment]) -> Result<(), ValidationError> {
    for (i, attachment) in attachments.iter().enumerate() {
        attachment
            .validate()
            .map_err(|e| e.within(format_args!("attachments[{i}]")))?;
    }
    Ok(())
}

fn check_theme(theme: &SharedClientTheme) -> Result<(), ValidationError> {
    let within = |e: ValidationError| e.within("shared_client_theme");
    max_items("colors", theme.colors.len(), SharedClientTheme::COLORS_MAX).map_err(within)?;
    in_range(
        "gradient_angle",
        theme.gradient_angle.into(),
        0,
        SharedClientTheme::GRADIENT_ANGLE_MAX.into(),
    )
    .map_err(within)?;
    in_range(
        "base_mix",
        theme.base_mix.into(),
        0,
        SharedClientTheme::BASE_MIX_MAX.into(),
    )
    .map_err(within)
}

fn check_flags(flags: Option<MessageFlags>, allowed: MessageFlags) -> Result<(), ValidationError> {
    if let Some(flags) = flags
        && !allowed.contains(flags)
    {
        return Err(ValidationError::new(
            "flags",
            ValidationErrorKind::Invalid {
                reason: "contains flags that cannot be set on this request",
            },
        ));
    }
    Ok(())
}

fn v2_conflict(field: &'static str) -> ValidationError {
    ValidationError::new(field, ValidationErrorKind::Conflict { other: "flags" })
}

/// The body of a Create Message request, checked by [`CreateMessage::build`].
///
/// Files go in the multipart body; describe them in `attachments`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[must_use]
pub struct CreateMessage {
    /// The content (max 2000 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// A nonce to confirm the message was sent (max 25 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<Nonce>,
    /// Whether this is a text-to-speech message.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub tts: bool,
    /// Up to 10 rich embeds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub embeds: Vec<Embed>,
    /// Which mentions notify anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_mentions: Option<AllowedMentions>,
    /// Makes the message a reply or a forward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_reference: Option<MessageReference>,
    /// The components.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
    /// Up to 3 guild stickers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sticker_ids: Vec<StickerId>,
    /// Metadata of the attached files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<PartialAttachment>,
    /// Flags (only `SUPPRESS_EMBEDS`, `SUPPRESS_NOTIFICATIONS`, `IS_VOICE_MESSAGE`, `IS_COMPONENTS_V2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<MessageFlags>,
    /// Whether the nonce is checked for uniqueness.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub enforce_nonce: bool,
    /// A poll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll: Option<PollCreate>,
    /// A shared client theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_client_theme: Option<SharedClientTheme>,
}

impl CreateMessage {
    /// The most characters of the content.
    pub const CONTENT_MAX: usize = CONTENT_MAX;
    /// The most embeds.
    pub const EMBEDS_MAX: usize = EMBEDS_MAX;
    /// The most stickers.
    pub const STICKERS_MAX: usize = STICKERS_MAX;
    /// The flags that may be set when sending.
    pub const ALLOWED_FLAGS: MessageFlags = MessageFlags::SUPPRESS_EMBEDS
        .union(MessageFlags::SUPPRESS_NOTIFICATIONS)
        .union(MessageFlags::IS_VOICE_MESSAGE)
        .union(MessageFlags::IS_COMPONENTS_V2);

    /// An empty message.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the content.
    pub fn content(mut self, content: impl Into<String>) -> Self {
        self.content = Some(content.into());
        self
    }

    /// Sets the nonce.
    pub fn nonce(mut self, nonce: impl Into<Nonce>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    /// Sets whether the nonce is checked for uniqueness.
    pub fn enforce_nonce(mut self, enforce: bool) -> Self {
        self.enforce_nonce = enforce;
        self
    }

    /// Sets whether this is a text-to-speech message.
    pub fn tts(mut self, tts: bool) -> Self {
        self.tts = tts;
        self
    }

    /// Adds an embed.
    pub fn embed(mut self, embed: Embed) -> Self {
        self.embeds.push(embed);
        self
    }

    /// Sets the embeds.
    pub fn embeds(mut self, embeds: Vec<Embed>) -> Self {
        self.embeds = embeds;
        self
    }

    /// Sets the allowed mentions.
    pub fn allowed_mentions(mut self, allowed: AllowedMentions) -> Self {
        self.allowed_mentions = Some(allowed);
        self
    }

    /// Sets the message reference (reply or forward).
    pub fn message_reference(mut self, reference: MessageReference) -> Self {
        self.message_reference = Some(reference);
        self
    }

    /// Replies to `message_id`.
    pub fn reply(self, message_id: crate::id::MessageId) -> Self {
        self.message_reference(MessageReference::reply(message_id))
    }

    /// Adds a top-level component.
    pub fn component(mut self, component: impl Into<Component>) -> Self {
        self.components.push(component.into());
        self
    }

    /// Sets the components.
    pub fn components(mut self, components: Vec<Component>) -> Self {
        self.components = components;
        self
    }

    /// Adds a sticker.
    pub fn sticker(mut self, id: StickerId) -> Self {
        self.sticker_ids.push(id);
        self
    }

    /// Adds attachment metadata.
    pub fn attachment(mut self, attachment: PartialAttachment) -> Self {
        self.attachments.push(attachment);
        self
    }

    /// Sets the flags.
    pub fn flags(mut self, flags: MessageFlags) -> Self {
        self.flags = Some(flags);
        self
    }

    /// Sets the poll.
    pub fn poll(mut self, poll: PollCreate) -> Self {
        self.poll = Some(poll);
        self
    }

    /// Sets the shared client theme.
    pub fn shared_client_theme(mut self, theme: SharedClientTheme) -> Self {
        self.shared_client_theme = Some(theme);
        self
    }

    /// Checks every documented limit without consuming the body.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let v2 = self
            .flags
            .is_some_and(|f| f.contains(MessageFlags::IS_COMPONENTS_V2));
        let forward = self
            .message_reference
            .as_ref()
            .is_some_and(|r| r.kind() == MessageReferenceType::Forward);
        if let Some(content) = &self.content {
            max_chars("content", content, CONTENT_MAX)?;
        }
        if let Some(nonce) = &self.nonce {
            let len = nonce.len();
            if len > Nonce::MAX_CHARS {
                return Err(ValidationError::new(
                    "nonce",
                    ValidationErrorKind::TooLong {
                        len,
                        max: Nonce::MAX_CHARS,
                    },
                ));
            }
        }
        Embed::validate_all(&self.embeds, EMBEDS_MAX)?;
        if let Some(allowed) = &self.allowed_mentions {
            allowed
                .validate()
                .map_err(|e| e.within("allowed_mentions"))?;
        }
        Component::validate_message_components(&self.components, v2)?;
        max_items("sticker_ids", self.sticker_ids.len(), STICKERS_MAX)?;
        check_attachments(&self.attachments)?;
        check_flags(self.flags, Self::ALLOWED_FLAGS)?;
        if let Some(poll) = &self.poll {
            poll.validate().map_err(|e| e.within("poll"))?;
        }
        if let Some(theme) = &self.shared_client_theme {
            check_theme(theme)?;
        }
        if v2 {
            if self.content.is_some() {
                return Err(v2_conflict("content"));
            }
            if !self.embeds.is_empty() {
                return Err(v2_conflict("embeds"));
            }
            if !self.sticker_ids.is_empty() {
                return Err(v2_conflict("sticker_ids"));
            }
            if self.poll.is_some() {
                return Err(v2_conflict("poll"));
            }
            if self.shared_client_theme.is_some() {
                return Err(v2_conflict("shared_client_theme"));
            }
        }
        if let Some(reference) = &self.message_reference
            && forward
            && (reference.message_id.is_none() || reference.channel_id.is_none())
        {
            let field = if reference.message_id.is_none() {
                "message_reference.message_id"
            } else {
                "message_reference.channel_id"
            };
            return Err(ValidationError::new(field, ValidationErrorKind::Missing));
        }
        let has_body = self.content.as_deref().is_some_and(|c| !c.is_empty())
            || !self.embeds.is_empty()
            || !self.sticker_ids.is_empty()
            || !self.components.is_empty()
            || !self.attachments.is_empty()
            || self.poll.is_some()
            || self.shared_client_theme.is_some();
        if !has_body && !forward {
            return Err(ValidationError::new(
                "content",
                ValidationErrorKind::Missing,
            ));
        }
        Ok(())
    }

    /// Checks every documented limit and returns the body.
    pub fn build(self) -> Result<Self, ValidationError> {
        self.validate()?;
        Ok(self)
    }
}

/// The body of an Edit Message request, checked by [`EditMessage::build`].
///
/// Every field is optional and nullable: `None` leaves it unchanged,
/// `Some(None)` clears it (`null`), `Some(Some(v))` sets it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[must_use]
pub struct EditMessage {
    /// The content (max 2000 characters).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub content: Option<Option<String>>,
    /// Up to 10 rich embeds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub embeds: Option<Option<Vec<Embed>>>,
    /// Flags (only `SUPPRESS_EMBEDS` and `IS_COMPONENTS_V2`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub flags: Option<Option<MessageFlags>>,
    /// Which mentions notify anyone.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub allowed_mentions: Option<Option<AllowedMentions>>,
    /// The components.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub components: Option<Option<Vec<Component>>>,
    /// The attachments to keep and the new ones.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub attachments: Option<Option<Vec<PartialAttachment>>>,
}

impl EditMessage {
    /// The flags that may be set when editing.
    pub const ALLOWED_FLAGS: MessageFlags =
        MessageFlags::SUPPRESS_EMBEDS.union(MessageFlags::IS_COMPONENTS_V2);

    /// An edit that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the content.
    pub fn content(mut self, content: impl Into<String>) -> Self {
        self.content = Some(Some(content.into()));
        self
    }

    /// Removes the content.
    pub fn clear_content(mut self) -> Self {
        self.content = Some(None);
        self
    }

    /// Sets the embeds.
    pub fn embeds(mut self, embeds: Vec<Embed>) -> Self {
        self.embeds = Some(Some(embeds));
        self
    }

    /// Removes every embed.
    pub fn clear_embeds(mut self) -> Self {
        self.embeds = Some(None);
        self
    }

    /// Sets the flags.
    pub fn flags(mut self, flags: MessageFlags) -> Self {
        self.flags = Some(Some(flags));
        self
    }

    /// Sets the allowed mentions.
    pub fn allowed_mentions(mut self, allowed: AllowedMentions) -> Self {
        self.allowed_mentions = Some(Some(allowed));
        self
    }

    /// Sets the components.
    pub fn components(mut self, components: Vec<Component>) -> Self {
        self.components = Some(Some(components));
        self
    }

    /// Removes every component.
    pub fn clear_components(mut self) -> Self {
        self.components = Some(None);
        self
    }

    /// Sets the attachments to keep and add.
    pub fn attachments(mut self, attachments: Vec<PartialAttachment>) -> Self {
        self.attachments = Some(Some(attachments));
        self
    }

    /// Removes every attachment.
    pub fn clear_attachments(mut self) -> Self {
        self.attachments = Some(None);
        self
    }

    /// Checks every documented limit without consuming the body.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let flags = self.flags.flatten();
        let v2 = flags.is_some_and(|f| f.contains(MessageFlags::IS_COMPONENTS_V2));
        if let Some(Some(content)) = &self.content {
            max_chars("content", content, CONTENT_MAX)?;
            if v2 && !content.is_empty() {
                return Err(v2_conflict("content"));
            }
        }
        if let Some(Some(embeds)) = &self.embeds {
            Embed::validate_all(embeds, EMBEDS_MAX)?;
            if v2 && !embeds.is_empty() {
                return Err(v2_conflict("embeds"));
            }
        }
        check_flags(flags, Self::ALLOWED_FLAGS)?;
        if let Some(Some(allowed)) = &self.allowed_mentions {
            allowed
                .validate()
                .map_err(|e| e.within("allowed_mentions"))?;
        }
        if let Some(Some(components)) = &self.components {
            Component::validate_message_components(components, v2)?;
        }
        if let Some(Some(attachments)) = &self.attachments {
            check_attachments(attachments)?;
        }
        Ok(())
    }

    /// Checks every documented limit and returns the body.
    pub fn build(self) -> Result<Self, ValidationError> {
        self.validate()?;
        Ok(self)
    }
}
