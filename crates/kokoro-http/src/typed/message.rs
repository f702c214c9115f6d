//! Messages, reactions, webhooks and interactions: the operations whose body is a message.

use kokoro_model::{
    id::{ApplicationId, ChannelId, InteractionId, MessageId, UserId, WebhookId},
    interaction::InteractionResponse,
    message::{CreateMessage, EditMessage, MessageFlags},
    validate::{self, ValidationError, ValidationErrorKind},
};
use serde::Serialize;
use serde_json::Value;

use super::{Builder, MessageBody, Payload, encode_message, op};
use crate::{Attachment, Body, Client, Error, routes::Route};

/// The body of Execute Webhook and Create Followup Message: a message, plus the
/// webhook's overrides.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct WebhookMessage {
    /// The message.
    #[serde(flatten)]
    pub message: CreateMessage,
    /// Overrides the webhook's name (1 to 80 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Overrides the webhook's avatar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// Creates a forum or media post with this name (at most 100 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_name: Option<String>,
    /// Only the invoking user sees it (follow-ups only).
    #[serde(skip)]
    pub ephemeral: bool,
}

impl WebhookMessage {
    /// The most characters of `username`.
    pub const USERNAME_MAX: usize = 80;
    /// The most characters of `thread_name`.
    pub const THREAD_NAME_MAX: usize = 100;
}

impl MessageBody for WebhookMessage {
    fn message_mut(&mut self) -> &mut CreateMessage {
        &mut self.message
    }
}

impl Payload for WebhookMessage {
    fn check(&self) -> Result<(), ValidationError> {
        self.message.validate()?;
        if let Some(name) = &self.username {
            validate::chars_between("username", name, 1, Self::USERNAME_MAX)?;
        }
        if let Some(name) = &self.thread_name {
            validate::chars_between("thread_name", name, 1, Self::THREAD_NAME_MAX)?;
        }
        Ok(())
    }

    fn encode(mut self, files: Vec<Attachment>) -> Result<Body, Error> {
        if self.ephemeral {
            let flags = self.message.flags.unwrap_or_else(MessageFlags::empty);
            self.message.flags = Some(flags | MessageFlags::EPHEMERAL);
        }
        encode_message(&self, files)
    }
}

impl Builder<'_, op::ExecuteWebhook, WebhookMessage> {
    /// Overrides the webhook's name for this message (1 to 80 characters).
    pub fn username(mut self, name: impl Into<String>) -> Self {
        self.body.username = Some(name.into());
        self
    }

    /// Overrides the webhook's avatar for this message.
    pub fn avatar_url(mut self, url: impl Into<String>) -> Self {
        self.body.avatar_url = Some(url.into());
        self
    }

    /// Sends the message in this thread of the webhook's channel.
    pub fn thread_id(self, thread_id: ChannelId) -> Self {
        self.query("thread_id", thread_id)
    }

    /// Creates a forum or media post with this name (at most 100 characters).
    pub fn thread_name(mut self, name: impl Into<String>) -> Self {
        self.body.thread_name = Some(name.into());
        self
    }
}

impl Builder<'_, op::CreateFollowup, WebhookMessage> {
    /// Only the user who invoked the interaction sees the message.
    pub fn ephemeral(mut self) -> Self {
        self.body.ephemeral = true;
        self
    }
}

/// The two forms of an interaction callback (their shared setters).
pub trait InteractionCallbackOp: op::Op {}
impl InteractionCallbackOp for op::CreateInteractionResponse {}
impl InteractionCallbackOp for op::CreateInteractionResponseWithResponse {}

