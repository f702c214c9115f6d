//! Applications, application emojis, command permissions, entitlements, SKUs and subscriptions, role connections and OAuth2 self-description.

use std::collections::{BTreeMap, HashMap};

use kokoro_model::id::{ApplicationId, ChannelId, EntitlementId, SkuId, SubscriptionId, UserId};
use kokoro_model::{Permissions, Timestamp};
use serde_json::{Map, Value, json};

use super::{id, query_id, string_field};
use crate::driver::{Emulator, EmulatorError};
use crate::gateway::commands::id_field;
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::{UserRec, audit, kind, make_token};

/// Audit log action type of a command permission change.
/// Most bytes of an application emoji's image.
const EMOJI_IMAGE_MAX: usize = 256 * 1024;
/// Most emojis of an application.
const EMOJIS_MAX: usize = 2000;
/// Flags an application may set on itself through the API.
const SETTABLE_FLAGS: u64 = (1 << 13) | (1 << 15) | (1 << 19);

/// An application emoji.
#[derive(Clone, Debug)]
struct EmojiRec {
    id: u64,
    name: String,
    animated: bool,
    creator: u64,
}

/// A SKU of an application.
#[derive(Clone, Debug)]
struct SkuRec {
    id: u64,
    app: u64,
    kind: u8,
}

/// What the emulator remembers of applications, entitlements, lobbies.
#[derive(Debug, Default)]
pub(crate) struct Store {
    /// Per application: the fields set with `PATCH /applications/@me`.
    profiles: HashMap<u64, Map<String, Value>>,
    /// Per application: its emojis.
    emojis: HashMap<u64, BTreeMap<u64, EmojiRec>>,
    skus: BTreeMap<u64, SkuRec>,
    /// Entitlements as Discord sends them, by id.
    entitlements: BTreeMap<u64, Value>,
    /// Subscriptions as Discord sends them, by id.
    subscriptions: BTreeMap<u64, Value>,
    /// Per (guild, application): permissions per command id (or the application id).
    command_permissions: HashMap<(u64, u64), BTreeMap<u64, Vec<Value>>>,
    /// Per application: its role connection metadata records.
    role_metadata: HashMap<u64, Vec<Value>>,
    /// Per (application, user): the user's role connection.
    role_connections: HashMap<(u64, u64), Value>,
    /// Per (application, instance id): a running Activity instance.
    activity_instances: HashMap<(u64, String), Value>,
}

fn unknown_application() -> ApiError {
    ApiError::new(404, 10002, "Unknown Application")
}

fn unknown_emoji() -> ApiError {
    ApiError::new(404, 10014, "Unknown Emoji")
}

fn unknown_sku() -> ApiError {
    ApiError::new(404, 10027, "Unknown SKU")
}

fn unknown_entitlement() -> ApiError {
    ApiError::new(404, 10029, "Unknown Entitlement")
}

fn unknown_permissions() -> ApiError {
    ApiError::new(404, 10066, "Unknown application command permissions")
}

/// A route that takes only an OAuth2 Bearer token with `scope`.
fn need_scope(ctx: &Ctx<'_>, scope: &str) -> Result<(), ApiError> {
    match &ctx.bearer {
        None => Err(ApiError::unauthorized()),
        Some(scopes) if scopes.iter().any(|s| s == scope) => Ok(()),
        Some(_) => Err(ApiError::missing_access()),
    }
}

/// The caller's own application, or 10002 / 50001.
fn own_app(ctx: &Ctx<'_>, st: &State, seg: &str) -> Result<u64, ApiError> {
    let app = if seg == "@me" {
        ctx.app
    } else {
        id(seg, "application_id")?
    };
    if !st.world.apps.contains_key(&app) {
        return Err(unknown_application());
    }
    if app != ctx.app {
        return Err(ApiError::missing_access());
    }
    Ok(app)
}

fn hash(s: &[u8]) -> u64 {
    s.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// An image data URI: (MIME type, decoded size), or a 50035 on `field`.
fn image(v: &Value, field: &str, max: Option<usize>) -> Result<(String, usize), ApiError> {
    let bad = || ApiError::form(field, "IMAGE_INVALID", "Invalid image data");
    let uri = v.as_str().ok_or_else(bad)?;
    let rest = uri.strip_prefix("data:").ok_or_else(bad)?;
    let (mime, data) = rest.split_once(";base64,").ok_or_else(bad)?;
    if !mime.starts_with("image/")
        || data.is_empty()
        || !data
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    {
        return Err(bad());
    }
    let size = data.trim_end_matches('=').len() * 3 / 4;
    if let Some(max) = max
        && size > max
    {
        return Err(ApiError::form(
            field,
            "BINARY_TYPE_MAX_SIZE",
            format!("File cannot be larger than {} kb.", max / 1024),
        ));
    }
    Ok((mime.to_owned(), size))
}

/// The hash Discord would give an uploaded image.
fn image_hash(v: &Value) -> String {
    let s = v.as_str().unwrap_or_default().as_bytes();
    let prefix = if s.starts_with(b"data:image/gif") {
        "a_"
    } else {
        ""
    };
    format!("{prefix}{:016x}{:016x}", hash(s), hash(&[s, b"2"].concat()))
}

fn url_field(v: &Value, key: &str) -> Result<Option<Value>, ApiError> {
    match v.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(Value::Null)),
        Some(_) => {
            let url = string_field(v, key, 2048)?.unwrap_or_default();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(ApiError::form(
                    key,
                    "URL_TYPE_INVALID_URL",
                    "Not a well formed URL.",
                ));
            }
            Ok(Some(Value::String(url)))
        }
    }
}

