//! Typed requests: builders that validate eagerly and `.await` to a decoded model.
//!
//! Every operation is a [`Builder`] whose type names the operation ([`op`]) and its
//! body. A builder implements [`IntoFuture`]: setting fields checks Discord's limits
//! (with kokoro-model's validation), `.await` reports the first broken limit *before*
//! anything is sent, or sends the request and decodes the operation's kokoro-model type.
//! Operations Discord records in the audit log take [`Builder::reason`].
//!
//! ```no_run
//! # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
//! use kokoro_model::{id::{ChannelId, GuildId, UserId}, message::EmbedBuilder};
//!
//! let me = client.current_user().await?;
//! let sent = client
//!     .create_message(ChannelId::new(1))
//!     .content(format!("hi, I am {}", me.username))
//!     .embed(EmbedBuilder::new().title("news").build()?)
//!     .await?;
//! client.edit_message(sent.channel_id, sent.id).content("edited").await?;
//! client.kick_member(GuildId::new(2), UserId::new(3)).reason("spam").await?;
//! # Ok(()) }
//! ```
//!
//! Families: messages, reactions, channels, threads, members, roles, bans, webhooks,
//! interactions, application commands, gateway, current user, invites (see
//! `docs/http.md`). Anything else goes through [`Client::request`] or [`TypedRequest`].

mod applications;
mod channels;
mod expressions;
mod guilds;
mod lobbies;
mod message;
pub mod op;
mod resources;

use std::{
    future::{Future, IntoFuture},
    marker::PhantomData,
    pin::Pin,
};

use kokoro_model::{
    id::UserId,
    message::{CreateMessage, EditMessage, MessageFlags},
    validate::{self, ValidationError},
};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

pub use applications::{ApplicationUpdateOp, FileForm, MetadataRecords};
pub use channels::{ArchivedThreadsOp, AutoModerationRuleBody, AutoModerationRuleOp, VoiceStateOp};
pub use expressions::StickerUpload;
pub use lobbies::{InviteTargetUsers, TargetUsersFile};
pub use message::{InteractionCallbackOp, WebhookMessage};
pub use op::{Audited, Op};
pub use resources::{RoleOp, ThreadOp};

use crate::{Attachment, Body, Client, Error, Multipart, Request, routes::Route};

/// A request ready to send, decoding its response as `T`. `.await` it.
///
/// The low-level form of a typed request: any route, any body, any decoded type.
/// The [`Client`] methods return [`Builder`]s instead.
#[must_use = "a request does nothing until awaited"]
pub struct TypedRequest<'a, T> {
    client: &'a Client,
    request: Result<Request<'a>, Error>,
    _decode: PhantomData<fn() -> T>,
}

impl<'a, T> TypedRequest<'a, T> {
    /// A typed request; an `Err` (a validation failure) is returned when awaited, and
    /// nothing is sent.
    pub fn new(client: &'a Client, request: Result<Request<'a>, Error>) -> Self {
        Self {
            client,
            request,
            _decode: PhantomData,
        }
    }

    /// Sets the audit-log reason.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.request = self.request.map(|r| r.reason(reason));
        self
    }
}

impl<'a, T: DeserializeOwned + Send + 'a> IntoFuture for TypedRequest<'a, T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let response = self.client.send(self.request?).await?;
            if response.body.is_empty() {
                // 204 No Content: decodes as `()` (or any type that accepts null).
                return serde_json::from_slice(b"null").map_err(Error::Decode);
            }
            response.json()
        })
    }
}

/// What a [`Builder`] sends as its body: checked before sending, then encoded (as JSON,
/// or as `multipart/form-data` when files are attached).
pub trait Payload: Send + 'static {
    /// Checks Discord's limits on the whole body.
    fn check(&self) -> Result<(), ValidationError> {
        Ok(())
    }

    /// Encodes the body, with the attached files.
    fn encode(self, files: Vec<Attachment>) -> Result<Body, Error>;
}

/// No body.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoBody;

impl Payload for NoBody {
    fn encode(self, _: Vec<Attachment>) -> Result<Body, Error> {
        Ok(Body::Empty)
    }
}

impl Payload for Value {
    fn encode(self, files: Vec<Attachment>) -> Result<Body, Error> {
        encode_message(&self, files)
    }
}

fn encode_message<T: Serialize>(body: &T, files: Vec<Attachment>) -> Result<Body, Error> {
    if files.is_empty() {
        return Body::json(body);
    }
    let payload = serde_json::to_value(body)
        .map_err(|e| Error::Request(format!("body does not serialize: {e}")))?;
    Ok(files
        .into_iter()
        .fold(
            Multipart::new().payload_json(payload),
            Multipart::attachment,
        )
        .into())
}

impl Payload for CreateMessage {
    fn check(&self) -> Result<(), ValidationError> {
        self.validate()
    }

    fn encode(self, files: Vec<Attachment>) -> Result<Body, Error> {
        encode_message(&self, files)
    }
}

impl Payload for EditMessage {
    fn check(&self) -> Result<(), ValidationError> {
        self.validate()
    }