impl<'a> Builder<'a, op::CreateInteractionResponse, Value> {
    /// Asks Discord to answer with what the response created
    /// (`?with_response=true`): the interaction, and the message sent or updated.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client, id: kokoro_model::id::InteractionId, token: &str) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::interaction::{InteractionCallbackData, InteractionResponse};
    ///
    /// let response = InteractionResponse::message(InteractionCallbackData::new().content("pong"))?;
    /// let created = client.create_interaction_response(id, token, &response).with_response().await?;
    /// let message = created.resource.and_then(|r| r.message);
    /// # Ok(()) }
    /// ```
    pub fn with_response(self) -> Builder<'a, op::CreateInteractionResponseWithResponse, Value> {
        Builder {
            client: self.client,
            request: self.request.query("with_response", "true"),
            body: self.body,
            files: self.files,
            error: self.error,
            _op: std::marker::PhantomData,
        }
    }
}

impl<O: InteractionCallbackOp> Builder<'_, O, Value> {
    /// Uploads a file with the response's message (`files[n]`, described in
    /// `data.attachments`); the request becomes `multipart/form-data`.
    pub fn attachment(mut self, file: Attachment) -> Self {
        // Only responses that send or edit a message carry files.
        const CHANNEL_MESSAGE_WITH_SOURCE: u64 = 4;
        const UPDATE_MESSAGE: u64 = 7;
        let meta = serde_json::json!({
            "id": self.files.len(),
            "filename": file.filename,
            "description": file.description,
        });
        let kind = self.body.get("type").and_then(Value::as_u64);
        let data = match &mut self.body {
            Value::Object(body)
                if matches!(kind, Some(CHANNEL_MESSAGE_WITH_SOURCE | UPDATE_MESSAGE)) =>
            {
                body.entry("data")
                    .or_insert_with(|| Value::Object(serde_json::Map::new()))
            }
            _ => {
                self.error.get_or_insert(ValidationError::invalid(
                    "type",
                    "is not a response that sends or edits a message, so it carries no files",
                ));
                return self;
            }
        };
        if let Some(Value::Array(list)) = data.as_object_mut().map(|d| {
            d.entry("attachments")
                .or_insert_with(|| Value::Array(Vec::new()))
        }) {
            list.push(meta);
        }
        self.files.push(file);
        self
    }
}

impl Builder<'_, op::ListMessages> {
    fn anchor(mut self, key: &'static str, id: MessageId) -> Self {
        let other = ["around", "before", "after"]
            .into_iter()
            .find(|k| *k != key && self.request.query.contains(&format!("{k}=")));
        if let Some(other) = other {
            self.error.get_or_insert(ValidationError::new(
                key,
                ValidationErrorKind::Conflict { other },
            ));
        }
        self.query(key, id)
    }

    /// Messages before this one (newest first).
    pub fn before(self, id: MessageId) -> Self {
        self.anchor("before", id)
    }

    /// Messages after this one.
    pub fn after(self, id: MessageId) -> Self {
        self.anchor("after", id)
    }

    /// Messages around this one.
    pub fn around(self, id: MessageId) -> Self {
        self.anchor("around", id)
    }

    /// How many (1 to 100; Discord's default 50).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 100)
    }
}

impl Builder<'_, op::ListPins> {
    /// Pins pinned before this time.
    pub fn before(self, before: kokoro_model::Timestamp) -> Self {
        self.query("before", before)
    }

    /// How many (1 to 50; Discord's default 50).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 50)
    }
}

impl Builder<'_, op::ListReactions> {
    /// Users after this one.
    pub fn after(self, id: UserId) -> Self {
        self.query("after", id)
    }

    /// How many (1 to 100; Discord's default 25).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 100)
    }

    /// Lists the super (burst) reactions instead of the normal ones.
    pub fn burst(self) -> Self {
        self.query("type", 1)
    }
}

