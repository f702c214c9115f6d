//! REST under `/api/v10`: auth, faults, rate limits, routing and responses.

pub(crate) mod error;
pub(crate) mod multipart;
pub(crate) mod routes;

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited, combinators::BoxBody};
use hyper::{Request, Response, body::Incoming};
use serde_json::{Value, json};

use crate::config::Config;
use crate::faults::{RateLimitScope, RestFault};
use crate::gateway::session::Dispatch;
use crate::ratelimit::{RouteHeaders, Verdict};
use crate::state::{Counters, Shared, State};
pub(crate) use error::ApiError;

/// A response body.
pub(crate) type Body = BoxBody<Bytes, Infallible>;

/// A handler's successful answer.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: Option<Value>,
    /// A body that is not JSON (an image): its content type and bytes.
    pub(crate) raw: Option<(&'static str, Bytes)>,
}

impl Reply {
    pub(crate) fn json(v: Value) -> Self {
        Self {
            status: 200,
            body: Some(v),
            raw: None,
        }
    }

    /// A 200 response that is not JSON.
    pub(crate) fn bytes(content_type: &'static str, bytes: Bytes) -> Self {
        Self {
            status: 200,
            body: None,
            raw: Some((content_type, bytes)),
        }
    }

    pub(crate) fn created(v: Value) -> Self {
        Self {
            status: 201,
            body: Some(v),
            raw: None,
        }
    }

    pub(crate) fn no_content() -> Self {
        Self {
            status: 204,
            body: None,
            raw: None,
        }
    }

    /// A 200 answer whose body is text that is not JSON (a CSV, …).
    pub(crate) fn raw(content_type: &'static str, text: String) -> Self {
        Self::bytes(content_type, Bytes::from(text))
    }
}

/// The result of a handler.
pub(crate) type HandlerResult = Result<Reply, ApiError>;

/// The request body as handlers see it.
#[derive(Debug, Default)]
pub(crate) struct ReqBody {
    pub(crate) json: Option<Value>,
    pub(crate) files: Vec<multipart::Upload>,
    pub(crate) invalid: bool,
}

/// Everything a handler knows about the request.
pub(crate) struct Ctx<'a> {
    pub(crate) cfg: &'a Config,
    pub(crate) counters: &'a Counters,
    /// The bot user making the request (0 for token routes).
    pub(crate) bot: u64,
    /// The bot's application (0 for token routes).
    pub(crate) app: u64,
    /// The scopes of the OAuth2 access token the request carried (`None` for a bot
    /// token or none); `bot` is then the token's user and `app` its application.
    pub(crate) bearer: Option<Vec<String>>,
    /// The raw `Authorization` header, for routes that authenticate otherwise
    /// (client credentials). Never logged.
    pub(crate) authorization: Option<String>,
    pub(crate) reason: Option<String>,
    pub(crate) query: &'a str,
    pub(crate) body: ReqBody,
}

impl Ctx<'_> {
    /// The JSON body (an empty object when none was sent).
    pub(crate) fn json(&self) -> Result<Value, ApiError> {
        if self.body.invalid {
            return Err(ApiError::invalid_json());
        }
        Ok(self.body.json.clone().unwrap_or_else(|| json!({})))
    }

    /// A query parameter.
    pub(crate) fn query(&self, key: &str) -> Option<&str> {
        self.query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k == key).then_some(v)
        })
    }

    /// Records an audited action in the guild's audit log, with the request's
    /// `X-Audit-Log-Reason`, and dispatches GUILD_AUDIT_LOG_ENTRY_CREATE.
    pub(crate) fn audit(
        &self,
        st: &mut State,
        guild: u64,
        action: u16,
        target: Option<u64>,
        changes: Value,
    ) {
        self.audit_with_options(st, guild, action, target, changes, Value::Null);
    }

    /// [`audit`](Self::audit) with the entry's `options` (prune counts, overwrite
    /// targets, …).
    pub(crate) fn audit_with_options(
        &self,
        st: &mut State,
        guild: u64,
        action: u16,
        target: Option<u64>,
        changes: Value,
        options: Value,
    ) {
        let reason = self.reason.as_deref();
        let Some(mut entry) = st
            .world
            .audit(guild, self.bot, action, target, reason, changes)
        else {
            return;
        };
        if !options.is_null() {
            entry["options"] = options;
            if let Some(last) = st
                .world
                .guilds
                .get_mut(&guild)
                .and_then(|g| g.audit_log.last_mut())
            {
                last.clone_from(&entry);
            }
        }
        let ev = Dispatch::new("GUILD_AUDIT_LOG_ENTRY_CREATE", entry)
            .guild(Some(guild))
            .intents(kokoro_model::Intents::GUILD_MODERATION);
        self.emit(st, ev);
    }

    /// Publishes a dispatch to the gateway.
    pub(crate) fn emit(&self, st: &mut State, ev: Dispatch) {
        crate::events::publish(st, ev, self.cfg.replay_buffer, self.counters);
    }
}

