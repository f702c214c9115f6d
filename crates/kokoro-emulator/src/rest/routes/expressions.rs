//! Emojis (guild), stickers and sticker packs, soundboard sounds, scheduled events and
//! stage instances.

use std::collections::{BTreeMap, BTreeSet};

use kokoro_model::{
    Intents, Permissions, Timestamp,
    id::{ChannelId, GenericId, GuildId, ScheduledEventId, UserId},
};
use serde_json::{Map, Value, json};

use super::{id, require_channel, require_guild};
use crate::driver::{Emulator, EmulatorError};
use crate::gateway::commands::id_field;
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::{UserRec, audit, kind, opt_id};

/// Largest emoji image (256 KiB).
const EMOJI_MAX: usize = 256 * 1024;
/// Largest sticker file or sound (512 KiB).
const FILE_MAX: usize = 512 * 1024;
/// Custom emojis a guild without boosts can have.
const MAX_EMOJIS: usize = 50;
/// Stickers a guild without boosts can have.
const MAX_STICKERS: usize = 5;
/// Soundboard sounds a guild without boosts can have.
const MAX_SOUNDS: usize = 8;
/// Milliseconds from the Unix epoch to Discord's.
const DISCORD_EPOCH_MS: i64 = 1_420_070_400_000;

/// A scheduled event, who is interested in it, and its exceptions.
#[derive(Debug, Default)]
struct EventRec {
    value: Value,
    creator: u64,
    users: BTreeSet<u64>,
    /// By exception id: the exception and the users interested in that occurrence.
    exceptions: BTreeMap<u64, (Value, BTreeSet<u64>)>,
}

impl EventRec {
    fn json(&self, with_user_count: bool) -> Value {
        let mut v = self.value.clone();
        v["guild_scheduled_event_exceptions"] =
            Value::Array(self.exceptions.values().map(|(e, _)| e.clone()).collect());
        if with_user_count {
            v["user_count"] = self.users.len().into();
        }
        v
    }
}

/// What the emulator remembers of emojis, stickers, scheduled events and stage
/// instances (soundboard sounds live in the guild record, which the gateway's
/// soundboard request also reads).
#[derive(Debug, Default)]
pub(crate) struct Store {
    /// Custom emojis by guild, then id.
    emojis: BTreeMap<u64, BTreeMap<u64, Value>>,
    /// Guild stickers by guild, then id.
    stickers: BTreeMap<u64, BTreeMap<u64, Value>>,
    /// Scheduled events by guild, then id.
    events: BTreeMap<u64, BTreeMap<u64, EventRec>>,
    /// Live stages by channel.
    stages: BTreeMap<u64, Value>,
}

impl Store {
    /// Puts the guild's emojis, stickers, stages and events into a guild object
    /// (`GET /guilds/{id}`; `GUILD_CREATE` also takes the last two).
    pub(crate) fn fill_guild(&self, guild: u64, v: &mut Value, gateway: bool) {
        let list = |m: Option<&BTreeMap<u64, Value>>| {
            Value::Array(m.map(|m| m.values().cloned().collect()).unwrap_or_default())
        };
        v["emojis"] = list(self.emojis.get(&guild));
        v["stickers"] = list(self.stickers.get(&guild));
        if gateway {
            v["stage_instances"] = Value::Array(
                self.stages
                    .values()
                    .filter(|s| id_field(s, "guild_id") == Some(guild))
                    .cloned()
                    .collect(),
            );
            v["guild_scheduled_events"] = Value::Array(
                self.events
                    .get(&guild)
                    .map(|m| m.values().map(|e| e.json(false)).collect())
                    .unwrap_or_default(),
            );
        }
    }
}

fn unknown_emoji() -> ApiError {
    ApiError::new(404, 10014, "Unknown Emoji")
}

fn unknown_sticker() -> ApiError {
    ApiError::new(404, 10060, "Unknown Sticker")
}

fn unknown_pack() -> ApiError {
    ApiError::new(404, 10061, "Unknown Sticker Pack")
}

fn unknown_stage() -> ApiError {
    ApiError::new(404, 10067, "Unknown Stage Instance")
}

fn unknown_event() -> ApiError {
    ApiError::new(404, 10070, "Unknown Guild Scheduled Event")
}

fn unknown_exception() -> ApiError {
    ApiError::new(404, 10070, "Unknown Guild Scheduled Event Exception")
}

fn unknown_sound() -> ApiError {
    ApiError::new(404, 10097, "Unknown Sound")
}

use super::text_between as text;

/// A required string field.
fn required_text(body: &Value, key: &str, min: usize, max: usize) -> Result<String, ApiError> {
    text(body, key, min, max)?.ok_or_else(|| ApiError::required(key))
}

/// A snowflake field (`None` when absent or null).
fn snowflake(body: &Value, key: &str) -> Result<Option<u64>, ApiError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => id_field(body, key)
            .filter(|v| *v != 0)
            .map(Some)
            .ok_or_else(|| ApiError::form(key, "NUMBER_TYPE_COERCE", "Value is not snowflake.")),
    }
}

/// A timestamp field (`None` when absent or null).
fn timestamp(body: &Value, key: &str) -> Result<Option<Timestamp>, ApiError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Timestamp::parse(s)
            .map(Some)
            .map_err(|_| ApiError::form(key, "DATE_TIME_TYPE_PARSE", "Could not parse datetime.")),
        Some(_) => Err(ApiError::form(
            key,
            "DATE_TIME_TYPE_PARSE",
            "Could not parse datetime.",
        )),
    }
}

/// The decoded size of a data URI whose MIME type starts with one of `kinds`.
fn data_uri(
    body: &Value,
    key: &str,
    kinds: &[&str],
    max: usize,
) -> Result<(String, usize), ApiError> {
    let uri = body
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::required(key))?;
    let bad = || ApiError::form(key, "IMAGE_INVALID", "Invalid image data");
    let rest = uri.strip_prefix("data:").ok_or_else(bad)?;
    let (mime, data) = rest.split_once(";base64,").ok_or_else(bad)?;
    if !kinds.iter().any(|k| mime.starts_with(k)) {
        return Err(bad());
    }
    let padding = data.bytes().rev().take_while(|b| *b == b'=').count();
    let size = (data.len() / 4 * 3).saturating_sub(padding);
    if size > max {
        return Err(ApiError::form(
            key,
            "BINARY_TYPE_MAX_SIZE",
            format!("File cannot be larger than {:.1} kb.", max as f64 / 1024.0),
        ));
    }
    Ok((mime.to_owned(), size))
}

/// The JSON of a user (null when unknown).
fn user_json(st: &State, user: u64) -> Value {
    st.world.users.get(&user).map_or(Value::Null, UserRec::json)
}

/// The bot may manage an expression or event: the `manage` permission, or the
/// `create` permission for one it created itself.
fn require_own_or_manage(
    st: &State,
    bot: u64,
    guild: u64,
    creator: Option<u64>,
    create: Permissions,
    manage: Permissions,
) -> Result<(), ApiError> {
    let g = super::guild(st, bot, guild)?;
    let p = st
        .world
        .base_permissions(g, bot)
        .unwrap_or(Permissions::empty());
    if p.contains(manage) || (creator == Some(bot) && p.contains(create)) {
        return Ok(());
    }
    Err(ApiError::missing_permissions())
}

/// The bot may change an emoji, sticker or sound (`old`, with its uploader in `user`).
fn require_expression_owner(st: &State, bot: u64, guild: u64, old: &Value) -> Result<(), ApiError> {
    let creator = old.get("user").and_then(|u| id_field(u, "id"));
    require_own_or_manage(
        st,
        bot,
        guild,
        creator,
        Permissions::CREATE_GUILD_EXPRESSIONS,
        Permissions::MANAGE_GUILD_EXPRESSIONS,
    )
}