impl Client {
    /// `POST /channels/{channel_id}/messages`: set the content, embeds, components,
    /// allowed mentions, reply, files (multipart) — or a whole kokoro-model
    /// `CreateMessage` with `.body()` — then `.await` the sent [`Message`].
    ///
    /// [`Message`]: kokoro_model::message::Message
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_http::Attachment;
    ///
    /// let sent = client
    ///     .create_message(kokoro_model::id::ChannelId::new(1))
    ///     .content("the log")
    ///     .attachment(Attachment::new("log.txt", &b"hello"[..]))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn create_message(
        &self,
        channel_id: ChannelId,
    ) -> Builder<'_, op::CreateMessage, CreateMessage> {
        Builder::with_body(
            self,
            Route::CreateMessage { channel_id },
            CreateMessage::new(),
        )
    }

    /// `GET /channels/{channel_id}/messages/{message_id}`.
    pub fn message(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> Builder<'_, op::GetMessage> {
        Builder::new(
            self,
            Route::GetMessage {
                channel_id,
                message_id,
            },
        )
    }

    /// `GET /channels/{channel_id}/messages`, with `before`/`after`/`around` (one of
    /// them) and `limit`.
    pub fn messages(&self, channel_id: ChannelId) -> Builder<'_, op::ListMessages> {
        Builder::new(self, Route::ListMessages { channel_id })
    }

    /// `PATCH /channels/{channel_id}/messages/{message_id}` with kokoro-model's
    /// `EditMessage` fields.
    pub fn edit_message(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> Builder<'_, op::EditMessage, EditMessage> {
        Builder::with_body(
            self,
            Route::UpdateMessage {
                channel_id,
                message_id,
            },
            EditMessage::new(),
        )
    }

    /// `DELETE /channels/{channel_id}/messages/{message_id}`.
    pub fn delete_message(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> Builder<'_, op::DeleteMessage> {
        Builder::new(
            self,
            Route::DeleteMessage {
                channel_id,
                message_id,
            },
        )
    }

    /// `POST /channels/{channel_id}/messages/bulk-delete`: 2 to 100 messages, none
    /// older than two weeks.
    pub fn delete_messages(
        &self,
        channel_id: ChannelId,
        message_ids: &[MessageId],
    ) -> Builder<'_, op::BulkDeleteMessages, Value> {
        let count = message_ids.len();
        let check = if count < 2 {
            Err(ValidationError::new(
                "messages",
                ValidationErrorKind::TooFew { count, min: 2 },
            ))
        } else {
            validate::max_items("messages", count, 100)
        };
        Builder::json(self, Route::BulkDeleteMessages { channel_id })
            .check(check)
            .field("messages", message_ids)
    }

    /// `PUT /channels/{channel_id}/messages/pins/{message_id}`.
    pub fn pin_message(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> Builder<'_, op::PinMessage> {
        Builder::new(
            self,
            Route::CreatePin {
                channel_id,
                message_id,
            },
        )
    }

    /// `DELETE /channels/{channel_id}/messages/pins/{message_id}`.
    pub fn unpin_message(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> Builder<'_, op::UnpinMessage> {
        Builder::new(
            self,
            Route::DeletePin {
                channel_id,
                message_id,
            },
        )
    }

    /// `GET /channels/{channel_id}/messages/pins`, most recent first, with `before`
    /// and `limit`.
    pub fn pins(&self, channel_id: ChannelId) -> Builder<'_, op::ListPins> {
        Builder::new(self, Route::ListPins { channel_id })
    }

    /// `POST /channels/{channel_id}/typing`.
    pub fn trigger_typing(&self, channel_id: ChannelId) -> Builder<'_, op::TriggerTyping> {
        Builder::new(self, Route::TriggerTypingIndicator { channel_id })
    }

    /// `PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me`: `emoji`
    /// is a unicode emoji or `name:id` for a custom one.
    pub fn add_reaction<'a>(
        &'a self,
        channel_id: ChannelId,
        message_id: MessageId,
        emoji: &'a str,
    ) -> Builder<'a, op::AddReaction> {
        Builder::new(
            self,
            Route::AddMyMessageReaction {
                channel_id,
                message_id,
                emoji_name: emoji,
            },
        )
    }

    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me`.
    pub fn delete_own_reaction<'a>(
        &'a self,
        channel_id: ChannelId,
        message_id: MessageId,
        emoji: &'a str,
    ) -> Builder<'a, op::DeleteOwnReaction> {
        Builder::new(
            self,
            Route::DeleteMyMessageReaction {
                channel_id,
                message_id,
                emoji_name: emoji,
            },
        )
    }

    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/{user_id}`.
    pub fn delete_user_reaction<'a>(
        &'a self,
        channel_id: ChannelId,
        message_id: MessageId,
        emoji: &'a str,
        user_id: UserId,
    ) -> Builder<'a, op::DeleteUserReaction> {
        Builder::new(
            self,
            Route::DeleteUserMessageReaction {
                channel_id,
                message_id,
                emoji_name: emoji,
                user_id,
            },
        )
    }

    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions`: every reaction.
    pub fn delete_all_reactions(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> Builder<'_, op::DeleteAllReactions> {
        Builder::new(
            self,
            Route::DeleteAllMessageReactions {
                channel_id,
                message_id,
            },
        )
    }

    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji}`: every
    /// reaction with this emoji.
    pub fn delete_all_reactions_for_emoji<'a>(
        &'a self,
        channel_id: ChannelId,
        message_id: MessageId,
        emoji: &'a str,
    ) -> Builder<'a, op::DeleteAllReactionsForEmoji> {
        Builder::new(
            self,
            Route::DeleteAllMessageReactionsByEmoji {
                channel_id,
                message_id,
                emoji_name: emoji,
            },
        )
    }

    /// `GET /channels/{channel_id}/messages/{message_id}/reactions/{emoji}`: who reacted,
    /// with `after` and `limit`.
    pub fn reactions<'a>(
        &'a self,
        channel_id: ChannelId,
        message_id: MessageId,
        emoji: &'a str,
    ) -> Builder<'a, op::ListReactions> {
        Builder::new(
            self,
            Route::ListMessageReactionsByEmoji {
                channel_id,
                message_id,
                emoji_name: emoji,
            },
        )
    }

    /// `POST /webhooks/{webhook_id}/{webhook_token}?wait=true`: no bot token is sent;
    /// `.await` gives the created message.
    pub fn execute_webhook<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
    ) -> Builder<'a, op::ExecuteWebhook, WebhookMessage> {
        Builder::with_body(
            self,
            Route::ExecuteWebhook {
                webhook_id,
                webhook_token,
            },
            WebhookMessage::default(),
        )
        .query("wait", true)
    }

    /// `GET /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}`.
    pub fn webhook_message<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
        message_id: MessageId,
    ) -> Builder<'a, op::GetWebhookMessage> {
        Builder::new(
            self,
            Route::GetWebhookMessage {
                webhook_id,
                webhook_token,
                message_id,
            },
        )
    }

    /// `PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}`.
    pub fn edit_webhook_message<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
        message_id: MessageId,
    ) -> Builder<'a, op::EditWebhookMessage, EditMessage> {
        Builder::with_body(
            self,
            Route::UpdateWebhookMessage {
                webhook_id,
                webhook_token,
                message_id,
            },
            EditMessage::new(),
        )
    }

    /// `DELETE /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}`.
    pub fn delete_webhook_message<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
        message_id: MessageId,
    ) -> Builder<'a, op::DeleteWebhookMessage> {
        Builder::new(
            self,
            Route::DeleteWebhookMessage {
                webhook_id,
                webhook_token,
                message_id,
            },
        )
    }

    /// `POST /interactions/{interaction_id}/{interaction_token}/callback` with a
    /// kokoro-model `InteractionResponse` (whose constructors check its limits). No bot
    /// token is sent, and the global limit does not apply.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client, id: kokoro_model::id::InteractionId, token: &str) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::interaction::{InteractionCallbackData, InteractionResponse};
    ///
    /// let response = InteractionResponse::message(InteractionCallbackData::new().content("pong"))?;
    /// client.create_interaction_response(id, token, &response).await?;
    /// # Ok(()) }
    /// ```
    pub fn create_interaction_response<'a>(
        &'a self,
        interaction_id: InteractionId,
        interaction_token: &'a str,
        response: &InteractionResponse,
    ) -> Builder<'a, op::CreateInteractionResponse, Value> {
        let route = Route::CreateInteractionResponse {
            interaction_id,
            interaction_token,
        };
        let mut builder = Builder::json(self, route);
        match serde_json::to_value(response) {
            Ok(v) => builder.body = v,
            Err(_) => {
                builder.error = Some(ValidationError::invalid("data", "does not serialize"));
            }
        }
        builder
    }

    /// `GET /webhooks/{application_id}/{interaction_token}/messages/@original`.
    pub fn original_response<'a>(
        &'a self,
        application_id: ApplicationId,
        interaction_token: &'a str,
    ) -> Builder<'a, op::GetOriginalResponse> {
        Builder::new(
            self,
            Route::GetOriginalInteractionResponse {
                application_id,
                interaction_token,
            },
        )
    }

    /// `PATCH /webhooks/{application_id}/{interaction_token}/messages/@original`.
    pub fn edit_original_response<'a>(
        &'a self,
        application_id: ApplicationId,
        interaction_token: &'a str,
    ) -> Builder<'a, op::EditOriginalResponse, EditMessage> {
        Builder::with_body(
            self,
            Route::UpdateOriginalInteractionResponse {
                application_id,
                interaction_token,
            },
            EditMessage::new(),
        )
    }

    /// `DELETE /webhooks/{application_id}/{interaction_token}/messages/@original`.
    pub fn delete_original_response<'a>(
        &'a self,
        application_id: ApplicationId,
        interaction_token: &'a str,
    ) -> Builder<'a, op::DeleteOriginalResponse> {
        Builder::new(
            self,
            Route::DeleteOriginalInteractionResponse {
                application_id,
                interaction_token,
            },
        )
    }

    /// `POST /webhooks/{application_id}/{interaction_token}`: a follow-up message
    /// (`.ephemeral()` for the invoking user only). Token-less and exempt from the
    /// global limit.
    pub fn create_followup<'a>(
        &'a self,
        application_id: ApplicationId,
        interaction_token: &'a str,
    ) -> Builder<'a, op::CreateFollowup, WebhookMessage> {
        Builder::with_body(
            self,
            Route::CreateFollowupMessage {
                application_id,
                interaction_token,
            },
            WebhookMessage::default(),
        )
    }

    /// `GET /webhooks/{application_id}/{interaction_token}/messages/{message_id}`.
    pub fn followup<'a>(
        &'a self,
        application_id: ApplicationId,
        interaction_token: &'a str,
        message_id: MessageId,
    ) -> Builder<'a, op::GetFollowup> {
        Builder::new(
            self,
            Route::GetFollowupMessage {
                application_id,
                interaction_token,
                message_id,
            },
        )
    }

    /// `PATCH /webhooks/{application_id}/{interaction_token}/messages/{message_id}`.
    pub fn edit_followup<'a>(
        &'a self,
        application_id: ApplicationId,
        interaction_token: &'a str,
        message_id: MessageId,
    ) -> Builder<'a, op::EditFollowup, EditMessage> {
        Builder::with_body(
            self,
            Route::UpdateFollowupMessage {
                application_id,
                interaction_token,
                message_id,
            },
            EditMessage::new(),
        )
    }

    /// `DELETE /webhooks/{application_id}/{interaction_token}/messages/{message_id}`.
    pub fn delete_followup<'a>(
        &'a self,
        application_id: ApplicationId,
        interaction_token: &'a str,
        message_id: MessageId,
    ) -> Builder<'a, op::DeleteFollowup> {
        Builder::new(
            self,
            Route::DeleteFollowupMessage {
                application_id,
                interaction_token,
                message_id,
            },
        )
    }
}
