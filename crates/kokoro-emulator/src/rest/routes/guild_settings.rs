//! Guild settings, previews, widgets, welcome screens, onboarding, templates, prune, integrations, join requests and the other guild-wide routes that are not members, roles, bans or channels.

use std::collections::{BTreeMap, HashMap};

use bytes::Bytes;
use kokoro_model::id::{ChannelId, GenericId, GuildId, IntegrationId, UserId};
use kokoro_model::{Intents, Permissions, Timestamp};
use serde_json::{Map, Value, json};

use super::members::remove_member;
use super::{guild, id, require_guild, string_field, top_position};
use crate::driver::{Emulator, EmulatorError};
use crate::gateway::commands::{id_field, value_id};
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply, percent_decode};
use crate::state::State;
use crate::world::{MemberRec, audit, kind, make_token, opt_id};

/// What the emulator remembers of guild-wide settings.
#[derive(Debug, Default)]
pub(crate) struct Store {
    /// Settings per guild.
    pub(crate) guilds: BTreeMap<u64, GuildSettings>,
    /// Templates by code.
    pub(crate) templates: BTreeMap<String, TemplateRec>,
}

/// The settings of one guild.
#[derive(Debug, Default)]
pub(crate) struct GuildSettings {
    /// Guild object fields set with `PATCH /guilds/{id}` beyond the name.
    pub(crate) fields: Map<String, Value>,
    pub(crate) widget_enabled: bool,
    pub(crate) widget_channel: Option<u64>,
    /// `{description, welcome_channels}`, once set.
    pub(crate) welcome_screen: Option<Value>,
    pub(crate) welcome_enabled: bool,
    /// The onboarding object, once set.
    pub(crate) onboarding: Option<Value>,
    pub(crate) integrations: BTreeMap<u64, Value>,
    pub(crate) join_requests: BTreeMap<u64, JoinRequestRec>,
    /// `invites_disabled_until`, `dms_disabled_until`.
    pub(crate) incidents: Option<Value>,
    /// The new-member welcome (home) settings, once set.
    pub(crate) home: Option<Value>,
    pub(crate) vanity: Option<(String, u64)>,
    /// When members were last active (members without one: when they joined).
    pub(crate) last_seen: HashMap<u64, Timestamp>,
    /// Guild profiles set with `PATCH /guilds/{id}/members/@me`: `avatar`, `banner`,
    /// `bio` per user.
    pub(crate) profiles: HashMap<u64, Map<String, Value>>,
}

/// A membership request.
#[derive(Clone, Debug)]
pub(crate) struct JoinRequestRec {
    pub(crate) id: u64,
    pub(crate) user: u64,
    pub(crate) status: &'static str,
    pub(crate) created_at: Timestamp,
    pub(crate) reviewed_at: Option<Timestamp>,
    pub(crate) rejection_reason: Option<String>,
    pub(crate) actioned_by: Option<u64>,
}

/// A guild template.
#[derive(Clone, Debug)]
pub(crate) struct TemplateRec {
    pub(crate) code: String,
    pub(crate) guild: u64,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) creator: u64,
    pub(crate) created_at: Timestamp,
    pub(crate) updated_at: Timestamp,
    pub(crate) usage_count: u64,
    pub(crate) snapshot: Value,
}

fn settings(st: &mut State, g: u64) -> &mut GuildSettings {
    st.world.guild_settings.guilds.entry(g).or_default()
}

/// Adds the stored settings to a guild object (`GET /guilds/{id}`, GUILD_UPDATE).
pub(crate) fn overlay(st: &State, g: u64, v: &mut Value) {
    let Some(s) = st.world.guild_settings.guilds.get(&g) else {
        return;
    };
    if let Some(obj) = v.as_object_mut() {
        for (k, val) in &s.fields {
            obj.insert(k.clone(), val.clone());
        }
        obj.insert("widget_enabled".into(), s.widget_enabled.into());
        obj.insert("widget_channel_id".into(), opt_id(s.widget_channel));
        if let Some(i) = &s.incidents {
            obj.insert("incidents_data".into(), i.clone());
        }
        if let Some((code, _)) = &s.vanity {
            obj.insert("vanity_url_code".into(), code.clone().into());
        }
        if let Some(w) = &s.welcome_screen {
            obj.insert("welcome_screen".into(), w.clone());
        }
    }
}

/// Checks the guild-profile fields of `PATCH /guilds/{id}/members/@me`; returns
/// what to store.
pub(crate) fn profile_update(body: &Value) -> Result<Vec<(&'static str, Value)>, ApiError> {
    let mut out = Vec::new();
    for key in ["avatar", "banner"] {
        if let Some(v) = image_field(body, key)? {
            out.push((key, v));
        }
    }
    if body.get("bio").is_some() {
        let bio = string_field(body, "bio", 190)?;
        out.push(("bio", bio.map_or(Value::Null, Value::String)));
    }
    Ok(out)
}

/// Stores a member's guild profile fields.
pub(crate) fn profile_apply(st: &mut State, g: u64, user: u64, fields: Vec<(&'static str, Value)>) {
    if fields.is_empty() {
        return;
    }
    let profile = settings(st, g).profiles.entry(user).or_default();
    for (k, v) in fields {
        profile.insert(k.to_owned(), v);
    }
}

/// Adds a member's guild profile (avatar, banner) to its member object.
pub(crate) fn profile_overlay(st: &State, g: u64, user: u64, v: &mut Value) {
    let Some(p) = st
        .world
        .guild_settings
        .guilds
        .get(&g)
        .and_then(|s| s.profiles.get(&user))
    else {
        return;
    };
    if let Some(obj) = v.as_object_mut() {
        for (k, val) in p {
            obj.insert(k.clone(), val.clone());
        }
    }
}

/// A form error.
fn bad(field: &str, message: &str) -> ApiError {
    ApiError::form(field, "BASE_TYPE_INVALID", message.to_owned())
}

/// A snowflake field naming a channel of the guild (or null).
fn guild_channel_field(st: &State, g: u64, body: &Value, key: &str) -> Result<Value, ApiError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(v) => {
            let c = value_id(v).ok_or_else(|| bad(key, "Value is not snowflake."))?;
            if st
                .world
                .channels
                .get(&c)
                .is_none_or(|ch| ch.guild_id != Some(g))
            {
                return Err(ApiError::form(
                    key,
                    "CHANNEL_INVALID",
                    "Invalid channel".to_owned(),
                ));
            }
            Ok(c.to_string().into())
        }
    }
}

/// A data-URI image field: its hash (or null to remove it).
fn image_field(body: &Value, key: &str) -> Result<Option<Value>, ApiError> {
    match body.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(Value::Null)),
        Some(Value::String(s)) => {
            let ok = ["png", "jpeg", "gif", "webp", "avif"]
                .iter()
                .any(|t| s.starts_with(&format!("data:image/{t};base64,")));
            if !ok || s.len() > 14 * 1024 * 1024 {
                return Err(ApiError::form(key, "IMAGE_INVALID", "Invalid image data"));
            }
            Ok(Some(image_hash(s).into()))
        }
        Some(_) => Err(bad(key, "Could not interpret value as string.")),
    }
}

