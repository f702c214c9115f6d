//! The client: connection pool, authentication, retries and the rate limiter.

use std::{fmt, sync::Arc, time::Duration};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::{
    Uri,
    header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue, USER_AGENT},
};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::{
    client::legacy::{
        Client as HyperClient,
        connect::{HttpConnector, proxy::Tunnel},
    },
    rt::TokioExecutor,
};
use kokoro_model::message::AllowedMentions;
use serde_json::Value;
use tokio::time::Instant;
use tracing::Instrument;

use crate::{
    Body, Error, Request, Response,
    error::ApiError,
    ratelimit::{
        InMemoryRateLimiter, Outcome, Permit, RateLimitHeaders, RateLimitScope, RateLimiter,
        RequestKey,
    },
    routes::{Operation, Route},
};

/// Discord's API base for v10.
pub const DEFAULT_BASE_URL: &str = "https://discord.com/api/v10";

/// The User-Agent Discord asks bots to send: `DiscordBot (url, version)`.
pub const USER_AGENT_VALUE: &str = concat!(
    "DiscordBot (https://github.com/kokoro-rs/kokoro, ",
    env!("CARGO_PKG_VERSION"),
    ")"
);

/// A credential: a bot token or an OAuth2 bearer token. `Debug` never shows it.
#[derive(Clone)]
pub struct Token {
    header: HeaderValue,
}

impl Token {
    /// A bot token (sent as `Bot <token>`; a leading `Bot ` is accepted).
    pub fn bot(token: &str) -> Self {
        let token = token.trim();
        let token = token.strip_prefix("Bot ").unwrap_or(token);
        Self::header(&format!("Bot {token}"))
    }

    /// An OAuth2 access token (sent as `Bearer <token>`).
    pub fn bearer(token: &str) -> Self {
        Self::header(&format!("Bearer {}", token.trim()))
    }

    fn header(value: &str) -> Self {
        // A token with characters a header cannot carry would be rejected by Discord
        // anyway: send an empty credential rather than panic.
        let mut header = HeaderValue::from_str(value)
            .unwrap_or_else(|_| HeaderValue::from_static("Bot invalid"));
        header.set_sensitive(true);
        Self { header }
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

type Direct = HyperClient<HttpsConnector<HttpConnector>, Full<Bytes>>;
type Proxied = HyperClient<HttpsConnector<Tunnel<HttpConnector>>, Full<Bytes>>;

#[derive(Clone)]
enum Transport {
    Direct(Direct),
    Proxied(Proxied),
}

impl Transport {
    async fn send(
        &self,
        request: hyper::Request<Full<Bytes>>,
    ) -> Result<hyper::Response<hyper::body::Incoming>, Error> {
        let result = match self {
            Transport::Direct(c) => c.request(request).await,
            Transport::Proxied(c) => c.request(request).await,
        };
        result.map_err(|e| Error::Transport(Box::new(e)))
    }
}

struct Inner {
    transport: Transport,
    base: String,
    token: Option<Token>,
    limiter: Arc<dyn RateLimiter>,
    timeout: Duration,
    max_rate_limit: Duration,
    max_retries: u32,
    retry_backoff: Duration,
    allowed_mentions: Option<Value>,
    user_agent: HeaderValue,
    max_response_bytes: usize,
}

/// A Discord REST client. Cheap to clone (an `Arc`); share one per token.
///
/// ```no_run
/// use kokoro_http::{Body, Client, routes::Route};
/// use kokoro_model::{id::ChannelId, user::User};
///
/// # async fn run() -> Result<(), kokoro_http::Error> {
/// let client = Client::new(std::env::var("DISCORD_TOKEN").unwrap_or_default());
/// let me: User = client.request(Route::GetMyUser, Body::Empty, &[]).await?.json()?;
/// let body = Body::json(&serde_json::json!({ "content": format!("hello from {}", me.username) }))?;
/// client.request(Route::CreateMessage { channel_id: ChannelId::new(1) }, body, &[]).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.base)
            .field("token", &self.inner.token)
            .field("limiter", &self.inner.limiter)
            .field("timeout", &self.inner.timeout)
            .field("max_rate_limit", &self.inner.max_rate_limit)
            .field("max_retries", &self.inner.max_retries)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`].
///
/// ```
/// use std::time::Duration;
/// use kokoro_http::Client;
///
/// let client = Client::builder()
///     .token("my-bot-token")
///     .base_url("http://127.0.0.1:8080/api/v10")
///     .timeout(Duration::from_secs(10))
///     .max_rate_limit(Duration::from_secs(5))
///     .max_retries(2)
///     .build();
/// assert!(!format!("{client:?}").contains("my-bot-token"));
/// ```
#[must_use]
pub struct ClientBuilder {
    base: String,
    token: Option<Token>,
    proxy: Option<Uri>,
    limiter: Option<Arc<dyn RateLimiter>>,
    timeout: Duration,
    connect_timeout: Duration,
    max_rate_limit: Duration,
    max_retries: u32,
    retry_backoff: Duration,
    allowed_mentions: Option<Value>,
    max_response_bytes: usize,
    http2: bool,
    user_agent: Option<String>,
    pool_idle_timeout: Duration,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base", &self.base)
            .field("token", &self.token)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base: DEFAULT_BASE_URL.to_owned(),
            token: None,
            proxy: None,
            limiter: None,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_rate_limit: Duration::from_secs(60),
            max_retries: 3,
            retry_backoff: Duration::from_millis(250),
            allowed_mentions: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            http2: false,
            user_agent: None,
            pool_idle_timeout: Duration::from_secs(90),
        }
    }
}