/// How a route authenticates and is rate limited.
#[derive(Debug)]
struct RouteInfo {
    group: &'static str,
    major: u64,
    bot_auth: bool,
    global_exempt: bool,
}

fn classify(method: &str, segs: &[&str]) -> RouteInfo {
    let id = |i: usize| segs.get(i).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
    let has = |s: &str| segs.contains(&s);
    let (group, major, bot_auth, global_exempt) = match segs.first().copied().unwrap_or("") {
        "channels" => {
            let group = if has("reactions") {
                "reactions"
            } else if has("pins") {
                "pins"
            } else if has("messages") && method == "DELETE" && segs.len() == 4 {
                "message-delete"
            } else if has("messages") || has("typing") {
                "messages"
            } else if has("threads") || has("thread-members") {
                "threads"
            } else if has("webhooks") {
                "webhooks"
            } else if has("invites") {
                "invites"
            } else {
                "channel"
            };
            (group, id(1), true, false)
        }
        "guilds" => {
            let group = match segs.get(2).copied() {
                None => "guild",
                Some("members") => "members",
                Some("roles") => "roles",
                Some("bans") => "bans",
                Some("channels") => "guild-channels",
                Some("audit-logs") => "audit-logs",
                Some("threads") => "threads",
                Some(_) => "guild-other",
            };
            (group, id(1), true, false)
        }
        "webhooks" if segs.len() >= 3 => ("webhook-token", id(1) ^ hash(segs[2]), false, false),
        "webhooks" => ("webhook", id(1), true, false),
        "interactions" => ("interaction-callback", id(1), false, true),
        "applications" => ("commands", id(1), true, false),
        // The JSON Web Key Set is public; partner-SDK token routes authenticate with
        // client credentials, which their handlers check (`Ctx::authorization`).
        "oauth2" if segs.get(1) == Some(&"keys") => ("oauth2", 0, false, false),
        "partner-sdk" if !segs.contains(&"bot") => ("partner-sdk", 0, false, false),
        "gateway" if segs.len() == 1 => ("gateway", 0, false, false),
        first => (
            match first {
                "users" => "users",
                "invites" => "invites",
                "gateway" => "gateway",
                _ => "other",
            },
            0,
            true,
            false,
        ),
    };
    RouteInfo {
        group,
        major,
        bot_auth,
        global_exempt,
    }
}

/// Who a request's `Authorization` header names.
struct Caller {
    user: u64,
    app: u64,
    /// The access token's scopes; `None` for a bot token.
    scopes: Option<Vec<String>>,
}

/// Resolves `Bot <token>` to the application's bot user and `Bearer <token>` to the
/// user who granted it; `None` for no header or an unknown token.
fn authenticate(world: &crate::world::World, auth: Option<&str>) -> Option<Caller> {
    let auth = auth?;
    if let Some(token) = auth.strip_prefix("Bot ") {
        let app = world.tokens.get(token).and_then(|a| world.apps.get(a))?;
        return Some(Caller {
            user: app.bot_user,
            app: app.id,
            scopes: None,
        });
    }
    let grant = world.bearer_tokens.get(auth.strip_prefix("Bearer ")?)?;
    Some(Caller {
        user: grant.user,
        app: grant.app,
        scopes: Some(grant.scopes.clone()),
    })
}

fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn epoch_secs() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

fn respond(status: u16, body: Option<&Value>, headers: &[(&str, String)]) -> Response<Body> {
    let bytes = body.map_or_else(Bytes::new, |b| Bytes::from(b.to_string()));
    let mut builder = Response::builder().status(status);
    if body.is_some() {
        builder = builder.header("content-type", "application/json");
    }
    for (k, v) in headers {
        builder = builder.header(*k, v.as_str());
    }
    builder
        .body(BoxBody::new(Full::new(bytes)))
        .unwrap_or_else(|_| Response::new(BoxBody::new(Full::new(Bytes::new()))))
}