/// The bot has either permission in the guild.
fn require_any(st: &State, bot: u64, guild: u64, any: Permissions) -> Result<(), ApiError> {
    let g = super::guild(st, bot, guild)?;
    let p = st
        .world
        .base_permissions(g, bot)
        .unwrap_or(Permissions::empty());
    if p.intersects(any) {
        return Ok(());
    }
    Err(ApiError::missing_permissions())
}

/// Audit-log changes between two objects, for the given keys.
fn changes(old: &Value, new: &Value, keys: &[&str]) -> Value {
    Value::Array(
        keys.iter()
            .filter(|k| old.get(**k) != new.get(**k))
            .map(|k| json!({"key": k, "old_value": old.get(*k), "new_value": new.get(*k)}))
            .collect(),
    )
}

/// Changes of a created object.
fn created(new: &Value, keys: &[&str]) -> Value {
    changes(&json!({}), new, keys)
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    match segs {
        ["guilds", g, "emojis", rest @ ..] if rest.len() <= 1 => {
            Some(emojis(ctx, st, method, g, rest.first().copied()))
        }
        ["guilds", g, "stickers", rest @ ..] if rest.len() <= 1 => {
            Some(stickers(ctx, st, method, g, rest.first().copied()))
        }
        ["stickers", s] => Some(match method {
            "GET" => global_sticker(st, s),
            _ => Err(ApiError::method_not_allowed()),
        }),
        ["sticker-packs", rest @ ..] if rest.len() <= 1 => Some(match method {
            "GET" => sticker_packs(rest.first().copied()),
            _ => Err(ApiError::method_not_allowed()),
        }),
        ["soundboard-default-sounds"] => Some(match method {
            "GET" => Ok(Reply::json(Value::Array(default_sounds()))),
            _ => Err(ApiError::method_not_allowed()),
        }),
        ["guilds", g, "soundboard-sounds", rest @ ..] if rest.len() <= 1 => {
            Some(sounds(ctx, st, method, g, rest.first().copied()))
        }
        ["channels", c, "send-soundboard-sound"] => Some(match method {
            "POST" => send_sound(ctx, st, c),
            _ => Err(ApiError::method_not_allowed()),
        }),
        ["guilds", g, "scheduled-events", rest @ ..] if rest.len() <= 3 => {
            Some(events(ctx, st, method, g, rest))
        }
        ["stage-instances", rest @ ..] if rest.len() <= 1 => {
            Some(stages(ctx, st, method, rest.first().copied()))
        }
        _ => None,
    }
}

// ------------------------------------------------------------------ emojis

fn emojis_update(ctx: &Ctx<'_>, st: &mut State, g: u64) {
    let list: Vec<Value> = st
        .world
        .expressions
        .emojis
        .get(&g)
        .map(|m| m.values().cloned().collect())
        .unwrap_or_default();
    ctx.emit(
        st,
        Dispatch::new(
            "GUILD_EMOJIS_UPDATE",
            json!({"guild_id": g.to_string(), "emojis": list}),
        )
        .guild(Some(g))
        .intents(Intents::GUILD_EXPRESSIONS),
    );
}

/// Role ids of an emoji body: each a role of the guild.
fn emoji_roles(st: &State, g: u64, body: &Value) -> Result<Option<Vec<Value>>, ApiError> {
    match body.get("roles") {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(vec![])),
        Some(Value::Array(a)) => {
            if a.len() > 1521 {
                return Err(ApiError::form(
                    "roles",
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 1521 or fewer in length.",
                ));
            }
            let guild = st
                .world
                .guilds
                .get(&g)
                .ok_or_else(ApiError::unknown_guild)?;
            let mut out = Vec::with_capacity(a.len());
            for (i, r) in a.iter().enumerate() {
                let role = r
                    .as_str()
                    .and_then(|s| s.parse::<u64>().ok())
                    .or_else(|| r.as_u64())
                    .filter(|r| guild.roles.contains_key(r))
                    .ok_or_else(|| {
                        ApiError::form(&format!("roles.{i}"), "NUMBER_TYPE_COERCE", "Unknown role.")
                    })?;
                out.push(Value::String(role.to_string()));
            }
            Ok(Some(out))
        }
        Some(_) => Err(ApiError::form(
            "roles",
            "LIST_TYPE_CONVERT",
            "Must be a list.",
        )),
    }
}

fn emojis(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    g: &str,
    e: Option<&str>,
) -> HandlerResult {
    let g = id(g, "guild_id")?;
    super::guild(st, ctx.bot, g)?;
    let e = e.map(|e| id(e, "emoji_id")).transpose()?;
    let store = |st: &State| {
        st.world
            .expressions
            .emojis
            .get(&g)
            .cloned()
            .unwrap_or_default()
    };
    match (method, e) {
        ("GET", None) => Ok(Reply::json(Value::Array(store(st).into_values().collect()))),
        ("GET", Some(e)) => store(st)
            .remove(&e)
            .map(Reply::json)
            .ok_or_else(unknown_emoji),
        ("POST", None) => {
            require_guild(st, ctx.bot, g, Permissions::CREATE_GUILD_EXPRESSIONS)?;
            let body = ctx.json()?;
            let name = required_text(&body, "name", 2, 32)?;
            let (mime, _) = data_uri(&body, "image", &["image/"], EMOJI_MAX)?;
            let roles = emoji_roles(st, g, &body)?.unwrap_or_default();
            if store(st).len() >= MAX_EMOJIS {
                return Err(ApiError::new(
                    400,
                    30008,
                    format!("Maximum number of emojis reached ({MAX_EMOJIS})"),
                ));
            }
            let eid = st.world.ids.next();
            let v = json!({
                "id": eid.to_string(),
                "name": name,
                "roles": roles,
                "user": user_json(st, ctx.bot),
                "require_colons": true,
                "managed": false,
                "animated": mime == "image/gif",
                "available": true,
            });
            st.world
                .expressions
                .emojis
                .entry(g)
                .or_default()
                .insert(eid, v.clone());
            emojis_update(ctx, st, g);
            ctx.audit(
                st,
                g,
                audit::EMOJI_CREATE,
                Some(eid),
                created(&v, &["name"]),
            );
            Ok(Reply::created(v))
        }
        ("PATCH", Some(e)) => {
            let old = store(st).remove(&e).ok_or_else(unknown_emoji)?;
            require_expression_owner(st, ctx.bot, g, &old)?;
            let body = ctx.json()?;
            let mut v = old.clone();
            if let Some(n) = text(&body, "name", 2, 32)? {
                v["name"] = n.into();
            }
            if let Some(r) = emoji_roles(st, g, &body)? {
                v["roles"] = r.into();
            }
            st.world
                .expressions
                .emojis
                .entry(g)
                .or_default()
                .insert(e, v.clone());
            emojis_update(ctx, st, g);
            ctx.audit(
                st,
                g,
                audit::EMOJI_UPDATE,
                Some(e),
                changes(&old, &v, &["name", "roles"]),
            );
            Ok(Reply::json(v))
        }
        ("DELETE", Some(e)) => {
            let old = store(st).remove(&e).ok_or_else(unknown_emoji)?;
            require_expression_owner(st, ctx.bot, g, &old)?;
            if let Some(m) = st.world.expressions.emojis.get_mut(&g) {
                m.remove(&e);
            }
            emojis_update(ctx, st, g);
            ctx.audit(
                st,
                g,
                audit::EMOJI_DELETE,
                Some(e),
                changes(&old, &json!({}), &["name"]),
            );
            Ok(Reply::no_content())
        }
        _ => Err(ApiError::method_not_allowed()),
    }
}

// ------------------------------------------------------------------ stickers

