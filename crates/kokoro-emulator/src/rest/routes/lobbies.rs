//! Lobbies, partner-SDK routes, invite target users and the current user's profile,
//! connections and guilds.

use std::collections::{BTreeMap, HashMap};

use kokoro_model::id::{ApplicationId, ChannelId, GuildId, LobbyId, MessageId, UserId};
use kokoro_model::{Permissions, Timestamp};
use serde_json::{Map, Value, json};

use super::{id, require_guild, visible_channel};
use crate::driver::Emulator;
use crate::gateway::commands::id_field;
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::{InviteRec, make_token};

/// Discord's limits on lobby and lobby member metadata.
const METADATA_ENTRIES: usize = 25;
const METADATA_TOTAL: usize = 1000;
const MEMBERS_MAX: usize = 25;

/// A lobby member.
#[derive(Clone, Debug, Default)]
struct MemberRec {
    metadata: Option<BTreeMap<String, String>>,
    flags: u32,
    additional_name: Option<String>,
}

/// A lobby of an application.
#[derive(Clone, Debug)]
struct LobbyRec {
    id: u64,
    app: u64,
    metadata: Option<BTreeMap<String, String>>,
    members: BTreeMap<u64, MemberRec>,
    flags: u32,
    idle_timeout: u32,
    override_url: Option<String>,
    linked_channel: Option<u64>,
    secret: Option<String>,
    /// Messages, oldest first.
    messages: Vec<Value>,
}

/// A provisional account of the Social SDK.
#[derive(Clone, Debug)]
struct ProvisionalRec {
    user: u64,
    merged: bool,
}

/// The job that set an invite's target users.
#[derive(Clone, Debug)]
struct TargetUsersRec {
    users: Vec<u64>,
    job: Value,
}

/// What the emulator remembers of lobbies, provisional accounts, invite target users,
/// and the parts of users the world does not keep (avatars, banners, connections).
#[derive(Debug, Default)]
pub(crate) struct Store {
    lobbies: BTreeMap<u64, LobbyRec>,
    client_secrets: HashMap<u64, String>,
    provisional: HashMap<(u64, String), ProvisionalRec>,
    target_users: HashMap<String, TargetUsersRec>,
    /// Avatar and banner hashes set with `PATCH /users/@me`.
    pub(crate) profiles: HashMap<u64, (Option<String>, Option<String>)>,
    /// Avatar hashes of webhooks set with `PATCH /webhooks/…`.
    pub(crate) webhook_avatars: HashMap<u64, Option<String>>,
    connections: HashMap<u64, Vec<Value>>,
    dm_moderation: HashMap<u64, BTreeMap<String, String>>,
}

fn unknown_lobby() -> ApiError {
    ApiError::new(404, 10031, "Unknown Lobby")
}

/// A hash standing in for an uploaded image (a data URI), or a 50035 error.
pub(crate) fn image_hash(v: &Value, key: &str) -> Result<Option<Option<String>>, ApiError> {
    match v.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(uri)) => {
            let valid = uri.starts_with("data:image/")
                && uri
                    .split_once(";base64,")
                    .is_some_and(|(_, data)| !data.is_empty());
            if !valid {
                return Err(ApiError::form(key, "IMAGE_INVALID", "Invalid image data"));
            }
            let h = uri.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
            Ok(Some(Some(format!("{h:016x}{:016x}", h.rotate_left(29)))))
        }
        Some(_) => Err(ApiError::form(key, "IMAGE_INVALID", "Invalid image data")),
    }
}

/// A string/string map of at most `entries` pairs and `total` characters.
fn metadata(
    v: &Value,
    key: &str,
    entries: usize,
    total: usize,
) -> Result<Option<Option<BTreeMap<String, String>>>, ApiError> {
    let map = match v.get(key) {
        None => return Ok(None),
        Some(Value::Null) => return Ok(Some(None)),
        Some(Value::Object(o)) => o,
        Some(_) => {
            return Err(ApiError::form(
                key,
                "DICT_TYPE_CONVERT",
                "Only dictionaries may be used in a DictType",
            ));
        }
    };
    if map.len() > entries {
        return Err(ApiError::form(
            key,
            "BASE_TYPE_MAX_LENGTH",
            format!("Must be {entries} or fewer in length."),
        ));
    }
    let mut out = BTreeMap::new();
    let mut len = 0;
    for (k, val) in map {
        let s = val.as_str().ok_or_else(|| {
            ApiError::form(
                &format!("{key}.{k}"),
                "STRING_TYPE_CONVERT",
                "Could not interpret value as string.",
            )
        })?;
        len += k.chars().count() + s.chars().count();
        out.insert(k.clone(), s.to_owned());
    }
    if len > total {
        return Err(ApiError::max_length(key, total));
    }
    Ok(Some(Some(out)))
}

fn lobby_metadata(
    v: &Value,
    key: &str,
) -> Result<Option<Option<BTreeMap<String, String>>>, ApiError> {
    metadata(v, key, METADATA_ENTRIES, METADATA_TOTAL)
}

fn idle_timeout(v: &Value) -> Result<Option<u32>, ApiError> {
    match v.get("idle_timeout_seconds") {
        None | Some(Value::Null) => Ok(None),
        Some(t) => t
            .as_u64()
            .filter(|t| (5..=604_800).contains(t))
            .map(|t| Some(t as u32))
            .ok_or_else(|| {
                ApiError::form(
                    "idle_timeout_seconds",
                    "NUMBER_TYPE_MAX",
                    "Int value should be between 5 and 604800.",
                )
            }),
    }
}

