//! Application commands: global and guild CRUD and bulk overwrite.

use serde_json::{Value, json};

use super::{id, string_field};
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;

fn validate(body: &Value) -> Result<String, ApiError> {
    let name = string_field(body, "name", 32)?.ok_or_else(|| ApiError::required("name"))?;
    let kind = body.get("type").and_then(Value::as_u64).unwrap_or(1);
    if kind == 1 {
        let ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_lowercase() || c.is_numeric() || c == '-' || c == '_');
        if !ok {
            return Err(ApiError::form(
                "name",
                "APPLICATION_COMMAND_INVALID_NAME",
                "Command name is invalid",
            ));
        }
        let desc = string_field(body, "description", 100)?;
        if desc.as_deref().is_none_or(str::is_empty) {
            return Err(ApiError::required("description"));
        }
    }
    if body
        .get("options")
        .and_then(Value::as_array)
        .is_some_and(|o| o.len() > 25)
    {
        return Err(ApiError::form(
            "options",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 25 or fewer in length.",
        ));
    }
    Ok(name)
}

fn build(
    st: &mut State,
    app: u64,
    guild: Option<u64>,
    body: &Value,
    existing: Option<&Value>,
) -> Result<Value, ApiError> {
    validate(body)?;
    let id = existing
        .and_then(|e| crate::gateway::commands::id_field(e, "id"))
        .unwrap_or_else(|| st.world.ids.next());
    let mut v = json!({
        "id": id.to_string(),
        "type": body.get("type").cloned().unwrap_or(json!(1)),
        "application_id": app.to_string(),
        "name": body["name"],
        "description": body.get("description").cloned().unwrap_or(json!("")),
        "options": body.get("options").cloned().unwrap_or(json!([])),
        "default_member_permissions": body.get("default_member_permissions").cloned().unwrap_or(Value::Null),
        "nsfw": body.get("nsfw").cloned().unwrap_or(json!(false)),
        "version": st.world.ids.next().to_string(),
    });
    if let Some(g) = guild {
        v["guild_id"] = g.to_string().into();
    }
    for k in [
        "name_localizations",
        "description_localizations",
        "contexts",
        "integration_types",
    ] {
        if let Some(x) = body.get(k) {
            v[k] = x.clone();
        }
    }
    Ok(v)
}

fn list(st: &mut State, app: u64, guild: Option<u64>) -> Result<&mut Vec<Value>, ApiError> {
    match guild {
        None => Ok(&mut st
            .world
            .apps
            .get_mut(&app)
            .ok_or_else(ApiError::unknown_command)?
            .commands),
        Some(g) => Ok(st
            .world
            .guilds
            .get_mut(&g)
            .ok_or_else(ApiError::unknown_guild)?
            .commands
            .entry(app)
            .or_default()),
    }
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    let ["applications", a, rest @ ..] = segs else {
        return None;
    };
    Some((|| {
        let app = id(a, "application_id")?;
        if app != ctx.app {
            return Err(ApiError::missing_access());
        }
        let (guild, rest) = match rest {
            ["guilds", g, "commands", rest @ ..] => {
                let g = id(g, "guild_id")?;
                super::guild(st, ctx.bot, g)?;
                (Some(g), rest)
            }
            ["commands", rest @ ..] => (None, rest),
            _ => return Err(ApiError::not_found()),
        };
        let same = |v: &Value, cid: u64| crate::gateway::commands::id_field(v, "id") == Some(cid);
        match (method, rest) {
            ("GET", []) => Ok(Reply::json(Value::Array(list(st, app, guild)?.clone()))),
            ("POST", []) => {
                let body = ctx.json()?;
                let name = validate(&body)?;
                let kind = body.get("type").and_then(Value::as_u64).unwrap_or(1);
                let existing = list(st, app, guild)?
                    .iter()
                    .find(|c| c["name"] == name && c["type"].as_u64().unwrap_or(1) == kind)
                    .cloned();
                let v = build(st, app, guild, &body, existing.as_ref())?;
                let l = list(st, app, guild)?;
                let created = existing.is_none();
                l.retain(|c| c["id"] != v["id"]);
                if l.len() >= 100 {
                    return Err(ApiError::new(
                        400,
                        30032,
                        "Maximum number of application commands reached (100)",
                    ));
                }
                l.push(v.clone());
                Ok(if created {
                    Reply::created(v)
                } else {
                    Reply::json(v)
                })
            }
            ("PUT", []) => {
                let body = ctx.json()?;
                let arr = body
                    .as_array()
                    .cloned()
                    .ok_or_else(|| ApiError::form("_", "BASE_TYPE_ARRAY", "Must be an array."))?;
                let old = list(st, app, guild)?.clone();
                let mut out = Vec::with_capacity(arr.len());
                for (i, c) in arr.iter().enumerate() {
                    let existing = old.iter().find(|o| o["name"] == c["name"]);
                    let v = build(st, app, guild, c, existing).map_err(|mut e| {
                        if let Some(errs) = e.errors.take() {
                            e.errors = Some(json!({ i.to_string(): errs }));
                        }
                        e
                    })?;
                    out.push(v);
                }
                *list(st, app, guild)? = out.clone();
                Ok(Reply::json(Value::Array(out)))
            }
            ("GET", [c]) => {
                let cid = id(c, "command_id")?;
                list(st, app, guild)?
                    .iter()
                    .find(|v| same(v, cid))
                    .cloned()
                    .map(Reply::json)
                    .ok_or_else(ApiError::unknown_command)
            }
            ("PATCH", [c]) => {
                let cid = id(c, "command_id")?;
                let existing = list(st, app, guild)?
                    .iter()
                    .find(|v| same(v, cid))
                    .cloned()
                    .ok_or_else(ApiError::unknown_command)?;
                let mut merged = existing.clone();
                if let (Some(m), Some(b)) = (merged.as_object_mut(), ctx.json()?.as_object()) {
                    for (k, v) in b {
                        m.insert(k.clone(), v.clone());
                    }
                }
                let v = build(st, app, guild, &merged, Some(&existing))?;
                let l = list(st, app, guild)?;
                if let Some(slot) = l.iter_mut().find(|x| same(x, cid)) {
                    *slot = v.clone();
                }
                Ok(Reply::json(v))
            }
            ("DELETE", [c]) => {
                let cid = id(c, "command_id")?;
                let l = list(st, app, guild)?;
                let before = l.len();
                l.retain(|v| !same(v, cid));
                if l.len() == before {
                    return Err(ApiError::unknown_command());
                }
                Ok(Reply::no_content())
            }
            _ => Err(ApiError::method_not_allowed()),
        }
    })())
}