/// The standard sticker packs.
fn packs() -> Vec<Value> {
    let sticker = |id: u64, pack: u64, name: &str, tags: &str, sort: u32| {
        json!({
            "id": id.to_string(), "pack_id": pack.to_string(), "name": name,
            "description": format!("{name}!"), "tags": tags, "type": 1, "format_type": 3,
            "available": true, "sort_value": sort,
        })
    };
    vec![
        json!({
            "id": "847199849233514549",
            "name": "Wumpus Beyond",
            "sku_id": "847199849233514547",
            "cover_sticker_id": "749054660769218631",
            "description": "Say hello to Wumpus!",
            "banner_asset_id": "761773777976819732",
            "stickers": [
                sticker(749054660769218631, 847199849233514549, "Wave", "wumpus, hello, wave", 0),
                sticker(749054660769218632, 847199849233514549, "Yay", "wumpus, happy, yay", 1),
            ],
        }),
        json!({
            "id": "847199849233514550",
            "name": "Doggos",
            "sku_id": "847199849233514548",
            "cover_sticker_id": "749054660769218640",
            "description": "Good dogs.",
            "banner_asset_id": "761773777976819733",
            "stickers": [
                sticker(749054660769218640, 847199849233514550, "Woof", "dog, woof", 0),
            ],
        }),
    ]
}

fn sticker_packs(pack: Option<&str>) -> HandlerResult {
    match pack {
        None => Ok(Reply::json(json!({ "sticker_packs": packs() }))),
        Some(p) => {
            let p = id(p, "pack_id")?;
            packs()
                .into_iter()
                .find(|v| id_field(v, "id") == Some(p))
                .map(Reply::json)
                .ok_or_else(unknown_pack)
        }
    }
}

fn global_sticker(st: &State, s: &str) -> HandlerResult {
    let s = id(s, "sticker_id")?;
    let standard = packs().into_iter().find_map(|p| {
        p["stickers"]
            .as_array()
            .and_then(|l| l.iter().find(|v| id_field(v, "id") == Some(s)).cloned())
    });
    standard
        .or_else(|| {
            st.world
                .expressions
                .stickers
                .values()
                .find_map(|m| m.get(&s).cloned())
        })
        .map(Reply::json)
        .ok_or_else(unknown_sticker)
}

fn stickers_update(ctx: &Ctx<'_>, st: &mut State, g: u64) {
    let list: Vec<Value> = st
        .world
        .expressions
        .stickers
        .get(&g)
        .map(|m| m.values().cloned().collect())
        .unwrap_or_default();
    ctx.emit(
        st,
        Dispatch::new(
            "GUILD_STICKERS_UPDATE",
            json!({"guild_id": g.to_string(), "stickers": list}),
        )
        .guild(Some(g))
        .intents(Intents::GUILD_EXPRESSIONS),
    );
}

/// A sticker description: empty (none) or 2 to 100 characters.
fn sticker_description(body: &Value) -> Result<Option<Value>, ApiError> {
    match body.get("description") {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(Value::Null)),
        Some(Value::String(s)) if s.is_empty() => Ok(Some(Value::Null)),
        Some(_) => Ok(Some(text(body, "description", 2, 100)?.into())),
    }
}

fn stickers(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    g: &str,
    s: Option<&str>,
) -> HandlerResult {
    let g = id(g, "guild_id")?;
    super::guild(st, ctx.bot, g)?;
    let s = s.map(|s| id(s, "sticker_id")).transpose()?;
    let store = |st: &State| {
        st.world
            .expressions
            .stickers
            .get(&g)
            .cloned()
            .unwrap_or_default()
    };
    match (method, s) {
        ("GET", None) => Ok(Reply::json(Value::Array(store(st).into_values().collect()))),
        ("GET", Some(s)) => store(st)
            .remove(&s)
            .map(Reply::json)
            .ok_or_else(unknown_sticker),
        ("POST", None) => {
            require_guild(st, ctx.bot, g, Permissions::CREATE_GUILD_EXPRESSIONS)?;
            let body = ctx.json()?;
            let name = required_text(&body, "name", 2, 30)?;
            let tags = required_text(&body, "tags", 1, 200)?;
            let description = sticker_description(&body)?.unwrap_or(Value::Null);
            let file = ctx
                .body
                .files
                .iter()
                .find(|f| f.field == "file")
                .ok_or_else(|| ApiError::required("file"))?;
            if file.size > FILE_MAX {
                return Err(ApiError::form(
                    "file",
                    "BINARY_TYPE_MAX_SIZE",
                    "File cannot be larger than 512.0 kb.",
                ));
            }
            let lower = file.filename.to_ascii_lowercase();
            let format = if lower.ends_with(".png") || lower.ends_with(".apng") {
                1
            } else if lower.ends_with(".json") {
                3
            } else if lower.ends_with(".gif") {
                4
            } else {
                return Err(ApiError::new(400, 50046, "Invalid file uploaded"));
            };
            if store(st).len() >= MAX_STICKERS {
                return Err(ApiError::new(
                    400,
                    30039,
                    format!("Maximum number of stickers reached ({MAX_STICKERS})"),
                ));
            }
            let sid = st.world.ids.next();
            let v = json!({
                "id": sid.to_string(),
                "name": name,
                "description": description,
                "tags": tags,
                "type": 2,
                "format_type": format,
                "available": true,
                "guild_id": g.to_string(),
                "user": user_json(st, ctx.bot),
            });
            st.world
                .expressions
                .stickers
                .entry(g)
                .or_default()
                .insert(sid, v.clone());
            stickers_update(ctx, st, g);
            ctx.audit(
                st,
                g,
                audit::STICKER_CREATE,
                Some(sid),
                created(&v, &["name", "tags", "description"]),
            );
            Ok(Reply::created(v))
        }
        ("PATCH", Some(s)) => {
            let old = store(st).remove(&s).ok_or_else(unknown_sticker)?;
            require_expression_owner(st, ctx.bot, g, &old)?;
            let body = ctx.json()?;
            let mut v = old.clone();
            if let Some(n) = text(&body, "name", 2, 30)? {
                v["name"] = n.into();
            }
            if let Some(t) = text(&body, "tags", 1, 200)? {
                v["tags"] = t.into();
            }
            if let Some(d) = sticker_description(&body)? {
                v["description"] = d;
            }
            st.world
                .expressions
                .stickers
                .entry(g)
                .or_default()
                .insert(s, v.clone());
            stickers_update(ctx, st, g);
            ctx.audit(
                st,
                g,
                audit::STICKER_UPDATE,
                Some(s),
                changes(&old, &v, &["name", "tags", "description"]),
            );
            Ok(Reply::json(v))
        }
        ("DELETE", Some(s)) => {
            let old = store(st).remove(&s).ok_or_else(unknown_sticker)?;
            require_expression_owner(st, ctx.bot, g, &old)?;
            if let Some(m) = st.world.expressions.stickers.get_mut(&g) {
                m.remove(&s);
            }
            stickers_update(ctx, st, g);
            ctx.audit(
                st,
                g,
                audit::STICKER_DELETE,
                Some(s),
                changes(&old, &json!({}), &["name"]),
            );
            Ok(Reply::no_content())
        }
        _ => Err(ApiError::method_not_allowed()),
    }
}

// ------------------------------------------------------------------ soundboard

/// The sounds every guild has.
fn default_sounds() -> Vec<Value> {
    [
        (1, "quack", "🦆"),
        (2, "airhorn", "🔊"),
        (3, "cricket", "🦗"),
        (4, "golf clap", "⛳"),
        (5, "sad horn", "🎺"),
        (7, "ba dum tss", "🥁"),
    ]
    .into_iter()
    .map(|(id, name, emoji)| {
        json!({
            "name": name, "sound_id": id.to_string(), "volume": 1.0,
            "emoji_id": null, "emoji_name": emoji, "available": true,
        })
    })
    .collect()
}

/// A volume field, from 0 to 1.
fn volume(body: &Value) -> Result<Option<f64>, ApiError> {
    match body.get("volume") {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_f64()
            .filter(|v| (0.0..=1.0).contains(v))
            .map(Some)
            .ok_or_else(|| {
                ApiError::form(
                    "volume",
                    "NUMBER_TYPE_MAX",
                    "Value should be between 0 and 1.",
                )
            }),
    }
}

