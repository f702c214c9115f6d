//! Every REST operation of Discord API v10 as a typed [`Route`].
//!
//! [`Route`] and [`Operation`] are generated from Discord's openapi.json by
//! `cargo xtask gen-routes`; `cargo xtask routes` lists them.
//!
//! ```
//! use kokoro_http::routes::{Method, Operation, ResourceKey, Route};
//! use kokoro_model::id::ChannelId;
//!
//! let route = Route::CreateMessage { channel_id: ChannelId::new(41771983423143937) };
//! assert_eq!(route.method(), Method::Post);
//! assert_eq!(route.template(), "/channels/{channel_id}/messages");
//! assert_eq!(route.path(), "/channels/41771983423143937/messages");
//! assert_eq!(route.resource(), ResourceKey::Channel(ChannelId::new(41771983423143937)));
//! assert_eq!(route.operation(), Operation::CreateMessage);
//! ```

use std::{
    fmt::{self, Write as _},
    hash::{BuildHasher, BuildHasherDefault, DefaultHasher},
};

use kokoro_model::id::{ChannelId, GuildId, WebhookId};

mod generated;

pub use generated::{Operation, Route};

/// The HTTP methods Discord's REST API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method's name, `"GET"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    pub(crate) fn to_http(self) -> hyper::Method {
        match self {
            Method::Get => hyper::Method::GET,
            Method::Post => hyper::Method::POST,
            Method::Put => hyper::Method::PUT,
            Method::Patch => hyper::Method::PATCH,
            Method::Delete => hyper::Method::DELETE,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method(), self.template())
    }
}

/// The top-level resource a route's rate limit is counted per.
///
/// Discord counts a bucket separately for each channel, guild and webhook (id, or id and
/// token) in the path; interaction routes are counted per interaction token. Tokens are
/// kept only as a hash, so a key is `Copy`, allocation-free and safe to log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResourceKey {
    /// The route has no top-level resource.
    None,
    /// `/channels/{channel_id}/…`
    Channel(ChannelId),
    /// `/guilds/{guild_id}/…`
    Guild(GuildId),
    /// `/webhooks/{webhook_id}[/{webhook_token}]/…`; the second field hashes the token
    /// (0 when the route has none).
    Webhook(WebhookId, u64),
    /// An interaction endpoint: the interaction (or application) id and a hash of the token.
    Interaction(u64, u64),
}

fn token_hash(token: &str) -> u64 {
    // SipHash with fixed keys: stable within and across processes, one-way enough that
    // the key never reveals the token.

    BuildHasherDefault::<DefaultHasher>::default().hash_one(token) | 1
}

impl ResourceKey {
    /// The key of a webhook route, with its token if the path has one.
    pub fn webhook(id: WebhookId, token: Option<&str>) -> Self {
        ResourceKey::Webhook(id, token.map_or(0, token_hash))
    }

    /// The key of an interaction route.
    pub fn interaction(id: u64, token: &str) -> Self {
        ResourceKey::Interaction(id, token_hash(token))
    }
}

/// Writes a concrete path, percent-encoding string parameters.
pub(crate) struct PathWriter<'a> {
    out: &'a mut String,
}

impl PathWriter<'_> {
    fn literal(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn display(&mut self, v: impl fmt::Display) {
        let _ = write!(self.out, "/{v}");
    }

    fn encoded(&mut self, v: &str) {
        self.out.push('/');
        encode_into(self.out, v, false);
    }
}

/// Percent-encodes `v` into `out`: everything but RFC 3986 unreserved characters (and `:`
/// in path segments, which emoji `name:id` use).
pub(crate) fn encode_into(out: &mut String, v: &str, query: bool) {
    for b in v.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (!query && b == b':');
        if keep {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

impl Route<'_> {
    /// The HTTP method.
    pub const fn method(&self) -> Method {
        self.operation().method()
    }

    /// The path template, `/channels/{channel_id}/messages`.
    pub const fn template(&self) -> &'static str {
        self.operation().template()
    }

    /// The concrete path below the API base, `/channels/41771983423143937/messages`.
    pub fn path(&self) -> String {
        let mut out = String::with_capacity(64);
        self.write_path(&mut PathWriter { out: &mut out });
        out
    }

    /// Appends the concrete path to `out` (no allocation when `out` has room).
    pub fn push_path(&self, out: &mut String) {
        self.write_path(&mut PathWriter { out });
    }

    /// Whether this is an interaction endpoint (exempt from the global rate limit, no
    /// client token sent).
    pub const fn is_interaction(&self) -> bool {
        self.operation().is_interaction()
    }

    /// Whether the client's token is sent with this route.
    pub const fn uses_token(&self) -> bool {
        self.operation().uses_token()
    }
}