/// A 32-hex-digit hash of an image, like Discord's.
fn image_hash(data: &str) -> String {
    let fnv = |seed: u64| {
        data.bytes().fold(seed, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    format!(
        "{:016x}{:016x}",
        fnv(0xcbf2_9ce4_8422_2325),
        fnv(0x8422_2325_cbf2_9ce4)
    )
}

/// An integer field within `min..=max` (or one of `allowed`).
fn int_field(body: &Value, key: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => {
            let n = v.as_i64().ok_or_else(|| bad(key, "Value is not int."))?;
            if n < min || n > max {
                return Err(ApiError::form(
                    key,
                    "NUMBER_TYPE_MAX",
                    format!("Value must be between {min} and {max}."),
                ));
            }
            Ok(Some(n))
        }
    }
}

/// Applies the fields of `PATCH /guilds/{id}` other than the name; returns the
/// audit-log changes.
pub(crate) fn patch_guild(st: &mut State, g: u64, body: &Value) -> Result<Vec<Value>, ApiError> {
    let mut set: Vec<(&str, Value)> = Vec::new();
    if body.get("description").is_some() {
        set.push((
            "description",
            string_field(body, "description", 300)?.map_or(Value::Null, Value::String),
        ));
    }
    for key in ["icon", "banner", "splash", "discovery_splash"] {
        if let Some(v) = image_field(body, key)? {
            set.push((key, v));
        }
    }
    for (key, max) in [
        ("verification_level", 4),
        ("default_message_notifications", 1),
        ("explicit_content_filter", 2),
        ("system_channel_flags", 63),
    ] {
        if let Some(n) = int_field(body, key, 0, max)? {
            set.push((key, n.into()));
        }
    }
    if let Some(t) = int_field(body, "afk_timeout", 60, 3600)? {
        if ![60, 300, 900, 1800, 3600].contains(&t) {
            return Err(bad(
                "afk_timeout",
                "Value must be one of (60, 300, 900, 1800, 3600).",
            ));
        }
        set.push(("afk_timeout", t.into()));
    }
    for key in [
        "afk_channel_id",
        "system_channel_id",
        "rules_channel_id",
        "public_updates_channel_id",
        "safety_alerts_channel_id",
    ] {
        if body.get(key).is_some() {
            set.push((key, guild_channel_field(st, g, body, key)?));
        }
    }
    if body.get("preferred_locale").is_some() {
        let l = string_field(body, "preferred_locale", 10)?;
        set.push(("preferred_locale", l.map_or(Value::Null, Value::String)));
    }
    if let Some(f) = body.get("features") {
        let list = f
            .as_array()
            .filter(|l| l.iter().all(Value::is_string))
            .ok_or_else(|| bad("features", "Must be a list of strings."))?;
        set.push(("features", Value::Array(list.clone())));
    }
    if let Some(b) = body.get("premium_progress_bar_enabled") {
        let b = b
            .as_bool()
            .ok_or_else(|| bad("premium_progress_bar_enabled", "Must be a boolean."))?;
        set.push(("premium_progress_bar_enabled", b.into()));
    }
    let s = settings(st, g);
    let mut changes = Vec::new();
    for (k, v) in set {
        let old = s.fields.insert(k.to_owned(), v.clone());
        changes.push(json!({"key": k, "old_value": old, "new_value": v}));
    }
    Ok(changes)
}

/// The query values of `key` (repeated keys give several).
fn query_all(ctx: &Ctx<'_>, key: &str) -> Vec<String> {
    ctx.query
        .split('&')
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k == key).then(|| percent_decode(v))
        })
        .collect()
}

/// An integer query parameter within `min..=max`.
fn query_int(ctx: &Ctx<'_>, key: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
    match ctx.query(key) {
        None => Ok(None),
        Some(raw) => {
            let n = raw
                .parse::<i64>()
                .map_err(|_| bad(key, "Value is not int."))?;
            if n < min || n > max {
                return Err(ApiError::form(
                    key,
                    "NUMBER_TYPE_MAX",
                    format!("Value must be between {min} and {max}."),
                ));
            }
            Ok(Some(n))
        }
    }
}

fn guild_update(ctx: &Ctx<'_>, st: &mut State, g: u64) {
    let Some(gr) = st.world.guilds.get(&g) else {
        return;
    };
    let mut v = gr.json();
    overlay(st, g, &mut v);
    ctx.emit(
        st,
        Dispatch::new("GUILD_UPDATE", v)
            .guild(Some(g))
            .intents(Intents::GUILDS),
    );
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    match (method, segs) {
        ("GET", ["guilds", "templates", code]) => Some(template_by_code(st, code)),
        (_, ["guilds", g, rest @ ..]) if owns(method, rest) => {
            Some(guild_route(ctx, st, method, g, rest))
        }
        _ => None,
    }
}

/// Whether `METHOD /guilds/{id}/rest` is served here.
fn owns(method: &str, rest: &[&str]) -> bool {
    matches!(
        (method, rest),
        ("GET", ["preview"])
            | ("PATCH", ["channels"])
            | ("POST", ["bulk-ban"])
            | ("GET", ["integrations"])
            | ("DELETE", ["integrations", _])
            | ("PUT", ["members", _])
            | ("GET", ["messages", "search"])
            | ("GET", ["new-member-welcome"])
            | ("GET" | "PUT", ["onboarding"])
            | ("GET" | "POST", ["prune"])
            | ("GET", ["requests"])
            | ("PATCH", ["requests", _])
            | ("PATCH", ["roles"])
            | ("GET", ["roles", "member-counts"])
            | ("GET" | "POST", ["templates"])
            | ("PUT" | "PATCH" | "DELETE", ["templates", _])
            | ("GET", ["vanity-url"])
            | ("GET" | "PATCH", ["welcome-screen"])
            | ("GET" | "PATCH", ["widget"])
            | ("GET", ["widget.json" | "widget.png"])
            | ("PUT", ["incident-actions"])
    ) && !(rest.first() == Some(&"members") && rest.get(1) == Some(&"@me"))
}

