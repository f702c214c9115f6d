//! Generates `crates/kokoro-http/src/routes/generated.rs` from Discord's openapi.json.
//!
//! Shared by `cargo xtask gen-routes` and kokoro-http's staleness test (which
//! includes this file with `#[path]`), so it depends on serde_json alone.

use std::fmt::Write as _;

use serde_json::Value;

/// One operation of the generated table.
#[derive(Clone, Debug)]
pub(crate) struct Op {
    /// `GET`, `POST`, …
    pub(crate) method: String,
    /// The path template, `{name}` for each parameter.
    pub(crate) template: String,
    /// openapi's operationId (or kokoro's name for the interaction aliases).
    pub(crate) id: String,
    /// Interaction endpoint: exempt from the global limit, authenticated by its token.
    pub(crate) interaction: bool,
}

/// Routes Discord documents that share a path with a webhook route in openapi.json but
/// are interaction endpoints (not bound to the global limit).
const INTERACTION_ALIASES: &[(&str, &str, &str)] = &[
    (
        "POST",
        "/webhooks/{application_id}/{interaction_token}",
        "create_followup_message",
    ),
    (
        "GET",
        "/webhooks/{application_id}/{interaction_token}/messages/@original",
        "get_original_interaction_response",
    ),
    (
        "PATCH",
        "/webhooks/{application_id}/{interaction_token}/messages/@original",
        "update_original_interaction_response",
    ),
    (
        "DELETE",
        "/webhooks/{application_id}/{interaction_token}/messages/@original",
        "delete_original_interaction_response",
    ),
    (
        "GET",
        "/webhooks/{application_id}/{interaction_token}/messages/{message_id}",
        "get_followup_message",
    ),
    (
        "PATCH",
        "/webhooks/{application_id}/{interaction_token}/messages/{message_id}",
        "update_followup_message",
    ),
    (
        "DELETE",
        "/webhooks/{application_id}/{interaction_token}/messages/{message_id}",
        "delete_followup_message",
    ),
];

/// Reads every operation of an openapi document, plus the interaction aliases.
pub(crate) fn operations(spec: &str) -> Result<Vec<Op>, String> {
    let spec: Value = serde_json::from_str(spec).map_err(|e| format!("openapi.json: {e}"))?;
    let paths = spec
        .get("paths")
        .and_then(Value::as_object)
        .ok_or("openapi.json has no paths")?;
    let mut ops = Vec::new();
    for (template, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for method in ["get", "put", "post", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            let id = op
                .get("operationId")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{method} {template} has no operationId"))?;
            ops.push(Op {
                method: method.to_uppercase(),
                template: template.clone(),
                id: id.to_owned(),
                interaction: template.starts_with("/interactions/"),
            });
        }
    }
    for (method, template, id) in INTERACTION_ALIASES {
        ops.push(Op {
            method: (*method).to_owned(),
            template: (*template).to_owned(),
            id: (*id).to_owned(),
            interaction: true,
        });
    }
    ops.sort_by(|a, b| a.template.cmp(&b.template).then(a.method.cmp(&b.method)));
    Ok(ops)
}

/// The number of operations openapi.json itself declares.
pub(crate) fn spec_operation_count(spec: &str) -> Result<usize, String> {
    Ok(operations(spec)?.iter().filter(|o| !is_alias(o)).count())
}

/// Whether an operation is one of kokoro's interaction aliases, not the spec's.
pub(crate) fn is_alias(op: &Op) -> bool {
    INTERACTION_ALIASES.iter().any(|(_, _, id)| *id == op.id)
}

/// The Rust type of a path parameter.
fn param_type(name: &str) -> Result<&'static str, String> {
    Ok(match name {
        "application_id" => "ApplicationId",
        "channel_id" => "ChannelId",
        "command_id" => "CommandId",
        "emoji_id" => "EmojiId",
        "entitlement_id" => "EntitlementId",
        "guild_id" => "GuildId",
        "integration_id" => "IntegrationId",
        "interaction_id" => "InteractionId",
        "lobby_id" => "LobbyId",
        "message_id" => "MessageId",
        "role_id" => "RoleId",
        "rule_id" => "AutoModerationRuleId",
        "guild_scheduled_event_id" => "ScheduledEventId",
        "sku_id" => "SkuId",
        "sound_id" => "SoundboardSoundId",
        "sticker_id" => "StickerId",
        "pack_id" => "StickerPackId",
        "subscription_id" => "SubscriptionId",
        "user_id" | "user_id_1" | "user_id_2" => "UserId",
        "webhook_id" => "WebhookId",
        "overwrite_id" | "request_id" | "exception_id" | "guild_scheduled_event_exception_id" => {
            "GenericId"
        }
        "answer_id" => "u32",
        "emoji_name" | "code" | "instance_id" | "webhook_token" | "interaction_token" => "&'a str",
        other => {
            return Err(format!(
                "unknown path parameter {other}: add its type to gen_routes.rs"
            ));
        }
    })
}