fn check_install_params(v: &Value, field: &str) -> Result<(), ApiError> {
    if v.is_null() {
        return Ok(());
    }
    let scopes = v.get("scopes").and_then(Value::as_array);
    let ok = scopes.is_some_and(|s| {
        !s.is_empty()
            && s.iter()
                .all(|x| matches!(x.as_str(), Some("applications.commands" | "bot")))
    });
    if !ok {
        return Err(ApiError::form(
            &format!("{field}.scopes"),
            "ENUM_TYPE_COERCE",
            "Value must be one of {'applications.commands', 'bot'}.",
        ));
    }
    if let Some(p) = v.get("permissions")
        && !p.is_null()
        && p.as_str()
            .and_then(|s| s.parse::<u64>().ok())
            .or_else(|| p.as_u64())
            .is_none()
    {
        return Err(ApiError::form(
            &format!("{field}.permissions"),
            "NUMBER_TYPE_COERCE",
            "Value is not int.",
        ));
    }
    Ok(())
}

/// Checks a `PATCH /applications/@me` body and returns the fields it sets.
fn profile_patch(body: &Value) -> Result<Map<String, Value>, ApiError> {
    let obj = body.as_object().ok_or_else(|| {
        ApiError::form(
            "_",
            "DICT_TYPE_CONVERT",
            "Only dictionaries may be used in a DictType",
        )
    })?;
    let mut out = Map::new();
    if obj.contains_key("description") {
        out.insert(
            "description".into(),
            string_field(body, "description", 400)?
                .unwrap_or_default()
                .into(),
        );
    }
    for key in [
        "custom_install_url",
        "role_connections_verification_url",
        "interactions_endpoint_url",
        "event_webhooks_url",
    ] {
        if let Some(v) = url_field(body, key)? {
            out.insert(key.into(), v);
        }
    }
    if let Some(tags) = obj.get("tags") {
        let list = tags
            .as_array()
            .ok_or_else(|| ApiError::form("tags", "BASE_TYPE_ARRAY", "Must be an array."))?;
        if list.len() > 5 {
            return Err(ApiError::form(
                "tags",
                "BASE_TYPE_MAX_LENGTH",
                "Must be 5 or fewer in length.",
            ));
        }
        for (i, t) in list.iter().enumerate() {
            let s = t.as_str().unwrap_or_default();
            if s.is_empty() || s.chars().count() > 20 {
                return Err(ApiError::form(
                    &format!("tags.{i}"),
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 20 in length.",
                ));
            }
        }
        out.insert("tags".into(), tags.clone());
    }
    if let Some(flags) = obj.get("flags") {
        let f = flags
            .as_u64()
            .ok_or_else(|| ApiError::form("flags", "NUMBER_TYPE_COERCE", "Value is not int."))?;
        if f & !SETTABLE_FLAGS != 0 {
            return Err(ApiError::form(
                "flags",
                "APPLICATION_FLAGS_INVALID",
                "Invalid flags.",
            ));
        }
        out.insert("flags".into(), f.into());
    }
    for key in ["icon", "cover_image"] {
        match obj.get(key) {
            None => {}
            Some(Value::Null) => {
                out.insert(key.into(), Value::Null);
            }
            Some(v) => {
                image(v, key, Some(10 * 1024 * 1024))?;
                out.insert(key.into(), image_hash(v).into());
            }
        }
    }
    if let Some(p) = obj.get("install_params") {
        check_install_params(p, "install_params")?;
        out.insert("install_params".into(), p.clone());
    }
    if let Some(c) = obj.get("integration_types_config") {
        let map = c.as_object().ok_or_else(|| {
            ApiError::form(
                "integration_types_config",
                "DICT_TYPE_CONVERT",
                "Only dictionaries may be used in a DictType",
            )
        })?;
        if map.is_empty() || map.len() > 2 || map.keys().any(|k| k != "0" && k != "1") {
            return Err(ApiError::form(
                "integration_types_config",
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 2 in length, keyed by 0 and 1.",
            ));
        }
        for (k, v) in map {
            if let Some(p) = v.get("oauth2_install_params") {
                check_install_params(
                    p,
                    &format!("integration_types_config.{k}.oauth2_install_params"),
                )?;
            }
        }
        out.insert("integration_types_config".into(), c.clone());
    }
    if let Some(s) = obj.get("event_webhooks_status") {
        if !matches!(s.as_u64(), Some(1 | 2)) {
            return Err(ApiError::form(
                "event_webhooks_status",
                "ENUM_TYPE_COERCE",
                "Value must be one of (1, 2).",
            ));
        }
        out.insert("event_webhooks_status".into(), s.clone());
    }
    if let Some(t) = obj.get("event_webhooks_types") {
        if !t.as_array().is_some_and(|a| a.iter().all(Value::is_string)) {
            return Err(ApiError::form(
                "event_webhooks_types",
                "BASE_TYPE_ARRAY",
                "Must be an array of strings.",
            ));
        }
        out.insert("event_webhooks_types".into(), t.clone());
    }
    if let Some(f) = obj.get("explicit_content_filter") {
        if !matches!(f.as_u64(), Some(0 | 1)) {
            return Err(ApiError::form(
                "explicit_content_filter",
                "ENUM_TYPE_COERCE",
                "Value must be one of (0, 1).",
            ));
        }
        out.insert("explicit_content_filter".into(), f.clone());
    }
    if let Some(m) = obj.get("max_participants") {
        if !m
            .as_i64()
            .is_some_and(|m| (-1..=i64::from(i32::MAX)).contains(&m))
        {
            return Err(ApiError::form(
                "max_participants",
                "NUMBER_TYPE_MIN",
                "Must be -1 or more.",
            ));
        }
        out.insert("max_participants".into(), m.clone());
    }
    Ok(out)
}

/// The application object, as `GET /applications/@me` sends it.
fn app_json(st: &State, app: u64) -> Option<Value> {
    let a = st.world.apps.get(&app)?;
    let bot = st.world.users.get(&a.bot_user)?;
    let guilds = st
        .world
        .guilds
        .values()
        .filter(|g| g.members.contains_key(&a.bot_user))
        .count();
    let mut v = json!({
        "id": app.to_string(),
        "name": bot.username,
        "icon": null,
        "description": "",
        "summary": "",
        "type": null,
        "bot_public": true,
        "bot_require_code_grant": false,
        "bot": bot.json(),
        "verify_key": make_token(app, 0x6b6579),
        "team": null,
        "flags": 0,
        "approximate_guild_count": guilds,
        "approximate_user_install_count": 0,
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
        "event_webhooks_url": null,
        "event_webhooks_status": 1,
        "tags": [],
        "integration_types_config": {"0": {}},
    });
    if let Some(profile) = st.world.applications.profiles.get(&app) {
        for (k, x) in profile {
            v[k] = x.clone();
        }
    }
    let flags = v["flags"].as_u64().unwrap_or(0);
    v["flags_new"] = flags.to_string().into();
    Some(v)
}