fn guild_route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    g: &str,
    rest: &[&str],
) -> HandlerResult {
    let g = id(g, "guild_id")?;
    // The public widget needs no membership.
    if let ("GET", ["widget.json" | "widget.png"]) = (method, rest) {
        if !st.world.guilds.contains_key(&g) {
            return Err(ApiError::unknown_guild());
        }
        return if rest == ["widget.json"] {
            widget_json(st, g)
        } else {
            widget_png(ctx, st, g)
        };
    }
    guild(st, ctx.bot, g)?;
    let bot = ctx.bot;
    match (method, rest) {
        ("GET", ["preview"]) => preview(st, g),
        ("PATCH", ["channels"]) => {
            require_guild(st, bot, g, Permissions::MANAGE_CHANNELS)?;
            channel_positions(ctx, st, g)
        }
        ("POST", ["bulk-ban"]) => {
            require_guild(
                st,
                bot,
                g,
                Permissions::BAN_MEMBERS | Permissions::MANAGE_GUILD,
            )?;
            bulk_ban(ctx, st, g)
        }
        ("GET", ["integrations"]) => {
            require_guild(st, bot, g, Permissions::MANAGE_GUILD)?;
            let list = st
                .world
                .guild_settings
                .guilds
                .get(&g)
                .map_or(vec![], |s| s.integrations.values().cloned().collect());
            Ok(Reply::json(Value::Array(list)))
        }
        ("DELETE", ["integrations", i]) => {
            let i = id(i, "integration_id")?;
            require_guild(st, bot, g, Permissions::MANAGE_GUILD)?;
            let removed = settings(st, g).integrations.remove(&i);
            let removed =
                removed.ok_or_else(|| ApiError::new(404, 10005, "Unknown Integration"))?;
            let gid = g.to_string();
            ctx.emit(
                st,
                Dispatch::new(
                    "INTEGRATION_DELETE",
                    json!({"id": i.to_string(), "guild_id": gid, "application_id": removed.get("application").and_then(|a| a.get("id"))}),
                )
                .guild(Some(g))
                .intents(Intents::GUILD_INTEGRATIONS),
            );
            ctx.emit(
                st,
                Dispatch::new("GUILD_INTEGRATIONS_UPDATE", json!({"guild_id": gid}))
                    .guild(Some(g))
                    .intents(Intents::GUILD_INTEGRATIONS),
            );
            ctx.audit(
                st,
                g,
                audit::INTEGRATION_DELETE,
                Some(i),
                json!([{"key": "type", "old_value": removed["type"]}]),
            );
            Ok(Reply::no_content())
        }
        ("PUT", ["members", u]) => {
            let u = id(u, "user_id")?;
            add_member(ctx, st, g, u)
        }
        ("GET", ["messages", "search"]) => search(ctx, st, g),
        ("GET", ["new-member-welcome"]) => Ok(st
            .world
            .guild_settings
            .guilds
            .get(&g)
            .and_then(|s| s.home.clone())
            .map_or_else(Reply::no_content, Reply::json)),
        ("GET", ["onboarding"]) => Ok(Reply::json(onboarding_json(st, g))),
        ("PUT", ["onboarding"]) => {
            require_guild(
                st,
                bot,
                g,
                Permissions::MANAGE_GUILD | Permissions::MANAGE_ROLES,
            )?;
            put_onboarding(ctx, st, g)
        }
        ("GET", ["prune"]) => {
            require_guild(
                st,
                bot,
                g,
                Permissions::MANAGE_GUILD | Permissions::KICK_MEMBERS,
            )?;
            let days = query_int(ctx, "days", 1, 30)?.unwrap_or(7);
            let roles = ctx
                .query("include_roles")
                .map(percent_decode)
                .unwrap_or_default();
            let roles: Vec<u64> = roles
                .split(',')
                .filter(|r| !r.is_empty())
                .map(|r| id(r, "include_roles"))
                .collect::<Result<_, _>>()?;
            let n = prunable(st, g, days, &roles).len();
            Ok(Reply::json(json!({"pruned": n})))
        }
        ("POST", ["prune"]) => {
            require_guild(
                st,
                bot,
                g,
                Permissions::MANAGE_GUILD | Permissions::KICK_MEMBERS,
            )?;
            begin_prune(ctx, st, g)
        }
        ("GET", ["requests"]) => {
            // The requests themselves need KICK_MEMBERS; MANAGE_GUILD alone gives the count.
            let p = guild(st, bot, g).map(|gr| st.world.base_permissions(gr, bot))?;
            let p = p.unwrap_or(Permissions::empty());
            if !p.intersects(Permissions::KICK_MEMBERS | Permissions::MANAGE_GUILD) {
                return Err(ApiError::missing_permissions());
            }
            if !p.contains(Permissions::KICK_MEMBERS) {
                let mut r = join_requests(ctx, st, g)?;
                if let Some(b) = r.body.as_mut().and_then(Value::as_object_mut) {
                    b.remove("guild_join_requests");
                }
                return Ok(r);
            }
            join_requests(ctx, st, g)
        }
        ("PATCH", ["requests", r]) => {
            let r = id(r, "request_id")?;
            require_guild(st, bot, g, Permissions::KICK_MEMBERS)?;
            action_join_request(ctx, st, g, r)
        }
        ("PATCH", ["roles"]) => {
            require_guild(st, bot, g, Permissions::MANAGE_ROLES)?;
            role_positions(ctx, st, g)
        }
        ("GET", ["roles", "member-counts"]) => {
            let gr = guild(st, bot, g)?;
            let counts: Map<String, Value> = gr
                .roles
                .keys()
                .filter(|r| **r != g)
                .map(|r| {
                    let n = gr.members.values().filter(|m| m.roles.contains(r)).count();
                    (r.to_string(), n.into())
                })
                .collect();
            Ok(Reply::json(Value::Object(counts)))
        }
        ("GET", ["templates"]) => {
            require_guild(st, bot, g, Permissions::MANAGE_GUILD)?;
            let list = st
                .world
                .guild_settings
                .templates
                .values()
                .filter(|t| t.guild == g)
                .map(|t| template_json(st, t))
                .collect();
            Ok(Reply::json(Value::Array(list)))
        }
        ("POST", ["templates"]) => {
            require_guild(st, bot, g, Permissions::MANAGE_GUILD)?;
            create_template(ctx, st, g)
        }
        (_, ["templates", code]) => {
            require_guild(st, bot, g, Permissions::MANAGE_GUILD)?;
            change_template(ctx, st, method, g, code)
        }
        ("GET", ["vanity-url"]) => {
            require_guild(st, bot, g, Permissions::MANAGE_GUILD)?;
            let (code, uses) = st
                .world
                .guild_settings
                .guilds
                .get(&g)
                .and_then(|s| s.vanity.clone())
                .map_or((Value::Null, 0), |(c, u)| (c.into(), u));
            Ok(Reply::json(json!({"code": code, "uses": uses})))
        }
        ("GET", ["welcome-screen"]) => {
            let enabled = st
                .world
                .guild_settings
                .guilds
                .get(&g)
                .is_some_and(|s| s.welcome_enabled);
            if !enabled {
                require_guild(st, bot, g, Permissions::MANAGE_GUILD)?;
            }
            Ok(Reply::json(welcome_json(st, g)))
        }
        ("PATCH", ["welcome-screen"]) => {
            require_guild(st, bot, g, Permissions::MANAGE_GUILD)?;
            patch_welcome(ctx, st, g)
        }
        ("GET", ["widget"]) => {
            require_guild(st, bot, g, Permissions::MANAGE_GUILD)?;
            Ok(Reply::json(widget_settings_json(st, g)))
        }
        ("PATCH", ["widget"]) => {
            require_guild(st, bot, g, Permissions::MANAGE_GUILD)?;
            patch_widget(ctx, st, g)
        }
        ("PUT", ["incident-actions"]) => {
            require_guild(st, bot, g, Permissions::MANAGE_GUILD)?;
            incident_actions(ctx, st, g)
        }
        _ => Err(ApiError::method_not_allowed()),
    }
}

fn preview(st: &State, g: u64) -> HandlerResult {
    let gr = st
        .world
        .guilds
        .get(&g)
        .ok_or_else(ApiError::unknown_guild)?;
    let mut v = gr.json();
    overlay(st, g, &mut v);
    let online = gr
        .members
        .keys()
        .filter(|u| st.world.is_online(**u))
        .count();
    Ok(Reply::json(json!({
        "id": v["id"], "name": v["name"], "icon": v["icon"], "splash": v["splash"],
        "discovery_splash": v["discovery_splash"], "emojis": v["emojis"],
        "features": v["features"], "stickers": v["stickers"], "description": v["description"],
        "approximate_member_count": gr.members.len(),
        "approximate_presence_count": online,
    })))
}

fn body_list(ctx: &Ctx<'_>, field: &str) -> Result<Vec<Value>, ApiError> {
    match ctx.json()? {
        Value::Array(list) if !list.is_empty() => Ok(list),
        Value::Array(_) => Err(ApiError::form(
            field,
            "BASE_TYPE_MIN_LENGTH",
            "Must be 1 or more in length.",
        )),
        _ => Err(bad(field, "Must be an array.")),
    }
}

fn channel_positions(ctx: &Ctx<'_>, st: &mut State, g: u64) -> HandlerResult {
    let list = body_list(ctx, "channels")?;
    let mut moves = Vec::with_capacity(list.len());
    for (i, e) in list.iter().enumerate() {
        let c = id_field(e, "id").ok_or_else(|| ApiError::required(&format!("{i}.id")))?;
        if !st
            .world
            .channels
            .get(&c)
            .is_some_and(|ch| ch.guild_id == Some(g) && !kind::is_thread(ch.kind))
        {
            return Err(ApiError::unknown_channel());
        }
        let position = int_field(e, "position", 0, i64::from(i32::MAX))?;
        let parent = match e.get("parent_id") {
            None => None,
            Some(Value::Null) => Some(None),
            Some(p) => {
                let p = value_id(p).ok_or_else(|| bad("parent_id", "Value is not snowflake."))?;
                if !st
                    .world
                    .channels
                    .get(&p)
                    .is_some_and(|ch| ch.guild_id == Some(g) && ch.kind == kind::GUILD_CATEGORY)
                {
                    return Err(ApiError::form(
                        &format!("{i}.parent_id"),
                        "CHANNEL_PARENT_INVALID",
                        "Invalid parent channel",
                    ));
                }
                Some(Some(p))
            }
        };
        let lock = e.get("lock_permissions").and_then(Value::as_bool) == Some(true);
        moves.push((c, position, parent, lock));
    }
    for (c, position, parent, lock) in moves {
        let overwrites = parent
            .flatten()
            .filter(|_| lock)
            .and_then(|p| st.world.channels.get(&p))
            .map(|p| p.overwrites.clone());
        if let Some(ch) = st.world.channels.get_mut(&c) {
            if let Some(p) = position {
                ch.position = p;
            }
            if let Some(p) = parent {
                ch.parent_id = p;
            }
            if let Some(o) = overwrites {
                ch.overwrites = o;
            }
        }
        let v = st
            .world
            .channels
            .get(&c)
            .map(|ch| ch.json(&st.world))
            .unwrap_or_default();
        ctx.emit(
            st,
            Dispatch::new("CHANNEL_UPDATE", v)
                .guild(Some(g))
                .intents(Intents::GUILDS),
        );
    }
    Ok(Reply::no_content())
}