fn additional_name(v: &Value, path: &str) -> Result<Option<String>, ApiError> {
    match v.get("additional_name") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if (1..=80).contains(&s.chars().count()) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::form(
            &format!("{path}additional_name"),
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 80 in length.",
        )),
    }
}

fn member_json(id: u64, m: &MemberRec) -> Value {
    let mut v = json!({
        "id": id.to_string(),
        "metadata": m.metadata,
        "flags": m.flags,
    });
    if let Some(n) = &m.additional_name {
        v["additional_name"] = n.clone().into();
    }
    v
}

fn lobby_json(st: &State, l: &LobbyRec) -> Value {
    let mut v = json!({
        "id": l.id.to_string(),
        "application_id": l.app.to_string(),
        "metadata": l.metadata,
        "members": l.members.iter().map(|(id, m)| member_json(*id, m)).collect::<Vec<_>>(),
        "flags": l.flags,
    });
    if let Some(c) = l.linked_channel.and_then(|c| st.world.channels.get(&c)) {
        v["linked_channel"] = c.json(&st.world);
    }
    if let Some(u) = &l.override_url {
        v["override_event_webhooks_url"] = u.clone().into();
    }
    v
}

/// The members of a request body (`members`), checked: known users, at most 25.
fn members(st: &State, v: &Value) -> Result<Option<BTreeMap<u64, MemberRec>>, ApiError> {
    let list = match v.get("members") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(a)) => a,
        Some(_) => {
            return Err(ApiError::form(
                "members",
                "LIST_TYPE_CONVERT",
                "Only iterables may be used in a ListType",
            ));
        }
    };
    if list.len() > MEMBERS_MAX {
        return Err(ApiError::max_length("members", MEMBERS_MAX));
    }
    let mut out = BTreeMap::new();
    for (i, m) in list.iter().enumerate() {
        let path = format!("members.{i}.");
        let uid = id_field(m, "id").ok_or_else(|| ApiError::required(&format!("{path}id")))?;
        if !st.world.users.contains_key(&uid) {
            return Err(ApiError::unknown_user());
        }
        let metadata = lobby_metadata(m, "metadata")
            .map_err(|e| prefix(e, &path))?
            .flatten();
        out.insert(
            uid,
            MemberRec {
                metadata,
                flags: m.get("flags").and_then(Value::as_u64).unwrap_or(0) as u32 & 1,
                additional_name: additional_name(m, &path)?,
            },
        );
    }
    Ok(Some(out))
}

/// Nests a form error under a path prefix (`members.0.`).
fn prefix(mut e: ApiError, path: &str) -> ApiError {
    if let Some(errors) = e.errors.take() {
        let mut errors = errors;
        for part in path.trim_end_matches('.').rsplit('.') {
            let mut o = Map::new();
            o.insert(part.to_owned(), errors);
            errors = Value::Object(o);
        }
        e.errors = Some(errors);
    }
    e
}

fn lobby_mut<'a>(st: &'a mut State, app: u64, l: &str) -> Result<&'a mut LobbyRec, ApiError> {
    let l = id(l, "lobby_id")?;
    st.world
        .lobbies
        .lobbies
        .get_mut(&l)
        .filter(|r| r.app == app)
        .ok_or_else(unknown_lobby)
}

/// The lobby, for a bot of its application or (with a Bearer token) one of its members.
fn lobby_for<'a>(ctx: &Ctx<'_>, st: &'a mut State, l: &str) -> Result<&'a mut LobbyRec, ApiError> {
    let me = ctx.bot;
    let bearer = ctx.bearer.is_some();
    let lobby = lobby_mut(st, ctx.app, l)?;
    if bearer && !lobby.members.contains_key(&me) {
        return Err(unknown_lobby());
    }
    Ok(lobby)
}

fn bot_only(ctx: &Ctx<'_>) -> Result<(), ApiError> {
    if ctx.bearer.is_some() {
        return Err(ApiError::new(401, 50025, "Invalid OAuth2 access token"));
    }
    Ok(())
}

/// An invite to the guild of the lobby's linked channel, for `user`.
fn lobby_invite(ctx: &Ctx<'_>, st: &mut State, l: &str, user: Option<u64>) -> HandlerResult {
    let me = ctx.bot;
    let lobby = lobby_for(ctx, st, l)?;
    let user = user.unwrap_or(me);
    if !lobby.members.contains_key(&user) {
        return Err(ApiError::unknown_member());
    }
    // Discord does not document this error's code: the emulator's guess.
    let channel = lobby
        .linked_channel
        .ok_or_else(|| ApiError::new(400, 50346, "The lobby is not linked to a channel"))?;
    let guild_id = st
        .world
        .channels
        .get(&channel)
        .and_then(|c| c.guild_id)
        .ok_or_else(ApiError::unknown_channel)?;
    let n = st.world.ids.next();
    let code: String = make_token(n, 11).chars().take(10).collect();
    st.world.invites.insert(
        code.clone(),
        InviteRec {
            code: code.clone(),
            guild_id,
            channel_id: channel,
            inviter: user,
            max_age: 86_400,
            max_uses: 1,
            uses: 0,
            temporary: false,
            created_at: Timestamp::now(),
        },
    );
    Ok(Reply::json(json!({ "code": code })))
}