fn emoji_json(st: &State, e: &EmojiRec) -> Value {
    json!({
        "id": e.id.to_string(),
        "name": e.name,
        "roles": [],
        "user": st.world.users.get(&e.creator).map(UserRec::json),
        "require_colons": true,
        "managed": false,
        "animated": e.animated,
        "available": true,
    })
}

fn emoji_name(body: &Value) -> Result<String, ApiError> {
    let name = string_field(body, "name", 32)?.ok_or_else(|| ApiError::required("name"))?;
    if name.chars().count() < 2 || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return Err(ApiError::form(
            "name",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 2 and 32 in length, of letters, digits and _.",
        ));
    }
    Ok(name)
}

fn emojis(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    app: u64,
    rest: &[&str],
) -> HandlerResult {
    match (method, rest) {
        ("GET", []) => {
            let items: Vec<Value> = st
                .world
                .applications
                .emojis
                .get(&app)
                .map(|m| m.values().map(|e| emoji_json(st, e)).collect())
                .unwrap_or_default();
            Ok(Reply::json(json!({ "items": items })))
        }
        ("POST", []) => {
            let body = ctx.json()?;
            let name = emoji_name(&body)?;
            let img = body
                .get("image")
                .ok_or_else(|| ApiError::required("image"))?;
            let (mime, _) = image(img, "image", Some(EMOJI_IMAGE_MAX))?;
            let list = st.world.applications.emojis.entry(app).or_default();
            if list.values().any(|e| e.name == name) {
                return Err(ApiError::form(
                    "name",
                    "APPLICATION_EMOJI_NAME_ALREADY_TAKEN",
                    "An emoji with this name already exists.",
                ));
            }
            if list.len() >= EMOJIS_MAX {
                return Err(ApiError::new(
                    400,
                    30056,
                    "Maximum number of application emojis reached (2000)",
                ));
            }
            let id = st.world.ids.next();
            let rec = EmojiRec {
                id,
                name,
                animated: mime == "image/gif",
                creator: ctx.bot,
            };
            st.world
                .applications
                .emojis
                .entry(app)
                .or_default()
                .insert(id, rec.clone());
            Ok(Reply::created(emoji_json(st, &rec)))
        }
        (_, [e]) => {
            let eid = id(e, "emoji_id")?;
            let found = st
                .world
                .applications
                .emojis
                .get(&app)
                .and_then(|m| m.get(&eid))
                .cloned()
                .ok_or_else(unknown_emoji)?;
            match method {
                "GET" => Ok(Reply::json(emoji_json(st, &found))),
                "PATCH" => {
                    let body = ctx.json()?;
                    let mut rec = found;
                    if body.get("name").is_some() {
                        let name = emoji_name(&body)?;
                        let taken = st
                            .world
                            .applications
                            .emojis
                            .get(&app)
                            .is_some_and(|m| m.values().any(|x| x.name == name && x.id != eid));
                        if taken {
                            return Err(ApiError::form(
                                "name",
                                "APPLICATION_EMOJI_NAME_ALREADY_TAKEN",
                                "An emoji with this name already exists.",
                            ));
                        }
                        rec.name = name;
                    }
                    if let Some(m) = st.world.applications.emojis.get_mut(&app) {
                        m.insert(eid, rec.clone());
                    }
                    Ok(Reply::json(emoji_json(st, &rec)))
                }
                "DELETE" => {
                    if let Some(m) = st.world.applications.emojis.get_mut(&app) {
                        m.remove(&eid);
                    }
                    Ok(Reply::no_content())
                }
                _ => Err(ApiError::method_not_allowed()),
            }
        }
        _ => Err(ApiError::not_found()),
    }
}

/// Whether `command` is a command of `app` usable in `guild` (global or the guild's).
fn command_exists(st: &State, app: u64, guild: u64, command: u64) -> bool {
    let is = |v: &Value| id_field(v, "id") == Some(command);
    st.world
        .apps
        .get(&app)
        .is_some_and(|a| a.commands.iter().any(is))
        || st
            .world
            .guilds
            .get(&guild)
            .and_then(|g| g.commands.get(&app))
            .is_some_and(|c| c.iter().any(is))
}

fn permissions_json(app: u64, guild: u64, command: u64, perms: &[Value]) -> Value {
    json!({
        "id": command.to_string(),
        "application_id": app.to_string(),
        "guild_id": guild.to_string(),
        "permissions": perms,
    })
}

