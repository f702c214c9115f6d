//! Webhooks: create, list, get, modify, delete, and execute with a token.

use kokoro_model::{Intents, Permissions};
use serde_json::{Value, json};

use super::messages::{self, NewMessage};
use super::{id, require_channel, require_guild, string_field};
use crate::gateway::session::Dispatch;
use crate::rest::{ApiError, Ctx, HandlerResult, Reply};
use crate::state::State;
use crate::world::{WebhookRec, audit, make_token};

fn webhooks_update(ctx: &Ctx<'_>, st: &mut State, guild: Option<u64>, channel: Option<u64>) {
    let (Some(g), Some(c)) = (guild, channel) else {
        return;
    };
    let ev = Dispatch::new(
        "WEBHOOKS_UPDATE",
        json!({"guild_id": g.to_string(), "channel_id": c.to_string()}),
    )
    .guild(Some(g))
    .intents(Intents::GUILD_WEBHOOKS);
    ctx.emit(st, ev);
}

fn by_token<'a>(st: &'a State, w: &str, token: &str) -> Result<&'a WebhookRec, ApiError> {
    let w = id(w, "webhook_id")?;
    let hook = st
        .world
        .webhooks
        .get(&w)
        .ok_or_else(ApiError::unknown_webhook)?;
    if hook.token.as_deref() != Some(token) {
        return Err(ApiError::new(401, 50027, "Invalid Webhook Token"));
    }
    Ok(hook)
}

fn audit_hook(ctx: &Ctx<'_>, st: &mut State, guild: Option<u64>, action: u16, target: u64) {
    if let Some(g) = guild {
        ctx.audit(st, g, action, Some(target), json!([]));
    }
}