fn moderation_metadata(ctx: &Ctx<'_>) -> Result<BTreeMap<String, String>, ApiError> {
    let body = ctx.json()?;
    let Value::Object(o) = &body else {
        return Err(ApiError::form(
            "_",
            "DICT_TYPE_CONVERT",
            "Only dictionaries may be used in a DictType",
        ));
    };
    if o.len() > 5 {
        return Err(ApiError::form(
            "_",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 5 or fewer in length.",
        ));
    }
    o.iter()
        .map(|(k, v)| match v.as_str() {
            _ if k.chars().count() > 1024 => Err(ApiError::form(
                "_",
                "BASE_TYPE_MAX_LENGTH",
                "Keys must be 1024 or fewer in length.",
            )),
            Some(s) if s.chars().count() <= 2000 => Ok((k.clone(), s.to_owned())),
            Some(_) => Err(ApiError::max_length(k, 2000)),
            None => Err(ApiError::form(
                k,
                "STRING_TYPE_CONVERT",
                "Could not interpret value as string.",
            )),
        })
        .collect()
}

/// The application a partner-SDK request authenticates as: a bot token, or the body's
/// `client_id` with its `client_secret`.
fn client_app(ctx: &Ctx<'_>, st: &State, body: &Value) -> Result<u64, ApiError> {
    let from_header = ctx
        .authorization
        .as_deref()
        .and_then(|a| a.strip_prefix("Bot "))
        .and_then(|t| st.world.tokens.get(t))
        .copied();
    let client = id_field(body, "client_id");
    if let Some(app) = from_header {
        if client.is_some_and(|c| c != app) {
            return Err(ApiError::unauthorized());
        }
        return Ok(app);
    }
    let client = client.ok_or_else(|| ApiError::required("client_id"))?;
    let secret = body.get("client_secret").and_then(Value::as_str);
    match (st.world.lobbies.client_secrets.get(&client), secret) {
        (Some(s), Some(given)) if s == given => Ok(client),
        _ => Err(ApiError::unauthorized()),
    }
}

/// The application of the request's `Bot` token (for routes the router does not
/// authenticate).
fn bot_app(ctx: &Ctx<'_>, st: &State) -> Result<u64, ApiError> {
    ctx.authorization
        .as_deref()
        .and_then(|a| a.strip_prefix("Bot "))
        .and_then(|t| st.world.tokens.get(t))
        .copied()
        .ok_or_else(ApiError::unauthorized)
}

use super::text_between as text;

/// A provisional account's token: its user is created on first use.
fn provisional_token(
    st: &mut State,
    app: u64,
    external: String,
    global_name: Option<String>,
) -> Value {
    let key = (app, external);
    let user = match st.world.lobbies.provisional.get(&key) {
        Some(p) => p.user,
        None => {
            let n = st.world.lobbies.provisional.len() + 1;
            let user = st.world.add_user(&format!("provisional_{n}"), false);
            st.world.lobbies.provisional.insert(
                key,
                ProvisionalRec {
                    user,
                    merged: false,
                },
            );
            user
        }
    };
    if let (Some(name), Some(u)) = (global_name, st.world.users.get_mut(&user)) {
        u.global_name = Some(name);
    }
    let salt = st.world.ids.next();
    let token = make_token(user ^ app, salt);
    let scopes = ["openid", "sdk.social_layer"];
    st.world.bearer_tokens.insert(
        token.clone(),
        crate::world::BearerRec {
            app,
            user,
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        },
    );
    let expires_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        + 3600;
    json!({
        "token_type": "Bearer",
        "access_token": token,
        "expires_in": 3600,
        "scope": scopes.join(" "),
        "id_token": format!("eyJhbGciOiJSUzI1NiJ9.{}.{}", make_token(user, 1), make_token(app, 2)),
        "refresh_token": make_token(user, salt),
        "scopes": scopes,
        "expires_at_s": expires_at,
    })
}

fn unmerge(st: &mut State, app: u64, external: String) -> HandlerResult {
    let p = st
        .world
        .lobbies
        .provisional
        .get_mut(&(app, external))
        .ok_or_else(ApiError::unknown_user)?;
    // Discord does not document this error's code: the emulator's guess.
    if !p.merged {
        return Err(ApiError::new(
            400,
            530_002,
            "The provisional account is not merged",
        ));
    }
    p.merged = false;
    Ok(Reply::no_content())
}

/// Whether the bot may see (`read`) or manage an invite's target users: its inviter,
/// MANAGE_GUILD, or (to read them) VIEW_AUDIT_LOG.
fn target_invite(ctx: &Ctx<'_>, st: &State, code: &str, read: bool) -> Result<(), ApiError> {
    let inv = st
        .world
        .invites
        .get(code)
        .ok_or_else(ApiError::unknown_invite)?;
    if inv.inviter == ctx.bot {
        return Ok(());
    }
    require_guild(st, ctx.bot, inv.guild_id, Permissions::MANAGE_GUILD).or_else(|e| {
        if read {
            require_guild(st, ctx.bot, inv.guild_id, Permissions::VIEW_AUDIT_LOG)
        } else {
            Err(e)
        }
    })
}