fn command_permissions(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    app: u64,
    guild: u64,
    command: Option<u64>,
) -> HandlerResult {
    super::guild(st, ctx.bot, guild)?;
    let stored = st
        .world
        .applications
        .command_permissions
        .get(&(guild, app))
        .cloned()
        .unwrap_or_default();
    match (method, command) {
        ("GET", None) => Ok(Reply::json(Value::Array(
            stored
                .iter()
                .map(|(c, p)| permissions_json(app, guild, *c, p))
                .collect(),
        ))),
        ("GET", Some(c)) => stored
            .get(&c)
            .map(|p| Reply::json(permissions_json(app, guild, c, p)))
            .ok_or_else(unknown_permissions),
        ("PUT", Some(c)) => {
            if ctx.bearer.is_none() {
                return Err(ApiError::new(403, 20001, "Bots cannot use this endpoint"));
            }
            need_scope(ctx, "applications.commands.permissions.update")?;
            super::require_guild(
                st,
                ctx.bot,
                guild,
                Permissions::MANAGE_GUILD | Permissions::MANAGE_ROLES,
            )?;
            if c != app && !command_exists(st, app, guild, c) {
                return Err(ApiError::unknown_command());
            }
            let body = ctx.json()?;
            let list = match body.get("permissions") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(a)) => a.clone(),
                Some(_) => {
                    return Err(ApiError::form(
                        "permissions",
                        "BASE_TYPE_ARRAY",
                        "Must be an array.",
                    ));
                }
            };
            if list.len() > 100 {
                return Err(ApiError::form(
                    "permissions",
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 100 or fewer in length.",
                ));
            }
            let mut clean = Vec::with_capacity(list.len());
            for (i, p) in list.iter().enumerate() {
                let pid = id_field(p, "id")
                    .ok_or_else(|| ApiError::required(&format!("permissions.{i}.id")))?;
                let kind = p
                    .get("type")
                    .and_then(Value::as_u64)
                    .filter(|k| (1..=3).contains(k))
                    .ok_or_else(|| {
                        ApiError::form(
                            &format!("permissions.{i}.type"),
                            "ENUM_TYPE_COERCE",
                            "Value must be one of (1, 2, 3).",
                        )
                    })?;
                let allow = p
                    .get("permission")
                    .and_then(Value::as_bool)
                    .ok_or_else(|| ApiError::required(&format!("permissions.{i}.permission")))?;
                clean.push(json!({"id": pid.to_string(), "type": kind, "permission": allow}));
            }
            let old = stored.get(&c).cloned().unwrap_or_default();
            let map = st
                .world
                .applications
                .command_permissions
                .entry((guild, app))
                .or_default();
            if clean.is_empty() {
                map.remove(&c);
            } else {
                map.insert(c, clean.clone());
            }
            let v = permissions_json(app, guild, c, &clean);
            if let Some(bot) = st.world.apps.get(&app).map(|a| a.bot_user) {
                ctx.emit(
                    st,
                    Dispatch::new("APPLICATION_COMMAND_PERMISSIONS_UPDATE", v.clone())
                        .guild(Some(guild))
                        .only_user(bot),
                );
            }
            let changes: Vec<Value> = clean
                .iter()
                .map(|p| json!({"key": p["id"], "old_value": old.iter().find(|o| o["id"] == p["id"]), "new_value": p}))
                .collect();
            ctx.audit(
                st,
                guild,
                audit::APPLICATION_COMMAND_PERMISSION_UPDATE,
                Some(c),
                Value::Array(changes),
            );
            Ok(Reply::json(v))
        }
        _ => Err(ApiError::method_not_allowed()),
    }
}

/// Whether a query flag is set (`true` or `1`).
fn flag(ctx: &Ctx<'_>, key: &str) -> Option<bool> {
    ctx.query(key)
        .map(|v| v == "true" || v == "1" || v == "True")
}

fn query_limit(ctx: &Ctx<'_>, default: usize) -> Result<usize, ApiError> {
    match ctx.query("limit") {
        None => Ok(default),
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|l| (1..=100).contains(l))
            .ok_or_else(|| {
                ApiError::form(
                    "limit",
                    "NUMBER_TYPE_MAX",
                    "int value should be between 1 and 100.",
                )
            }),
    }
}

fn sku_list(ctx: &Ctx<'_>) -> Result<Option<Vec<u64>>, ApiError> {
    let Some(raw) = ctx.query("sku_ids") else {
        return Ok(None);
    };
    let raw = crate::rest::percent_decode(raw);
    let ids = raw
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| id(s, "sku_ids"))
        .collect::<Result<Vec<u64>, _>>()?;
    if ids.len() > 100 {
        return Err(ApiError::form(
            "sku_ids",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 100 or fewer in length.",
        ));
    }
    Ok(Some(ids))
}

fn is_ended(e: &Value) -> bool {
    e["ends_at"]
        .as_str()
        .and_then(|s| Timestamp::parse(s).ok())
        .is_some_and(|t| t.as_millis() <= Timestamp::now().as_millis())
}