fn is_secret(name: &str) -> bool {
    name.ends_with("_token")
}

fn camel(id: &str) -> String {
    id.split('_')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn params(template: &str) -> Vec<&str> {
    template
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect()
}

/// The top-level resource expression of an operation, in terms of its bound fields.
fn resource(op: &Op) -> String {
    let t = op.template.as_str();
    if op.interaction {
        let id = if t.starts_with("/interactions/") {
            "interaction_id"
        } else {
            "application_id"
        };
        format!("ResourceKey::interaction({id}.get(), interaction_token)")
    } else if t.starts_with("/channels/{channel_id}") {
        "ResourceKey::Channel(*channel_id)".into()
    } else if t.starts_with("/guilds/{guild_id}") {
        "ResourceKey::Guild(*guild_id)".into()
    } else if t.starts_with("/webhooks/{webhook_id}/{webhook_token}") {
        "ResourceKey::webhook(*webhook_id, Some(webhook_token))".into()
    } else if t.starts_with("/webhooks/{webhook_id}") {
        "ResourceKey::webhook(*webhook_id, None)".into()
    } else {
        "ResourceKey::None".into()
    }
}

/// Renders generated.rs.
pub(crate) fn render(ops: &[Op]) -> Result<String, String> {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "// @generated by `cargo xtask gen-routes` from Discord's openapi.json. Do not edit.\n\
         // Regenerate after updating the spec; a test fails while this file is stale.\n\n\
         use kokoro_model::id::{{\n    ApplicationId, AutoModerationRuleId, ChannelId, CommandId, EmojiId, EntitlementId, GenericId,\n    GuildId, IntegrationId, InteractionId, LobbyId, MessageId, RoleId, ScheduledEventId, SkuId,\n    SoundboardSoundId, StickerId, StickerPackId, SubscriptionId, UserId, WebhookId,\n}};\n\n\
         use super::{{Method, PathWriter, ResourceKey}};\n"
    );

    // Operation enum.
    let _ = writeln!(
        w,
        "/// Every REST operation kokoro knows, without its parameters.\n\
         ///\n/// Cheap (`Copy`, two bytes) and used as the rate-limit key of a route whose bucket\n\
         /// is not known yet.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[non_exhaustive]\npub enum Operation {{"
    );
    for op in ops {
        let _ = writeln!(w, "    /// `{} {}`", op.method, op.template);
        let _ = writeln!(w, "    {},", camel(&op.id));
    }
    let _ = writeln!(w, "}}\n");

    let _ = writeln!(
        w,
        "impl Operation {{\n    /// Every operation, sorted by path.\n    pub const ALL: &'static [Operation] = &["
    );
    for op in ops {
        let _ = writeln!(w, "        Operation::{},", camel(&op.id));
    }
    let _ = writeln!(w, "    ];\n");

    let table = |w: &mut String, doc: &str, sig: &str, f: &dyn Fn(&Op) -> String| {
        let _ = writeln!(
            w,
            "    /// {doc}\n    pub const fn {sig} {{\n        match self {{"
        );
        for op in ops {
            let _ = writeln!(w, "            Operation::{} => {},", camel(&op.id), f(op));
        }
        let _ = writeln!(w, "        }}\n    }}\n");
    };
    table(w, "The HTTP method.", "method(self) -> Method", &|op| {
        format!("Method::{}", camel(&op.method.to_lowercase()))
    });
    table(
        w,
        "The path template, with `{name}` for each parameter.",
        "template(self) -> &'static str",
        &|op| format!("{:?}", op.template),
    );
    table(
        w,
        "Discord's name of the operation (openapi's operationId).",
        "name(self) -> &'static str",
        &|op| format!("{:?}", op.id),
    );
    table(
        w,
        "Whether this is an interaction endpoint: exempt from the global rate limit and\n    /// authenticated by the interaction token in its path instead of the client's token.",
        "is_interaction(self) -> bool",
        &|op| op.interaction.to_string(),
    );
    table(
        w,
        "Whether the client's token is sent: `false` for routes authenticated by a webhook or\n    /// interaction token in their path.",
        "uses_token(self) -> bool",
        &|op| (!params(&op.template).iter().any(|p| is_secret(p))).to_string(),
    );
    let _ = writeln!(w, "}}\n");

    // Route enum.
    let _ = writeln!(
        w,
        "/// A REST operation with its path parameters: everything needed to build the URL and\n\
         /// to find the rate-limit bucket, without allocating.\n\
         ///\n/// String parameters (tokens, emoji, invite codes) are borrowed and percent-encoded\n\
         /// when the path is written; tokens never appear in `Debug` output.\n\
         #[derive(Clone, Copy, PartialEq, Eq)]\n#[non_exhaustive]\npub enum Route<'a> {{"
    );
    for op in ops {
        let ps = params(&op.template);
        let _ = writeln!(w, "    /// `{} {}`", op.method, op.template);
        if ps.is_empty() {
            let _ = writeln!(w, "    {},", camel(&op.id));
        } else {
            let _ = writeln!(w, "    {} {{", camel(&op.id));
            for p in &ps {
                let _ = writeln!(w, "        /// `{{{p}}}`\n        {p}: {},", param_type(p)?);
            }
            let _ = writeln!(w, "    }},");
        }
    }
    let _ = writeln!(w, "}}\n");

    let pattern = |op: &Op| -> String {
        let ps = params(&op.template);
        if ps.is_empty() {
            format!("Route::{}", camel(&op.id))
        } else {
            format!("Route::{} {{ {} }}", camel(&op.id), ps.join(", "))
        }
    };
    let _ = writeln!(w, "impl<'a> Route<'a> {{");
    let _ = writeln!(
        w,
        "    /// The operation, without parameters.\n    pub const fn operation(&self) -> Operation {{\n        match self {{"
    );
    for op in ops {
        let _ = writeln!(
            w,
            "            Route::{} {{ .. }} => Operation::{},",
            camel(&op.id),
            camel(&op.id)
        );
    }
    let _ = writeln!(w, "        }}\n    }}\n");

    let _ = writeln!(
        w,
        "    /// The top-level resource Discord counts rate limits per (channel, guild, webhook or\n    \
         /// interaction), or [`ResourceKey::None`].\n    pub fn resource(&self) -> ResourceKey {{\n        match self {{"
    );
    for op in ops {
        let r = resource(op);
        let ps = params(&op.template);
        let used: Vec<&str> = ps.iter().copied().filter(|p| r.contains(p)).collect();
        let pat = if used.is_empty() {
            format!("Route::{} {{ .. }}", camel(&op.id))
        } else {
            format!("Route::{} {{ {}, .. }}", camel(&op.id), used.join(", "))
        };
        let _ = writeln!(w, "            {pat} => {r},");
    }
    let _ = writeln!(w, "        }}\n    }}\n");

    let _ = writeln!(
        w,
        "    /// Writes the concrete path (without the API base) to `out`.\n    pub(crate) fn write_path(&self, out: &mut PathWriter<'_>) {{\n        match self {{"
    );
    for op in ops {
        let _ = writeln!(w, "            {} => {{", pattern(op));
        for seg in op.template.split('/').skip(1) {
            match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(p) if param_type(p)? == "&'a str" => {
                    let _ = writeln!(w, "                out.encoded({p});");
                }
                Some(p) => {
                    let _ = writeln!(w, "                out.display({p});");
                }
                None => {
                    let _ = writeln!(w, "                out.literal({:?});", format!("/{seg}"));
                }
            }
        }
        let _ = writeln!(w, "            }}");
    }
    let _ = writeln!(w, "        }}\n    }}\n");

    let _ = writeln!(
        w,
        "    /// Debug output of the parameters, tokens redacted.\n    pub(crate) fn debug_fields(&self, f: &mut std::fmt::DebugStruct<'_, '_>) {{\n        match self {{"
    );
    for op in ops {
        let ps = params(&op.template);
        if ps.is_empty() {
            let _ = writeln!(w, "            {} => {{}}", pattern(op));
            continue;
        }
        let _ = writeln!(w, "            {} => {{", pattern(op));
        for p in ps {
            if is_secret(p) {
                let _ = writeln!(
                    w,
                    "                let _ = {p};\n                f.field({p:?}, &\"<redacted>\");"
                );
            } else {
                let _ = writeln!(w, "                f.field({p:?}, {p});");
            }
        }
        let _ = writeln!(w, "            }}");
    }
    let _ = writeln!(w, "        }}\n    }}\n}}");
    Ok(out)
}