fn put_target_users(ctx: &mut Ctx<'_>, st: &mut State, code: &str) -> HandlerResult {
    target_invite(ctx, st, code, false)?;
    if ctx.body.invalid {
        return Err(ApiError::invalid_json());
    }
    let file = ctx
        .body
        .files
        .iter()
        .find(|f| f.field == "target_users_file")
        .ok_or_else(|| ApiError::required("target_users_file"))?;
    let csv = String::from_utf8_lossy(&file.data);
    let mut rows = csv
        .lines()
        .enumerate()
        .map(|(i, l)| {
            (
                i + 1,
                l.split(',').next().unwrap_or("").trim().trim_matches('"'),
            )
        })
        .filter(|(_, c)| !c.is_empty())
        .peekable();
    // A header names the column.
    if rows
        .peek()
        .is_some_and(|(_, c)| !c.bytes().all(|b| b.is_ascii_digit()))
    {
        rows.next();
    }
    let mut users = Vec::new();
    let mut unknown = Vec::new();
    let mut invalid = Vec::new();
    for (line, cell) in rows {
        match cell.parse::<u64>() {
            Ok(u) if u != 0 && st.world.users.contains_key(&u) => users.push(u),
            Ok(u) if u != 0 => unknown.push(cell.to_owned()),
            _ => invalid.push(Value::String(format!(
                "Line {line}: invalid user ID format"
            ))),
        }
    }
    if !invalid.is_empty() {
        let mut e = ApiError::new(400, 50035, "Invalid Form Body");
        e.errors = Some(json!({ "target_users_file": invalid }));
        return Err(e);
    }
    let total = users.len() + unknown.len();
    let now = Timestamp::now().to_string();
    let job = if unknown.is_empty() {
        json!({"status": 2, "total_users": total, "processed_users": total, "created_at": now, "completed_at": now, "error_message": null})
    } else {
        json!({"status": 3, "total_users": total, "processed_users": users.len(), "created_at": now, "completed_at": null,
            "error_message": format!("Unknown users: {}", unknown.join(", "))})
    };
    st.world
        .lobbies
        .target_users
        .insert(code.to_owned(), TargetUsersRec { users, job });
    Ok(Reply::no_content())
}