    fn encode(self, files: Vec<Attachment>) -> Result<Body, Error> {
        encode_message(&self, files)
    }
}

/// A typed request for the operation `O` with a body `B`: set its fields, then `.await`
/// it for `O::Output`.
///
/// Each setter checks its limit as it is called; the first broken limit is returned by
/// `.await` and nothing is sent. The error names the field:
///
/// ```
/// # async fn run(client: kokoro_http::Client) {
/// let err = client.messages(kokoro_model::id::ChannelId::new(1)).limit(500).await.unwrap_err();
/// assert_eq!(err.to_string(), "limit is 500, outside 1..=100");
/// # }
/// ```
#[must_use = "a request does nothing until awaited"]
pub struct Builder<'a, O, B = NoBody> {
    client: &'a Client,
    request: Request<'a>,
    body: B,
    files: Vec<Attachment>,
    error: Option<ValidationError>,
    _op: PhantomData<fn() -> O>,
}

impl<O, B: std::fmt::Debug> std::fmt::Debug for Builder<'_, O, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("request", &self.request)
            .field("body", &self.body)
            .field("files", &self.files)
            .field("error", &self.error)
            .finish()
    }
}

impl<'a, O, B> Builder<'a, O, B> {
    fn with_body(client: &'a Client, route: Route<'a>, body: B) -> Self
    where
        O: Op,
    {
        // Ties each marker to the routes it declares: `typed_operations()` (the coverage
        // test, `cargo xtask routes`) is only true if every builder keeps to them.
        debug_assert!(
            O::OPERATIONS.contains(&route.operation()),
            "{} is not among the operations of {}",
            route.operation(),
            std::any::type_name::<O>(),
        );
        Self {
            client,
            request: Request::new(route),
            body,
            files: Vec::new(),
            error: None,
            _op: PhantomData,
        }
    }

    /// Records a broken limit (the first one wins).
    fn check(mut self, result: Result<(), ValidationError>) -> Self {
        if let Err(e) = result {
            self.error.get_or_insert(e);
        }
        self
    }

    fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.request = self.request.query(key, &value.to_string());
        self
    }

    fn query_in_range(self, key: &'static str, value: u32, min: i64, max: i64) -> Self {
        self.check(validate::in_range(key, value.into(), min, max))
            .query(key, value)
    }
}

impl<'a, O: Op> Builder<'a, O, NoBody> {
    fn new(client: &'a Client, route: Route<'a>) -> Self {
        Self::with_body(client, route, NoBody)
    }
}

impl<'a, O> Builder<'a, O, Value> {
    fn json(client: &'a Client, route: Route<'a>) -> Self
    where
        O: Op,
    {
        Self::with_body(client, route, Value::Object(serde_json::Map::new()))
    }

    /// Sets any field of the JSON body, unchecked (for fields without a setter).
    pub fn field(mut self, name: &str, value: impl Serialize) -> Self {
        match serde_json::to_value(value) {
            Ok(v) => {
                if let Value::Object(map) = &mut self.body {
                    map.insert(name.to_owned(), v);
                }
            }
            Err(_) => {
                self.error.get_or_insert(ValidationError::invalid(
                    name.to_owned(),
                    "does not serialize",
                ));
            }
        }
        self
    }

    fn text(self, name: &'static str, value: String, min: usize, max: usize) -> Self {
        self.check(validate::chars_between(name, &value, min, max))
            .field(name, value)
    }

    fn number(self, name: &'static str, value: i64, min: i64, max: i64) -> Self {
        self.check(validate::in_range(name, value, min, max))
            .field(name, value)
    }
}

impl<O: Audited, B> Builder<'_, O, B> {
    /// Sets the audit-log reason (`X-Audit-Log-Reason`), for operations Discord records
    /// in the audit log.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.request = self.request.reason(reason);
        self
    }
}

impl<'a, O: Op, B: Payload> IntoFuture for Builder<'a, O, B>
where
    O::Output: DeserializeOwned + Send + 'a,
{
    type Output = Result<O::Output, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<O::Output, Error>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        let request = match self.error {
            Some(e) => Err(Error::Validation(e)),
            None => self
                .body
                .check()
                .map_err(Error::Validation)
                .and_then(|()| self.body.encode(self.files))
                .map(|body| self.request.body(body)),
        };
        TypedRequest::<O::Output>::new(self.client, request).into_future()
    }
}

/// A body that is a new message: kokoro-model's `CreateMessage`, or a [`WebhookMessage`].
pub trait MessageBody: Payload {
    /// The message.
    fn message_mut(&mut self) -> &mut CreateMessage;
}

impl MessageBody for CreateMessage {
    fn message_mut(&mut self) -> &mut CreateMessage {
        self
    }
}

