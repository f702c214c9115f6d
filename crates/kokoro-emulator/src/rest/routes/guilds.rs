//! Guild get/modify and the audit log.

use kokoro_model::{Intents, Permissions};
use serde_json::{Value, json};

use super::{id, require_guild, string_field};
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::audit;

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    let ["guilds", g, rest @ ..] = segs else {
        return None;
    };
    if !matches!(rest, [] | ["audit-logs"]) {
        return None;
    }
    Some((|| {
        let g = id(g, "guild_id")?;
        let guild = super::guild(st, ctx.bot, g)?;
        match (method, rest) {
            ("GET", []) => {
                let mut v = guild.json();
                super::guild_settings::overlay(st, g, &mut v);
                st.world.expressions.fill_guild(g, &mut v, false);
                if ctx.query("with_counts") == Some("true") {
                    v["approximate_member_count"] = guild.members.len().into();
                    v["approximate_presence_count"] = guild
                        .members
                        .keys()
                        .filter(|u| st.world.is_online(**u))
                        .count()
                        .into();
                }
                Ok(Reply::json(v))
            }
            ("PATCH", []) => {
                require_guild(st, ctx.bot, g, Permissions::MANAGE_GUILD)?;
                let body = ctx.json()?;
                let name = string_field(&body, "name", 100)?;
                if name.as_ref().is_some_and(|n| n.chars().count() < 2) {
                    return Err(ApiError::form(
                        "name",
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 2 and 100 in length.",
                    ));
                }
                // The other fields are checked (and stored) before anything changes.
                let mut changes = super::guild_settings::patch_guild(st, g, &body)?;
                let gr = st
                    .world
                    .guilds
                    .get_mut(&g)
                    .ok_or_else(ApiError::unknown_guild)?;
                let old = gr.name.clone();
                if let Some(n) = name.clone() {
                    gr.name = n;
                }
                let mut v = gr.json();
                super::guild_settings::overlay(st, g, &mut v);
                ctx.emit(
                    st,
                    Dispatch::new("GUILD_UPDATE", v.clone())
                        .guild(Some(g))
                        .intents(Intents::GUILDS),
                );
                if let Some(n) = name {
                    changes.insert(0, json!({"key": "name", "old_value": old, "new_value": n}));
                }
                let changes = Value::Array(changes);
                ctx.audit(st, g, audit::GUILD_UPDATE, Some(g), changes);
                Ok(Reply::json(v))
            }
            ("GET", ["audit-logs"]) => {
                require_guild(st, ctx.bot, g, Permissions::VIEW_AUDIT_LOG)?;
                let guild = st
                    .world
                    .guilds
                    .get(&g)
                    .ok_or_else(ApiError::unknown_guild)?;
                let user_id = ctx.query("user_id").and_then(|u| u.parse::<u64>().ok());
                let target = ctx.query("target_id").and_then(|u| u.parse::<u64>().ok());
                let action = ctx.query("action_type").and_then(|a| a.parse::<u64>().ok());
                let before = ctx.query("before").and_then(|b| b.parse::<u64>().ok());
                let after = ctx.query("after").and_then(|b| b.parse::<u64>().ok());
                let limit = ctx
                    .query("limit")
                    .and_then(|l| l.parse::<usize>().ok())
                    .unwrap_or(50)
                    .clamp(1, 100);
                let idn = |e: &Value, k: &str| crate::gateway::commands::id_field(e, k);
                let filtered = guild
                    .audit_log
                    .iter()
                    .filter(|e| user_id.is_none_or(|u| idn(e, "user_id") == Some(u)))
                    .filter(|e| target.is_none_or(|t| idn(e, "target_id") == Some(t)))
                    .filter(|e| action.is_none_or(|a| e["action_type"].as_u64() == Some(a)))
                    .filter(|e| before.is_none_or(|b| idn(e, "id").is_some_and(|i| i < b)))
                    .filter(|e| after.is_none_or(|b| idn(e, "id").is_some_and(|i| i > b)));
                let entries: Vec<Value> = if after.is_some() {
                    filtered.take(limit).cloned().collect()
                } else {
                    filtered.rev().take(limit).cloned().collect()
                };
                let mut users: Vec<u64> =
                    entries.iter().filter_map(|e| idn(e, "user_id")).collect();
                users.sort_unstable();
                users.dedup();
                Ok(Reply::json(json!({
                    "audit_log_entries": entries,
                    "users": users.iter().filter_map(|u| st.world.users.get(u)).map(|u| u.json()).collect::<Vec<_>>(),
                    "webhooks": [], "integrations": [], "threads": [],
                    "application_commands": [], "auto_moderation_rules": [], "guild_scheduled_events": [],
                })))
            }
            _ => Err(ApiError::method_not_allowed()),
        }
    })())
}