fn lobby_message(ctx: &Ctx<'_>, st: &mut State, l: &str) -> HandlerResult {
    let me = ctx.bot;
    let body = ctx.json()?;
    let content = super::string_field(&body, "content", 4000)?.unwrap_or_default();
    let embeds = body.get("embeds").cloned().unwrap_or_else(|| json!([]));
    if content.is_empty() && embeds.as_array().is_none_or(Vec::is_empty) {
        return Err(ApiError::empty_message());
    }
    let dispatch_metadata = lobby_metadata(&body, "metadata")?.flatten();
    let author = st
        .world
        .users
        .get(&me)
        .map(|u| u.json())
        .ok_or_else(ApiError::unknown_user)?;
    let mid = st.world.ids.next();
    let app = ctx.app;
    let lobby = lobby_for(ctx, st, l)?;
    let member = lobby.members.get(&me).cloned();
    let mut v = json!({
        "id": mid.to_string(),
        "type": 0,
        "content": content,
        "lobby_id": lobby.id.to_string(),
        "channel_id": lobby.id.to_string(),
        "author": author,
        "flags": 0,
        "application_id": app.to_string(),
        "embeds": embeds,
    });
    if let Some(name) = member.and_then(|m| m.additional_name) {
        v["lobby_member"] = json!({ "additional_name": name });
    }
    lobby.messages.push(v.clone());
    if let Some(m) = dispatch_metadata {
        v["metadata"] = json!(m);
    }
    Ok(Reply::created(v))
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    Some(match (method, segs) {
        ("POST", ["lobbies"]) => (|| {
            bot_only(ctx)?;
            let body = ctx.json()?;
            let metadata = lobby_metadata(&body, "metadata")?.flatten();
            let members = members(st, &body)?.unwrap_or_default();
            let idle_timeout = idle_timeout(&body)?.unwrap_or(300);
            let override_url = super::string_field(&body, "override_event_webhooks_url", 512)?;
            let lid = st.world.ids.next();
            let lobby = LobbyRec {
                id: lid,
                app: ctx.app,
                metadata,
                members,
                flags: body.get("flags").and_then(Value::as_u64).unwrap_or(0) as u32 & 1,
                idle_timeout,
                override_url,
                linked_channel: None,
                secret: None,
                messages: vec![],
            };
            let v = lobby_json(st, &lobby);
            st.world.lobbies.lobbies.insert(lid, lobby);
            Ok(Reply::created(v))
        })(),
        ("PUT", ["lobbies"]) => (|| {
            let body = ctx.json()?;
            let secret =
                text(&body, "secret", 1, 250)?.ok_or_else(|| ApiError::required("secret"))?;
            let lobby_meta = lobby_metadata(&body, "lobby_metadata")?.flatten();
            let member_meta = lobby_metadata(&body, "member_metadata")?.flatten();
            let idle = idle_timeout(&body)?;
            let (app, me) = (ctx.app, ctx.bot);
            let existing = st
                .world
                .lobbies
                .lobbies
                .values()
                .find(|l| l.app == app && l.secret.as_deref() == Some(secret.as_str()))
                .map(|l| l.id);
            let lid = match existing {
                Some(l) => l,
                None => {
                    let lid = st.world.ids.next();
                    st.world.lobbies.lobbies.insert(
                        lid,
                        LobbyRec {
                            id: lid,
                            app,
                            metadata: lobby_meta,
                            members: BTreeMap::new(),
                            flags: body.get("flags").and_then(Value::as_u64).unwrap_or(0) as u32
                                & 1,
                            idle_timeout: idle.unwrap_or(300),
                            override_url: None,
                            linked_channel: None,
                            secret: Some(secret),
                            messages: vec![],
                        },
                    );
                    lid
                }
            };
            let lobby = st
                .world
                .lobbies
                .lobbies
                .get_mut(&lid)
                .ok_or_else(unknown_lobby)?;
            let member = lobby.members.entry(me).or_default();
            if member_meta.is_some() {
                member.metadata = member_meta;
            }
            let lobby = lobby.clone();
            Ok(Reply::json(lobby_json(st, &lobby)))
        })(),
        ("GET", ["lobbies", l]) => (|| {
            let lobby = lobby_for(ctx, st, l)?.clone();
            Ok(Reply::json(lobby_json(st, &lobby)))
        })(),
        ("PATCH", ["lobbies", l]) => (|| {
            bot_only(ctx)?;
            let body = ctx.json()?;
            let metadata = lobby_metadata(&body, "metadata")?;
            let new_members = members(st, &body)?;
            let idle = idle_timeout(&body)?;
            let override_url = super::string_field(&body, "override_event_webhooks_url", 512)?;
            let lobby = lobby_mut(st, ctx.app, l)?;
            if let Some(m) = metadata {
                lobby.metadata = m;
            }
            if let Some(m) = new_members {
                lobby.members = m;
            }
            if let Some(t) = idle {
                lobby.idle_timeout = t;
            }
            if let Some(f) = body.get("flags").and_then(Value::as_u64) {
                lobby.flags = f as u32 & 1;
            }
            if override_url.is_some() {
                lobby.override_url = override_url;
            }
            let lobby = lobby.clone();
            Ok(Reply::json(lobby_json(st, &lobby)))
        })(),
        ("DELETE", ["lobbies", l]) => (|| {
            bot_only(ctx)?;
            // Safe to call for a lobby already deleted.
            let lid = id(l, "lobby_id")?;
            let app = ctx.app;
            st.world
                .lobbies
                .lobbies
                .retain(|k, r| *k != lid || r.app != app);
            Ok(Reply::no_content())
        })(),
        ("PATCH", ["lobbies", l, "channel-linking"]) => (|| {
            let body = ctx.json()?;
            let channel = match body.get("channel_id") {
                None | Some(Value::Null) => None,
                Some(_) => Some(id_field(&body, "channel_id").ok_or_else(|| {
                    ApiError::form(
                        "channel_id",
                        "NUMBER_TYPE_COERCE",
                        "Value is not snowflake.",
                    )
                })?),
            };
            let (me, bearer) = (ctx.bot, ctx.bearer.is_some());
            if let Some(c) = channel {
                let ch = visible_channel(st, me, c)?;
                if ch.guild_id.is_none() || ch.kind != 0 {
                    return Err(ApiError::new(
                        400,
                        50024,
                        "Cannot execute action on this channel type",
                    ));
                }
                let guild = ch.guild_id.unwrap_or_default();
                require_guild(st, me, guild, Permissions::MANAGE_CHANNELS)
                    .or_else(|_| super::require_channel(st, me, c, Permissions::MANAGE_CHANNELS))?;
            }
            let lobby = lobby_for(ctx, st, l)?;
            if bearer {
                let can_link = lobby.flags & 1 != 0
                    || lobby.members.get(&me).is_some_and(|m| m.flags & 1 != 0);
                if !can_link {
                    return Err(ApiError::missing_permissions());
                }
            }
            lobby.linked_channel = channel;
            let lobby = lobby.clone();
            Ok(Reply::json(lobby_json(st, &lobby)))
        })(),
        ("DELETE", ["lobbies", l, "members", "@me"]) => (|| {
            let me = ctx.bot;
            // Safe to call when no longer a member; fails for an unknown lobby.
            lobby_mut(st, ctx.app, l)?.members.remove(&me);
            Ok(Reply::no_content())
        })(),
        ("POST", ["lobbies", l, "members", "@me", "invites"]) => lobby_invite(ctx, st, l, None),
        ("POST", ["lobbies", l, "members", "bulk"]) => (|| {
            bot_only(ctx)?;
            let body = ctx.json()?;
            let list = body.as_array().ok_or_else(|| {
                ApiError::form(
                    "_",
                    "LIST_TYPE_CONVERT",
                    "Only iterables may be used in a ListType",
                )
            })?;
            if list.is_empty() || list.len() > MEMBERS_MAX {
                return Err(ApiError::form(
                    "_",
                    "BASE_TYPE_BAD_LENGTH",
                    format!("Must be between 1 and {MEMBERS_MAX} in length."),
                ));
            }
            let mut changes = Vec::new();
            for (i, m) in list.iter().enumerate() {
                let path = format!("{i}.");
                let uid =
                    id_field(m, "id").ok_or_else(|| ApiError::required(&format!("{path}id")))?;
                if !st.world.users.contains_key(&uid) {
                    return Err(ApiError::unknown_user());
                }
                let remove = m
                    .get("remove_member")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                let meta = lobby_metadata(m, "metadata").map_err(|e| prefix(e, &path))?;
                let name = additional_name(m, &path)?;
                let flags = m.get("flags").and_then(Value::as_u64).map(|f| f as u32 & 1);
                changes.push((uid, remove, meta, name, flags));
            }
            let lobby = lobby_mut(st, ctx.app, l)?;
            let mut out = Vec::new();
            for (uid, remove, meta, name, flags) in changes {
                if remove {
                    lobby.members.remove(&uid);
                    continue;
                }
                let m = lobby.members.entry(uid).or_default();
                if let Some(meta) = meta {
                    m.metadata = meta;
                }
                if name.is_some() {
                    m.additional_name = name;
                }
                if let Some(f) = flags {
                    m.flags = f;
                }
                out.push(member_json(uid, m));
            }
            Ok(Reply::json(Value::Array(out)))
        })(),
        ("PUT", ["lobbies", l, "members", u]) => (|| {
            bot_only(ctx)?;
            let uid = id(u, "user_id")?;
            if !st.world.users.contains_key(&uid) {
                return Err(ApiError::unknown_user());
            }
            let body = ctx.json()?;
            let meta = lobby_metadata(&body, "metadata")?;
            let name = additional_name(&body, "")?;
            let lobby = lobby_mut(st, ctx.app, l)?;
            let m = lobby.members.entry(uid).or_default();
            if let Some(meta) = meta {
                m.metadata = meta;
            }
            if name.is_some() {
                m.additional_name = name;
            }
            if let Some(f) = body.get("flags").and_then(Value::as_u64) {
                m.flags = f as u32 & 1;
            }
            Ok(Reply::json(member_json(uid, m)))
        })(),
        ("DELETE", ["lobbies", l, "members", u]) => (|| {
            bot_only(ctx)?;
            let uid = id(u, "user_id")?;
            // Safe to call when no longer a member; fails for an unknown lobby.
            lobby_mut(st, ctx.app, l)?.members.remove(&uid);
            Ok(Reply::no_content())
        })(),
        ("POST", ["lobbies", l, "members", u, "invites"]) => (|| {
            bot_only(ctx)?;
            let uid = id(u, "user_id")?;
            lobby_invite(ctx, st, l, Some(uid))
        })(),
        ("GET", ["lobbies", l, "messages"]) => (|| {
            let limit = match ctx.query("limit") {
                None => 50,
                Some(s) => s
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=200).contains(n))
                    .ok_or_else(|| {
                        ApiError::form(
                            "limit",
                            "NUMBER_TYPE_MAX",
                            "Int value should be between 1 and 200.",
                        )
                    })?,
            };
            let lobby = lobby_for(ctx, st, l)?;
            Ok(Reply::json(Value::Array(
                lobby.messages.iter().rev().take(limit).cloned().collect(),
            )))
        })(),
        ("POST", ["lobbies", l, "messages"]) => lobby_message(ctx, st, l),
        ("PUT", ["lobbies", l, "messages", m, "moderation-metadata"]) => (|| {
            bot_only(ctx)?;
            let mid = id(m, "message_id")?;
            let meta = moderation_metadata(ctx)?;
            let lobby = lobby_mut(st, ctx.app, l)?;
            let msg = lobby
                .messages
                .iter_mut()
                .find(|v| id_field(v, "id") == Some(mid))
                .ok_or_else(ApiError::unknown_message)?;
            msg["moderation_metadata"] = json!(meta);
            Ok(Reply::no_content())
        })(),

        ("POST", ["partner-sdk", "token"]) => (|| {
            let body = ctx.json()?;
            let app = client_app(ctx, st, &body)?;
            external_auth_type(&body)?;
            let token = text(&body, "external_auth_token", 1, 10_240)?
                .ok_or_else(|| ApiError::required("external_auth_token"))?;
            Ok(Reply::json(provisional_token(st, app, token, None)))
        })(),
        ("POST", ["partner-sdk", "token", "bot"]) => (|| {
            bot_only(ctx)?;
            let body = ctx.json()?;
            let external = text(&body, "external_user_id", 1, 1024)?
                .ok_or_else(|| ApiError::required("external_user_id"))?;
            let name = text(&body, "preferred_global_name", 1, 32)?;
            if let Some(p) = id_field(&body, "provisional_user_id") {
                let known = st
                    .world
                    .lobbies
                    .provisional
                    .get(&(ctx.app, external.clone()))
                    .is_some_and(|r| r.user == p);
                if !known {
                    return Err(ApiError::unknown_user());
                }
            }
            Ok(Reply::json(provisional_token(st, ctx.app, external, name)))
        })(),
        ("POST", ["partner-sdk", "provisional-accounts", "unmerge"]) => (|| {
            let body = ctx.json()?;
            let app = client_app(ctx, st, &body)?;
            external_auth_type(&body)?;
            let token = text(&body, "external_auth_token", 1, 10_240)?
                .ok_or_else(|| ApiError::required("external_auth_token"))?;
            unmerge(st, app, token)
        })(),
        ("POST", ["partner-sdk", "provisional-accounts", "unmerge", "bot"]) => (|| {
            bot_only(ctx)?;
            let body = ctx.json()?;
            let external = text(&body, "external_user_id", 1, 1024)?
                .ok_or_else(|| ApiError::required("external_user_id"))?;
            unmerge(st, ctx.app, external)
        })(),
        (
            "PUT",
            [
                "partner-sdk",
                "dms",
                a,
                b,
                "messages",
                m,
                "moderation-metadata",
            ],
        ) => (|| {
            // Not bot-authenticated by the router (`partner-sdk`): the bot token is checked here.
            bot_app(ctx, st)?;
            let (a, b) = (id(a, "user_id_1")?, id(b, "user_id_2")?);
            let mid = id(m, "message_id")?;
            let meta = moderation_metadata(ctx)?;
            let channel = *st
                .world
                .dms
                .get(&(a.min(b), a.max(b)))
                .ok_or_else(ApiError::unknown_channel)?;
            st.world
                .messages
                .get(&channel)
                .and_then(|ms| ms.get(&mid))
                .ok_or_else(ApiError::unknown_message)?;
            st.world.lobbies.dm_moderation.insert(mid, meta);
            Ok(Reply::no_content())
        })(),

        ("GET", ["invites", code, "target-users"]) => (|| {
            target_invite(ctx, st, code, true)?;
            let rec = st
                .world
                .lobbies
                .target_users
                .get(*code)
                .ok_or_else(|| ApiError::new(404, 10_070, "Unknown invite target users"))?;
            let csv = rec
                .users
                .iter()
                .fold(String::from("user_id\n"), |mut out, u| {
                    out.push_str(&u.to_string());
                    out.push('\n');
                    out
                });
            Ok(Reply::raw("text/csv", csv))
        })(),
        ("PUT", ["invites", code, "target-users"]) => put_target_users(ctx, st, code),
        ("GET", ["invites", code, "target-users", "job-status"]) => (|| {
            target_invite(ctx, st, code, true)?;
            let rec = st
                .world
                .lobbies
                .target_users
                .get(*code)
                .ok_or_else(|| ApiError::new(404, 10_070, "Unknown invite target users"))?;
            Ok(Reply::json(rec.job.clone()))
        })(),

        ("PATCH", ["users", "@me"]) => (|| {
            bot_only(ctx)?;
            let body = ctx.json()?;
            let username = text(&body, "username", 2, 32)?;
            if let Some(name) = &username {
                let lower = name.to_lowercase();
                if lower.contains("discord") || lower.contains("clyde") {
                    return Err(ApiError::form(
                        "username",
                        "USERNAME_INVALID_CONTAINS",
                        "Username cannot contain \"discord\"",
                    ));
                }
            }
            let avatar = image_hash(&body, "avatar")?;
            let banner = image_hash(&body, "banner")?;
            let me = ctx.bot;
            let user = st
                .world
                .users
                .get_mut(&me)
                .ok_or_else(ApiError::unknown_user)?;
            if let Some(n) = username {
                user.username = n;
            }
            let profile = st.world.lobbies.profiles.entry(me).or_default();
            if let Some(a) = avatar {
                profile.0 = a;
            }
            if let Some(b) = banner {
                profile.1 = b;
            }
            let v = current_user_json(st, me).ok_or_else(ApiError::unknown_user)?;
            ctx.emit(st, Dispatch::new("USER_UPDATE", v.clone()).only_user(me));
            Ok(Reply::json(v))
        })(),
        ("GET", ["users", "@me", "connections"]) => (|| {
            if let Some(scopes) = &ctx.bearer
                && !scopes.iter().any(|s| s == "connections")
            {
                return Err(ApiError::missing_access());
            }
            Ok(Reply::json(Value::Array(
                st.world
                    .lobbies
                    .connections
                    .get(&ctx.bot)
                    .cloned()
                    .unwrap_or_default(),
            )))
        })(),
        ("DELETE", ["users", "@me", "guilds", g]) => (|| {
            let g = id(g, "guild_id")?;
            let me = ctx.bot;
            let guild = st
                .world
                .guilds
                .get(&g)
                .filter(|gr| gr.members.contains_key(&me))
                .ok_or_else(ApiError::unknown_guild)?;
            if guild.owner_id == me {
                return Err(ApiError::new(400, 50055, "Invalid Guild"));
            }
            super::members::remove_member(ctx, st, g, me);
            Ok(Reply::no_content())
        })(),
        ("GET", ["users", "@me", "guilds", g, "member"]) => (|| {
            let scopes = ctx
                .bearer
                .as_ref()
                .ok_or_else(|| ApiError::new(401, 50025, "Invalid OAuth2 access token"))?;
            if !scopes.iter().any(|s| s == "guilds.members.read") {
                return Err(ApiError::missing_access());
            }
            let g = id(g, "guild_id")?;
            let guild = st
                .world
                .guilds
                .get(&g)
                .ok_or_else(ApiError::unknown_guild)?;
            let m = guild
                .members
                .get(&ctx.bot)
                .ok_or_else(ApiError::unknown_guild)?;
            Ok(Reply::json(st.world.member_json(guild, m)))
        })(),
        _ => return None,
    })
}

