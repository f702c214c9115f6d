//! Members (get, list, modify, kick, role add/remove), roles and bans.

use kokoro_model::{Intents, Permissions};
use serde_json::{Value, json};

use super::{id, require_guild, string_field, top_position};
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::{RoleRec, audit};

/// Tells the guild's bots that a ban was added or lifted, and writes the audit log entry.
fn ban_changed(ctx: &Ctx<'_>, st: &mut State, g: u64, u: u64, event: &'static str, action: u16) {
    let user = st.world.users.get(&u).map(|u| u.json());
    ctx.emit(
        st,
        Dispatch::new(event, json!({"guild_id": g.to_string(), "user": user}))
            .guild(Some(g))
            .intents(Intents::GUILD_MODERATION),
    );
    ctx.audit(st, g, action, Some(u), json!([]));
}

fn member_update(ctx: &Ctx<'_>, st: &mut State, g: u64, user: u64) -> Value {
    let v = st
        .world
        .guilds
        .get(&g)
        .and_then(|gr| gr.members.get(&user).map(|m| st.world.member_json(gr, m)))
        .unwrap_or_default();
    let mut v = v;
    super::guild_settings::profile_overlay(st, g, user, &mut v);
    ctx.emit(
        st,
        Dispatch::new("GUILD_MEMBER_UPDATE", v.clone())
            .guild(Some(g))
            .intents(Intents::GUILD_MEMBERS),
    );
    v
}

/// Whether the bot's highest role is above the target's (hierarchy).
fn outranks(st: &State, g: u64, bot: u64, target: u64) -> bool {
    st.world
        .guilds
        .get(&g)
        .is_some_and(|gr| gr.owner_id != target && top_position(gr, bot) > top_position(gr, target))
}