/// Setters shared by every builder whose body is a new message.
impl<O, B: MessageBody> Builder<'_, O, B> {
    /// The message text (at most 2,000 characters).
    pub fn content(mut self, content: impl Into<String>) -> Self {
        self.body.message_mut().content = Some(content.into());
        self
    }

    /// Sends the message as text-to-speech.
    pub fn tts(mut self, tts: bool) -> Self {
        self.body.message_mut().tts = tts;
        self
    }

    /// Adds an embed (at most 10; build it with `EmbedBuilder`).
    pub fn embed(mut self, embed: kokoro_model::message::Embed) -> Self {
        self.body.message_mut().embeds.push(embed);
        self
    }

    /// Adds a top-level component (an action row, or a v2 layout component).
    pub fn component(mut self, component: impl Into<kokoro_model::component::Component>) -> Self {
        self.body.message_mut().components.push(component.into());
        self
    }

    /// Which mentions notify anyone (overrides the client's default).
    pub fn allowed_mentions(mut self, allowed: kokoro_model::message::AllowedMentions) -> Self {
        self.body.message_mut().allowed_mentions = Some(allowed);
        self
    }

    /// Replies to `message_id` (in the same channel).
    pub fn reply(mut self, message_id: kokoro_model::id::MessageId) -> Self {
        self.body.message_mut().message_reference =
            Some(kokoro_model::message::MessageReference::reply(message_id));
        self
    }

    /// Sets the message flags (`SUPPRESS_EMBEDS`, `SUPPRESS_NOTIFICATIONS`,
    /// `IS_COMPONENTS_V2`, …).
    pub fn flags(mut self, flags: MessageFlags) -> Self {
        self.body.message_mut().flags = Some(flags);
        self
    }

    /// Uploads a file (`files[n]`), described in the body's `attachments`.
    pub fn attachment(mut self, file: Attachment) -> Self {
        let mut meta =
            kokoro_model::message::PartialAttachment::new(self.files.len() as u64, &file.filename);
        meta.description.clone_from(&file.description);
        self.body.message_mut().attachments.push(meta);
        self.files.push(file);
        self
    }

    /// Replaces the message with one built with kokoro-model's `CreateMessage`
    /// (files attached with [`attachment`](Self::attachment) stay described).
    pub fn body(mut self, body: CreateMessage) -> Self {
        let message = self.body.message_mut();
        let files = std::mem::take(&mut message.attachments);
        *message = body;
        if !files.is_empty() {
            message.attachments = files;
        }
        self
    }
}

/// Setters shared by every builder whose body edits a message.
impl<O> Builder<'_, O, EditMessage> {
    /// Replaces the text (at most 2,000 characters).
    pub fn content(mut self, content: impl Into<String>) -> Self {
        self.body.content = Some(Some(content.into()));
        self
    }

    /// Replaces the embeds (at most 10).
    pub fn embeds(mut self, embeds: Vec<kokoro_model::message::Embed>) -> Self {
        self.body.embeds = Some(Some(embeds));
        self
    }

    /// Replaces the components.
    pub fn components(mut self, components: Vec<kokoro_model::component::Component>) -> Self {
        self.body.components = Some(Some(components));
        self
    }

    /// Which mentions notify anyone.
    pub fn allowed_mentions(mut self, allowed: kokoro_model::message::AllowedMentions) -> Self {
        self.body.allowed_mentions = Some(Some(allowed));
        self
    }

    /// Uploads a new file; list the attachments to keep with [`body`](Self::body)'s
    /// `attachments` (files are added to that list).
    pub fn attachment(mut self, file: Attachment) -> Self {
        let mut meta =
            kokoro_model::message::PartialAttachment::new(self.files.len() as u64, &file.filename);
        meta.description.clone_from(&file.description);
        self.body
            .attachments
            .get_or_insert(Some(Vec::new()))
            .get_or_insert_with(Vec::new)
            .push(meta);
        self.files.push(file);
        self
    }

    /// Replaces the whole edit with one built with kokoro-model's `EditMessage`.
    pub fn body(mut self, body: EditMessage) -> Self {
        self.body = body;
        self
    }
}

impl Client {
    /// `GET /users/@me`: the user the token belongs to.
    pub fn current_user(&self) -> Builder<'_, op::GetCurrentUser> {
        Builder::new(self, Route::GetMyUser)
    }

    /// `GET /users/{user_id}`.
    pub fn user(&self, user_id: UserId) -> Builder<'_, op::GetUser> {
        Builder::new(self, Route::GetUser { user_id })
    }
}

#[cfg(test)]
mod tests {
    use kokoro_model::id::ChannelId;

    use super::*;

    #[tokio::test]
    async fn builders_validate_before_sending() {
        // Nothing listens on the base: a request that got sent would fail with Transport.
        let client = Client::builder()
            .base_url("http://127.0.0.1:9/api/v10")
            .max_retries(0)
            .build();
        let err = client
            .create_message(ChannelId::new(1))
            .content("x".repeat(2001))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Validation(_)), "{err}");
        assert_eq!(
            err.to_string(),
            "content is 2001 characters long, more than the limit of 2000"
        );
        let err = client.create_message(ChannelId::new(1)).await.unwrap_err();
        assert!(matches!(err, Error::Validation(_)), "{err}");
        assert_eq!(err.to_string(), "content is required");
    }
}