impl ClientBuilder {
    /// Authenticates with a bot token.
    pub fn token(mut self, token: impl AsRef<str>) -> Self {
        self.token = Some(Token::bot(token.as_ref()));
        self
    }

    /// Authenticates with an OAuth2 bearer token.
    pub fn bearer_token(mut self, token: impl AsRef<str>) -> Self {
        self.token = Some(Token::bearer(token.as_ref()));
        self
    }

    /// Sends requests to another base than `https://discord.com/api/v10`: an emulator, or
    /// a rate-limiting proxy (pair it with [`NoopRateLimiter`](crate::ratelimit::NoopRateLimiter)).
    pub fn base_url(mut self, base: impl Into<String>) -> Self {
        self.base = base.into().trim_end_matches('/').to_owned();
        self
    }

    /// Connects through an HTTP proxy: every connection is an HTTP `CONNECT` tunnel to
    /// the proxy at `proxy` (`http://host:port`), TLS runs end to end inside it.
    pub fn http_proxy(mut self, proxy: Uri) -> Self {
        self.proxy = Some(proxy);
        self
    }

    /// Replaces the default [`InMemoryRateLimiter`].
    pub fn rate_limiter(mut self, limiter: Arc<dyn RateLimiter>) -> Self {
        self.limiter = Some(limiter);
        self
    }

    /// Time allowed for one attempt (sending and reading the response). Default 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to connect. Default 10 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The longest rate-limit wait a request accepts, in total; beyond it the request
    /// fails at once with [`Error::RateLimited`]. Default 60 s.
    pub fn max_rate_limit(mut self, max: Duration) -> Self {
        self.max_rate_limit = max;
        self
    }

    /// Retries after a 5xx, a connection error, a timeout or a 429. Default 3.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The first retry backoff after a 5xx or connection error; doubles each time
    /// (up to 10 s). Default 250 ms.
    pub fn retry_backoff(mut self, backoff: Duration) -> Self {
        self.retry_backoff = backoff;
        self
    }

    /// The largest response body read (default 64 MiB); a larger one fails with
    /// [`Error::ResponseTooLarge`] instead of growing memory without bound.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// `allowed_mentions` added to message payloads that have none
    /// (e.g. `AllowedMentions::none()` to never ping).
    pub fn default_allowed_mentions(mut self, allowed_mentions: AllowedMentions) -> Self {
        self.allowed_mentions = serde_json::to_value(allowed_mentions).ok();
        self
    }