fn external_auth_type(body: &Value) -> Result<(), ApiError> {
    const TYPES: [&str; 8] = [
        "OIDC",
        "EPIC_ONLINE_SERVICES_ACCESS_TOKEN",
        "EPIC_ONLINE_SERVICES_ID_TOKEN",
        "STEAM_SESSION_TICKET",
        "UNITY_SERVICES_ID_TOKEN",
        "DISCORD_BOT_ISSUED_ACCESS_TOKEN",
        "APPLE_ID_TOKEN",
        "PLAYSTATION_NETWORK_ID_TOKEN",
    ];
    match body.get("external_auth_type").and_then(Value::as_str) {
        Some(t) if TYPES.contains(&t) => Ok(()),
        Some(_) => Err(ApiError::form(
            "external_auth_type",
            "BASE_TYPE_CHOICES",
            "Value must be one of the auth types.",
        )),
        None => Err(ApiError::required("external_auth_type")),
    }
}

/// The current user's JSON (`GET`/`PATCH /users/@me`), with its avatar and banner.
pub(crate) fn current_user_json(st: &State, me: u64) -> Option<Value> {
    let u = st.world.users.get(&me)?;
    let mut v = u.json();
    if let Some((avatar, banner)) = st.world.lobbies.profiles.get(&me) {
        v["avatar"] = json!(avatar);
        v["banner"] = json!(banner);
    }
    v["verified"] = true.into();
    v["mfa_enabled"] = false.into();
    v["flags"] = 0.into();
    v["locale"] = "en-US".into();
    Some(v)
}