fn respond_raw(
    status: u16,
    content_type: &str,
    bytes: Bytes,
    headers: &[(&str, String)],
) -> Response<Body> {
    let mut builder = Response::builder()
        .status(status)
        .header("content-type", content_type);
    for (k, v) in headers {
        builder = builder.header(*k, v.as_str());
    }
    builder
        .body(BoxBody::new(Full::new(bytes)))
        .unwrap_or_else(|_| Response::new(BoxBody::new(Full::new(Bytes::new()))))
}

fn route_headers(h: &RouteHeaders) -> Vec<(&'static str, String)> {
    vec![
        ("x-ratelimit-limit", h.limit.to_string()),
        ("x-ratelimit-remaining", h.remaining.to_string()),
        (
            "x-ratelimit-reset",
            format!("{:.3}", epoch_secs() + h.reset_after.as_secs_f64()),
        ),
        (
            "x-ratelimit-reset-after",
            format!("{:.3}", h.reset_after.as_secs_f64()),
        ),
        ("x-ratelimit-bucket", h.bucket.clone()),
    ]
}

fn too_many(
    scope: RateLimitScope,
    retry: std::time::Duration,
    mut headers: Vec<(&'static str, String)>,
) -> Response<Body> {
    let global = scope == RateLimitScope::Global;
    let secs = retry.as_secs_f64();
    headers.push(("retry-after", format!("{}", secs.ceil().max(0.0) as u64)));
    headers.push(("x-ratelimit-scope", scope.as_str().to_owned()));
    if global {
        headers.push(("x-ratelimit-global", "true".into()));
    }
    let body = json!({
        "message": "You are being rate limited.",
        "retry_after": (secs * 1000.0).round() / 1000.0,
        "global": global,
    });
    respond(429, Some(&body), &headers)
}

/// Handles one REST request.
pub(crate) async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Response<Body> {
    Counters::bump(&shared.counters.rest_requests);
    let method = req.method().as_str().to_owned();
    let path = req.uri().path().to_owned();
    let query = req.uri().query().unwrap_or("").to_owned();
    let Some(rest) = path
        .strip_prefix("/api/v10")
        .or_else(|| path.strip_prefix("/api/v9"))
    else {
        return respond(404, Some(&ApiError::not_found().body()), &[]);
    };
    let rest = rest.to_owned();
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let auth = header("authorization");
    let reason = header("x-audit-log-reason").map(|r| percent_decode(&r));
    let content_type = header("content-type").unwrap_or_default();

    // Faults first: they stand in for the network and Discord's edge.
    let fault = shared.lock().rest_faults.take(&method, &rest);
    match fault {
        Some(RestFault::Delay(d)) => {
            Counters::bump(&shared.counters.rest_faults);
            tokio::time::sleep(d).await;
        }
        Some(RestFault::Status(code)) => {
            Counters::bump(&shared.counters.rest_faults);
            shared
                .lock()
                .world
                .log("fault", format!("{method} {rest} -> {code}"));
            let body = json!({"message": format!("{code}: Internal Server Error"), "code": 0});
            return respond(code, Some(&body), &[]);
        }
        Some(RestFault::RateLimited(scope, retry)) => {
            Counters::bump(&shared.counters.rest_faults);
            Counters::bump(&shared.counters.rate_limited);
            let mut st = shared.lock();
            st.world.log(
                "fault",
                format!("{method} {rest} -> 429 {}", scope.as_str()),
            );
            if scope != RateLimitScope::Shared {
                Counters::bump(&shared.counters.invalid_requests);
                st.ratelimit.record_invalid(&shared.config, Instant::now());
            }
            drop(st);
            let info = classify(&method, &segments(&rest));
            let headers = if scope == RateLimitScope::Global {
                vec![]
            } else {
                let h = RouteHeaders {
                    limit: shared.config.route_limit(info.group).limit,
                    remaining: 0,
                    reset_after: retry,
                    bucket: crate::ratelimit::bucket_hash(info.group),
                };
                route_headers(&h)
            };
            return too_many(scope, retry, headers);
        }
        None => {}
    }

    let cfg = &shared.config;
    let body_bytes = match Limited::new(req.into_body(), cfg.max_body).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return respond(413, Some(&ApiError::too_large().body()), &[]),
    };
    let body = parse_body(&content_type, &body_bytes);
    let segs = segments(&rest);
    let info = classify(&method, &segs);
    let now = Instant::now();

    let mut st = shared.lock();
    if let Some(left) = st.ratelimit.banned(now) {
        Counters::bump(&shared.counters.banned_requests);
        drop(st);
        let body = json!({
            "message": "You are being blocked from accessing our API temporarily due to exceeding our rate limits frequently.",
            "code": 0,
            "retry_after": left.as_secs_f64(),
            "global": true,
        });
        return respond(
            429,
            Some(&body),
            &[(
                "retry-after",
                format!("{}", left.as_secs_f64().ceil() as u64),
            )],
        );
    }
    let mut bot = 0;
    let mut app = 0;
    let mut bearer = None;
    // Token routes (webhook and interaction tokens) act as nobody, whatever header
    // came with them.
    if info.bot_auth {
        match authenticate(&st.world, auth.as_deref()) {
            Some(who) => {
                bot = who.user;
                app = who.app;
                bearer = who.scopes;
            }
            None => {
                return finish_error(
                    &shared,
                    &mut st,
                    &method,
                    &rest,
                    ApiError::unauthorized(),
                    vec![],
                );
            }
        }
    }
    let mut headers = Vec::new();
    if info.group != "gateway" {
        let key = if info.bot_auth { bot } else { 0 };
        match st.ratelimit.check(
            cfg,
            key,
            info.group,
            info.major,
            info.global_exempt || !info.bot_auth,
            now,
        ) {
            Verdict::Allowed(h) => headers = route_headers(&h),
            Verdict::Route(h) => {
                Counters::bump(&shared.counters.rate_limited);
                Counters::bump(&shared.counters.invalid_requests);
                st.ratelimit.record_invalid(cfg, now);
                st.world.log("rest", format!("{method} {rest} -> 429 user"));
                let retry = h.reset_after;
                return too_many(RateLimitScope::User, retry, route_headers(&h));
            }
            Verdict::Global(retry) => {
                Counters::bump(&shared.counters.rate_limited);
                Counters::bump(&shared.counters.invalid_requests);
                st.ratelimit.record_invalid(cfg, now);
                st.world
                    .log("rest", format!("{method} {rest} -> 429 global"));
                return too_many(RateLimitScope::Global, retry, vec![]);
            }
        }
    }
    let mut ctx = Ctx {
        cfg,
        counters: &shared.counters,
        bot,
        app,
        bearer,
        authorization: auth,
        reason,
        query: &query,
        body,
    };
    let result = routes::route(&mut ctx, &mut st, &method, &segs);
    match result {
        Ok(reply) => {
            st.world
                .log("rest", format!("{method} {rest} -> {}", reply.status));
            drop(st);
            if let Some((content_type, bytes)) = reply.raw {
                return respond_raw(reply.status, content_type, bytes, &headers);
            }
            respond(reply.status, reply.body.as_ref(), &headers)
        }
        Err(e) => finish_error(&shared, &mut st, &method, &rest, e, headers),
    }
}