pub(crate) fn route(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    method: &str,
    segs: &[&str],
) -> Option<HandlerResult> {
    Some((|| match (method, segs) {
        ("POST", ["channels", c, "webhooks"]) => {
            let c = id(c, "channel_id")?;
            require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
            let body = ctx.json()?;
            let name =
                string_field(&body, "name", 80)?.ok_or_else(|| ApiError::required("name"))?;
            if name.to_lowercase().contains("discord") || name.to_lowercase().contains("clyde") {
                return Err(ApiError::form(
                    "name",
                    "USERNAME_INVALID_CONTAINS",
                    "Username cannot contain \"discord\"",
                ));
            }
            let wid = st.world.ids.next();
            let guild = st.world.channels.get(&c).and_then(|ch| ch.guild_id);
            let hook = WebhookRec {
                id: wid,
                kind: 1,
                guild_id: guild,
                channel_id: Some(c),
                name: Some(name),
                token: Some(make_token(wid, 3)),
                creator: Some(ctx.bot),
                application_id: Some(ctx.app),
            };
            let v = hook_json(st, &hook, true);
            st.world.webhooks.insert(wid, hook);
            webhooks_update(ctx, st, guild, Some(c));
            audit_hook(ctx, st, guild, audit::WEBHOOK_CREATE, wid);
            Ok(Reply::json(v))
        }
        ("GET", ["channels", c, "webhooks"]) => {
            let c = id(c, "channel_id")?;
            require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
            Ok(Reply::json(Value::Array(
                st.world
                    .webhooks
                    .values()
                    .filter(|w| w.channel_id == Some(c))
                    .map(|w| hook_json(st, w, true))
                    .collect(),
            )))
        }
        ("GET", ["guilds", g, "webhooks"]) => {
            let g = id(g, "guild_id")?;
            require_guild(st, ctx.bot, g, Permissions::MANAGE_WEBHOOKS)?;
            Ok(Reply::json(Value::Array(
                st.world
                    .webhooks
                    .values()
                    .filter(|w| w.guild_id == Some(g))
                    .map(|w| hook_json(st, w, true))
                    .collect(),
            )))
        }
        ("GET", ["webhooks", w]) => {
            let w = id(w, "webhook_id")?;
            let hook = st
                .world
                .webhooks
                .get(&w)
                .ok_or_else(ApiError::unknown_webhook)?;
            if let Some(c) = hook.channel_id {
                require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
            }
            Ok(Reply::json(hook_json(st, hook, true)))
        }
        ("GET", ["webhooks", w, t]) => Ok(Reply::json(hook_json(st, by_token(st, w, t)?, false))),
        ("PATCH", ["webhooks", w]) | ("PATCH", ["webhooks", w, _]) => {
            let hook = if let [_, _, t] = segs {
                by_token(st, w, t)?.clone()
            } else {
                let wid = id(w, "webhook_id")?;
                let hook = st
                    .world
                    .webhooks
                    .get(&wid)
                    .ok_or_else(ApiError::unknown_webhook)?
                    .clone();
                if let Some(c) = hook.channel_id {
                    require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
                }
                hook
            };
            let body = ctx.json()?;
            let name = string_field(&body, "name", 80)?;
            if let Some(n) = &name {
                let lower = n.to_lowercase();
                if n.is_empty() || lower.contains("discord") || lower.contains("clyde") {
                    return Err(ApiError::form(
                        "name",
                        "USERNAME_INVALID_CONTAINS",
                        "Username cannot be empty or contain \"discord\"",
                    ));
                }
            }
            let avatar = super::lobbies::image_hash(&body, "avatar")?;
            let new_channel = if segs.len() == 2 {
                crate::gateway::commands::id_field(&body, "channel_id")
            } else {
                None
            };
            if let Some(c) = new_channel {
                require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
                let guild = st.world.channels.get(&c).and_then(|ch| ch.guild_id);
                if guild != hook.guild_id {
                    return Err(ApiError::form(
                        "channel_id",
                        "CHANNEL_INVALID",
                        "The channel is not in the webhook's guild",
                    ));
                }
            }
            let h = st
                .world
                .webhooks
                .get_mut(&hook.id)
                .ok_or_else(ApiError::unknown_webhook)?;
            if let Some(n) = name {
                h.name = Some(n);
            }
            if let Some(c) = new_channel {
                h.channel_id = Some(c);
            }
            let h = h.clone();
            if let Some(a) = avatar {
                st.world.lobbies.webhook_avatars.insert(h.id, a);
            }
            let v = hook_json(st, &h, segs.len() == 2);
            webhooks_update(ctx, st, hook.guild_id, hook.channel_id);
            audit_hook(ctx, st, hook.guild_id, audit::WEBHOOK_UPDATE, hook.id);
            Ok(Reply::json(v))
        }
        ("DELETE", ["webhooks", w]) | ("DELETE", ["webhooks", w, _]) => {
            let hook = if let [_, _, t] = segs {
                by_token(st, w, t)?.clone()
            } else {
                let wid = id(w, "webhook_id")?;
                let hook = st
                    .world
                    .webhooks
                    .get(&wid)
                    .ok_or_else(ApiError::unknown_webhook)?
                    .clone();
                if let Some(c) = hook.channel_id {
                    require_channel(st, ctx.bot, c, Permissions::MANAGE_WEBHOOKS)?;
                }
                hook
            };
            st.world.webhooks.remove(&hook.id);
            webhooks_update(ctx, st, hook.guild_id, hook.channel_id);
            audit_hook(ctx, st, hook.guild_id, audit::WEBHOOK_DELETE, hook.id);
            Ok(Reply::no_content())
        }
        ("POST", ["webhooks", w, t]) => {
            let body = ctx.json()?;
            let v = post_as_webhook(ctx, st, w, t, body)?;
            if ctx.query("wait") == Some("true") {
                Ok(Reply::json(v))
            } else {
                Ok(Reply::no_content())
            }
        }
        ("POST", ["webhooks", w, t, "slack"]) => {
            by_token(st, w, t)?;
            let body = slack_message(&ctx.json()?)?;
            let v = post_as_webhook(ctx, st, w, t, body)?;
            if ctx.query("wait") == Some("true") {
                Ok(Reply::json(v))
            } else {
                Ok(Reply::json(Value::String("ok".into())))
            }
        }
        ("POST", ["webhooks", w, t, "github"]) => {
            by_token(st, w, t)?;
            let Some(body) = github_message(&ctx.json()?) else {
                // Events Discord does not show are accepted and dropped.
                return Ok(Reply::no_content());
            };
            let v = post_as_webhook(ctx, st, w, t, body)?;
            if ctx.query("wait") == Some("true") {
                Ok(Reply::json(v))
            } else {
                Ok(Reply::no_content())
            }
        }
        ("GET", ["webhooks", w, t, "messages", "@original"])
        | ("PATCH", ["webhooks", w, t, "messages", "@original"])
        | ("DELETE", ["webhooks", w, t, "messages", "@original"]) => {
            let hook = by_token(st, w, t)?.clone();
            let channel = webhook_channel(ctx, st, &hook)?;
            let m = st
                .world
                .messages
                .get(&channel)
                .and_then(|ms| ms.values().find(|msg| msg.author == hook.id))
                .map(|msg| msg.id)
                .ok_or_else(ApiError::unknown_message)?;
            webhook_message(ctx, st, method, channel, m)
        }
        ("GET", ["webhooks", w, t, "messages", m])
        | ("PATCH", ["webhooks", w, t, "messages", m])
        | ("DELETE", ["webhooks", w, t, "messages", m]) => {
            let hook = by_token(st, w, t)?.clone();
            let channel = webhook_channel(ctx, st, &hook)?;
            let m = id(m, "message_id")?;
            let owned = st
                .world
                .messages
                .get(&channel)
                .and_then(|ms| ms.get(&m))
                .is_some_and(|msg| msg.author == hook.id);
            if !owned {
                return Err(ApiError::unknown_message());
            }
            webhook_message(ctx, st, method, channel, m)
        }
        _ => Err(ApiError::not_found()),
    })())
    .filter(|r| !matches!(r, Err(e) if e.status == 404 && e.code == 0))
}