impl Emulator {
    /// Gives `app` a client secret for the client-credential partner-SDK routes
    /// (`POST /partner-sdk/token`, …); returns it.
    pub fn create_client_secret(&self, app: ApplicationId) -> String {
        self.with(|st| {
            let salt = st.world.ids.next();
            let secret = make_token(app.get(), salt)[..32].to_owned();
            st.world
                .lobbies
                .client_secrets
                .insert(app.get(), secret.clone());
            secret
        })
    }

    /// The provisional account `app` knows as `external_user_id` (the external auth
    /// token for the client-credential routes), if one was issued: its user, and
    /// whether it is merged into a full account.
    pub fn provisional_account(
        &self,
        app: ApplicationId,
        external_user_id: &str,
    ) -> Option<(UserId, bool)> {
        self.with(|st| {
            st.world
                .lobbies
                .provisional
                .get(&(app.get(), external_user_id.to_owned()))
                .map(|p| (UserId::new(p.user), p.merged))
        })
    }

    /// Merges a provisional account into a full account (what a player does in
    /// Discord's client); `false` when there is no such account.
    pub fn merge_provisional_account(&self, app: ApplicationId, external_user_id: &str) -> bool {
        self.with(|st| {
            st.world
                .lobbies
                .provisional
                .get_mut(&(app.get(), external_user_id.to_owned()))
                .map(|p| p.merged = true)
                .is_some()
        })
    }