impl fmt::Debug for Route<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct(self.operation().name());
        self.debug_fields(&mut s);
        s.finish()
    }
}

#[cfg(test)]
mod tests {
    use kokoro_model::id::{ApplicationId, InteractionId, MessageId};

    use super::*;

    #[test]
    fn paths_are_built_and_encoded() {
        let route = Route::AddMyMessageReaction {
            channel_id: ChannelId::new(1),
            message_id: MessageId::new(2),
            emoji_name: "👍",
        };
        assert_eq!(
            route.path(),
            "/channels/1/messages/2/reactions/%F0%9F%91%8D/@me"
        );
        let custom = Route::AddMyMessageReaction {
            channel_id: ChannelId::new(1),
            message_id: MessageId::new(2),
            emoji_name: "blob:123",
        };
        assert_eq!(
            custom.path(),
            "/channels/1/messages/2/reactions/blob:123/@me"
        );
        assert_eq!(Route::GetMyUser.path(), "/users/@me");
    }

    #[test]
    fn resources_follow_discords_top_level_rule() {
        let guild = GuildId::new(7);
        assert_eq!(
            Route::ListGuildMembers { guild_id: guild }.resource(),
            ResourceKey::Guild(guild)
        );
        assert_eq!(Route::GetMyUser.resource(), ResourceKey::None);
        let a = Route::ExecuteWebhook {
            webhook_id: WebhookId::new(3),
            webhook_token: "aaa",
        }
        .resource();
        let b = Route::ExecuteWebhook {
            webhook_id: WebhookId::new(3),
            webhook_token: "bbb",
        }
        .resource();
        assert_ne!(a, b);
        assert_ne!(
            a,
            Route::GetWebhook {
                webhook_id: WebhookId::new(3)
            }
            .resource()
        );
    }

    #[test]
    fn interaction_routes_are_flagged_and_token_less() {
        let callback = Route::CreateInteractionResponse {
            interaction_id: InteractionId::new(5),
            interaction_token: "secret-token",
        };
        assert!(callback.is_interaction());
        assert!(!callback.uses_token());
        let followup = Route::CreateFollowupMessage {
            application_id: ApplicationId::new(6),
            interaction_token: "secret-token",
        };
        assert!(followup.is_interaction());
        assert_eq!(followup.path(), "/webhooks/6/secret-token");
        let webhook = Route::ExecuteWebhook {
            webhook_id: WebhookId::new(3),
            webhook_token: "t",
        };
        assert!(!webhook.is_interaction());
        assert!(!webhook.uses_token());
        assert!(Route::GetMyUser.uses_token());

        // The global limit counts what is sent with the client's token only.
        use crate::ratelimit::RequestKey;
        assert!(!RequestKey::of(&callback).global);
        assert!(!RequestKey::of(&followup).global);
        assert!(!RequestKey::of(&webhook).global);
        let by_id = Route::GetWebhook {
            webhook_id: WebhookId::new(3),
        };
        assert!(RequestKey::of(&by_id).global);
        assert!(RequestKey::of(&Route::GetMyUser).global);
    }

    #[test]
    fn debug_redacts_tokens() {
        let route = Route::ExecuteWebhook {
            webhook_id: WebhookId::new(3),
            webhook_token: "hunter2",
        };
        let debug = format!("{route:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(
            debug.contains("execute_webhook") && debug.contains("<redacted>"),
            "{debug}"
        );
    }

    #[test]
    fn every_operation_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for op in Operation::ALL {
            assert!(seen.insert((op.method(), op.template())), "{op} twice");
        }
    }
}