fn bulk_ban(ctx: &Ctx<'_>, st: &mut State, g: u64) -> HandlerResult {
    let body = ctx.json()?;
    let ids = body
        .get("user_ids")
        .and_then(Value::as_array)
        .ok_or_else(|| ApiError::required("user_ids"))?;
    if ids.is_empty() || ids.len() > 200 {
        return Err(ApiError::form(
            "user_ids",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 200 in length.",
        ));
    }
    int_field(&body, "delete_message_seconds", 0, 604_800)?;
    let users: Vec<u64> = ids
        .iter()
        .map(|v| value_id(v).ok_or_else(|| bad("user_ids", "Value is not snowflake.")))
        .collect::<Result<_, _>>()?;
    let (mut banned, mut failed) = (Vec::new(), Vec::new());
    for u in users {
        let gr = st
            .world
            .guilds
            .get(&g)
            .ok_or_else(ApiError::unknown_guild)?;
        let member = gr.members.contains_key(&u);
        let ok = st.world.users.contains_key(&u)
            && !gr.bans.contains_key(&u)
            && u != ctx.bot
            && (!member || (gr.owner_id != u && top_position(gr, ctx.bot) > top_position(gr, u)));
        if !ok {
            failed.push(u.to_string());
            continue;
        }
        let reason = ctx.reason.clone();
        if let Some(gr) = st.world.guilds.get_mut(&g) {
            gr.bans.insert(u, reason);
        }
        if member {
            remove_member(ctx, st, g, u);
        }
        let user = st.world.users.get(&u).map(|u| u.json());
        ctx.emit(
            st,
            Dispatch::new(
                "GUILD_BAN_ADD",
                json!({"guild_id": g.to_string(), "user": user}),
            )
            .guild(Some(g))
            .intents(Intents::GUILD_MODERATION),
        );
        ctx.audit(st, g, audit::MEMBER_BAN_ADD, Some(u), json!([]));
        banned.push(u.to_string());
    }
    if banned.is_empty() {
        return Err(ApiError::new(500, 500_000, "Failed to ban users"));
    }
    Ok(Reply::json(
        json!({"banned_users": banned, "failed_users": failed}),
    ))
}

fn add_member(ctx: &Ctx<'_>, st: &mut State, g: u64, u: u64) -> HandlerResult {
    let body = ctx.json()?;
    let token = string_field(&body, "access_token", 10_240)?
        .ok_or_else(|| ApiError::required("access_token"))?;
    // A token of this user, granted to the bot's application with `guilds.join`.
    let granted = st.world.bearer_tokens.get(&token).is_some_and(|b| {
        b.user == u && b.app == ctx.app && b.scopes.iter().any(|s| s == "guilds.join")
    });
    if !granted {
        return Err(ApiError::new(403, 50025, "Invalid OAuth2 access token"));
    }
    require_guild(st, ctx.bot, g, Permissions::CREATE_INSTANT_INVITE)?;
    let gr = st
        .world
        .guilds
        .get(&g)
        .ok_or_else(ApiError::unknown_guild)?;
    if gr.members.contains_key(&u) {
        return Ok(Reply::no_content());
    }
    if gr.bans.contains_key(&u) {
        return Err(ApiError::new(
            403,
            40007,
            "The user is banned from this guild.",
        ));
    }
    let nick = string_field(&body, "nick", 32)?;
    if nick.is_some() {
        require_guild(st, ctx.bot, g, Permissions::MANAGE_NICKNAMES)?;
    }
    let roles: Vec<u64> = match body.get("roles") {
        None | Some(Value::Null) => vec![],
        Some(v) => {
            let list = v
                .as_array()
                .filter(|l| l.len() <= 250)
                .ok_or_else(|| bad("roles", "Must be a list of at most 250 roles."))?;
            list.iter()
                .map(|r| value_id(r).ok_or_else(|| bad("roles", "Value is not snowflake.")))
                .collect::<Result<_, _>>()?
        }
    };
    if !roles.is_empty() {
        require_guild(st, ctx.bot, g, Permissions::MANAGE_ROLES)?;
        if roles.iter().any(|r| !gr.roles.contains_key(r) || *r == g) {
            return Err(ApiError::unknown_role());
        }
    }
    for (key, perm) in [
        ("mute", Permissions::MUTE_MEMBERS),
        ("deaf", Permissions::DEAFEN_MEMBERS),
    ] {
        if body.get(key).and_then(Value::as_bool) == Some(true) {
            require_guild(st, ctx.bot, g, perm)?;
        }
    }
    let gr = st
        .world
        .guilds
        .get_mut(&g)
        .ok_or_else(ApiError::unknown_guild)?;
    gr.members.insert(
        u,
        MemberRec {
            user: u,
            nick: nick.filter(|n| !n.is_empty()),
            roles,
            joined_at: Timestamp::now(),
            communication_disabled_until: None,
        },
    );
    let gr = st
        .world
        .guilds
        .get(&g)
        .ok_or_else(ApiError::unknown_guild)?;
    let mut v = gr
        .members
        .get(&u)
        .map(|m| st.world.member_json(gr, m))
        .unwrap_or_default();
    for key in ["mute", "deaf"] {
        if let Some(b) = body.get(key).and_then(Value::as_bool) {
            v[key] = b.into();
        }
    }
    ctx.emit(
        st,
        Dispatch::new("GUILD_MEMBER_ADD", v.clone())
            .guild(Some(g))
            .intents(Intents::GUILD_MEMBERS),
    );
    Ok(Reply::created(v))
}

fn search(ctx: &Ctx<'_>, st: &State, g: u64) -> HandlerResult {
    let limit = query_int(ctx, "limit", 1, 25)?.unwrap_or(25) as usize;
    let offset = query_int(ctx, "offset", 0, 9975)?.unwrap_or(0) as usize;
    query_int(ctx, "slop", 0, 100)?;
    let content = ctx.query("content").map(percent_decode);
    if content.as_ref().is_some_and(|c| c.chars().count() > 1024) {
        return Err(ApiError::max_length("content", 1024));
    }
    let ids = |key: &str| -> Result<Vec<u64>, ApiError> {
        query_all(ctx, key).iter().map(|v| id(v, key)).collect()
    };
    let (authors, mentions, channels) = (ids("author_id")?, ids("mentions")?, ids("channel_id")?);
    let author_types = query_all(ctx, "author_type");
    let has = query_all(ctx, "has");
    let pinned = ctx.query("pinned").map(|p| p == "true");
    let everyone = ctx.query("mention_everyone").map(|p| p == "true");
    let min_id = ctx.query("min_id").and_then(|v| v.parse::<u64>().ok());
    let max_id = ctx.query("max_id").and_then(|v| v.parse::<u64>().ok());
    let ascending = ctx.query("sort_order") == Some("asc");
    let gr = st
        .world
        .guilds
        .get(&g)
        .ok_or_else(ApiError::unknown_guild)?;
    let mut hits: Vec<Value> = Vec::new();
    for c in &gr.channels {
        let Some(ch) = st.world.channels.get(c) else {
            continue;
        };
        if !channels.is_empty() && !channels.contains(c) {
            continue;
        }
        let visible = st.world.channel_permissions(ch, ctx.bot).is_some_and(|p| {
            p.contains(Permissions::VIEW_CHANNEL | Permissions::READ_MESSAGE_HISTORY)
        });
        if !visible {
            continue;
        }
        let Some(messages) = st.world.messages.get(c) else {
            continue;
        };
        for m in messages.values() {
            let v = &m.value;
            let text = v["content"].as_str().unwrap_or("");
            let is_bot = v["author"]["bot"].as_bool() == Some(true);
            let is_webhook = v.get("webhook_id").is_some_and(|w| !w.is_null());
            let kind_ok = author_types.iter().all(|t| match t.as_str() {
                "user" => !is_bot && !is_webhook,
                "bot" => is_bot,
                "webhook" => is_webhook,
                "-user" => is_bot || is_webhook,
                "-bot" => !is_bot,
                "-webhook" => !is_webhook,
                _ => true,
            });
            let has_ok = has.iter().all(|h| {
                let (negated, what) = h
                    .strip_prefix('-')
                    .map_or((false, h.as_str()), |w| (true, w));
                let non_empty = |k: &str| v[k].as_array().is_some_and(|a| !a.is_empty());
                let present = match what {
                    "link" => text.contains("http://") || text.contains("https://"),
                    "embed" => non_empty("embeds"),
                    "file" | "image" | "video" | "sound" => non_empty("attachments"),
                    "sticker" => non_empty("sticker_items"),
                    "poll" => v.get("poll").is_some_and(|p| !p.is_null()),
                    "snapshot" => non_empty("message_snapshots"),
                    _ => true,
                };
                present != negated
            });
            let ok = content
                .as_ref()
                .is_none_or(|q| text.to_lowercase().contains(&q.to_lowercase()))
                && (authors.is_empty() || authors.contains(&m.author))
                && (mentions.is_empty() || mentions.iter().any(|u| m.mentions.contains(u)))
                && kind_ok
                && has_ok
                && pinned.is_none_or(|p| ch.pins.iter().any(|(id, _)| *id == m.id) == p)
                && everyone.is_none_or(|e| v["mention_everyone"].as_bool().unwrap_or(false) == e)
                && min_id.is_none_or(|x| m.id > x)
                && max_id.is_none_or(|x| m.id < x);
            if ok {
                let mut hit = m.json(Some(ctx.bot));
                hit["hit"] = true.into();
                hits.push(hit);
            }
        }
    }
    hits.sort_by_key(|h| id_field(h, "id").unwrap_or(0));
    if !ascending {
        hits.reverse();
    }
    let total = hits.len();
    let page: Vec<Value> = hits
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|h| Value::Array(vec![h]))
        .collect();
    Ok(Reply::json(json!({
        "messages": page,
        "total_results": total,
        "doing_deep_historical_index": false,
        "threads": [],
        "members": [],
    })))
}