fn entitlements(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    app: u64,
    rest: &[&str],
) -> HandlerResult {
    let of_app = |e: &&Value| id_field(e, "application_id") == Some(app);
    match (method, rest) {
        ("GET", []) => {
            let user = query_id(ctx, "user_id")?;
            let guild = query_id(ctx, "guild_id")?;
            let before = query_id(ctx, "before")?;
            let after = query_id(ctx, "after")?;
            let limit = query_limit(ctx, 100)?;
            let skus = sku_list(ctx)?;
            let exclude_ended = flag(ctx, "exclude_ended").unwrap_or(false);
            let exclude_deleted = flag(ctx, "exclude_deleted").unwrap_or(true);
            let matches = |e: &&Value| {
                let eid = id_field(e, "id").unwrap_or(0);
                user.is_none_or(|u| id_field(e, "user_id") == Some(u))
                    && guild.is_none_or(|g| id_field(e, "guild_id") == Some(g))
                    && skus
                        .as_ref()
                        .is_none_or(|s| id_field(e, "sku_id").is_some_and(|x| s.contains(&x)))
                    && before.is_none_or(|b| eid < b)
                    && after.is_none_or(|a| eid > a)
                    && !(exclude_ended && is_ended(e))
                    && !(exclude_deleted && e["deleted"] == true)
            };
            let all = st
                .world
                .applications
                .entitlements
                .values()
                .filter(of_app)
                .filter(matches);
            // Like Discord: the newest first, unless paginating forward with `after`.
            let list: Vec<Value> = if after.is_some() {
                all.take(limit).cloned().collect()
            } else {
                all.rev().take(limit).cloned().collect()
            };
            Ok(Reply::json(Value::Array(list)))
        }
        ("POST", []) => {
            if ctx.bearer.is_some() {
                return Err(ApiError::new(403, 20002, "Only bots can use this endpoint"));
            }
            let body = ctx.json()?;
            let sku = id_field(&body, "sku_id").ok_or_else(|| ApiError::required("sku_id"))?;
            let owner =
                id_field(&body, "owner_id").ok_or_else(|| ApiError::required("owner_id"))?;
            let owner_type = body
                .get("owner_type")
                .and_then(Value::as_u64)
                .ok_or_else(|| ApiError::required("owner_type"))?;
            if st
                .world
                .applications
                .skus
                .get(&sku)
                .is_none_or(|s| s.app != app)
            {
                return Err(unknown_sku());
            }
            let (user_id, guild_id) = match owner_type {
                1 => {
                    if !st.world.guilds.contains_key(&owner) {
                        return Err(ApiError::unknown_guild());
                    }
                    (Value::Null, Value::String(owner.to_string()))
                }
                2 => {
                    if !st.world.users.contains_key(&owner) {
                        return Err(ApiError::unknown_user());
                    }
                    (Value::String(owner.to_string()), Value::Null)
                }
                _ => {
                    return Err(ApiError::form(
                        "owner_type",
                        "ENUM_TYPE_COERCE",
                        "Value must be one of (1, 2).",
                    ));
                }
            };
            let id = st.world.ids.next();
            let mut e = json!({
                "id": id.to_string(),
                "sku_id": sku.to_string(),
                "application_id": app.to_string(),
                "user_id": user_id,
                "type": 4,
                "deleted": false,
                "starts_at": null,
                "ends_at": null,
                "consumed": false,
            });
            if !guild_id.is_null() {
                e["guild_id"] = guild_id;
            }
            st.world.applications.entitlements.insert(id, e.clone());
            announce(ctx, st, app, "ENTITLEMENT_CREATE", &e);
            Ok(Reply::json(e))
        }
        (_, [eid, more @ ..]) => {
            let eid = id(eid, "entitlement_id")?;
            let found = st
                .world
                .applications
                .entitlements
                .get(&eid)
                .filter(|e| of_app(e) && e["deleted"] != true)
                .cloned()
                .ok_or_else(unknown_entitlement)?;
            match (method, more) {
                ("GET", []) => Ok(Reply::json(found)),
                ("DELETE", []) => {
                    if found["type"] != 4 {
                        return Err(ApiError::new(
                            400,
                            40074,
                            "Only test entitlements can be deleted",
                        ));
                    }
                    let mut gone = found;
                    gone["deleted"] = true.into();
                    st.world.applications.entitlements.insert(eid, gone.clone());
                    announce(ctx, st, app, "ENTITLEMENT_DELETE", &gone);
                    Ok(Reply::no_content())
                }
                ("POST", ["consume"]) => {
                    let consumable = id_field(&found, "sku_id")
                        .and_then(|s| st.world.applications.skus.get(&s))
                        .is_some_and(|s| s.kind == 3);
                    if !consumable {
                        return Err(ApiError::new(
                            400,
                            40073,
                            "This entitlement is not consumable",
                        ));
                    }
                    let mut used = found;
                    used["consumed"] = true.into();
                    st.world.applications.entitlements.insert(eid, used.clone());
                    announce(ctx, st, app, "ENTITLEMENT_UPDATE", &used);
                    Ok(Reply::no_content())
                }
                _ => Err(ApiError::method_not_allowed()),
            }
        }
        _ => Err(ApiError::not_found()),
    }
}

/// Sends an entitlement event to the application's bot.
fn announce(ctx: &Ctx<'_>, st: &mut State, app: u64, name: &'static str, e: &Value) {
    if let Some(bot) = st.world.apps.get(&app).map(|a| a.bot_user) {
        ctx.emit(st, Dispatch::new(name, e.clone()).only_user(bot));
    }
}

fn validate_metadata(body: &Value) -> Result<Vec<Value>, ApiError> {
    let list = match body {
        Value::Null => return Ok(Vec::new()),
        Value::Array(a) => a,
        _ => return Err(ApiError::form("_", "BASE_TYPE_ARRAY", "Must be an array.")),
    };
    if list.len() > 5 {
        return Err(ApiError::form(
            "_",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 5 or fewer in length.",
        ));
    }
    let mut out: Vec<Value> = Vec::with_capacity(list.len());
    for (i, r) in list.iter().enumerate() {
        let at = |f: &str| format!("{i}.{f}");
        let kind = r
            .get("type")
            .and_then(Value::as_u64)
            .filter(|k| (1..=8).contains(k))
            .ok_or_else(|| {
                ApiError::form(
                    &at("type"),
                    "ENUM_TYPE_COERCE",
                    "Value must be one of (1, …, 8).",
                )
            })?;
        let mut rec = json!({"type": kind});
        for (f, max) in [("key", 50), ("name", 100), ("description", 200)] {
            let s = string_field(r, f, max)
                .map_err(|_| ApiError::max_length(&at(f), max))?
                .filter(|s| !s.is_empty())
                .ok_or_else(|| ApiError::required(&at(f)))?;
            rec[f] = s.into();
        }
        let key = rec["key"].as_str().unwrap_or_default().to_owned();
        if !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(ApiError::form(
                &at("key"),
                "STRING_TYPE_REGEX",
                "String value did not match validation regex.",
            ));
        }
        if out.iter().any(|o| o["key"] == key.as_str()) {
            return Err(ApiError::form(
                &at("key"),
                "DUPLICATE_KEY",
                "Keys must be unique.",
            ));
        }
        for (f, max) in [
            ("name_localizations", 100),
            ("description_localizations", 200),
        ] {
            match r.get(f) {
                None | Some(Value::Null) => {}
                Some(Value::Object(m)) => {
                    if m.values().any(|v| {
                        v.as_str()
                            .is_none_or(|s| s.is_empty() || s.chars().count() > max)
                    }) {
                        return Err(ApiError::max_length(&at(f), max));
                    }
                    rec[f] = Value::Object(m.clone());
                }
                Some(_) => {
                    return Err(ApiError::form(
                        &at(f),
                        "DICT_TYPE_CONVERT",
                        "Only dictionaries may be used in a DictType",
                    ));
                }
            }
        }
        out.push(rec);
    }
    Ok(out)
}