fn role_event(ctx: &Ctx<'_>, st: &mut State, name: &'static str, g: u64, role: Value) {
    let d = if name == "GUILD_ROLE_DELETE" {
        json!({"guild_id": g.to_string(), "role_id": role["id"]})
    } else {
        json!({"guild_id": g.to_string(), "role": role})
    };
    ctx.emit(
        st,
        Dispatch::new(name, d)
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
    let ["guilds", g, sub @ ("members" | "roles" | "bans"), rest @ ..] = segs else {
        return None;
    };
    Some((|| {
        let g = id(g, "guild_id")?;
        let guild = super::guild(st, ctx.bot, g)?;
        let bot = ctx.bot;
        match (*sub, method, rest) {
            ("members", "GET", []) => {
                let limit = ctx
                    .query("limit")
                    .and_then(|l| l.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                let after = ctx
                    .query("after")
                    .and_then(|a| a.parse::<u64>().ok())
                    .unwrap_or(0);
                Ok(Reply::json(Value::Array(
                    guild
                        .members
                        .range(after + 1..)
                        .take(limit)
                        .map(|(_, m)| st.world.member_json(guild, m))
                        .collect(),
                )))
            }
            ("members", "GET", ["search"]) => {
                let q = ctx.query("query").unwrap_or("").to_lowercase();
                let limit = ctx
                    .query("limit")
                    .and_then(|l| l.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                Ok(Reply::json(Value::Array(
                    guild
                        .members
                        .values()
                        .filter(|m| {
                            st.world
                                .users
                                .get(&m.user)
                                .is_some_and(|u| u.username.to_lowercase().starts_with(&q))
                                || m.nick
                                    .as_ref()
                                    .is_some_and(|n| n.to_lowercase().starts_with(&q))
                        })
                        .take(limit)
                        .map(|m| st.world.member_json(guild, m))
                        .collect(),
                )))
            }
            ("members", "GET", [u]) => {
                let u = id(u, "user_id")?;
                let mut v = guild
                    .members
                    .get(&u)
                    .map(|m| st.world.member_json(guild, m))
                    .ok_or_else(ApiError::unknown_member)?;
                super::guild_settings::profile_overlay(st, g, u, &mut v);
                Ok(Reply::json(v))
            }
            ("members", "PATCH", [u]) => {
                let me = *u == "@me";
                let u = if me { bot } else { id(u, "user_id")? };
                if !guild.members.contains_key(&u) {
                    return Err(ApiError::unknown_member());
                }
                let body = ctx.json()?;
                // The current member's guild profile: avatar, banner, bio.
                let profile = if me {
                    super::guild_settings::profile_update(&body)?
                } else {
                    vec![]
                };
                if body.get("nick").is_some() {
                    let p = if u == bot {
                        Permissions::CHANGE_NICKNAME
                    } else {
                        Permissions::MANAGE_NICKNAMES
                    };
                    require_guild(st, bot, g, p)?;
                }
                let roles: Option<Vec<u64>> =
                    body.get("roles").and_then(Value::as_array).map(|r| {
                        r.iter()
                            .filter_map(crate::gateway::commands::value_id)
                            .collect()
                    });
                if let Some(r) = &roles {
                    require_guild(st, bot, g, Permissions::MANAGE_ROLES)?;
                    let gr = st
                        .world
                        .guilds
                        .get(&g)
                        .ok_or_else(ApiError::unknown_guild)?;
                    if r.iter().any(|x| !gr.roles.contains_key(x)) {
                        return Err(ApiError::unknown_role());
                    }
                    if r.iter().any(|x| {
                        gr.roles
                            .get(x)
                            .is_some_and(|role| role.position >= top_position(gr, bot))
                    }) {
                        return Err(ApiError::missing_permissions());
                    }
                }
                if body.get("communication_disabled_until").is_some() {
                    require_guild(st, bot, g, Permissions::MODERATE_MEMBERS)?;
                    if !outranks(st, g, bot, u) {
                        return Err(ApiError::missing_permissions());
                    }
                }
                let nick = string_field(&body, "nick", 32)?;
                let gr = st
                    .world
                    .guilds
                    .get_mut(&g)
                    .ok_or_else(ApiError::unknown_guild)?;
                let m = gr
                    .members
                    .get_mut(&u)
                    .ok_or_else(ApiError::unknown_member)?;
                if body.get("nick").is_some() {
                    m.nick = nick.filter(|n| !n.is_empty());
                }
                if let Some(r) = roles.clone() {
                    m.roles = r;
                }
                if let Some(t) = body.get("communication_disabled_until") {
                    m.communication_disabled_until = t.as_str().map(str::to_owned);
                }
                let action = if roles.is_some() {
                    audit::MEMBER_ROLE_UPDATE
                } else {
                    audit::MEMBER_UPDATE
                };
                super::guild_settings::profile_apply(st, g, u, profile);
                let v = member_update(ctx, st, g, u);
                ctx.audit(st, g, action, Some(u), json!([]));
                Ok(Reply::json(v))
            }
            ("members", "DELETE", [u]) => {
                let u = id(u, "user_id")?;
                require_guild(st, bot, g, Permissions::KICK_MEMBERS)?;
                if !guild.members.contains_key(&u) {
                    return Err(ApiError::unknown_member());
                }
                if !outranks(st, g, bot, u) {
                    return Err(ApiError::missing_permissions());
                }
                remove_member(ctx, st, g, u);
                ctx.audit(st, g, audit::MEMBER_KICK, Some(u), json!([]));
                Ok(Reply::no_content())
            }
            ("members", "PUT" | "DELETE", [u, "roles", r]) => {
                let (u, r) = (id(u, "user_id")?, id(r, "role_id")?);
                require_guild(st, bot, g, Permissions::MANAGE_ROLES)?;
                let gr = st
                    .world
                    .guilds
                    .get(&g)
                    .ok_or_else(ApiError::unknown_guild)?;
                let role = gr.roles.get(&r).ok_or_else(ApiError::unknown_role)?;
                if role.position >= top_position(gr, bot) {
                    return Err(ApiError::missing_permissions());
                }
                let gr = st
                    .world
                    .guilds
                    .get_mut(&g)
                    .ok_or_else(ApiError::unknown_guild)?;
                let m = gr
                    .members
                    .get_mut(&u)
                    .ok_or_else(ApiError::unknown_member)?;
                m.roles.retain(|x| *x != r);
                if method == "PUT" {
                    m.roles.push(r);
                }
                member_update(ctx, st, g, u);
                ctx.audit(st, g, audit::MEMBER_ROLE_UPDATE, Some(u), json!([]));
                Ok(Reply::no_content())
            }
            ("roles", "GET", []) => Ok(Reply::json(Value::Array(
                guild.roles.values().map(RoleRec::json).collect(),
            ))),
            ("roles", "GET", [r]) => {
                let r = id(r, "role_id")?;
                guild
                    .roles
                    .get(&r)
                    .map(|r| Reply::json(r.json()))
                    .ok_or_else(ApiError::unknown_role)
            }
            ("roles", "POST", []) => {
                require_guild(st, bot, g, Permissions::MANAGE_ROLES)?;
                let body = ctx.json()?;
                let rid = st.world.ids.next();
                let role = role_from(&body, rid, "new role", 1)?;
                let v = role.json();
                let gr = st
                    .world
                    .guilds
                    .get_mut(&g)
                    .ok_or_else(ApiError::unknown_guild)?;
                // A new role goes just above @everyone; the others move up.
                for r in gr.roles.values_mut().filter(|r| r.id != g) {
                    r.position += 1;
                }
                gr.roles.insert(rid, role);
                role_event(ctx, st, "GUILD_ROLE_CREATE", g, v.clone());
                ctx.audit(st, g, audit::ROLE_CREATE, Some(rid), json!([]));
                Ok(Reply::json(v))
            }
            ("roles", "PATCH", [r]) => {
                let r = id(r, "role_id")?;
                require_guild(st, bot, g, Permissions::MANAGE_ROLES)?;
                let old = guild
                    .roles
                    .get(&r)
                    .ok_or_else(ApiError::unknown_role)?
                    .clone();
                if old.position >= top_position(guild, bot) {
                    return Err(ApiError::missing_permissions());
                }
                let mut merged = old.json();
                if let (Some(m), Some(b)) = (merged.as_object_mut(), ctx.json()?.as_object()) {
                    for (k, v) in b {
                        m.insert(k.clone(), v.clone());
                    }
                }
                let role = role_from(&merged, r, &old.name, old.position)?;
                let v = role.json();
                st.world
                    .guilds
                    .get_mut(&g)
                    .ok_or_else(ApiError::unknown_guild)?
                    .roles
                    .insert(r, role);
                role_event(ctx, st, "GUILD_ROLE_UPDATE", g, v.clone());
                ctx.audit(st, g, audit::ROLE_UPDATE, Some(r), json!([]));
                Ok(Reply::json(v))
            }
            ("roles", "DELETE", [r]) => {
                let r = id(r, "role_id")?;
                require_guild(st, bot, g, Permissions::MANAGE_ROLES)?;
                let role = guild.roles.get(&r).ok_or_else(ApiError::unknown_role)?;
                if r == g || role.position >= top_position(guild, bot) {
                    return Err(ApiError::missing_permissions());
                }
                let gr = st
                    .world
                    .guilds
                    .get_mut(&g)
                    .ok_or_else(ApiError::unknown_guild)?;
                gr.roles.remove(&r);
                for m in gr.members.values_mut() {
                    m.roles.retain(|x| *x != r);
                }
                role_event(
                    ctx,
                    st,
                    "GUILD_ROLE_DELETE",
                    g,
                    json!({"id": r.to_string()}),
                );
                ctx.audit(st, g, audit::ROLE_DELETE, Some(r), json!([]));
                Ok(Reply::no_content())
            }
            ("bans", "GET", []) => {
                require_guild(st, bot, g, Permissions::BAN_MEMBERS)?;
                Ok(Reply::json(Value::Array(
                    guild.bans.iter().map(|(u, reason)| json!({"reason": reason, "user": st.world.users.get(u).map(|u| u.json())})).collect(),
                )))
            }
            ("bans", "GET", [u]) => {
                require_guild(st, bot, g, Permissions::BAN_MEMBERS)?;
                let u = id(u, "user_id")?;
                let reason = guild.bans.get(&u).ok_or_else(ApiError::unknown_ban)?;
                Ok(Reply::json(
                    json!({"reason": reason, "user": st.world.users.get(&u).map(|u| u.json())}),
                ))
            }
            ("bans", "PUT", [u]) => {
                let u = id(u, "user_id")?;
                require_guild(st, bot, g, Permissions::BAN_MEMBERS)?;
                if !st.world.users.contains_key(&u) {
                    return Err(ApiError::unknown_user());
                }
                if guild.members.contains_key(&u) && !outranks(st, g, bot, u) {
                    return Err(ApiError::missing_permissions());
                }
                let reason = ctx.reason.clone();
                st.world
                    .guilds
                    .get_mut(&g)
                    .ok_or_else(ApiError::unknown_guild)?
                    .bans
                    .insert(u, reason);
                if st
                    .world
                    .guilds
                    .get(&g)
                    .is_some_and(|gr| gr.members.contains_key(&u))
                {
                    remove_member(ctx, st, g, u);
                }
                ban_changed(ctx, st, g, u, "GUILD_BAN_ADD", audit::MEMBER_BAN_ADD);
                Ok(Reply::no_content())
            }
            ("bans", "DELETE", [u]) => {
                let u = id(u, "user_id")?;
                require_guild(st, bot, g, Permissions::BAN_MEMBERS)?;
                if st
                    .world
                    .guilds
                    .get_mut(&g)
                    .ok_or_else(ApiError::unknown_guild)?
                    .bans
                    .remove(&u)
                    .is_none()
                {
                    return Err(ApiError::unknown_ban());
                }
                ban_changed(ctx, st, g, u, "GUILD_BAN_REMOVE", audit::MEMBER_BAN_REMOVE);
                Ok(Reply::no_content())
            }
            _ => Err(ApiError::method_not_allowed()),
        }
    })())
}

fn role_from(
    body: &Value,
    id: u64,
    default_name: &str,
    default_position: i64,
) -> Result<RoleRec, ApiError> {
    let perms = body
        .get("permissions")
        .and_then(|p| {
            p.as_str()
                .and_then(|s| s.parse::<u64>().ok())
                .or(p.as_u64())
        })
        .map_or(Permissions::empty(), Permissions::from_bits_retain);
    Ok(RoleRec {
        id,
        name: string_field(body, "name", 100)?.unwrap_or_else(|| default_name.to_owned()),
        permissions: perms,
        position: body
            .get("position")
            .and_then(Value::as_i64)
            .unwrap_or(default_position),
        color: body.get("color").and_then(Value::as_u64).unwrap_or(0),
        hoist: body.get("hoist").and_then(Value::as_bool).unwrap_or(false),
        mentionable: body
            .get("mentionable")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    })
}

/// Removes a member and dispatches GUILD_MEMBER_REMOVE (and GUILD_DELETE to a removed bot).
pub(crate) fn remove_member(ctx: &Ctx<'_>, st: &mut State, g: u64, u: u64) {
    if let Some(gr) = st.world.guilds.get_mut(&g) {
        gr.members.remove(&u);
    }
    let user = st.world.users.get(&u).map(|u| u.json());
    ctx.emit(
        st,
        Dispatch::new(
            "GUILD_MEMBER_REMOVE",
            json!({"guild_id": g.to_string(), "user": user}),
        )
        .guild(Some(g))
        .intents(Intents::GUILD_MEMBERS),
    );
    ctx.emit(
        st,
        Dispatch::new("GUILD_DELETE", json!({"id": g.to_string()}))
            .guild(Some(g))
            .only_user(u),
    );
}