/// A webhook's JSON, with the avatar set by `PATCH /webhooks/…`.
fn hook_json(st: &State, hook: &WebhookRec, with_token: bool) -> Value {
    let mut v = hook.json(&st.world, with_token);
    if let Some(a) = st.world.lobbies.webhook_avatars.get(&hook.id) {
        v["avatar"] = json!(a);
    }
    v
}

/// The channel a token request acts in: the webhook's, or a thread of it (`thread_id`).
fn webhook_channel(ctx: &Ctx<'_>, st: &State, hook: &WebhookRec) -> Result<u64, ApiError> {
    let channel = hook.channel_id.ok_or_else(ApiError::unknown_channel)?;
    match ctx.query("thread_id") {
        None => Ok(channel),
        Some(t) => {
            let t = id(t, "thread_id")?;
            st.world
                .channels
                .get(&t)
                .filter(|c| c.thread.is_some() && c.parent_id == Some(channel))
                .map(|c| c.id)
                .ok_or_else(ApiError::unknown_channel)
        }
    }
}

/// Gets, edits or deletes a webhook's message.
fn webhook_message(
    ctx: &Ctx<'_>,
    st: &mut State,
    method: &str,
    channel: u64,
    m: u64,
) -> HandlerResult {
    let keep = ctx.cfg.replay_buffer;
    match method {
        "GET" => st
            .world
            .messages
            .get(&channel)
            .and_then(|ms| ms.get(&m))
            .map(|msg| Reply::json(msg.json(None)))
            .ok_or_else(ApiError::unknown_message),
        "PATCH" => {
            let body = ctx.json()?;
            messages::edit(st, keep, ctx.counters, channel, m, &body).map(Reply::json)
        }
        _ => messages::delete(st, keep, ctx.counters, channel, m).map(|_| Reply::no_content()),
    }
}

/// Posts a message as the webhook `w` (token `t`); the created message's JSON.
fn post_as_webhook(
    ctx: &mut Ctx<'_>,
    st: &mut State,
    w: &str,
    t: &str,
    mut body: Value,
) -> Result<Value, ApiError> {
    let keep = ctx.cfg.replay_buffer;
    let hook = by_token(st, w, t)?.clone();
    let channel = webhook_channel(ctx, st, &hook)?;
    let name = string_field(&body, "username", 80)?
        .or(hook.name.clone())
        .unwrap_or_else(|| "Webhook".into());
    // Webhook messages are authored by a user-like object of the webhook.
    let author = hook.id;
    st.world
        .users
        .entry(author)
        .or_insert_with(|| crate::world::UserRec {
            id: author,
            username: name.clone(),
            global_name: None,
            bot: true,
        });
    if let Some(u) = st.world.users.get_mut(&author) {
        u.username = name;
    }
    if let Some(o) = body.as_object_mut() {
        o.remove("username");
        o.remove("avatar_url");
    }
    let files = std::mem::take(&mut ctx.body.files);
    let m = NewMessage {
        channel,
        author,
        body,
        files,
        webhook_id: Some(hook.id),
        application_id: hook.application_id.filter(|_| hook.kind == 3),
        ..NewMessage::default()
    };
    messages::create(st, keep, ctx.counters, m)
}