fn role_connection(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    app_seg: &str,
) -> HandlerResult {
    need_scope(ctx, "role_connections.write")?;
    let app = id(app_seg, "application_id")?;
    if !st.world.apps.contains_key(&app) {
        return Err(unknown_application());
    }
    if app != ctx.app {
        return Err(ApiError::missing_access());
    }
    let key = (app, ctx.bot);
    let empty = json!({"platform_name": null, "platform_username": null, "metadata": {}});
    match method {
        "GET" => Ok(Reply::json(
            st.world
                .applications
                .role_connections
                .get(&key)
                .cloned()
                .unwrap_or(empty),
        )),
        "PUT" => {
            let body = ctx.json()?;
            let platform_name = string_field(&body, "platform_name", 50)?;
            let platform_username = string_field(&body, "platform_username", 100)?;
            let fields = st
                .world
                .applications
                .role_metadata
                .get(&app)
                .cloned()
                .unwrap_or_default();
            let mut metadata = Map::new();
            match body.get("metadata") {
                None | Some(Value::Null) => {}
                Some(Value::Object(m)) => {
                    if m.len() > 5 {
                        return Err(ApiError::form(
                            "metadata",
                            "BASE_TYPE_MAX_LENGTH",
                            "Must be 5 or fewer in length.",
                        ));
                    }
                    for (k, v) in m {
                        let text = match v {
                            Value::String(s) => s.clone(),
                            Value::Number(n) => n.to_string(),
                            Value::Bool(b) => u8::from(*b).to_string(),
                            _ => {
                                return Err(ApiError::form(
                                    &format!("metadata.{k}"),
                                    "STRING_TYPE_CONVERT",
                                    "Could not interpret value as string.",
                                ));
                            }
                        };
                        if text.is_empty() || text.chars().count() > 100 {
                            return Err(ApiError::max_length(&format!("metadata.{k}"), 100));
                        }
                        if !fields.iter().any(|f| f["key"] == k.as_str()) {
                            return Err(ApiError::form(
                                &format!("metadata.{k}"),
                                "APPLICATION_ROLE_CONNECTION_METADATA_KEY_UNKNOWN",
                                "Unknown metadata key.",
                            ));
                        }
                        metadata.insert(k.clone(), Value::String(text));
                    }
                }
                Some(_) => {
                    return Err(ApiError::form(
                        "metadata",
                        "DICT_TYPE_CONVERT",
                        "Only dictionaries may be used in a DictType",
                    ));
                }
            }
            let v = json!({
                "platform_name": platform_name,
                "platform_username": platform_username,
                "metadata": metadata,
            });
            st.world
                .applications
                .role_connections
                .insert(key, v.clone());
            Ok(Reply::json(v))
        }
        "DELETE" => {
            st.world.applications.role_connections.remove(&key);
            Ok(Reply::no_content())
        }
        _ => Err(ApiError::method_not_allowed()),
    }
}

fn subscriptions(
    ctx: &Ctx<'_>,
    st: &State,
    method: &str,
    sku_seg: &str,
    rest: &[&str],
) -> HandlerResult {
    if method != "GET" {
        return Err(ApiError::method_not_allowed());
    }
    let sku = id(sku_seg, "sku_id")?;
    let rec = st
        .world
        .applications
        .skus
        .get(&sku)
        .ok_or_else(unknown_sku)?;
    if rec.app != ctx.app {
        return Err(unknown_sku());
    }
    // A user token sees its own subscriptions; a bot names the user.
    let user = match (&ctx.bearer, query_id(ctx, "user_id")?) {
        (Some(_), _) => Some(ctx.bot),
        (None, u) => u,
    };
    let of_sku = |s: &&Value| {
        s["sku_ids"].as_array().is_some_and(|ids| {
            ids.iter()
                .any(|i| i.as_str() == Some(sku.to_string().as_str()))
        })
    };
    let of_user = |s: &&Value| user.is_none_or(|u| id_field(s, "user_id") == Some(u));
    match rest {
        [] => {
            let user = user.ok_or_else(|| ApiError::required("user_id"))?;
            let before = query_id(ctx, "before")?;
            let after = query_id(ctx, "after")?;
            let limit = query_limit(ctx, 50)?;
            let all = st
                .world
                .applications
                .subscriptions
                .iter()
                .filter(|(id, _)| before.is_none_or(|b| **id < b) && after.is_none_or(|a| **id > a))
                .map(|(_, s)| s)
                .filter(of_sku)
                .filter(|s| id_field(s, "user_id") == Some(user));
            let list: Vec<Value> = if after.is_some() {
                all.take(limit).cloned().collect()
            } else {
                all.rev().take(limit).cloned().collect()
            };
            Ok(Reply::json(Value::Array(list)))
        }
        [sub] => {
            let sid = id(sub, "subscription_id")?;
            st.world
                .applications
                .subscriptions
                .get(&sid)
                .filter(of_sku)
                .filter(of_user)
                .cloned()
                .map(Reply::json)
                .ok_or_else(|| ApiError::new(404, 0, "Unknown Subscription"))
        }
        _ => Err(ApiError::not_found()),
    }
}

/// The emulator's OpenID Connect signing key, as a JSON Web Key (a fixed, fake RSA key).
fn jwks() -> Value {
    let mut x: u64 = 0x6b6f_6b6f_726f_4a57;
    let mut modulus = Vec::with_capacity(256);
    for _ in 0..32 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        modulus.extend_from_slice(&x.to_be_bytes());
    }
    modulus[0] |= 0x80;
    let n = base64url(&modulus);
    json!({"keys": [{
        "kty": "RSA",
        "use": "sig",
        "kid": format!("{:016x}", hash(n.as_bytes())),
        "n": n,
        "e": "AQAB",
        "alg": "RS256",
    }]})
}