/// Applies `emoji_id` / `emoji_name` of a body to a sound.
fn sound_emoji(body: &Value, v: &mut Value) -> Result<(), ApiError> {
    if body.get("emoji_id").is_some() {
        v["emoji_id"] = opt_id(snowflake(body, "emoji_id")?);
    }
    if body.get("emoji_name").is_some() {
        v["emoji_name"] = text(body, "emoji_name", 1, 32)?.map_or(Value::Null, Value::String);
    }
    Ok(())
}

fn sounds(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    g: &str,
    s: Option<&str>,
) -> HandlerResult {
    let g = id(g, "guild_id")?;
    super::guild(st, ctx.bot, g)?;
    let s = s.map(|s| id(s, "sound_id")).transpose()?;
    let list = |st: &State| {
        st.world
            .guilds
            .get(&g)
            .map(|gr| gr.soundboard_sounds.clone())
            .unwrap_or_default()
    };
    let find = |st: &State, s: u64| {
        list(st)
            .into_iter()
            .find(|v| id_field(v, "sound_id") == Some(s))
            .ok_or_else(unknown_sound)
    };
    let save = |st: &mut State, v: Option<Value>, s: u64| -> Result<(), ApiError> {
        let gr = st
            .world
            .guilds
            .get_mut(&g)
            .ok_or_else(ApiError::unknown_guild)?;
        let at = gr
            .soundboard_sounds
            .iter()
            .position(|x| id_field(x, "sound_id") == Some(s));
        match (at, v) {
            (Some(i), Some(v)) => gr.soundboard_sounds[i] = v,
            (Some(i), None) => {
                gr.soundboard_sounds.remove(i);
            }
            (None, Some(v)) => gr.soundboard_sounds.push(v),
            (None, None) => {}
        }
        Ok(())
    };
    match (method, s) {
        ("GET", None) => Ok(Reply::json(json!({ "items": list(st) }))),
        ("GET", Some(s)) => find(st, s).map(Reply::json),
        ("POST", None) => {
            require_guild(st, ctx.bot, g, Permissions::CREATE_GUILD_EXPRESSIONS)?;
            let body = ctx.json()?;
            let name = required_text(&body, "name", 2, 32)?;
            data_uri(
                &body,
                "sound",
                &["audio/mpeg", "audio/mp3", "audio/ogg"],
                FILE_MAX,
            )?;
            if list(st).len() >= MAX_SOUNDS {
                return Err(ApiError::new(
                    400,
                    30045,
                    format!("Maximum number of soundboard sounds reached ({MAX_SOUNDS})"),
                ));
            }
            let sid = st.world.ids.next();
            let mut v = json!({
                "name": name,
                "sound_id": sid.to_string(),
                "volume": volume(&body)?.unwrap_or(1.0),
                "emoji_id": null,
                "emoji_name": null,
                "guild_id": g.to_string(),
                "available": true,
                "user": user_json(st, ctx.bot),
            });
            sound_emoji(&body, &mut v)?;
            save(st, Some(v.clone()), sid)?;
            ctx.emit(
                st,
                Dispatch::new("GUILD_SOUNDBOARD_SOUND_CREATE", v.clone())
                    .guild(Some(g))
                    .intents(Intents::GUILD_EXPRESSIONS),
            );
            ctx.audit(
                st,
                g,
                audit::SOUNDBOARD_SOUND_CREATE,
                Some(sid),
                created(&v, &["name", "volume", "emoji_name"]),
            );
            Ok(Reply::created(v))
        }
        ("PATCH", Some(s)) => {
            let old = find(st, s)?;
            require_expression_owner(st, ctx.bot, g, &old)?;
            let body = ctx.json()?;
            let mut v = old.clone();
            if let Some(n) = text(&body, "name", 2, 32)? {
                v["name"] = n.into();
            }
            if body.get("volume").is_some() {
                v["volume"] = volume(&body)?.unwrap_or(1.0).into();
            }
            sound_emoji(&body, &mut v)?;
            save(st, Some(v.clone()), s)?;
            ctx.emit(
                st,
                Dispatch::new("GUILD_SOUNDBOARD_SOUND_UPDATE", v.clone())
                    .guild(Some(g))
                    .intents(Intents::GUILD_EXPRESSIONS),
            );
            let keys = ["name", "volume", "emoji_id", "emoji_name"];
            ctx.audit(
                st,
                g,
                audit::SOUNDBOARD_SOUND_UPDATE,
                Some(s),
                changes(&old, &v, &keys),
            );
            Ok(Reply::json(v))
        }
        ("DELETE", Some(s)) => {
            let old = find(st, s)?;
            require_expression_owner(st, ctx.bot, g, &old)?;
            save(st, None, s)?;
            ctx.emit(
                st,
                Dispatch::new(
                    "GUILD_SOUNDBOARD_SOUND_DELETE",
                    json!({"sound_id": s.to_string(), "guild_id": g.to_string()}),
                )
                .guild(Some(g))
                .intents(Intents::GUILD_EXPRESSIONS),
            );
            ctx.audit(
                st,
                g,
                audit::SOUNDBOARD_SOUND_DELETE,
                Some(s),
                changes(&old, &json!({}), &["name"]),
            );
            Ok(Reply::no_content())
        }
        _ => Err(ApiError::method_not_allowed()),
    }
}

fn send_sound(ctx: &mut Ctx<'_>, st: &mut State, c: &str) -> HandlerResult {
    let c = id(c, "channel_id")?;
    let channel = super::visible_channel(st, ctx.bot, c)?;
    let g = channel.guild_id.ok_or_else(ApiError::unknown_channel)?;
    if !matches!(channel.kind, kind::GUILD_VOICE | kind::GUILD_STAGE_VOICE) {
        return Err(ApiError::new(
            400,
            50024,
            "Cannot execute action on this channel type",
        ));
    }
    require_channel(
        st,
        ctx.bot,
        c,
        Permissions::SPEAK | Permissions::USE_SOUNDBOARD,
    )?;
    let body = ctx.json()?;
    let sound = snowflake(&body, "sound_id")?.ok_or_else(|| ApiError::required("sound_id"))?;
    let source = snowflake(&body, "source_guild_id")?.unwrap_or(g);
    let connected = st
        .world
        .guilds
        .get(&g)
        .and_then(|gr| gr.voice_states.get(&ctx.bot));
    let in_channel = connected.is_some_and(|v| id_field(v, "channel_id") == Some(c));
    if !in_channel {
        return Err(ApiError::new(
            400,
            40032,
            "Target user is not connected to voice.",
        ));
    }
    if connected.is_some_and(|v| v["self_deaf"] == true || v["deaf"] == true) {
        return Err(ApiError::new(
            400,
            40032,
            "Cannot send a sound while deafened.",
        ));
    }
    let found = default_sounds()
        .into_iter()
        .find(|v| id_field(v, "sound_id") == Some(sound))
        .or_else(|| {
            st.world.guilds.get(&source).and_then(|gr| {
                gr.soundboard_sounds
                    .iter()
                    .find(|v| id_field(v, "sound_id") == Some(sound))
                    .cloned()
            })
        })
        .ok_or_else(unknown_sound)?;
    let external = found
        .get("guild_id")
        .and_then(|_| id_field(&found, "guild_id"));
    if external.is_some_and(|s| s != g) {
        super::guild(st, ctx.bot, source)?;
        require_channel(st, ctx.bot, c, Permissions::USE_EXTERNAL_SOUNDS)?;
    }
    ctx.emit(
        st,
        Dispatch::new(
            "VOICE_CHANNEL_EFFECT_SEND",
            json!({
                "channel_id": c.to_string(),
                "guild_id": g.to_string(),
                "user_id": ctx.bot.to_string(),
                "sound_id": sound.to_string(),
                "sound_volume": found["volume"],
                "emoji": {"id": found["emoji_id"], "name": found["emoji_name"]},
            }),
        )
        .guild(Some(g))
        .intents(Intents::GUILD_VOICE_STATES),
    );
    Ok(Reply::no_content())
}