fn onboarding_json(st: &State, g: u64) -> Value {
    st.world
        .guild_settings
        .guilds
        .get(&g)
        .and_then(|s| s.onboarding.clone())
        .unwrap_or_else(|| {
            json!({"guild_id": g.to_string(), "prompts": [], "default_channel_ids": [], "enabled": false, "mode": 0})
        })
}

fn put_onboarding(ctx: &Ctx<'_>, st: &mut State, g: u64) -> HandlerResult {
    let body = ctx.json()?;
    let mut v = onboarding_json(st, g);
    if let Some(p) = body.get("prompts") {
        let list = p
            .as_array()
            .ok_or_else(|| bad("prompts", "Must be an array."))?;
        if list.len() > 15 {
            return Err(ApiError::form(
                "prompts",
                "BASE_TYPE_MAX_LENGTH",
                "Must be 15 or fewer in length.",
            ));
        }
        let mut prompts = Vec::with_capacity(list.len());
        for (i, p) in list.iter().enumerate() {
            let title = string_field(p, "title", 100)?
                .filter(|t| !t.is_empty())
                .ok_or_else(|| ApiError::required(&format!("prompts.{i}.title")))?;
            let options = p
                .get("options")
                .and_then(Value::as_array)
                .filter(|o| !o.is_empty() && o.len() <= 50)
                .ok_or_else(|| {
                    bad(
                        &format!("prompts.{i}.options"),
                        "Must be between 1 and 50 in length.",
                    )
                })?;
            let mut opts = Vec::with_capacity(options.len());
            for (j, o) in options.iter().enumerate() {
                let otitle = string_field(o, "title", 50)?
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| ApiError::required(&format!("prompts.{i}.options.{j}.title")))?;
                let oid = id_field(o, "id").unwrap_or_else(|| st.world.ids.next());
                opts.push(json!({
                    "id": oid.to_string(),
                    "title": otitle,
                    "description": string_field(o, "description", 100)?,
                    "channel_ids": o.get("channel_ids").cloned().unwrap_or(json!([])),
                    "role_ids": o.get("role_ids").cloned().unwrap_or(json!([])),
                    "emoji_id": o.get("emoji_id").cloned().unwrap_or(Value::Null),
                    "emoji_name": o.get("emoji_name").cloned().unwrap_or(Value::Null),
                }));
            }
            let pid = id_field(p, "id").unwrap_or_else(|| st.world.ids.next());
            prompts.push(json!({
                "id": pid.to_string(),
                "type": int_field(p, "type", 0, 1)?.unwrap_or(0),
                "title": title,
                "options": opts,
                "single_select": p.get("single_select").and_then(Value::as_bool).unwrap_or(false),
                "required": p.get("required").and_then(Value::as_bool).unwrap_or(false),
                "in_onboarding": p.get("in_onboarding").and_then(Value::as_bool).unwrap_or(true),
            }));
        }
        v["prompts"] = Value::Array(prompts);
    }
    if let Some(d) = body.get("default_channel_ids") {
        let list = d
            .as_array()
            .filter(|l| l.len() <= 500)
            .ok_or_else(|| bad("default_channel_ids", "Must be 500 or fewer in length."))?;
        let mut ids = Vec::with_capacity(list.len());
        for c in list {
            let c =
                value_id(c).ok_or_else(|| bad("default_channel_ids", "Value is not snowflake."))?;
            if st
                .world
                .channels
                .get(&c)
                .is_none_or(|ch| ch.guild_id != Some(g))
            {
                return Err(ApiError::form(
                    "default_channel_ids",
                    "CHANNEL_INVALID",
                    "Invalid channel",
                ));
            }
            ids.push(Value::String(c.to_string()));
        }
        v["default_channel_ids"] = Value::Array(ids);
    }
    if let Some(e) = body.get("enabled").and_then(Value::as_bool) {
        v["enabled"] = e.into();
    }
    if let Some(m) = int_field(&body, "mode", 0, 1)? {
        v["mode"] = m.into();
    }
    settings(st, g).onboarding = Some(v.clone());
    ctx.audit(st, g, audit::ONBOARDING_UPDATE, Some(g), json!([]));
    Ok(Reply::json(v))
}

/// Members a prune of `days` days would remove (with `roles`, members whose roles
/// are all among them count too).
fn prunable(st: &State, g: u64, days: i64, roles: &[u64]) -> Vec<u64> {
    let Some(gr) = st.world.guilds.get(&g) else {
        return vec![];
    };
    let seen = st.world.guild_settings.guilds.get(&g);
    let cutoff = Timestamp::now().as_millis() - days * 86_400_000;
    gr.members
        .values()
        .filter(|m| m.user != gr.owner_id && !st.world.is_online(m.user))
        .filter(|m| m.roles.iter().all(|r| roles.contains(r)))
        .filter(|m| {
            let last = seen
                .and_then(|s| s.last_seen.get(&m.user))
                .copied()
                .unwrap_or(m.joined_at);
            last.as_millis() < cutoff
        })
        .map(|m| m.user)
        .collect()
}

fn begin_prune(ctx: &Ctx<'_>, st: &mut State, g: u64) -> HandlerResult {
    let body = ctx.json()?;
    let days = int_field(&body, "days", 1, 30)?.unwrap_or(7);
    let roles: Vec<u64> = match body.get("include_roles") {
        None | Some(Value::Null) => vec![],
        Some(Value::String(s)) => s
            .split(',')
            .filter(|r| !r.is_empty())
            .map(|r| id(r, "include_roles"))
            .collect::<Result<_, _>>()?,
        Some(Value::Array(l)) if l.len() <= 100 => l
            .iter()
            .map(|r| value_id(r).ok_or_else(|| bad("include_roles", "Value is not snowflake.")))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(bad("include_roles", "Must be 100 or fewer role ids.")),
    };
    let compute = body
        .get("compute_prune_count")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let gone = prunable(st, g, days, &roles);
    for u in &gone {
        remove_member(ctx, st, g, *u);
    }
    ctx.audit_with_options(
        st,
        g,
        audit::MEMBER_PRUNE,
        None,
        json!([]),
        json!({"delete_member_days": days.to_string(), "members_removed": gone.len().to_string()}),
    );
    let pruned = if compute {
        json!(gone.len())
    } else {
        Value::Null
    };
    Ok(Reply::json(json!({ "pruned": pruned })))
}