/// A Slack-compatible payload as a Discord message: `text` is the content,
/// `attachments` become embeds.
fn slack_message(slack: &Value) -> Result<Value, ApiError> {
    let text = string_field(slack, "text", 2000)?;
    let str_of = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let mut embeds = Vec::new();
    for a in slack
        .get("attachments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .take(10)
    {
        let mut e = json!({"type": "rich"});
        if let Some(t) = str_of(a, "title") {
            e["title"] = t.into();
        }
        if let Some(u) = str_of(a, "title_link") {
            e["url"] = u.into();
        }
        let description = [str_of(a, "pretext"), str_of(a, "text")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n");
        if !description.is_empty() {
            e["description"] = description.into();
        }
        if let Some(c) =
            str_of(a, "color").and_then(|c| u32::from_str_radix(c.trim_start_matches('#'), 16).ok())
        {
            e["color"] = c.into();
        }
        if let Some(f) = str_of(a, "footer") {
            e["footer"] = json!({"text": f, "icon_url": str_of(a, "footer_icon")});
        }
        if let Some(n) = str_of(a, "author_name") {
            e["author"] = json!({"name": n, "url": str_of(a, "author_link"), "icon_url": str_of(a, "author_icon")});
        }
        if let Some(u) = str_of(a, "image_url") {
            e["image"] = json!({"url": u});
        }
        if let Some(u) = str_of(a, "thumb_url") {
            e["thumbnail"] = json!({"url": u});
        }
        let fields: Vec<Value> = a
            .get("fields")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .take(25)
            .map(|f| {
                json!({
                    "name": str_of(f, "title").unwrap_or_default(),
                    "value": str_of(f, "value").unwrap_or_default(),
                    "inline": f.get("short").and_then(Value::as_bool).unwrap_or(false),
                })
            })
            .collect();
        if !fields.is_empty() {
            e["fields"] = fields.into();
        }
        embeds.push(e);
    }
    let mut body = json!({"content": text.unwrap_or_default(), "embeds": embeds});
    if let Some(u) = str_of(slack, "username") {
        body["username"] = u.into();
    }
    Ok(body)
}

/// A GitHub event payload as a Discord message (an embed), `None` for events
/// Discord does not show.
fn github_message(event: &Value) -> Option<Value> {
    let repo = event.get("repository")?;
    let repo_name = repo
        .get("full_name")
        .or_else(|| repo.get("name"))
        .and_then(Value::as_str)?;
    let sender = event
        .pointer("/sender/login")
        .and_then(Value::as_str)
        .unwrap_or("GitHub");
    let action = event.get("action").and_then(Value::as_str);
    let (title, description, url) =
        if let Some(commits) = event.get("commits").and_then(Value::as_array) {
            let branch = event
                .get("ref")
                .and_then(Value::as_str)
                .map_or("", |r| r.trim_start_matches("refs/heads/"));
            let lines: Vec<String> = commits
                .iter()
                .take(5)
                .map(|c| {
                    let id = c.get("id").and_then(Value::as_str).unwrap_or("");
                    let msg = c.get("message").and_then(Value::as_str).unwrap_or("");
                    let first = msg.lines().next().unwrap_or("");
                    format!("`{}` {first}", id.get(..7).unwrap_or(id))
                })
                .collect();
            let n = commits.len();
            (
                format!(
                    "[{repo_name}:{branch}] {n} new commit{}",
                    if n == 1 { "" } else { "s" }
                ),
                Some(lines.join("\n")),
                event
                    .get("compare")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            )
        } else if let Some(item) = event.get("pull_request").or_else(|| event.get("issue")) {
            let kind = if event.get("pull_request").is_some() {
                "Pull request"
            } else {
                "Issue"
            };
            let number = item.get("number").and_then(Value::as_u64).unwrap_or(0);
            let t = item.get("title").and_then(Value::as_str).unwrap_or("");
            let body = if let Some(c) = event.pointer("/comment/body").and_then(Value::as_str) {
                Some(c.to_owned())
            } else {
                item.get("body").and_then(Value::as_str).map(str::to_owned)
            };
            (
                format!(
                    "[{repo_name}] {kind} {}: #{number} {t}",
                    action.unwrap_or("updated")
                ),
                body,
                item.get("html_url")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            )
        } else if let (Some(r), Some(kind)) = (
            event.get("ref").and_then(Value::as_str),
            event.get("ref_type").and_then(Value::as_str),
        ) {
            (format!("[{repo_name}] New {kind} created: {r}"), None, None)
        } else {
            return None;
        };
    let mut embed = json!({
        "type": "rich",
        "title": title.chars().take(256).collect::<String>(),
        "author": {"name": sender},
        "color": 0x7289da,
    });
    if let Some(d) = description.filter(|d| !d.is_empty()) {
        embed["description"] = d.chars().take(4096).collect::<String>().into();
    }
    if let Some(u) = url {
        embed["url"] = u.into();
    }
    Some(json!({"username": "GitHub", "embeds": [embed]}))
}