fn base64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn oauth2(ctx: &Ctx<'_>, st: &State, rest: &[&str]) -> HandlerResult {
    match rest {
        ["keys"] => Ok(Reply::json(jwks())),
        ["applications", "@me"] => app_json(st, ctx.app)
            .map(Reply::json)
            .ok_or_else(unknown_application),
        ["@me"] => {
            let mut app = app_json(st, ctx.app).ok_or_else(unknown_application)?;
            if let Some(o) = app.as_object_mut() {
                // The partial application of an authorization.
                o.retain(|k, _| {
                    matches!(
                        k.as_str(),
                        "id" | "name"
                            | "icon"
                            | "description"
                            | "summary"
                            | "type"
                            | "hook"
                            | "bot_public"
                            | "bot_require_code_grant"
                            | "verify_key"
                            | "flags"
                    )
                });
                o.insert("hook".into(), true.into());
            }
            let scopes = ctx.bearer.clone().unwrap_or_default();
            let expires = Timestamp::from_micros(
                (Timestamp::now().as_millis() + 7 * 24 * 3600 * 1000) * 1000,
            );
            let mut v = json!({
                "application": app,
                "scopes": scopes,
                "expires": expires.to_string(),
            });
            if scopes.iter().any(|s| s == "identify") {
                v["user"] = st.world.users.get(&ctx.bot).map(UserRec::json).into();
            }
            Ok(Reply::json(v))
        }
        ["userinfo"] => {
            need_scope(ctx, "openid")?;
            let u = st
                .world
                .users
                .get(&ctx.bot)
                .ok_or_else(ApiError::unknown_user)?;
            let mut v = json!({
                "sub": u.id.to_string(),
                "preferred_username": u.username,
                "nickname": u.global_name,
                "picture": null,
                "locale": "en-US",
            });
            if ctx
                .bearer
                .as_ref()
                .is_some_and(|s| s.iter().any(|s| s == "email"))
            {
                v["email"] = format!("{}@users.emulator.invalid", u.username).into();
                v["email_verified"] = true.into();
            }
            Ok(Reply::json(v))
        }
        _ => Err(ApiError::not_found()),
    }
}

fn attachment(ctx: &Ctx<'_>, st: &mut State, app: u64) -> HandlerResult {
    if ctx.body.invalid {
        return Err(ApiError::invalid_json());
    }
    let file = ctx
        .body
        .files
        .first()
        .ok_or_else(|| ApiError::required("file"))?;
    let id = st.world.ids.next();
    let name = file.filename.replace(['/', '\\'], "_");
    let url = format!("https://cdn.discordapp.com/app-assets/{app}/attachments/{id}/{name}");
    Ok(Reply::json(json!({
        "attachment": {
            "id": id.to_string(),
            "filename": file.filename,
            "size": file.size,
            "url": url,
            "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
            "content_type": file.content_type,
        }
    })))
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    Some(match segs {
        ["oauth2", "keys" | "@me" | "userinfo"] | ["oauth2", "applications", "@me"] => {
            if method != "GET" {
                return Some(Err(ApiError::method_not_allowed()));
            }
            oauth2(ctx, st, &segs[1..])
        }
        ["skus", sku, "subscriptions", rest @ ..] => subscriptions(ctx, st, method, sku, rest),
        ["users", "@me", "applications", a, "role-connection"] => {
            role_connection(ctx, st, method, a)
        }
        ["users", "@me", "applications", a, "entitlements"] => (|| {
            if method != "GET" {
                return Err(ApiError::method_not_allowed());
            }
            if ctx.bearer.is_none() {
                return Err(ApiError::unauthorized());
            }
            let app = id(a, "application_id")?;
            if app != ctx.app {
                return Err(ApiError::missing_access());
            }
            let skus = sku_list(ctx)?;
            let exclude_consumed = flag(ctx, "exclude_consumed").unwrap_or(false);
            let me = ctx.bot;
            let list: Vec<Value> = st
                .world
                .applications
                .entitlements
                .values()
                .filter(|e| id_field(e, "application_id") == Some(app))
                .filter(|e| id_field(e, "user_id") == Some(me) && e["deleted"] != true)
                .filter(|e| {
                    skus.as_ref()
                        .is_none_or(|s| id_field(e, "sku_id").is_some_and(|x| s.contains(&x)))
                })
                .filter(|e| !(exclude_consumed && e["consumed"] == true))
                .cloned()
                .collect();
            Ok(Reply::json(Value::Array(list)))
        })(),
        ["applications", a, rest @ ..] => {
            // Commands stay with the commands module.
            if matches!(rest, ["commands", ..])
                || matches!(rest, ["guilds", _, "commands", ..] if !rest.ends_with(&["permissions"]))
            {
                return None;
            }
            (|| {
                let app = own_app(ctx, st, a)?;
                match (method, rest) {
                    ("GET", []) => app_json(st, app)
                        .map(Reply::json)
                        .ok_or_else(unknown_application),
                    ("PATCH", []) => {
                        if ctx.bearer.is_some() {
                            return Err(ApiError::new(
                                403,
                                20002,
                                "Only bots can use this endpoint",
                            ));
                        }
                        let patch = profile_patch(&ctx.json()?)?;
                        let profile = st.world.applications.profiles.entry(app).or_default();
                        for (k, v) in patch {
                            profile.insert(k, v);
                        }
                        app_json(st, app)
                            .map(Reply::json)
                            .ok_or_else(unknown_application)
                    }
                    ("GET", ["activity-instances", instance]) => st
                        .world
                        .applications
                        .activity_instances
                        .get(&(app, (*instance).to_owned()))
                        .cloned()
                        .map(Reply::json)
                        .ok_or_else(|| ApiError::new(404, 0, "Unknown Activity Instance")),
                    ("POST", ["attachment"]) => attachment(ctx, st, app),
                    (_, ["emojis", rest @ ..]) => emojis(ctx, st, method, app, rest),
                    (_, ["entitlements", rest @ ..]) => entitlements(ctx, st, method, app, rest),
                    (_, ["guilds", g, "commands", "permissions"]) => {
                        let g = id(g, "guild_id")?;
                        command_permissions(ctx, st, method, app, g, None)
                    }
                    (_, ["guilds", g, "commands", c, "permissions"]) => {
                        let g = id(g, "guild_id")?;
                        let c = id(c, "command_id")?;
                        command_permissions(ctx, st, method, app, g, Some(c))
                    }
                    ("GET", ["role-connections", "metadata"]) => Ok(Reply::json(Value::Array(
                        st.world
                            .applications
                            .role_metadata
                            .get(&app)
                            .cloned()
                            .unwrap_or_default(),
                    ))),
                    ("PUT", ["role-connections", "metadata"]) => {
                        let records = validate_metadata(&ctx.json()?)?;
                        st.world
                            .applications
                            .role_metadata
                            .insert(app, records.clone());
                        Ok(Reply::json(Value::Array(records)))
                    }
                    (_, [] | ["attachment"] | ["role-connections", "metadata"]) => {
                        Err(ApiError::method_not_allowed())
                    }
                    _ => Err(ApiError::not_found()),
                }
            })()
        }
        _ => return None,
    })
}