    /// The ids of a lobby's members, `None` for an unknown lobby.
    pub fn lobby_members(&self, lobby: LobbyId) -> Option<Vec<UserId>> {
        self.with(|st| {
            st.world
                .lobbies
                .lobbies
                .get(&lobby.get())
                .map(|l| l.members.keys().map(|u| UserId::new(*u)).collect())
        })
    }

    /// The channel linked to a lobby (`None` for none or an unknown lobby).
    pub fn lobby_linked_channel(&self, lobby: LobbyId) -> Option<ChannelId> {
        self.with(|st| {
            st.world
                .lobbies
                .lobbies
                .get(&lobby.get())
                .and_then(|l| l.linked_channel)
                .map(ChannelId::new)
        })
    }

    /// The moderation metadata of a lobby message, as the emulator stores it.
    pub fn lobby_message_moderation_metadata(
        &self,
        lobby: LobbyId,
        message: MessageId,
    ) -> Option<BTreeMap<String, String>> {
        self.with(|st| {
            let l = st.world.lobbies.lobbies.get(&lobby.get())?;
            let m = l
                .messages
                .iter()
                .find(|v| id_field(v, "id") == Some(message.get()))?;
            serde_json::from_value(m.get("moderation_metadata")?.clone()).ok()
        })
    }

    /// The moderation metadata set on a DM message.
    pub fn dm_message_moderation_metadata(
        &self,
        message: MessageId,
    ) -> Option<BTreeMap<String, String>> {
        self.with(|st| st.world.lobbies.dm_moderation.get(&message.get()).cloned())
    }

    /// Connects an account of another service (`twitch`, `github`, …) to a user, for
    /// `GET /users/@me/connections`.
    pub fn add_connection(&self, user: UserId, service: &str, name: &str) {
        self.with(|st| {
            let n = st.world.ids.next();
            st.world
                .lobbies
                .connections
                .entry(user.get())
                .or_default()
                .push(json!({
                    "id": n.to_string(), "name": name, "type": service, "revoked": false,
                    "integrations": [], "verified": true, "friend_sync": false,
                    "show_activity": true, "two_way_link": false, "visibility": 1,
                }));
        });
    }

    /// Whether a guild has `user` as a member.
    pub fn is_member(&self, guild: GuildId, user: UserId) -> bool {
        self.with(|st| {
            st.world
                .guilds
                .get(&guild.get())
                .is_some_and(|g| g.members.contains_key(&user.get()))
        })
    }
}
