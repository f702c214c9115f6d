//! Typed requests: builders that validate eagerly and `.await` to a decoded model.
//!
//! Every builder ends in a [`TypedRequest<T>`], which implements [`IntoFuture`]: the
//! builder is the request, `.await` sends it and decodes `T`. A family of operations is
//! one small builder per route over this machinery.
//!
//! ```no_run
//! # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
//! use kokoro_model::id::ChannelId;
//!
//! let me = client.current_user().await?;
//! client.create_message(ChannelId::new(1)).content(format!("hi, I am {}", me.username)).await?;
//! # Ok(()) }
//! ```

use std::{
    future::{Future, IntoFuture},
    marker::PhantomData,
    pin::Pin,
};

use kokoro_model::{
    id::{ChannelId, InteractionId, MessageId, UserId},
    user::User,
    validate::{self, ValidationError},
};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::{Body, Client, Error, Request, routes::Route};

/// A request ready to send, decoding its response as `T`. `.await` it.
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

/// `POST /channels/{channel_id}/messages`, built field by field.
///
/// Decodes to a JSON value until kokoro-model's `Message` lands; limits are checked as
/// each field is set.
#[must_use = "a request does nothing until awaited"]
pub struct CreateMessage<'a> {
    client: &'a Client,
    channel_id: ChannelId,
    payload: Map<String, Value>,
    error: Option<ValidationError>,
}

impl<'a> CreateMessage<'a> {
    /// Discord's limit on `content`.
    pub const CONTENT_MAX: usize = 2000;

    /// The message text (at most 2,000 characters).
    pub fn content(mut self, content: impl Into<String>) -> Self {
        let content = content.into();
        if let Err(e) = validate::max_chars("content", &content, Self::CONTENT_MAX) {
            self.error.get_or_insert(e);
        }
        self.payload
            .insert("content".into(), Value::String(content));
        self
    }

    /// Sends the message as text-to-speech.
    pub fn tts(mut self, tts: bool) -> Self {
        self.payload.insert("tts".into(), Value::Bool(tts));
        self
    }

    /// Sets any other field of the payload (embeds, components, …) as JSON.
    pub fn field(mut self, name: &str, value: Value) -> Self {
        self.payload.insert(name.to_owned(), value);
        self
    }

    fn into_request(self) -> TypedRequest<'a, Value> {
        let request = match self.error {
            Some(e) => Err(Error::Validation(e)),
            None if self.payload.is_empty() => Err(Error::Validation(ValidationError::new(
                "content",
                validate::ValidationErrorKind::Missing,
            ))),
            None => Body::json(&self.payload).map(|body| {
                Request::new(Route::CreateMessage {
                    channel_id: self.channel_id,
                })
                .body(body)
            }),
        };
        TypedRequest::new(self.client, request)
    }
}

impl<'a> IntoFuture for CreateMessage<'a> {
    type Output = Result<Value, Error>;
    type IntoFuture = <TypedRequest<'a, Value> as IntoFuture>::IntoFuture;

    fn into_future(self) -> Self::IntoFuture {
        self.into_request().into_future()
    }
}

impl Client {
    /// `GET /users/@me`: the user the token belongs to.
    pub fn current_user(&self) -> TypedRequest<'_, User> {
        TypedRequest::new(self, Ok(Request::new(Route::GetMyUser)))
    }

    /// `GET /users/{user_id}`.
    pub fn user(&self, user_id: UserId) -> TypedRequest<'_, User> {
        TypedRequest::new(self, Ok(Request::new(Route::GetUser { user_id })))
    }

    /// `DELETE /channels/{channel_id}/messages/{message_id}`.
    pub fn delete_message(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
    ) -> TypedRequest<'_, ()> {
        TypedRequest::new(
            self,
            Ok(Request::new(Route::DeleteMessage {
                channel_id,
                message_id,
            })),
        )
    }

    /// `PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me`: `emoji`
    /// is a unicode emoji or `name:id` for a custom one.
    pub fn add_reaction<'a>(
        &'a self,
        channel_id: ChannelId,
        message_id: MessageId,
        emoji: &'a str,
    ) -> TypedRequest<'a, ()> {
        TypedRequest::new(
            self,
            Ok(Request::new(Route::AddMyMessageReaction {
                channel_id,
                message_id,
                emoji_name: emoji,
            })),
        )
    }

    /// `POST /channels/{channel_id}/typing`.
    pub fn trigger_typing(&self, channel_id: ChannelId) -> TypedRequest<'_, ()> {
        TypedRequest::new(
            self,
            Ok(Request::new(Route::TriggerTypingIndicator { channel_id })),
        )
    }

    /// `POST /interactions/{id}/{token}/callback` with a response payload
    /// (`{"type": 4, "data": {...}}`). No bot token is sent, and the global limit does
    /// not apply.
    pub fn create_interaction_response<'a>(
        &'a self,
        interaction_id: InteractionId,
        interaction_token: &'a str,
        response: &Value,
    ) -> TypedRequest<'a, ()> {
        let request = Body::json(response).map(|body| {
            Request::new(Route::CreateInteractionResponse {
                interaction_id,
                interaction_token,
            })
            .body(body)
        });
        TypedRequest::new(self, request)
    }

    /// Starts a message for `channel_id`; `.await` sends it.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// let sent = client.create_message(kokoro_model::id::ChannelId::new(1)).content("pong").await?;
    /// # Ok(()) }
    /// ```
    pub fn create_message(&self, channel_id: ChannelId) -> CreateMessage<'_> {
        CreateMessage {
            client: self,
            channel_id,
            payload: Map::new(),
            error: None,
        }
    }
}

#[cfg(test)]
mod tests {
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
    }
}