// ------------------------------------------------------------------ scheduled events

/// Checks an event's entity rules: stage and voice events name a channel of that
/// type in the guild; external events have a location and an end time, and no channel.
fn check_entity(st: &State, g: u64, v: &mut Value) -> Result<(), ApiError> {
    let kind = v["entity_type"].as_u64().unwrap_or(0);
    let start = timestamp(v, "scheduled_start_time")?
        .ok_or_else(|| ApiError::required("scheduled_start_time"))?;
    let end = timestamp(v, "scheduled_end_time")?;
    if end.is_some_and(|e| e.as_millis() <= start.as_millis()) {
        return Err(ApiError::form(
            "scheduled_end_time",
            "GUILD_SCHEDULED_EVENT_END_BEFORE_START",
            "The end time must be after the start time.",
        ));
    }
    match kind {
        1 | 2 => {
            let c = snowflake(v, "channel_id")?.ok_or_else(|| ApiError::required("channel_id"))?;
            let want = if kind == 1 {
                kind::GUILD_STAGE_VOICE
            } else {
                kind::GUILD_VOICE
            };
            let ok = st
                .world
                .channels
                .get(&c)
                .is_some_and(|ch| ch.guild_id == Some(g) && ch.kind == want);
            if !ok {
                return Err(ApiError::form(
                    "channel_id",
                    "GUILD_SCHEDULED_EVENT_INVALID_CHANNEL",
                    "The channel is not a channel of this entity type.",
                ));
            }
            v["entity_metadata"] = Value::Null;
        }
        3 => {
            if snowflake(v, "channel_id")?.is_some() {
                return Err(ApiError::form(
                    "channel_id",
                    "GUILD_SCHEDULED_EVENT_CHANNEL_NOT_ALLOWED",
                    "External events cannot have a channel.",
                ));
            }
            let meta = v.get("entity_metadata").cloned().unwrap_or(Value::Null);
            let location = text(&meta, "location", 1, 100)
                .map_err(|_| ApiError::max_length("entity_metadata.location", 100))?
                .ok_or_else(|| ApiError::required("entity_metadata.location"))?;
            if end.is_none() {
                return Err(ApiError::required("scheduled_end_time"));
            }
            v["entity_metadata"] = json!({ "location": location });
            v["channel_id"] = Value::Null;
        }
        _ => {
            return Err(ApiError::form(
                "entity_type",
                "BASE_TYPE_CHOICES",
                "Value must be one of (1, 2, 3).",
            ));
        }
    }
    Ok(())
}

/// Copies the event fields of a body onto an event (checked later by `check_entity`).
fn apply_event_fields(body: &Value, v: &mut Value, creating: bool) -> Result<(), ApiError> {
    if creating {
        v["name"] = required_text(body, "name", 1, 100)?.into();
    } else if let Some(n) = text(body, "name", 1, 100)? {
        v["name"] = n.into();
    }
    if body.get("description").is_some() {
        v["description"] = text(body, "description", 0, 1000)?.map_or(Value::Null, Value::String);
    }
    match body.get("privacy_level") {
        None if creating => return Err(ApiError::required("privacy_level")),
        None => {}
        Some(p) if p.as_u64() == Some(2) => v["privacy_level"] = 2.into(),
        Some(_) => {
            return Err(ApiError::form(
                "privacy_level",
                "BASE_TYPE_CHOICES",
                "Value must be one of (2,).",
            ));
        }
    }
    for key in ["scheduled_start_time", "scheduled_end_time"] {
        if body.get(key).is_some() {
            v[key] = timestamp(body, key)?.map_or(Value::Null, |t| t.to_string().into());
        }
    }
    if creating && v["scheduled_start_time"].is_null() {
        return Err(ApiError::required("scheduled_start_time"));
    }
    match body.get("entity_type") {
        None if creating => return Err(ApiError::required("entity_type")),
        None | Some(Value::Null) => {}
        Some(k) => v["entity_type"] = k.as_u64().unwrap_or(0).into(),
    }
    if body.get("channel_id").is_some() {
        v["channel_id"] = opt_id(snowflake(body, "channel_id")?);
    }
    if let Some(meta) = body.get("entity_metadata") {
        v["entity_metadata"] = meta.clone();
    }
    if let Some(rule) = body.get("recurrence_rule") {
        if !rule.is_null()
            && rule
                .get("frequency")
                .and_then(Value::as_u64)
                .is_none_or(|f| f > 3)
        {
            return Err(ApiError::form(
                "recurrence_rule.frequency",
                "BASE_TYPE_CHOICES",
                "Value must be one of (0, 1, 2, 3).",
            ));
        }
        v["recurrence_rule"] = rule.clone();
    }
    if let Some(image) = body.get("image") {
        v["image"] = if image.is_null() {
            Value::Null
        } else {
            data_uri(body, "image", &["image/"], 10 * 1024 * 1024)?;
            // An image hash: any stable 32 hex digits will do.
            let h = image
                .to_string()
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                });
            format!("{h:016x}{:016x}", h.rotate_left(29)).into()
        };
    }
    Ok(())
}

fn event_dispatch(ctx: &Ctx<'_>, st: &mut State, g: u64, name: &'static str, data: Value) {
    ctx.emit(
        st,
        Dispatch::new(name, data)
            .guild(Some(g))
            .intents(Intents::GUILD_SCHEDULED_EVENTS),
    );
}

const EVENT_KEYS: [&str; 8] = [
    "name",
    "description",
    "channel_id",
    "entity_type",
    "status",
    "scheduled_start_time",
    "scheduled_end_time",
    "entity_metadata",
];