/// Seeding and reading back applications' monetization and Activities.
impl Emulator {
    /// Creates a SKU of `app` (`kind`: 2 durable, 3 consumable, 5 subscription, 6
    /// subscription group), for entitlements and subscriptions to refer to.
    pub fn create_sku(&self, app: ApplicationId, kind: u8) -> SkuId {
        self.with(|st| {
            let id = st.world.ids.next();
            st.world.applications.skus.insert(
                id,
                SkuRec {
                    id,
                    app: app.get(),
                    kind,
                },
            );
            SkuId::new(id)
        })
    }

    /// Subscribes `user` to `sku` (an active subscription for the current month, with
    /// its entitlement); 10027 for an unknown SKU.
    pub fn create_subscription(
        &self,
        sku: SkuId,
        user: UserId,
    ) -> Result<SubscriptionId, EmulatorError> {
        self.with(|st| {
            let rec = st
                .world
                .applications
                .skus
                .get(&sku.get())
                .cloned()
                .ok_or_else(unknown_sku)?;
            if !st.world.users.contains_key(&user.get()) {
                return Err(ApiError::unknown_user().into());
            }
            let sub = st.world.ids.next();
            let ent = st.world.ids.next();
            let now = Timestamp::now();
            let end = Timestamp::from_micros(now.as_micros() + 30 * 24 * 3600 * 1_000_000);
            st.world.applications.entitlements.insert(
                ent,
                json!({
                    "id": ent.to_string(),
                    "sku_id": rec.id.to_string(),
                    "application_id": rec.app.to_string(),
                    "user_id": user.get().to_string(),
                    "type": 8,
                    "deleted": false,
                    "starts_at": now.to_string(),
                    "ends_at": end.to_string(),
                    "subscription_id": sub.to_string(),
                }),
            );
            st.world.applications.subscriptions.insert(
                sub,
                json!({
                    "id": sub.to_string(),
                    "user_id": user.get().to_string(),
                    "sku_ids": [rec.id.to_string()],
                    "entitlement_ids": [ent.to_string()],
                    "renewal_sku_ids": null,
                    "current_period_start": now.to_string(),
                    "current_period_end": end.to_string(),
                    "status": 0,
                    "canceled_at": null,
                }),
            );
            Ok(SubscriptionId::new(sub))
        })
    }

    /// Ends an entitlement now (its `ends_at` becomes the present), as when a
    /// subscription lapses.
    pub fn end_entitlement(&self, entitlement: EntitlementId) -> Result<(), EmulatorError> {
        self.with(|st| {
            let e = st
                .world
                .applications
                .entitlements
                .get_mut(&entitlement.get())
                .ok_or_else(unknown_entitlement)?;
            e["ends_at"] = Timestamp::now().to_string().into();
            Ok(())
        })
    }

    /// Every entitlement of `app` as Discord would send it, deleted ones included.
    pub fn entitlements_of(&self, app: ApplicationId) -> Vec<Value> {
        self.with(|st| {
            st.world
                .applications
                .entitlements
                .values()
                .filter(|e| id_field(e, "application_id") == Some(app.get()))
                .cloned()
                .collect()
        })
    }

    /// Starts an instance of `app`'s Activity in `channel` with these users; returns its
    /// instance id.
    pub fn create_activity_instance(
        &self,
        app: ApplicationId,
        channel: ChannelId,
        users: &[UserId],
    ) -> Result<String, EmulatorError> {
        self.with(|st| {
            let c = st
                .world
                .channels
                .get(&channel.get())
                .ok_or_else(ApiError::unknown_channel)?;
            let location = match c.guild_id {
                Some(g) if c.kind != kind::DM => json!({
                    "id": format!("gc-{g}-{}", c.id),
                    "kind": "gc",
                    "channel_id": c.id.to_string(),
                    "guild_id": g.to_string(),
                }),
                _ => json!({
                    "id": format!("pc-{}", c.id),
                    "kind": "pc",
                    "channel_id": c.id.to_string(),
                    "guild_id": null,
                }),
            };
            let launch = st.world.ids.next();
            let instance = format!("i-{launch}-{}", location["id"].as_str().unwrap_or_default());
            let v = json!({
                "application_id": app.get().to_string(),
                "instance_id": instance,
                "launch_id": launch.to_string(),
                "location": location,
                "users": users.iter().map(|u| u.get().to_string()).collect::<Vec<_>>(),
            });
            st.world
                .applications
                .activity_instances
                .insert((app.get(), instance.clone()), v);
            Ok(instance)
        })
    }

    /// A user's role connection for `app` as stored (`None` when there is none).
    pub fn role_connection_of(&self, app: ApplicationId, user: UserId) -> Option<Value> {
        self.with(|st| {
            st.world
                .applications
                .role_connections
                .get(&(app.get(), user.get()))
                .cloned()
        })
    }

    /// The permissions of `command` (or the application-wide ones, under the
    /// application's id) of `app` in `guild`, as stored.
    pub fn command_permissions_of(
        &self,
        app: ApplicationId,
        guild: kokoro_model::id::GuildId,
        command: u64,
    ) -> Vec<Value> {
        self.with(|st| {
            st.world
                .applications
                .command_permissions
                .get(&(guild.get(), app.get()))
                .and_then(|m| m.get(&command))
                .cloned()
                .unwrap_or_default()
        })
    }
}