    /// Offers HTTP/2 (negotiated with ALPN over TLS). Default: HTTP/1.1 only.
    pub fn http2(mut self, enabled: bool) -> Self {
        self.http2 = enabled;
        self
    }

    /// Appends to the User-Agent, after Discord's required `DiscordBot (url, version)`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent = Some(suffix.into());
        self
    }

    /// Builds the client. Needs no runtime; requests need a tokio runtime.
    pub fn build(self) -> Client {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(self.connect_timeout));
        http.set_nodelay(true);
        let mut pool = HyperClient::builder(TokioExecutor::new());
        pool.pool_idle_timeout(self.pool_idle_timeout);
        let tls = HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http();
        let transport = match self.proxy {
            None => {
                let connector = if self.http2 {
                    tls.enable_all_versions().wrap_connector(http)
                } else {
                    tls.enable_http1().wrap_connector(http)
                };
                Transport::Direct(pool.build(connector))
            }
            Some(proxy) => {
                let tunnel = Tunnel::new(proxy, http);
                let connector = if self.http2 {
                    tls.enable_all_versions().wrap_connector(tunnel)
                } else {
                    tls.enable_http1().wrap_connector(tunnel)
                };
                Transport::Proxied(pool.build(connector))
            }
        };
        let ua = match &self.user_agent {
            Some(s) => format!("{USER_AGENT_VALUE} {s}"),
            None => USER_AGENT_VALUE.to_owned(),
        };
        Client {
            inner: Arc::new(Inner {
                transport,
                base: self.base,
                token: self.token,
                limiter: self
                    .limiter
                    .unwrap_or_else(|| Arc::new(InMemoryRateLimiter::default())),
                timeout: self.timeout,
                max_rate_limit: self.max_rate_limit,
                max_retries: self.max_retries,
                retry_backoff: self.retry_backoff,
                allowed_mentions: self.allowed_mentions,
                max_response_bytes: self.max_response_bytes,
                user_agent: HeaderValue::from_str(&ua)
                    .unwrap_or(HeaderValue::from_static(USER_AGENT_VALUE)),
            }),
        }
    }
}

/// The default of [`ClientBuilder::max_response_bytes`]: far above Discord's largest
/// answers (a thousand members, a hundred messages with embeds, a target-user CSV).
const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 << 20;

/// Operations whose JSON body is a message that takes `allowed_mentions`.
fn takes_allowed_mentions(op: Operation) -> Option<bool> {
    use Operation as O;
    match op {
        O::CreateMessage
        | O::UpdateMessage
        | O::ExecuteWebhook
        | O::UpdateWebhookMessage
        | O::UpdateOriginalWebhookMessage
        | O::CreateFollowupMessage
        | O::UpdateFollowupMessage
        | O::UpdateOriginalInteractionResponse => Some(false),
        // The message is the callback's `data`.
        O::CreateInteractionResponse => Some(true),
        _ => None,
    }
}

fn add_allowed_mentions(payload: &mut Value, default: &Value, nested: bool) {
    let target = if nested {
        payload.get_mut("data")
    } else {
        Some(payload)
    };
    if let Some(Value::Object(map)) = target {
        map.entry("allowed_mentions")
            .or_insert_with(|| default.clone());
    }
}