fn events(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    g: &str,
    rest: &[&str],
) -> HandlerResult {
    let g = id(g, "guild_id")?;
    super::guild(st, ctx.bot, g)?;
    let with_count = ctx.query("with_user_count") == Some("true");
    let Some((first, rest)) = rest.split_first() else {
        return match method {
            "GET" => Ok(Reply::json(Value::Array(
                st.world
                    .expressions
                    .events
                    .get(&g)
                    .map(|m| m.values().map(|e| e.json(with_count)).collect())
                    .unwrap_or_default(),
            ))),
            "POST" => create_event(ctx, st, g),
            _ => Err(ApiError::method_not_allowed()),
        };
    };
    let e = id(first, "guild_scheduled_event_id")?;
    let rec = st
        .world
        .expressions
        .events
        .get(&g)
        .and_then(|m| m.get(&e))
        .ok_or_else(unknown_event)?;
    let creator = rec.creator;
    match (method, rest) {
        ("GET", []) => Ok(Reply::json(rec.json(with_count))),
        ("PATCH", []) => {
            require_own_or_manage(
                st,
                ctx.bot,
                g,
                Some(creator),
                Permissions::CREATE_EVENTS,
                Permissions::MANAGE_EVENTS,
            )?;
            update_event(ctx, st, g, e)
        }
        ("DELETE", []) => {
            require_own_or_manage(
                st,
                ctx.bot,
                g,
                Some(creator),
                Permissions::CREATE_EVENTS,
                Permissions::MANAGE_EVENTS,
            )?;
            let rec = st
                .world
                .expressions
                .events
                .get_mut(&g)
                .and_then(|m| m.remove(&e))
                .ok_or_else(unknown_event)?;
            let v = rec.json(false);
            event_dispatch(ctx, st, g, "GUILD_SCHEDULED_EVENT_DELETE", v.clone());
            ctx.audit(
                st,
                g,
                audit::GUILD_SCHEDULED_EVENT_DELETE,
                Some(e),
                changes(&v, &json!({}), &["name"]),
            );
            Ok(Reply::no_content())
        }
        ("GET", ["users"]) => {
            let users = rec.users.clone();
            event_users(ctx, st, g, e, None, &users)
        }
        ("GET", ["users", "counts"]) => {
            let mut counts = Map::new();
            for kv in ctx.query.split('&') {
                let Some((k, v)) = kv.split_once('=') else {
                    continue;
                };
                if k != "guild_scheduled_event_exception_ids" {
                    continue;
                }
                for x in v.split([',', ' ']).filter_map(|x| x.parse::<u64>().ok()) {
                    if let Some((_, users)) = rec.exceptions.get(&x) {
                        counts.insert(x.to_string(), users.len().into());
                    }
                }
            }
            if counts.len() > 10 {
                return Err(ApiError::form(
                    "guild_scheduled_event_exception_ids",
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 10 or fewer in length.",
                ));
            }
            Ok(Reply::json(json!({
                "guild_scheduled_event_count": rec.users.len(),
                "guild_scheduled_event_exception_counts": counts,
            })))
        }
        ("POST", ["exceptions"]) => {
            require_own_or_manage(
                st,
                ctx.bot,
                g,
                Some(creator),
                Permissions::CREATE_EVENTS,
                Permissions::MANAGE_EVENTS,
            )?;
            if rec.value["recurrence_rule"].is_null() {
                return Err(ApiError::form(
                    "original_scheduled_start_time",
                    "GUILD_SCHEDULED_EVENT_NOT_RECURRING",
                    "The event does not recur.",
                ));
            }
            let body = ctx.json()?;
            let original = timestamp(&body, "original_scheduled_start_time")?
                .ok_or_else(|| ApiError::required("original_scheduled_start_time"))?;
            let x = (original.as_millis().saturating_sub(DISCORD_EPOCH_MS).max(1) as u64) << 22;
            let mut v = json!({
                "event_id": e.to_string(),
                "event_exception_id": x.to_string(),
                "scheduled_start_time": null,
                "scheduled_end_time": null,
                "is_canceled": false,
            });
            if !apply_exception(&body, &mut v)? {
                return Err(ApiError::new(
                    400,
                    180005,
                    "An exception needs is_canceled, scheduled_start_time or scheduled_end_time.",
                ));
            }
            save_exception(st, g, e, x, v.clone())?;
            event_dispatch(
                ctx,
                st,
                g,
                "GUILD_SCHEDULED_EVENT_EXCEPTION_CREATE",
                v.clone(),
            );
            let keys = ["scheduled_start_time", "scheduled_end_time", "is_canceled"];
            ctx.audit(
                st,
                g,
                audit::GUILD_SCHEDULED_EVENT_EXCEPTION_CREATE,
                Some(e),
                created(&v, &keys),
            );
            Ok(Reply::json(v))
        }
        (_, ["exceptions", x]) => {
            let x = id(x, "exception_id")?;
            let old = rec
                .exceptions
                .get(&x)
                .map(|(v, _)| v.clone())
                .ok_or_else(unknown_exception)?;
            require_own_or_manage(
                st,
                ctx.bot,
                g,
                Some(creator),
                Permissions::CREATE_EVENTS,
                Permissions::MANAGE_EVENTS,
            )?;
            let keys = ["scheduled_start_time", "scheduled_end_time", "is_canceled"];
            match method {
                "PATCH" => {
                    let body = ctx.json()?;
                    let mut v = old.clone();
                    apply_exception(&body, &mut v)?;
                    save_exception(st, g, e, x, v.clone())?;
                    event_dispatch(
                        ctx,
                        st,
                        g,
                        "GUILD_SCHEDULED_EVENT_EXCEPTION_UPDATE",
                        v.clone(),
                    );
                    ctx.audit(
                        st,
                        g,
                        audit::GUILD_SCHEDULED_EVENT_EXCEPTION_UPDATE,
                        Some(e),
                        changes(&old, &v, &keys),
                    );
                    Ok(Reply::json(v))
                }
                "DELETE" => {
                    if let Some(rec) = st
                        .world
                        .expressions
                        .events
                        .get_mut(&g)
                        .and_then(|m| m.get_mut(&e))
                    {
                        rec.exceptions.remove(&x);
                    }
                    event_dispatch(
                        ctx,
                        st,
                        g,
                        "GUILD_SCHEDULED_EVENT_EXCEPTION_DELETE",
                        old.clone(),
                    );
                    ctx.audit(
                        st,
                        g,
                        audit::GUILD_SCHEDULED_EVENT_EXCEPTION_DELETE,
                        Some(e),
                        changes(&old, &json!({}), &keys),
                    );
                    Ok(Reply::no_content())
                }
                _ => Err(ApiError::method_not_allowed()),
            }
        }
        ("GET", [x, "users"]) => {
            let x = id(x, "guild_scheduled_event_exception_id")?;
            let users = rec
                .exceptions
                .get(&x)
                .map(|(_, u)| u.clone())
                .ok_or_else(unknown_exception)?;
            event_users(ctx, st, g, e, Some(x), &users)
        }
        _ => Err(ApiError::not_found()),
    }
}

/// Applies an exception body; whether it set anything.
fn apply_exception(body: &Value, v: &mut Value) -> Result<bool, ApiError> {
    let mut set = false;
    for key in ["scheduled_start_time", "scheduled_end_time"] {
        if body.get(key).is_some() {
            v[key] = timestamp(body, key)?.map_or(Value::Null, |t| t.to_string().into());
            set = true;
        }
    }
    match body.get("is_canceled") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => {
            v["is_canceled"] = (*b).into();
            set = true;
        }
        Some(_) => {
            return Err(ApiError::form(
                "is_canceled",
                "BOOLEAN_TYPE_CONVERT",
                "Must be either true or false.",
            ));
        }
    }
    Ok(set)
}

fn save_exception(st: &mut State, g: u64, e: u64, x: u64, v: Value) -> Result<(), ApiError> {
    let rec = st
        .world
        .expressions
        .events
        .get_mut(&g)
        .and_then(|m| m.get_mut(&e))
        .ok_or_else(unknown_event)?;
    rec.exceptions.entry(x).or_default().0 = v;
    Ok(())
}

fn event_users(
    ctx: &Ctx<'_>,
    st: &State,
    g: u64,
    e: u64,
    exception: Option<u64>,
    users: &BTreeSet<u64>,
) -> HandlerResult {
    let limit = match ctx.query("limit") {
        None => 100,
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|l| (1..=100).contains(l))
            .ok_or_else(|| {
                ApiError::form(
                    "limit",
                    "NUMBER_TYPE_MAX",
                    "Value should be between 1 and 100.",
                )
            })?,
    };
    let before = ctx.query("before").and_then(|b| b.parse::<u64>().ok());
    let after = ctx.query("after").and_then(|a| a.parse::<u64>().ok());
    let with_member = ctx.query("with_member") == Some("true");
    let guild = st
        .world
        .guilds
        .get(&g)
        .ok_or_else(ApiError::unknown_guild)?;
    let chosen: Vec<u64> = match (before, after) {
        // `before` wins; the page is the users right below it, still ascending.
        (Some(b), _) => {
            let below: Vec<u64> = users.range(..b).copied().collect();
            below[below.len().saturating_sub(limit)..].to_vec()
        }
        (None, Some(a)) => users
            .range(a.saturating_add(1)..)
            .take(limit)
            .copied()
            .collect(),
        (None, None) => users.iter().take(limit).copied().collect(),
    };
    let list = chosen
        .into_iter()
        .map(|u| {
            let mut v = json!({
                "guild_scheduled_event_id": e.to_string(),
                "user_id": u.to_string(),
                "user": user_json(st, u),
                "response": 1,
            });
            if let Some(x) = exception {
                v["guild_scheduled_event_exception_id"] = x.to_string().into();
            }
            if with_member && let Some(m) = guild.members.get(&u) {
                v["member"] = st.world.member_json(guild, m);
            }
            v
        })
        .collect();
    Ok(Reply::json(Value::Array(list)))
}