fn join_request_json(st: &State, g: u64, r: &JoinRequestRec) -> Value {
    json!({
        "id": r.id.to_string(),
        "created_at": r.created_at.to_string(),
        "reviewed_at": r.reviewed_at.map(|t| t.to_string()),
        "application_status": r.status,
        "rejection_reason": r.rejection_reason,
        "guild_id": g.to_string(),
        "user_id": r.user.to_string(),
        "user": st.world.users.get(&r.user).map(|u| u.json()),
        "form_responses": [],
        "actioned_by_user": r.actioned_by.and_then(|u| st.world.users.get(&u)).map(|u| u.json()),
    })
}

fn join_requests(ctx: &Ctx<'_>, st: &State, g: u64) -> HandlerResult {
    let limit = query_int(ctx, "limit", 1, 100)?.unwrap_or(100) as usize;
    let status = match ctx.query("status").unwrap_or("SUBMITTED") {
        s @ ("SUBMITTED" | "APPROVED" | "REJECTED") => s,
        _ => {
            return Err(bad(
                "status",
                "Value must be one of (SUBMITTED, APPROVED, REJECTED).",
            ));
        }
    };
    let after = ctx.query("after").map(|b| id(b, "after")).transpose()?;
    // With both, only `after` counts.
    let before = match after {
        Some(_) => None,
        None => ctx.query("before").map(|b| id(b, "before")).transpose()?,
    };
    let requests = st
        .world
        .guild_settings
        .guilds
        .get(&g)
        .map(|s| &s.join_requests);
    // Newest first.
    let matching: Vec<&JoinRequestRec> = requests
        .into_iter()
        .flat_map(|r| r.values().rev())
        .filter(|r| r.status == status)
        .filter(|r| before.is_none_or(|b| r.id < b))
        .filter(|r| after.is_none_or(|a| r.id > a))
        .collect();
    let list: Vec<Value> = matching
        .iter()
        .take(limit)
        .map(|r| join_request_json(st, g, r))
        .collect();
    let mut v = json!({ "guild_join_requests": list });
    if status == "SUBMITTED" {
        v["total"] = matching.len().into();
    }
    Ok(Reply::json(v))
}

fn action_join_request(ctx: &Ctx<'_>, st: &mut State, g: u64, r: u64) -> HandlerResult {
    let body = ctx.json()?;
    let status = match body.get("action").and_then(Value::as_str) {
        Some("APPROVED") => "APPROVED",
        Some("REJECTED") => "REJECTED",
        _ => return Err(bad("action", "Value must be one of (APPROVED, REJECTED).")),
    };
    let reason = string_field(&body, "rejection_reason", 160)?;
    let req = settings(st, g)
        .join_requests
        .get_mut(&r)
        .filter(|req| req.status != "STARTED")
        .ok_or_else(|| ApiError::new(404, 10068, "Unknown Guild Member Verification Form"))?;
    // Already approved or rejected: returned unchanged.
    if req.status != "SUBMITTED" {
        let req = req.clone();
        return Ok(Reply::json(join_request_json(st, g, &req)));
    }
    req.status = status;
    req.reviewed_at = Some(Timestamp::now());
    req.actioned_by = Some(ctx.bot);
    req.rejection_reason = reason.filter(|_| status == "REJECTED");
    let req = req.clone();
    let v = join_request_json(st, g, &req);
    ctx.emit(
        st,
        Dispatch::new(
            "GUILD_JOIN_REQUEST_UPDATE",
            json!({"guild_id": g.to_string(), "status": status, "request": v}),
        )
        .guild(Some(g))
        .intents(Intents::GUILD_MODERATION),
    );
    if status == "APPROVED"
        && let Some(gr) = st.world.guilds.get_mut(&g)
        && !gr.members.contains_key(&req.user)
    {
        gr.members.insert(
            req.user,
            MemberRec {
                user: req.user,
                nick: None,
                roles: vec![],
                joined_at: Timestamp::now(),
                communication_disabled_until: None,
            },
        );
        let member = st
            .world
            .guilds
            .get(&g)
            .and_then(|gr| {
                gr.members
                    .get(&req.user)
                    .map(|m| st.world.member_json(gr, m))
            })
            .unwrap_or_default();
        ctx.emit(
            st,
            Dispatch::new("GUILD_MEMBER_ADD", member)
                .guild(Some(g))
                .intents(Intents::GUILD_MEMBERS),
        );
    }
    Ok(Reply::json(v))
}

fn role_positions(ctx: &Ctx<'_>, st: &mut State, g: u64) -> HandlerResult {
    let list = body_list(ctx, "roles")?;
    let gr = st
        .world
        .guilds
        .get(&g)
        .ok_or_else(ApiError::unknown_guild)?;
    let top = top_position(gr, ctx.bot);
    let mut moves = Vec::with_capacity(list.len());
    for (i, e) in list.iter().enumerate() {
        let r = id_field(e, "id").ok_or_else(|| ApiError::required(&format!("{i}.id")))?;
        let role = gr.roles.get(&r).ok_or_else(ApiError::unknown_role)?;
        let Some(p) = int_field(e, "position", 0, i64::from(i32::MAX))? else {
            continue;
        };
        if r == g || role.position >= top || p >= top {
            return Err(ApiError::missing_permissions());
        }
        moves.push((r, role.position, p));
    }
    let gr = st
        .world
        .guilds
        .get_mut(&g)
        .ok_or_else(ApiError::unknown_guild)?;
    for (r, _, p) in &moves {
        if let Some(role) = gr.roles.get_mut(r) {
            role.position = *p;
        }
    }
    for (r, old, p) in moves {
        let v = st
            .world
            .guilds
            .get(&g)
            .and_then(|gr| gr.roles.get(&r))
            .map(|r| r.json())
            .unwrap_or_default();
        ctx.emit(
            st,
            Dispatch::new(
                "GUILD_ROLE_UPDATE",
                json!({"guild_id": g.to_string(), "role": v}),
            )
            .guild(Some(g))
            .intents(Intents::GUILDS),
        );
        ctx.audit(
            st,
            g,
            audit::ROLE_UPDATE,
            Some(r),
            json!([{"key": "position", "old_value": old, "new_value": p}]),
        );
    }
    let gr = st
        .world
        .guilds
        .get(&g)
        .ok_or_else(ApiError::unknown_guild)?;
    let mut roles: Vec<_> = gr.roles.values().collect();
    roles.sort_by_key(|r| (r.position, r.id));
    Ok(Reply::json(Value::Array(
        roles.into_iter().map(|r| r.json()).collect(),
    )))
}