/// Percent-encodes an audit-log reason for its header.
fn encode_reason(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    for b in reason.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b' ') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Client {
    /// A client authenticated with a bot token, with every default.
    ///
    /// ```
    /// let client = kokoro_http::Client::new("my-bot-token");
    /// # drop(client);
    /// ```
    pub fn new(token: impl AsRef<str>) -> Self {
        Self::builder().token(token).build()
    }

    /// A client without a token: for webhooks and interaction responses, which carry
    /// their own token in the path.
    pub fn without_token() -> Self {
        Self::builder().build()
    }

    /// Starts building a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The rate limiter in use.
    pub fn rate_limiter(&self) -> &Arc<dyn RateLimiter> {
        &self.inner.limiter
    }

    /// Sends a request for `route` with a body and query parameters, waiting for the
    /// rate limiter and retrying as configured.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_http::{Body, routes::Route};
    /// use kokoro_model::id::ChannelId;
    ///
    /// let route = Route::ListMessages { channel_id: ChannelId::new(1) };
    /// let messages: serde_json::Value = client.request(route, Body::Empty, &[("limit", "10")]).await?.json()?;
    /// # Ok(()) }
    /// ```
    pub async fn request(
        &self,
        route: Route<'_>,
        body: Body,
        query: &[(&str, &str)],
    ) -> Result<Response, Error> {
        let mut request = Request::new(route).body(body);
        for (k, v) in query {
            request = request.query(k, v);
        }
        self.send(request).await
    }

    /// Sends a [`Request`] (which may carry an audit-log reason).
    pub async fn send(&self, request: Request<'_>) -> Result<Response, Error> {
        let op = request.route.operation();
        let span = tracing::debug_span!(
            "kokoro_http::request",
            route = %op,
            bucket = tracing::field::Empty,
            status = tracing::field::Empty,
            waited_ms = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        self.send_inner(request).instrument(span).await
    }

    async fn send_inner(&self, request: Request<'_>) -> Result<Response, Error> {
        let inner = &*self.inner;
        let route = request.route;
        let op = route.operation();
        let mut uri = String::with_capacity(inner.base.len() + 64 + request.query.len());
        uri.push_str(&inner.base);
        route.push_path(&mut uri);
        uri.push_str(&request.query);
        let uri: Uri = uri
            .parse()
            .map_err(|_| Error::Request(format!("invalid URL for {op} (check the base URL)")))?;

        let (content_type, body): (Option<HeaderValue>, Bytes) = match request.body {
            Body::Empty => (None, Bytes::new()),
            Body::Json(bytes) => match (&inner.allowed_mentions, takes_allowed_mentions(op)) {
                (Some(default), Some(nested)) => {
                    let mut v: Value = serde_json::from_slice(&bytes)
                        .map_err(|e| Error::Request(format!("JSON body is not valid JSON: {e}")))?;
                    add_allowed_mentions(&mut v, default, nested);
                    let bytes =
                        serde_json::to_vec(&v).map_err(|e| Error::Request(e.to_string()))?;
                    (
                        Some(HeaderValue::from_static("application/json")),
                        bytes.into(),
                    )
                }
                _ => (Some(HeaderValue::from_static("application/json")), bytes),
            },
            Body::Multipart(mut form) => {
                if let (Some(default), Some(nested), Some(payload)) = (
                    &inner.allowed_mentions,
                    takes_allowed_mentions(op),
                    form.payload_mut(),
                ) {
                    add_allowed_mentions(payload, default, nested);
                }
                let (ctype, bytes) = form.encode()?;
                (HeaderValue::from_str(&ctype).ok(), bytes)
            }
        };
        let reason = match &request.reason {
            Some(r) => Some(
                HeaderValue::from_str(&encode_reason(r))
                    .map_err(|_| Error::Request("audit log reason".into()))?,
            ),
            None => None,
        };

        let key = RequestKey::of(&route);
        let started = Instant::now();
        let mut attempt: u32 = 0;
        let mut waited = Duration::ZERO;
        let span = tracing::Span::current();
        loop {
            let budget = inner
                .max_rate_limit
                .saturating_sub(started.elapsed().min(waited));
            let permit: Permit =
                inner
                    .limiter
                    .acquire(key, budget)
                    .await
                    .map_err(|e| Error::RateLimited {
                        retry_after: e.retry_after,
                        scope: e.scope,
                    })?;
            waited += permit.waited();
            span.record("waited_ms", waited.as_millis() as u64);
            attempt += 1;
            span.record("attempts", attempt);

            let mut builder = hyper::Request::builder()
                .method(route.method().to_http())
                .uri(uri.clone())
                .header(USER_AGENT, inner.user_agent.clone());
            if route.uses_token()
                && let Some(token) = &inner.token
            {
                builder = builder.header(AUTHORIZATION, token.header.clone());
            }
            if let Some(ct) = &content_type {
                builder = builder.header(CONTENT_TYPE, ct.clone());
            }
            if let Some(reason) = &reason {
                builder = builder.header("x-audit-log-reason", reason.clone());
            }
            let http_request = builder
                .body(Full::new(body.clone()))
                .map_err(|e| Error::Request(e.to_string()))?;

            let result = tokio::time::timeout(inner.timeout, async {
                let response = inner.transport.send(http_request).await?;
                let (parts, incoming) = response.into_parts();
                let limit = inner.max_response_bytes;
                let bytes = Limited::new(incoming, limit)
                    .collect()
                    .await
                    .map_err(|e| {
                        if e.is::<LengthLimitError>() {
                            Error::ResponseTooLarge { limit }
                        } else {
                            Error::Transport(e)
                        }
                    })?
                    .to_bytes();
                Ok::<_, Error>((parts.status.as_u16(), parts.headers, bytes))
            })
            .await;

            let (status, headers, bytes) = match result {
                Ok(Ok(r)) => r,
                // Discord answered: sending again would repeat what it did.
                Ok(Err(e @ Error::ResponseTooLarge { .. })) => {
                    permit.complete(&Outcome::Failed);
                    return Err(e);
                }
                Ok(Err(_)) | Err(_) if attempt <= inner.max_retries => {
                    permit.complete(&Outcome::Failed);
                    let backoff = self.backoff(attempt);
                    tracing::debug!(attempt, ?backoff, "request failed, retrying");
                    tokio::time::sleep(backoff).await;
                    continue;
                }
                Ok(Err(e)) => {
                    permit.complete(&Outcome::Failed);
                    return Err(e);
                }
                Err(_) => {
                    permit.complete(&Outcome::Failed);
                    return Err(Error::Timeout(inner.timeout));
                }
            };
            let mut rl = RateLimitHeaders::from_headers(&headers);
            if status == 429 {
                // The body's retry_after is more precise than the header.
                if let Some(secs) = serde_json::from_slice::<Value>(&bytes)
                    .ok()
                    .and_then(|v| v.get("retry_after").and_then(Value::as_f64))
                    .filter(|s| s.is_finite() && *s >= 0.0)
                {
                    rl.retry_after = Some(Duration::from_secs_f64(secs));
                }
            }
            if let Some(bucket) = rl.bucket {
                span.record("bucket", bucket);
            }
            span.record("status", status);
            permit.complete(&Outcome::Response {
                status,
                headers: rl,
            });

            if status == 429 {
                let scope = rl.scope_of_429();
                let retry_after = rl.retry_after.unwrap_or(Duration::from_secs(1));
                tracing::warn!(%scope, ?retry_after, "429 from Discord");
                let spent = started.elapsed();
                if attempt > inner.max_retries || spent + retry_after > inner.max_rate_limit {
                    return Err(Error::RateLimited { retry_after, scope });
                }
                if scope == RateLimitScope::Shared {
                    // The bucket is not penalised; only this request waits.
                    tokio::time::sleep(retry_after).await;
                    waited += retry_after;
                }
                continue;
            }
            if matches!(status, 500 | 502 | 503 | 504) && attempt <= inner.max_retries {
                let backoff = self.backoff(attempt);
                tracing::debug!(status, attempt, ?backoff, "server error, retrying");
                tokio::time::sleep(backoff).await;
                continue;
            }
            if (200..300).contains(&status) {
                return Ok(Response {
                    status,
                    headers,
                    body: bytes,
                });
            }
            return Err(Error::Api(ApiError::parse(status, op.to_string(), &bytes)));
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.inner.retry_backoff;
        base.saturating_mul(1 << attempt.saturating_sub(1).min(16))
            .min(Duration::from_secs(10))
    }
}