fn create_event(ctx: &mut Ctx<'_>, st: &mut State, g: u64) -> HandlerResult {
    require_any(
        st,
        ctx.bot,
        g,
        Permissions::CREATE_EVENTS | Permissions::MANAGE_EVENTS,
    )?;
    let body = ctx.json()?;
    let eid = st.world.ids.next();
    let mut v = json!({
        "id": eid.to_string(),
        "guild_id": g.to_string(),
        "channel_id": null,
        "creator_id": ctx.bot.to_string(),
        "creator": user_json(st, ctx.bot),
        "name": "",
        "description": null,
        "scheduled_start_time": null,
        "scheduled_end_time": null,
        "privacy_level": 2,
        "status": 1,
        "entity_type": 0,
        "entity_id": null,
        "entity_metadata": null,
        "image": null,
        "recurrence_rule": null,
    });
    apply_event_fields(&body, &mut v, true)?;
    check_entity(st, g, &mut v)?;
    if let Some(start) = timestamp(&v, "scheduled_start_time")?
        && start.as_millis() < Timestamp::now().as_millis()
    {
        return Err(ApiError::form(
            "scheduled_start_time",
            "GUILD_SCHEDULED_EVENT_SCHEDULE_PAST",
            "Cannot schedule event in the past.",
        ));
    }
    if let Some(c) = snowflake(&v, "channel_id")? {
        require_channel(st, ctx.bot, c, Permissions::VIEW_CHANNEL)?;
    }
    let live = st.world.expressions.events.get(&g).map_or(0, |m| {
        m.values()
            .filter(|e| matches!(e.value["status"].as_u64(), Some(1 | 2)))
            .count()
    });
    if live >= 100 {
        return Err(ApiError::new(
            400,
            30038,
            "Maximum number of guild scheduled events reached (100)",
        ));
    }
    let rec = EventRec {
        value: v,
        creator: ctx.bot,
        ..EventRec::default()
    };
    let out = rec.json(false);
    st.world
        .expressions
        .events
        .entry(g)
        .or_default()
        .insert(eid, rec);
    event_dispatch(ctx, st, g, "GUILD_SCHEDULED_EVENT_CREATE", out.clone());
    ctx.audit(
        st,
        g,
        audit::GUILD_SCHEDULED_EVENT_CREATE,
        Some(eid),
        created(&out, &EVENT_KEYS),
    );
    Ok(Reply::json(out))
}

fn update_event(ctx: &mut Ctx<'_>, st: &mut State, g: u64, e: u64) -> HandlerResult {
    let body = ctx.json()?;
    let old = st
        .world
        .expressions
        .events
        .get(&g)
        .and_then(|m| m.get(&e))
        .map(|r| r.value.clone())
        .ok_or_else(unknown_event)?;
    if matches!(old["status"].as_u64(), Some(3 | 4)) {
        return Err(ApiError::new(400, 180000, "Cannot update a finished event"));
    }
    let mut v = old.clone();
    apply_event_fields(&body, &mut v, false)?;
    if let Some(status) = body.get("status").filter(|s| !s.is_null()) {
        let from = old["status"].as_u64().unwrap_or(0);
        let to = status.as_u64().unwrap_or(0);
        let allowed = matches!((from, to), (1, 2 | 4) | (2, 3)) || from == to;
        if !allowed {
            return Err(ApiError::form(
                "status",
                "GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION",
                format!("Cannot change status from {from} to {to}."),
            ));
        }
        v["status"] = to.into();
    }
    check_entity(st, g, &mut v)?;
    let recurrence_changed = old["recurrence_rule"] != v["recurrence_rule"];
    let rec = st
        .world
        .expressions
        .events
        .get_mut(&g)
        .and_then(|m| m.get_mut(&e))
        .ok_or_else(unknown_event)?;
    rec.value = v;
    // A new recurrence rule drops the exceptions of the old one.
    let dropped: Vec<Value> = if recurrence_changed {
        std::mem::take(&mut rec.exceptions)
            .into_values()
            .map(|(x, _)| x)
            .collect()
    } else {
        vec![]
    };
    let out = rec.json(false);
    for x in dropped {
        event_dispatch(ctx, st, g, "GUILD_SCHEDULED_EVENT_EXCEPTION_DELETE", x);
    }
    event_dispatch(ctx, st, g, "GUILD_SCHEDULED_EVENT_UPDATE", out.clone());
    ctx.audit(
        st,
        g,
        audit::GUILD_SCHEDULED_EVENT_UPDATE,
        Some(e),
        changes(&old, &out, &EVENT_KEYS),
    );
    Ok(Reply::json(out))
}

// ------------------------------------------------------------------ stage instances

/// The bot is a stage moderator of the channel.
fn require_stage_moderator(st: &State, bot: u64, c: u64) -> Result<(), ApiError> {
    require_channel(
        st,
        bot,
        c,
        Permissions::MANAGE_CHANNELS | Permissions::MUTE_MEMBERS | Permissions::MOVE_MEMBERS,
    )
}

fn stage_dispatch(ctx: &Ctx<'_>, st: &mut State, g: u64, name: &'static str, v: Value) {
    ctx.emit(
        st,
        Dispatch::new(name, v)
            .guild(Some(g))
            .intents(Intents::GUILDS),
    );
}

fn stage_privacy(body: &Value) -> Result<Option<u64>, ApiError> {
    match body.get("privacy_level") {
        None | Some(Value::Null) => Ok(None),
        Some(p) => p
            .as_u64()
            .filter(|p| matches!(p, 1 | 2))
            .map(Some)
            .ok_or_else(|| {
                ApiError::form(
                    "privacy_level",
                    "BASE_TYPE_CHOICES",
                    "Value must be one of (1, 2).",
                )
            }),
    }
}

fn stages(ctx: &mut Ctx<'_>, st: &mut State, method: &str, c: Option<&str>) -> HandlerResult {
    let Some(c) = c else {
        return match method {
            "POST" => create_stage(ctx, st),
            _ => Err(ApiError::method_not_allowed()),
        };
    };
    let c = id(c, "channel_id")?;
    super::visible_channel(st, ctx.bot, c)?;
    let old = st
        .world
        .expressions
        .stages
        .get(&c)
        .cloned()
        .ok_or_else(unknown_stage)?;
    let g = id_field(&old, "guild_id").ok_or_else(unknown_stage)?;
    let sid = id_field(&old, "id").unwrap_or(0);
    match method {
        "GET" => Ok(Reply::json(old)),
        "PATCH" => {
            require_stage_moderator(st, ctx.bot, c)?;
            let body = ctx.json()?;
            let mut v = old.clone();
            if let Some(t) = text(&body, "topic", 1, 120)? {
                v["topic"] = t.into();
            }
            if let Some(p) = stage_privacy(&body)? {
                v["privacy_level"] = p.into();
            }
            st.world.expressions.stages.insert(c, v.clone());
            stage_dispatch(ctx, st, g, "STAGE_INSTANCE_UPDATE", v.clone());
            ctx.audit(
                st,
                g,
                audit::STAGE_INSTANCE_UPDATE,
                Some(sid),
                changes(&old, &v, &["topic", "privacy_level"]),
            );
            Ok(Reply::json(v))
        }
        "DELETE" => {
            require_stage_moderator(st, ctx.bot, c)?;
            st.world.expressions.stages.remove(&c);
            stage_dispatch(ctx, st, g, "STAGE_INSTANCE_DELETE", old.clone());
            ctx.audit(
                st,
                g,
                audit::STAGE_INSTANCE_DELETE,
                Some(sid),
                changes(&old, &json!({}), &["topic"]),
            );
            Ok(Reply::no_content())
        }
        _ => Err(ApiError::method_not_allowed()),
    }
}