/// The guild as a template stores it: roles and channels with placeholder ids.
fn snapshot(st: &State, g: u64) -> Value {
    let Some(gr) = st.world.guilds.get(&g) else {
        return Value::Null;
    };
    let mut gv = gr.json();
    overlay(st, g, &mut gv);
    let mut roles: Vec<_> = gr.roles.values().collect();
    roles.sort_by_key(|r| (r.position, r.id));
    let role_ids: HashMap<u64, usize> = roles.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut channels: Vec<_> = gr
        .channels
        .iter()
        .filter_map(|c| st.world.channels.get(c))
        .filter(|c| !kind::is_thread(c.kind))
        .collect();
    channels.sort_by_key(|c| (c.position, c.id));
    let chan_ids: HashMap<u64, usize> = channels
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i + 1))
        .collect();
    let placeholder = |c: &Value| {
        value_id(c)
            .and_then(|c| chan_ids.get(&c))
            .map_or(Value::Null, |i| json!(i))
    };
    json!({
        "name": gr.name,
        "description": gv["description"],
        "region": null,
        "verification_level": gv["verification_level"],
        "default_message_notifications": gv["default_message_notifications"],
        "explicit_content_filter": gv["explicit_content_filter"],
        "preferred_locale": gv["preferred_locale"],
        "afk_timeout": gv["afk_timeout"],
        "afk_channel_id": placeholder(&gv["afk_channel_id"]),
        "system_channel_id": placeholder(&gv["system_channel_id"]),
        "system_channel_flags": gv["system_channel_flags"],
        "roles": roles.iter().map(|r| json!({
            "id": role_ids.get(&r.id).copied().unwrap_or(0),
            "name": r.name,
            "permissions": r.permissions.bits().to_string(),
            "color": r.color,
            "hoist": r.hoist,
            "mentionable": r.mentionable,
        })).collect::<Vec<_>>(),
        "channels": channels.iter().map(|c| json!({
            "id": chan_ids.get(&c.id).copied().unwrap_or(0),
            "type": c.kind,
            "name": c.name,
            "position": c.position,
            "topic": c.topic,
            "nsfw": c.nsfw,
            "rate_limit_per_user": c.rate_limit_per_user,
            "parent_id": c.parent_id.and_then(|p| chan_ids.get(&p)).copied(),
            "permission_overwrites": c.overwrites.iter().filter_map(|o| {
                let id = if o.kind == 0 { role_ids.get(&o.id).copied()? } else { return None };
                Some(json!({"id": id, "type": 0, "allow": o.allow.bits().to_string(), "deny": o.deny.bits().to_string()}))
            }).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn template_json(st: &State, t: &TemplateRec) -> Value {
    let dirty = snapshot(st, t.guild) != t.snapshot;
    json!({
        "code": t.code,
        "name": t.name,
        "description": t.description,
        "usage_count": t.usage_count,
        "creator_id": t.creator.to_string(),
        "creator": st.world.users.get(&t.creator).map(|u| u.json()),
        "created_at": t.created_at.to_string(),
        "updated_at": t.updated_at.to_string(),
        "source_guild_id": t.guild.to_string(),
        "serialized_source_guild": t.snapshot,
        "is_dirty": dirty,
    })
}

fn unknown_template() -> ApiError {
    ApiError::new(404, 10057, "Unknown Guild Template")
}

fn template_by_code(st: &State, code: &str) -> HandlerResult {
    let t = st
        .world
        .guild_settings
        .templates
        .get(code)
        .ok_or_else(unknown_template)?;
    Ok(Reply::json(template_json(st, t)))
}

fn create_template(ctx: &Ctx<'_>, st: &mut State, g: u64) -> HandlerResult {
    let body = ctx.json()?;
    let name = string_field(&body, "name", 100)?
        .filter(|n| !n.is_empty())
        .ok_or_else(|| ApiError::required("name"))?;
    let description = string_field(&body, "description", 120)?;
    if st
        .world
        .guild_settings
        .templates
        .values()
        .any(|t| t.guild == g)
    {
        return Err(ApiError::new(
            400,
            30031,
            "A server can only have a single template.",
        ));
    }
    let seed = st.world.ids.next();
    let code: String = make_token(seed, g).chars().take(12).collect();
    let now = Timestamp::now();
    let t = TemplateRec {
        code: code.clone(),
        guild: g,
        name,
        description,
        creator: ctx.bot,
        created_at: now,
        updated_at: now,
        usage_count: 0,
        snapshot: snapshot(st, g),
    };
    let v = template_json(st, &t);
    st.world.guild_settings.templates.insert(code, t);
    Ok(Reply::json(v))
}

fn change_template(
    ctx: &Ctx<'_>,
    st: &mut State,
    method: &str,
    g: u64,
    code: &str,
) -> HandlerResult {
    let t = st
        .world
        .guild_settings
        .templates
        .get(code)
        .filter(|t| t.guild == g)
        .ok_or_else(unknown_template)?
        .clone();
    match method {
        "DELETE" => {
            st.world.guild_settings.templates.remove(code);
            Ok(Reply::json(template_json(st, &t)))
        }
        "PUT" => {
            let snap = snapshot(st, g);
            let t = TemplateRec {
                snapshot: snap,
                updated_at: Timestamp::now(),
                ..t
            };
            let v = template_json(st, &t);
            st.world.guild_settings.templates.insert(code.to_owned(), t);
            Ok(Reply::json(v))
        }
        _ => {
            let body = ctx.json()?;
            let mut t = t;
            if body.get("name").is_some() {
                t.name = string_field(&body, "name", 100)?
                    .filter(|n| !n.is_empty())
                    .ok_or_else(|| {
                        ApiError::form(
                            "name",
                            "BASE_TYPE_BAD_LENGTH",
                            "Must be between 1 and 100 in length.",
                        )
                    })?;
            }
            if body.get("description").is_some() {
                t.description = string_field(&body, "description", 120)?;
            }
            t.updated_at = Timestamp::now();
            let v = template_json(st, &t);
            st.world.guild_settings.templates.insert(code.to_owned(), t);
            Ok(Reply::json(v))
        }
    }
}

fn welcome_json(st: &State, g: u64) -> Value {
    st.world
        .guild_settings
        .guilds
        .get(&g)
        .and_then(|s| s.welcome_screen.clone())
        .unwrap_or_else(|| json!({"description": null, "welcome_channels": []}))
}

fn patch_welcome(ctx: &Ctx<'_>, st: &mut State, g: u64) -> HandlerResult {
    let body = ctx.json()?;
    let mut v = welcome_json(st, g);
    if body.get("description").is_some() {
        v["description"] =
            string_field(&body, "description", 140)?.map_or(Value::Null, Value::String);
    }
    if let Some(list) = body.get("welcome_channels") {
        let list = list
            .as_array()
            .ok_or_else(|| bad("welcome_channels", "Must be an array."))?;
        if list.len() > 5 {
            return Err(ApiError::form(
                "welcome_channels",
                "BASE_TYPE_MAX_LENGTH",
                "Must be 5 or fewer in length.",
            ));
        }
        let mut out = Vec::with_capacity(list.len());
        for (i, c) in list.iter().enumerate() {
            let ch = guild_channel_field(st, g, c, "channel_id")?;
            if ch.is_null() {
                return Err(ApiError::required(&format!(
                    "welcome_channels.{i}.channel_id"
                )));
            }
            let description = string_field(c, "description", 50)?
                .filter(|d| !d.is_empty())
                .ok_or_else(|| ApiError::required(&format!("welcome_channels.{i}.description")))?;
            out.push(json!({
                "channel_id": ch,
                "description": description,
                "emoji_id": c.get("emoji_id").cloned().unwrap_or(Value::Null),
                "emoji_name": c.get("emoji_name").cloned().unwrap_or(Value::Null),
            }));
        }
        v["welcome_channels"] = Value::Array(out);
    }
    let enabled = body.get("enabled").and_then(Value::as_bool);
    let s = settings(st, g);
    let old = s.welcome_screen.replace(v.clone());
    if let Some(e) = enabled {
        s.welcome_enabled = e;
    }
    guild_update(ctx, st, g);
    ctx.audit(
        st,
        g,
        audit::GUILD_UPDATE,
        Some(g),
        json!([{"key": "welcome_screen", "old_value": old, "new_value": v}]),
    );
    Ok(Reply::json(v))
}

fn widget_settings_json(st: &State, g: u64) -> Value {
    let s = st.world.guild_settings.guilds.get(&g);
    json!({
        "enabled": s.is_some_and(|s| s.widget_enabled),
        "channel_id": opt_id(s.and_then(|s| s.widget_channel)),
    })
}

fn patch_widget(ctx: &Ctx<'_>, st: &mut State, g: u64) -> HandlerResult {
    let body = ctx.json()?;
    let channel = if body.get("channel_id").is_some() {
        Some(
            guild_channel_field(st, g, &body, "channel_id")?
                .as_str()
                .and_then(|c| c.parse().ok()),
        )
    } else {
        None
    };
    let enabled = match body.get("enabled") {
        None | Some(Value::Null) => None,
        Some(e) => Some(
            e.as_bool()
                .ok_or_else(|| bad("enabled", "Must be a boolean."))?,
        ),
    };
    let s = settings(st, g);
    let mut changes = Vec::new();
    if let Some(e) = enabled {
        changes
            .push(json!({"key": "widget_enabled", "old_value": s.widget_enabled, "new_value": e}));
        s.widget_enabled = e;
    }
    if let Some(c) = channel {
        changes.push(json!({"key": "widget_channel_id", "old_value": opt_id(s.widget_channel), "new_value": opt_id(c)}));
        s.widget_channel = c;
    }
    guild_update(ctx, st, g);
    ctx.audit(st, g, audit::GUILD_UPDATE, Some(g), Value::Array(changes));
    Ok(Reply::json(widget_settings_json(st, g)))
}

fn widget_disabled() -> ApiError {
    ApiError::new(403, 50004, "Widget Disabled")
}

fn widget_json(st: &State, g: u64) -> HandlerResult {
    if !st
        .world
        .guild_settings
        .guilds
        .get(&g)
        .is_some_and(|s| s.widget_enabled)
    {
        return Err(widget_disabled());
    }
    let gr = st
        .world
        .guilds
        .get(&g)
        .ok_or_else(ApiError::unknown_guild)?;
    let everyone = gr
        .roles
        .get(&g)
        .map_or(Permissions::empty(), |r| r.permissions);
    let channels: Vec<Value> = gr
        .channels
        .iter()
        .filter_map(|c| st.world.channels.get(c))
        .filter(|c| c.kind == kind::GUILD_VOICE && everyone.contains(Permissions::CONNECT))
        .map(|c| json!({"id": c.id.to_string(), "name": c.name, "position": c.position}))
        .collect();
    let members: Vec<Value> = gr
        .members
        .keys()
        .filter(|u| st.world.is_online(**u))
        .enumerate()
        .filter_map(|(i, u)| {
            let user = st.world.users.get(u)?;
            let status = st
                .world
                .presences
                .get(u)
                .map_or("online", |p| p.status.as_str());
            Some(json!({
                "id": i.to_string(),
                "username": user.username,
                "discriminator": "0000",
                "avatar": null,
                "status": status,
                "avatar_url": format!("https://cdn.discordapp.com/widget-avatars/{i}"),
            }))
        })
        .collect();
    Ok(Reply::json(json!({
        "id": g.to_string(),
        "name": gr.name,
        "instant_invite": null,
        "channels": channels,
        "presence_count": members.len(),
        "members": members,
    })))
}

fn widget_png(ctx: &Ctx<'_>, st: &State, g: u64) -> HandlerResult {
    if !st
        .world
        .guild_settings
        .guilds
        .get(&g)
        .is_some_and(|s| s.widget_enabled)
    {
        return Err(widget_disabled());
    }
    let (w, h) = match ctx.query("style").unwrap_or("shield") {
        "shield" => (60, 20),
        "banner1" => (320, 76),
        "banner2" => (320, 60),
        "banner3" => (320, 100),
        "banner4" => (320, 150),
        _ => {
            return Err(bad(
                "style",
                "Value must be one of (shield, banner1, banner2, banner3, banner4).",
            ));
        }
    };
    let online = st.world.guilds.get(&g).map_or(0, |gr| {
        gr.members
            .keys()
            .filter(|u| st.world.is_online(**u))
            .count()
    });
    Ok(Reply::bytes("image/png", png(w, h, online)))
}

/// A `w`×`h` RGB PNG: Discord's blurple with a white bar as long as the online count.
fn png(w: u32, h: u32, online: usize) -> Bytes {
    let bar = u32::try_from(online)
        .unwrap_or(u32::MAX)
        .saturating_mul(4)
        .min(w);
    let mut raw = Vec::with_capacity(((w * 3 + 1) * h) as usize);
    for y in 0..h {
        raw.push(0); // no filter
        for x in 0..w {
            let white = x < bar && y >= h / 3 && y < h - h / 3;
            raw.extend_from_slice(if white {
                &[255, 255, 255]
            } else {
                &[88, 101, 242]
            });
        }
    }
    // zlib with stored (uncompressed) deflate blocks.
    let mut z = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, c) in chunks.iter().enumerate() {
        z.push(u8::from(i + 1 == chunks.len()));
        let len = c.len() as u16;
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in &raw {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (name, data) in [(b"IHDR", &ihdr[..]), (b"IDAT", &z[..]), (b"IEND", &[][..])] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(name);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    Bytes::from(out)
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn incident_actions(ctx: &Ctx<'_>, st: &mut State, g: u64) -> HandlerResult {
    let body = ctx.json()?;
    let limit = Timestamp::now().as_millis() + 24 * 3_600_000 + 60_000;
    let mut v = json!({"invites_disabled_until": null, "dms_disabled_until": null});
    for key in ["invites_disabled_until", "dms_disabled_until"] {
        match body.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => {
                let t = Timestamp::parse(s).map_err(|_| {
                    ApiError::form(key, "DATE_TIME_TYPE_PARSE", "Could not parse date-time.")
                })?;
                if t.as_millis() > limit {
                    return Err(ApiError::form(
                        key,
                        "BASE_TYPE_BAD_DATE",
                        "Must be within 24 hours.",
                    ));
                }
                v[key] = t.to_string().into();
            }
            Some(_) => return Err(bad(key, "Could not interpret value as string.")),
        }
    }
    settings(st, g).incidents = Some(v.clone());
    guild_update(ctx, st, g);
    Ok(Reply::json(v))
}

/// Driving guild settings: integrations, OAuth2 tokens, join requests, activity
/// for prune, vanity URLs and the new-member welcome.
impl Emulator {
    /// Adds an integration (`kind`: `"twitch"`, `"youtube"`, `"discord"`) to a guild.
    pub fn add_integration(
        &self,
        guild: GuildId,
        name: &str,
        kind: &str,
    ) -> Result<IntegrationId, EmulatorError> {
        self.with(|st| {
            if !st.world.guilds.contains_key(&guild.get()) {
                return Err(ApiError::unknown_guild().into());
            }
            let id = st.world.ids.next();
            let v = json!({
                "id": id.to_string(),
                "name": name,
                "type": kind,
                "enabled": true,
                "account": {"id": format!("acct-{id}"), "name": name},
            });
            settings(st, guild.get()).integrations.insert(id, v);
            Ok(IntegrationId::new(id))
        })
    }

    /// The integrations of a guild, as `GET /guilds/{id}/integrations` returns them.
    pub fn integrations_of(&self, guild: GuildId) -> Vec<Value> {
        self.with(|st| {
            st.world
                .guild_settings
                .guilds
                .get(&guild.get())
                .map_or(vec![], |s| s.integrations.values().cloned().collect())
        })
    }

    /// A user asks to join a guild (a submitted membership request).
    pub fn submit_join_request(
        &self,
        guild: GuildId,
        user: UserId,
    ) -> Result<GenericId, EmulatorError> {
        self.with(|st| {
            if !st.world.guilds.contains_key(&guild.get()) {
                return Err(ApiError::unknown_guild().into());
            }
            if !st.world.users.contains_key(&user.get()) {
                return Err(ApiError::unknown_user().into());
            }
            let id = st.world.ids.next();
            settings(st, guild.get()).join_requests.insert(
                id,
                JoinRequestRec {
                    id,
                    user: user.get(),
                    status: "SUBMITTED",
                    created_at: Timestamp::now(),
                    reviewed_at: None,
                    rejection_reason: None,
                    actioned_by: None,
                },
            );
            Ok(GenericId::new(id))
        })
    }

    /// When a member was last active (prune counts members inactive for `days`).
    pub fn set_last_seen(&self, guild: GuildId, user: UserId, at: Timestamp) {
        self.with(|st| {
            settings(st, guild.get()).last_seen.insert(user.get(), at);
        });
    }

    /// Gives a guild a vanity invite code, used `uses` times.
    pub fn set_vanity_url(&self, guild: GuildId, code: &str, uses: u64) {
        self.with(|st| {
            settings(st, guild.get()).vanity = Some((code.to_owned(), uses));
        });
    }

    /// Sets up the guild's new-member welcome: a message by `author` and resource
    /// channels with their titles.
    pub fn set_new_member_welcome(
        &self,
        guild: GuildId,
        author: UserId,
        message: &str,
        resources: &[(ChannelId, &str)],
    ) {
        self.with(|st| {
            let v = json!({
                "guild_id": guild.to_string(),
                "enabled": true,
                "welcome_message": {"author_ids": [author.to_string()], "message": message},
                "new_member_actions": [],
                "resource_channels": resources.iter().map(|(c, t)| json!({
                    "channel_id": c.to_string(), "title": t, "description": ""
                })).collect::<Vec<_>>(),
            });
            settings(st, guild.get()).home = Some(v);
        });
    }

    /// The guild object fields set with `PATCH /guilds/{id}` (icon hash, description, …)
    /// and the widget, welcome-screen and incident settings, as the guild JSON shows them.
    pub fn guild_settings(&self, guild: GuildId) -> Value {
        self.with(|st| {
            let mut v = json!({});
            overlay(st, guild.get(), &mut v);
            v
        })
    }
}