fn finish_error(
    shared: &Shared,
    st: &mut State,
    method: &str,
    path: &str,
    e: ApiError,
    headers: Vec<(&'static str, String)>,
) -> Response<Body> {
    if matches!(e.status, 401 | 403) {
        Counters::bump(&shared.counters.invalid_requests);
        st.ratelimit.record_invalid(&shared.config, Instant::now());
    }
    st.world.log(
        "rest",
        format!("{method} {path} -> {} {}", e.status, e.code),
    );
    respond(e.status, Some(&e.body()), &headers)
}

fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

fn parse_body(content_type: &str, bytes: &[u8]) -> ReqBody {
    if let Some(b) = multipart::boundary(content_type) {
        return match multipart::parse(bytes, b) {
            Some(form) => {
                let json = form
                    .payload_json
                    .as_deref()
                    .map(serde_json::from_slice::<Value>);
                match json {
                    Some(Err(_)) => ReqBody {
                        invalid: true,
                        ..ReqBody::default()
                    },
                    Some(Ok(v)) => ReqBody {
                        json: Some(v),
                        files: form.files,
                        invalid: false,
                    },
                    // A form of plain fields (a guild sticker's) reads as a JSON object.
                    None => ReqBody {
                        json: (!form.fields.is_empty()).then(|| {
                            Value::Object(
                                form.fields
                                    .into_iter()
                                    .map(|(k, v)| (k, Value::String(v)))
                                    .collect(),
                            )
                        }),
                        files: form.files,
                        invalid: false,
                    },
                }
            }
            None => ReqBody {
                invalid: true,
                ..ReqBody::default()
            },
        };
    }
    if bytes.is_empty() {
        return ReqBody::default();
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(v) => ReqBody {
            json: Some(v),
            ..ReqBody::default()
        },
        Err(_) => ReqBody {
            invalid: true,
            ..ReqBody::default()
        },
    }
}

/// Decodes `%XX` escapes (the audit log reason is URL-encoded).
pub(crate) fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