fn create_stage(ctx: &mut Ctx<'_>, st: &mut State) -> HandlerResult {
    let body = ctx.json()?;
    let c = snowflake(&body, "channel_id")?.ok_or_else(|| ApiError::required("channel_id"))?;
    let channel = super::visible_channel(st, ctx.bot, c)?;
    let g = channel.guild_id.ok_or_else(ApiError::unknown_channel)?;
    if channel.kind != kind::GUILD_STAGE_VOICE {
        return Err(ApiError::form(
            "channel_id",
            "CHANNEL_TYPE_INVALID",
            "The channel is not a stage channel.",
        ));
    }
    require_stage_moderator(st, ctx.bot, c)?;
    let topic = required_text(&body, "topic", 1, 120)?;
    let privacy = stage_privacy(&body)?.unwrap_or(2);
    if body["send_start_notification"] == true {
        require_channel(st, ctx.bot, c, Permissions::MENTION_EVERYONE)?;
    }
    let event = snowflake(&body, "guild_scheduled_event_id")?;
    if let Some(e) = event
        && !st
            .world
            .expressions
            .events
            .get(&g)
            .is_some_and(|m| m.contains_key(&e))
    {
        return Err(unknown_event());
    }
    if st.world.expressions.stages.contains_key(&c) {
        return Err(ApiError::new(400, 150006, "Stage already open"));
    }
    let sid = st.world.ids.next();
    let v = json!({
        "id": sid.to_string(),
        "guild_id": g.to_string(),
        "channel_id": c.to_string(),
        "topic": topic,
        "privacy_level": privacy,
        "discoverable_disabled": false,
        "guild_scheduled_event_id": opt_id(event),
    });
    st.world.expressions.stages.insert(c, v.clone());
    stage_dispatch(ctx, st, g, "STAGE_INSTANCE_CREATE", v.clone());
    ctx.audit(
        st,
        g,
        audit::STAGE_INSTANCE_CREATE,
        Some(sid),
        created(&v, &["topic", "privacy_level"]),
    );
    Ok(Reply::json(v))
}

// ------------------------------------------------------------------ driver

impl Emulator {
    /// Connects `user` to the voice channel `channel` of `guild` (as the gateway's
    /// voice state update would), or disconnects them with `None`; announces
    /// `VOICE_STATE_UPDATE`.
    pub fn set_voice_channel(
        &self,
        guild: GuildId,
        user: UserId,
        channel: Option<ChannelId>,
    ) -> Result<(), EmulatorError> {
        self.with(|st| {
            let g = st
                .world
                .guilds
                .get(&guild.get())
                .ok_or_else(ApiError::unknown_guild)?;
            let member = g
                .members
                .get(&user.get())
                .map(|m| st.world.member_json(g, m))
                .ok_or_else(ApiError::unknown_member)?;
            if let Some(c) = channel
                && !g.channels.contains(&c.get())
            {
                return Err(ApiError::unknown_channel().into());
            }
            let state = json!({
                "guild_id": guild.to_string(),
                "channel_id": channel.map(|c| c.to_string()),
                "user_id": user.to_string(),
                "member": member,
                "session_id": format!("emulated-{}", user.get()),
                "deaf": false, "mute": false, "self_deaf": false, "self_mute": false,
                "self_video": false, "suppress": false, "request_to_speak_timestamp": null,
            });
            if let Some(g) = st.world.guilds.get_mut(&guild.get()) {
                if channel.is_some() {
                    g.voice_states.insert(user.get(), state.clone());
                } else {
                    g.voice_states.remove(&user.get());
                }
            }
            self.emit(
                st,
                Dispatch::new("VOICE_STATE_UPDATE", state)
                    .guild(Some(guild.get()))
                    .intents(Intents::GUILD_VOICE_STATES),
            );
            Ok(())
        })
    }

    /// Marks `user` interested in a scheduled event (or, with `exception`, in one
    /// occurrence of it: the user counts of `GET …/users/counts`), as a user clicking
    /// "Interested" would; announces `GUILD_SCHEDULED_EVENT_USER_ADD`.
    pub fn subscribe_scheduled_event(
        &self,
        guild: GuildId,
        event: ScheduledEventId,
        user: UserId,
        exception: Option<GenericId>,
    ) -> Result<(), EmulatorError> {
        self.with(|st| {
            let g = guild.get();
            if !st
                .world
                .guilds
                .get(&g)
                .is_some_and(|gr| gr.members.contains_key(&user.get()))
            {
                return Err(ApiError::unknown_member().into());
            }
            let rec = st
                .world
                .expressions
                .events
                .get_mut(&g)
                .and_then(|m| m.get_mut(&event.get()))
                .ok_or_else(unknown_event)?;
            match exception {
                Some(x) => {
                    rec.exceptions
                        .get_mut(&x.get())
                        .ok_or_else(unknown_exception)?
                        .1
                        .insert(user.get());
                }
                None => {
                    rec.users.insert(user.get());
                }
            }
            let mut data = json!({
                "guild_scheduled_event_id": event.to_string(),
                "user_id": user.to_string(),
                "guild_id": guild.to_string(),
            });
            if let Some(x) = exception {
                data["guild_scheduled_event_exception_id"] = x.to_string().into();
            }
            self.emit(
                st,
                Dispatch::new("GUILD_SCHEDULED_EVENT_USER_ADD", data)
                    .guild(Some(g))
                    .intents(Intents::GUILD_SCHEDULED_EVENTS),
            );
            Ok(())
        })
    }

    /// The guild's emojis, stickers, soundboard sounds, scheduled events and stage
    /// instances as the emulator holds them: `{"emojis": […], "stickers": […],
    /// "soundboard_sounds": […], "guild_scheduled_events": […], "stage_instances": […]}`.
    pub fn expressions_of(&self, guild: GuildId) -> Value {
        self.with(|st| {
            let mut v = json!({});
            st.world.expressions.fill_guild(guild.get(), &mut v, true);
            v["soundboard_sounds"] = st
                .world
                .guilds
                .get(&guild.get())
                .map_or(json!([]), |g| Value::Array(g.soundboard_sounds.clone()));
            v
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_fields_are_form_errors() {
        let body = json!({
            "image": "data:image/png;base64,AAAA",
            "sound": "not a data uri",
            "big": format!("data:image/png;base64,{}", "A".repeat(400)),
            "name": 7,
            "id": {"nested": true},
            "when": "yesterday",
        });
        assert_eq!(
            data_uri(&body, "image", &["image/"], 10).unwrap(),
            ("image/png".to_owned(), 3)
        );
        assert_eq!(
            data_uri(&body, "sound", &["audio/"], 10).unwrap_err().code,
            50035
        );
        assert_eq!(
            data_uri(&body, "image", &["audio/"], 10).unwrap_err().code,
            50035
        );
        let big = data_uri(&body, "big", &["image/"], 100).unwrap_err();
        assert_eq!(
            big.body()["errors"]["big"]["_errors"][0]["code"],
            "BINARY_TYPE_MAX_SIZE"
        );
        assert_eq!(text(&body, "name", 1, 10).unwrap_err().code, 50035);
        assert_eq!(snowflake(&body, "id").unwrap_err().code, 50035);
        assert_eq!(timestamp(&body, "when").unwrap_err().code, 50035);
        assert_eq!(
            required_text(&body, "missing", 1, 2).unwrap_err().code,
            50035
        );
        assert!(text(&json!([1, 2]), "name", 1, 2).unwrap().is_none());
    }

    #[test]
    fn audit_changes_list_what_changed() {
        let old = json!({"name": "a", "tags": "x"});
        let new = json!({"name": "b", "tags": "x"});
        assert_eq!(
            changes(&old, &new, &["name", "tags"]),
            json!([{"key": "name", "old_value": "a", "new_value": "b"}])
        );
    }
}
