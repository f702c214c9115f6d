//! Fixtures for applications, commands, interactions, monetization, audit logs,
//! auto moderation, scheduled events, stage instances, soundboard, lobbies and
//! OAuth2: each decodes with serde_json and simd-json alike and re-encodes to
//! the same JSON (nulls aside); plus the limits of the builders.

use std::{fmt::Debug, fs, path::PathBuf};

use kokoro_model::{
    application::{
        Application, ApplicationCommand, ApplicationFlags, ApplicationIntegrationType,
        ApplicationRoleConnectionMetadata, CommandBuilder, CommandOption, CommandOptionChoice,
        CommandOptionType, CommandOptionValue, CommandType, GuildCommandPermissions,
        PartialApplication, TeamMemberRole,
    },
    audit_log::{AuditLog, AuditLogEvent},
    auto_moderation::{
        AutoModerationActionExecution, AutoModerationRule, AutoModerationTriggerType,
    },
    component::{ActionRow, Label, TextDisplay, TextInput, TextInputStyle},
    interaction::{
        Interaction, InteractionCallbackData, InteractionCallbackResponse, InteractionCallbackType,
        InteractionContextType, InteractionData, InteractionResponse, InteractionType,
        MessageInteractionMetadata, ModalBuilder, OptionValue,
    },
    lobby::{Lobby, LobbyMessage},
    monetization::{Entitlement, EntitlementType, Sku, SkuFlags, Subscription, SubscriptionStatus},
    oauth::{AccessTokenResponse, AuthorizationInformation, Scope},
    scheduled_event::{
        GuildScheduledEvent, GuildScheduledEventUser, RecurrenceRuleFrequency,
        RecurrenceRuleWeekday,
    },
    soundboard::GuildSoundboardSounds,
    stage_instance::StageInstance,
    validate::ValidationErrorKind,
};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "objects",
        name,
    ]
    .iter()
    .collect();
    fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Removes null-valued keys, recursively.
fn strip_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

/// Numbers compared by value (`1` and `1.0` are the same double).
fn normalize_numbers(value: &mut Value) {
    match value {
        Value::Object(map) => map.values_mut().for_each(normalize_numbers),
        Value::Array(items) => items.iter_mut().for_each(normalize_numbers),
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or_default();
            if f.fract() == 0.0 && f.abs() < 9.0e15 {
                *value = Value::from(f as i64);
            }
        }
        _ => {}
    }
}

/// Decodes `name` with serde_json and simd-json, checks both agree, re-encodes
/// and compares with the fixture after dropping nulls on both sides.
fn roundtrip<T: DeserializeOwned + Serialize + PartialEq + Debug>(name: &str) -> T {
    let bytes = fixture(name);
    let from_json: T =
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: serde_json: {e}"));
    let mut simd_bytes = bytes.clone();
    let from_simd: T = simd_json::serde::from_slice(&mut simd_bytes)
        .unwrap_or_else(|e| panic!("{name}: simd-json: {e}"));
    assert_eq!(
        from_json, from_simd,
        "{name}: serde_json and simd-json disagree"
    );

    let mut expected: Value = serde_json::from_slice(&bytes).unwrap();
    let mut actual = serde_json::to_value(&from_json).unwrap();
    for v in [&mut expected, &mut actual] {
        strip_nulls(v);
        normalize_numbers(v);
    }
    assert_eq!(
        actual,
        expected,
        "{name}: re-encoded JSON differs\nactual:   {}\nexpected: {}",
        serde_json::to_string(&actual).unwrap(),
        serde_json::to_string(&expected).unwrap()
    );
    // Decoding the re-encoded form gives the same value.
    let again: T = serde_json::from_value(serde_json::to_value(&from_json).unwrap()).unwrap();
    assert_eq!(again, from_json, "{name}: second decode differs");
    from_json
}

#[test]
fn application() {
    let app: Application = roundtrip("application.json");
    assert_eq!(app.flags, Some(ApplicationFlags::GATEWAY_PRESENCE_LIMITED));
    assert_eq!(app.all_flags(), ApplicationFlags::GATEWAY_PRESENCE_LIMITED);
    let team = app.team.as_ref().unwrap();
    assert_eq!(team.members[0].role, Some(TeamMemberRole::Admin));
    assert_eq!(
        team.members[1].role,
        Some(TeamMemberRole::Unknown("future_role".into()))
    );
    let guild = &app.integration_types_config[&ApplicationIntegrationType::GuildInstall];
    assert_eq!(
        guild.oauth2_install_params.as_ref().unwrap().scopes,
        [Scope::ApplicationsCommands, Scope::Bot]
    );

    let minimal: Application = roundtrip("application_minimal.json");
    assert!(minimal.integration_types_config.is_empty());
    assert!(minimal.team.is_none());
}

#[test]
fn partial_application() {
    let ready: PartialApplication = roundtrip("application_partial_ready.json");
    assert!(
        ready
            .flags
            .unwrap()
            .contains(ApplicationFlags::GATEWAY_GUILD_MEMBERS_LIMITED)
    );
    let message: PartialApplication = roundtrip("application_partial_message.json");
    assert_eq!(message.name.as_deref(), Some("Game"));
    assert_eq!(message.flags, None);
}

#[test]
fn role_connection_metadata() {
    let records: Vec<ApplicationRoleConnectionMetadata> =
        roundtrip("application_role_connection_metadata.json");
    assert_eq!(records[2].kind.value(), 42);
}

#[test]
fn command_with_every_option_type() {
    let command: ApplicationCommand = roundtrip("application_command_options.json");
    let set = &command.options[0].options[0];
    let kinds: Vec<u8> = set.options.iter().map(|o| o.kind.value()).collect();
    assert_eq!(kinds, [3, 3, 4, 10, 5, 6, 7, 8, 9, 11, 4]);
    assert_eq!(
        set.options[2].min_value,
        Some(CommandOptionValue::Integer(13))
    );
    assert_eq!(
        set.options[3].max_value,
        Some(CommandOptionValue::Number(2.75))
    );
    assert_eq!(command.mention(), "</settings:1145100000000000001>");
    // The built form of the same command passes the builder.
    let mut builder = CommandBuilder::chat_input(&command.name, &command.description);
    for option in command.options.clone() {
        builder = builder.option(option);
    }
    builder.build().unwrap();

    let menus: Vec<ApplicationCommand> = roundtrip("application_commands_context_menu.json");
    assert_eq!(menus[0].kind, CommandType::User);
    assert_eq!(menus[3].kind, CommandType::Unknown(99));
}

#[test]
fn command_permissions() {
    let perms: Vec<GuildCommandPermissions> = roundtrip("application_command_permissions.json");
    assert!(!perms[0].is_application_wide());
    assert!(perms[1].is_application_wide());
}

#[test]
fn chat_input_interaction_with_resolved_data() {
    let interaction: Interaction = roundtrip("interaction_chat_input.json");
    assert_eq!(interaction.kind, InteractionType::ApplicationCommand);
    assert_eq!(interaction.context, Some(InteractionContextType::Guild));
    assert_eq!(interaction.author_id().unwrap(), 53908232506183680);
    assert_eq!(
        interaction
            .authorizing_integration_owners
            .guild_id()
            .unwrap(),
        290926798626357999
    );
    let data = interaction.command_data().unwrap();
    assert_eq!(
        data.option("bio").unwrap().value,
        Some(OptionValue::String("Hello".into()))
    );
    assert_eq!(
        data.option("age").unwrap().value.as_ref().unwrap().as_i64(),
        Some(30)
    );
    let friend: kokoro_model::id::UserId = data
        .option("friend")
        .unwrap()
        .value
        .as_ref()
        .unwrap()
        .as_id()
        .unwrap();
    let resolved = data.resolved.as_ref().unwrap();
    assert!(resolved.users.contains_key(&friend));
    assert!(resolved.members.contains_key(&friend));
    assert_eq!(resolved.roles.len(), 1);
    assert_eq!(resolved.channels.len(), 1);
    assert_eq!(resolved.attachments.len(), 1);
}

#[test]
fn user_command_in_dm() {
    let interaction: Interaction = roundtrip("interaction_user_command_dm.json");
    let owners = &interaction.authorizing_integration_owners;
    assert_eq!(
        owners.get(ApplicationIntegrationType::GuildInstall),
        Some(0)
    );
    assert_eq!(owners.guild_id(), None);
    assert_eq!(owners.user_id().unwrap(), 511972282709709995);
    assert_eq!(interaction.author_id().unwrap(), 511972282709709995);
    assert_eq!(interaction.command_data().unwrap().kind, CommandType::User);
}

#[test]
fn autocomplete_interaction() {
    let interaction: Interaction = roundtrip("interaction_autocomplete.json");
    let focused = interaction.command_data().unwrap().focused().unwrap();
    assert_eq!(focused.name, "age");
    assert_eq!(focused.value, Some(OptionValue::String("3".into())));
}

#[test]
fn ping_and_unknown_interactions() {
    let ping: Interaction = roundtrip("interaction_ping.json");
    assert!(ping.data.is_none());
    let bytes = fixture("interaction_unknown_type.json");
    let unknown: Interaction = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(unknown.kind, InteractionType::Unknown(42));
    assert_eq!(unknown.context, Some(InteractionContextType::Unknown(9)));
    assert!(unknown.data.is_none());
}

#[test]
fn component_interactions() {
    let interaction: Interaction = roundtrip("interaction_component.json");
    let Some(InteractionData::MessageComponent(data)) = &interaction.data else {
        panic!("not component data");
    };
    assert_eq!(data.values, ["mage", "rogue"]);
    let message = interaction.message.as_ref().unwrap();
    assert!(matches!(
        message.interaction_metadata.as_deref(),
        Some(MessageInteractionMetadata::ApplicationCommand(_))
    ));
    let select: Interaction = roundtrip("interaction_component_user_select.json");
    let Some(InteractionData::MessageComponent(data)) = &select.data else {
        panic!("not component data");
    };
    assert_eq!(data.resolved.as_ref().unwrap().users.len(), 1);
}

#[test]
fn modal_submit_interaction() {
    let interaction: Interaction = roundtrip("interaction_modal_submit.json");
    let Some(InteractionData::ModalSubmit(data)) = &interaction.data else {
        panic!("not modal data");
    };
    assert_eq!(
        data.input("bug_explained").unwrap().text(),
        Some("It crashes")
    );
    assert_eq!(data.input("agree").unwrap().checked(), Some(true));
    assert_eq!(
        data.input("bug_type").unwrap().values.as_deref(),
        Some(&["ui".to_owned()][..])
    );
    assert_eq!(data.input("legacy").unwrap().text(), Some("row input"));
    assert!(data.input("severity").unwrap().value.is_none());
    assert_eq!(data.inputs().len(), 8);
}

#[test]
fn data_may_come_before_or_after_type() {
    let mut value: Value = serde_json::from_slice(&fixture("interaction_component.json")).unwrap();
    // serde_json's map keeps keys sorted here, so "data" precedes "type"; rebuild with type first.
    let obj = value.as_object_mut().unwrap();
    let kind = obj.remove("type").unwrap();
    let mut reordered = serde_json::Map::new();
    reordered.insert("type".into(), kind);
    reordered.extend(obj.clone());
    let text = serde_json::to_string(&Value::Object(reordered)).unwrap();
    let a: Interaction = serde_json::from_str(&text).unwrap();
    let mut bytes = text.into_bytes();
    let b: Interaction = simd_json::serde::from_slice(&mut bytes).unwrap();
    assert_eq!(a, b);
    assert!(matches!(a.data, Some(InteractionData::MessageComponent(_))));
}

#[test]
fn unknown_fields_are_ignored() {
    let mut value: Value = serde_json::from_slice(&fixture("interaction_chat_input.json")).unwrap();
    value["some_future_field"] = serde_json::json!({"nested": [1, 2, 3]});
    value["data"]["another_future_field"] = Value::Bool(true);
    let interaction: Interaction = serde_json::from_value(value.clone()).unwrap();
    let mut bytes = serde_json::to_vec(&value).unwrap();
    let simd: Interaction = simd_json::serde::from_slice(&mut bytes).unwrap();
    assert_eq!(interaction, simd);
    let out = serde_json::to_value(&interaction).unwrap();
    assert!(out.get("some_future_field").is_none());
}

#[test]
fn interaction_responses() {
    let responses: Vec<InteractionResponse> = roundtrip("interaction_responses.json");
    let kinds: Vec<u8> = responses.iter().map(|r| r.kind.value()).collect();
    assert_eq!(kinds, [1, 4, 4, 5, 6, 7, 8, 9, 10, 12, 77]);
    assert_eq!(responses[10].kind, InteractionCallbackType::Unknown(77));
    let callback: InteractionCallbackResponse = roundtrip("interaction_callback_response.json");
    assert!(callback.resource.unwrap().message.is_some());
    let activity: InteractionCallbackResponse =
        roundtrip("interaction_callback_response_activity.json");
    assert_eq!(
        activity.resource.unwrap().activity_instance.unwrap().id,
        "i-1234567890-gc-912952092627435520"
    );
}

#[test]
fn message_interaction_metadata() {
    let all: Vec<MessageInteractionMetadata> = roundtrip("message_interaction_metadata.json");
    assert!(matches!(
        all[0],
        MessageInteractionMetadata::ApplicationCommand(_)
    ));
    assert!(matches!(
        all[2],
        MessageInteractionMetadata::MessageComponent(_)
    ));
    let MessageInteractionMetadata::ModalSubmit(modal) = &all[3] else {
        panic!()
    };
    assert_eq!(
        modal.triggering_interaction_metadata.kind(),
        InteractionType::MessageComponent
    );
    assert_eq!(all[4].kind(), InteractionType::Unknown(99));
}

#[test]
fn audit_log() {
    let log: AuditLog = roundtrip("audit_log.json");
    let entries = &log.audit_log_entries;
    assert_eq!(entries[0].action_type, AuditLogEvent::ChannelUpdate);
    assert_eq!(
        entries[0]
            .change("name")
            .unwrap()
            .new_as::<String>()
            .as_deref(),
        Some("chat")
    );
    assert!(entries[0].change("topic").unwrap().new_value.is_none());
    assert_eq!(
        entries[3].options.as_ref().unwrap().members_removed(),
        Some(3)
    );
    assert_eq!(entries[8].action_type, AuditLogEvent::Unknown(9999));
    assert_eq!(entries[8].target(), None);
    assert_eq!(entries[0].target().unwrap(), 645027906669510667);
    assert!(log.user(entries[0].user_id.unwrap()).is_some());
}

#[test]
fn auto_moderation() {
    let rules: Vec<AutoModerationRule> = roundtrip("auto_moderation_rules.json");
    let kinds: Vec<_> = rules.iter().map(|r| r.trigger_type).collect();
    assert_eq!(
        kinds,
        [
            AutoModerationTriggerType::Keyword,
            AutoModerationTriggerType::Spam,
            AutoModerationTriggerType::KeywordPreset,
            AutoModerationTriggerType::MentionSpam,
            AutoModerationTriggerType::MemberProfile,
            AutoModerationTriggerType::Unknown(99),
        ]
    );
    let execution: AutoModerationActionExecution =
        roundtrip("auto_moderation_action_execution.json");
    assert!(execution.message_id.is_none());
}

#[test]
fn scheduled_events() {
    let event: GuildScheduledEvent = roundtrip("scheduled_event_recurring.json");
    let rule = event.recurrence_rule.as_ref().unwrap();
    assert_eq!(rule.frequency, RecurrenceRuleFrequency::Weekly);
    assert_eq!(rule.interval, 2);
    assert_eq!(
        rule.by_weekday.as_deref(),
        Some(
            &[
                RecurrenceRuleWeekday::Tuesday,
                RecurrenceRuleWeekday::Thursday
            ][..]
        )
    );
    let variants: Vec<GuildScheduledEvent> = roundtrip("scheduled_events_recurrence_variants.json");
    assert_eq!(
        variants[0]
            .recurrence_rule
            .as_ref()
            .unwrap()
            .by_n_weekday
            .as_ref()
            .unwrap()[0]
            .n,
        2
    );
    assert_eq!(
        variants[2]
            .entity_metadata
            .as_ref()
            .unwrap()
            .location
            .as_deref(),
        Some("The park")
    );
    assert_eq!(
        variants[3].recurrence_rule.as_ref().unwrap().frequency,
        RecurrenceRuleFrequency::Unknown(8)
    );
    let users: Vec<GuildScheduledEventUser> = roundtrip("scheduled_event_users.json");
    assert!(users[0].member.is_some());
}

#[test]
fn monetization() {
    let entitlement: Entitlement = roundtrip("entitlement.json");
    assert_eq!(entitlement.kind, EntitlementType::ApplicationSubscription);
    let test: Entitlement = roundtrip("entitlement_test.json");
    assert!(!test.is_active_at(kokoro_model::Timestamp::from_secs(1_700_000_000)));
    let skus: Vec<Sku> = roundtrip("sku.json");
    assert!(skus[0].flags.contains(SkuFlags::GUILD_SUBSCRIPTION));
    assert_eq!(skus[2].kind.value(), 12);
    let sub: Subscription = roundtrip("subscription.json");
    assert_eq!(sub.status, SubscriptionStatus::Active);
    let ending: Subscription = roundtrip("subscription_ending.json");
    assert_eq!(ending.status, SubscriptionStatus::Ending);
}

#[test]
fn stage_soundboard_lobby_oauth() {
    let _: StageInstance = roundtrip("stage_instance.json");
    let sounds: GuildSoundboardSounds = roundtrip("soundboard_sounds.json");
    assert_eq!(
        sounds.items[0].url(),
        "https://cdn.discordapp.com/soundboard-sounds/3"
    );
    let lobby: Lobby = roundtrip("lobby.json");
    assert_eq!(lobby.members.len(), 2);
    let _: LobbyMessage = roundtrip("lobby_message.json");
    let info: AuthorizationInformation = roundtrip("oauth_authorization_information.json");
    assert_eq!(info.scopes[2], Scope::Unknown("some.future.scope".into()));
    let token: AccessTokenResponse = roundtrip("oauth_access_token.json");
    assert_eq!(
        token.scopes().collect::<Vec<_>>(),
        [Scope::Identify, Scope::Guilds]
    );
}

// ---- CommandBuilder limits ----

fn string_option(name: &str) -> CommandOption {
    CommandOption::new(CommandOptionType::String, name, "a string")
}

fn assert_err<T: Debug>(
    result: Result<T, kokoro_model::validate::ValidationError>,
    field: &str,
    kind: ValidationErrorKind,
) {
    let err = result.expect_err("should fail");
    assert_eq!(err.field(), field, "{err}");
    assert_eq!(err.kind(), &kind, "{err}");
}

#[test]
fn command_name_and_description_limits() {
    let at = "a".repeat(32);
    CommandBuilder::chat_input(&at, "d").build().unwrap();
    assert_err(
        CommandBuilder::chat_input("a".repeat(33), "d").build(),
        "name",
        ValidationErrorKind::TooLong { len: 33, max: 32 },
    );
    assert_err(
        CommandBuilder::chat_input("", "d").build(),
        "name",
        ValidationErrorKind::TooShort { len: 0, min: 1 },
    );
    // Lower case, unicode letters, digits, - _ ' are fine; Devanagari and Thai too.
    CommandBuilder::chat_input("héllo-wörld_1'", "d")
        .build()
        .unwrap();
    CommandBuilder::chat_input("नमस्ते", "d").build().unwrap();
    CommandBuilder::chat_input("สวัสดี", "d").build().unwrap();
    CommandBuilder::chat_input("日本語", "d").build().unwrap();
    assert_err(
        CommandBuilder::chat_input("Hello", "d").build(),
        "name",
        ValidationErrorKind::Invalid {
            reason: "must be lower case",
        },
    );
    assert!(matches!(
        CommandBuilder::chat_input("two words", "d")
            .build()
            .unwrap_err()
            .kind(),
        ValidationErrorKind::Invalid { .. }
    ));
    // User and message commands may have capitals and spaces, and no description.
    CommandBuilder::user("High Five").build().unwrap();
    CommandBuilder::message(&at).build().unwrap();
    assert_err(
        CommandBuilder::message("a".repeat(33)).build(),
        "name",
        ValidationErrorKind::TooLong { len: 33, max: 32 },
    );
    assert_err(
        CommandBuilder::user("x").option(string_option("s")).build(),
        "options",
        ValidationErrorKind::Invalid {
            reason: "only chat input commands have options",
        },
    );

    CommandBuilder::chat_input("x", "d".repeat(100))
        .build()
        .unwrap();
    assert_err(
        CommandBuilder::chat_input("x", "d".repeat(101)).build(),
        "description",
        ValidationErrorKind::TooLong { len: 101, max: 100 },
    );
    assert_err(
        CommandBuilder::chat_input("x", "").build(),
        "description",
        ValidationErrorKind::TooShort { len: 0, min: 1 },
    );
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .name_localization("fr", "Majuscule")
            .build(),
        "name_localizations.fr",
        ValidationErrorKind::Invalid {
            reason: "must be lower case",
        },
    );
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .description_localization("fr", "d".repeat(101))
            .build(),
        "description_localizations.fr",
        ValidationErrorKind::TooLong { len: 101, max: 100 },
    );
}

#[test]
fn command_option_count_and_choice_limits() {
    let options = |n: usize| {
        (0..n).fold(CommandBuilder::chat_input("x", "d"), |b, i| {
            b.option(string_option(&format!("o{i}")))
        })
    };
    options(25).build().unwrap();
    assert_err(
        options(26).build(),
        "options",
        ValidationErrorKind::TooMany { count: 26, max: 25 },
    );

    let with_choices = |n: usize| {
        let option = (0..n).fold(string_option("s"), |o, i| {
            o.choice(CommandOptionChoice::new(format!("c{i}"), format!("v{i}")))
        });
        CommandBuilder::chat_input("x", "d").option(option).build()
    };
    with_choices(25).unwrap();
    assert_err(
        with_choices(26),
        "options[0].choices",
        ValidationErrorKind::TooMany { count: 26, max: 25 },
    );

    let choice = |name: String, value: String| {
        CommandBuilder::chat_input("x", "d")
            .option(string_option("s").choice(CommandOptionChoice::new(name, value)))
            .build()
    };
    choice("n".repeat(100), "v".repeat(100)).unwrap();
    assert_err(
        choice("n".repeat(101), "v".into()),
        "options[0].choices[0].name",
        ValidationErrorKind::TooLong { len: 101, max: 100 },
    );
    assert_err(
        choice("n".into(), "v".repeat(101)),
        "options[0].choices[0].value",
        ValidationErrorKind::TooLong { len: 101, max: 100 },
    );
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .option(
                CommandOption::new(CommandOptionType::Integer, "i", "d")
                    .choice(CommandOptionChoice::new("a", "text")),
            )
            .build(),
        "options[0].choices[0].value",
        ValidationErrorKind::Invalid {
            reason: "must have the type of its option",
        },
    );
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .option(
                string_option("s")
                    .autocomplete(true)
                    .choice(CommandOptionChoice::new("a", "b")),
            )
            .build(),
        "options[0].autocomplete",
        ValidationErrorKind::Conflict { other: "choices" },
    );
    // Option names and descriptions.
    CommandBuilder::chat_input("x", "d")
        .option(string_option(&"o".repeat(32)))
        .build()
        .unwrap();
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .option(string_option(&"o".repeat(33)))
            .build(),
        "options[0].name",
        ValidationErrorKind::TooLong { len: 33, max: 32 },
    );
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .option(CommandOption::new(
                CommandOptionType::String,
                "s",
                "d".repeat(101),
            ))
            .build(),
        "options[0].description",
        ValidationErrorKind::TooLong { len: 101, max: 100 },
    );
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .option(string_option("same"))
            .option(string_option("same"))
            .build(),
        "options[1].name",
        ValidationErrorKind::Invalid {
            reason: "must be unique among its siblings",
        },
    );
}

#[test]
fn command_option_order_ranges_and_nesting() {
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .option(string_option("a"))
            .option(string_option("b").required(true))
            .build(),
        "options[1].required",
        ValidationErrorKind::Invalid {
            reason: "required options must come before optional ones",
        },
    );
    CommandBuilder::chat_input("x", "d")
        .option(string_option("a").required(true))
        .option(string_option("b"))
        .build()
        .unwrap();

    let length = |min: u16, max: u16| {
        CommandBuilder::chat_input("x", "d")
            .option(string_option("s").min_length(min).max_length(max))
            .build()
    };
    length(0, 6000).unwrap();
    assert_err(
        length(0, 6001),
        "options[0].max_length",
        ValidationErrorKind::OutOfRange {
            value: 6001,
            min: 1,
            max: 6000,
        },
    );
    assert_err(
        length(6001, 6000),
        "options[0].min_length",
        ValidationErrorKind::OutOfRange {
            value: 6001,
            min: 0,
            max: 6000,
        },
    );
    assert_err(
        length(0, 0),
        "options[0].max_length",
        ValidationErrorKind::OutOfRange {
            value: 0,
            min: 1,
            max: 6000,
        },
    );
    assert_err(
        length(10, 5),
        "options[0].min_length",
        ValidationErrorKind::Invalid {
            reason: "must not exceed max_length",
        },
    );

    let int = |min: i64, max: i64| {
        CommandBuilder::chat_input("x", "d")
            .option(
                CommandOption::new(CommandOptionType::Integer, "i", "d")
                    .min_value(min)
                    .max_value(max),
            )
            .build()
    };
    let limit = (1i64 << 53) - 1;
    int(-limit, limit).unwrap();
    assert_err(
        int(-limit, limit + 1),
        "options[0].max_value",
        ValidationErrorKind::OutOfRange {
            value: limit + 1,
            min: -limit,
            max: limit,
        },
    );
    assert_err(
        int(5, 1),
        "options[0].min_value",
        ValidationErrorKind::Invalid {
            reason: "must not exceed max_value",
        },
    );
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .option(string_option("s").min_value(1))
            .build(),
        "options[0].min_value",
        ValidationErrorKind::Invalid {
            reason: "only integer and number options have value bounds",
        },
    );
    CommandBuilder::chat_input("x", "d")
        .option(
            CommandOption::new(CommandOptionType::Number, "n", "d")
                .min_value(-9_007_199_254_740_992.0)
                .max_value(0.5),
        )
        .build()
        .unwrap();

    // Nesting: group > subcommand > parameters.
    let sub = |name: &str| CommandOption::new(CommandOptionType::SubCommand, name, "d");
    let group = CommandOption::new(CommandOptionType::SubCommandGroup, "g", "d")
        .option(sub("s").option(string_option("p")));
    CommandBuilder::chat_input("x", "d")
        .option(group.clone())
        .option(sub("t"))
        .build()
        .unwrap();
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .option(sub("s"))
            .option(string_option("p"))
            .build(),
        "options",
        ValidationErrorKind::Invalid {
            reason: "cannot mix subcommands or groups with other options",
        },
    );
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .option(
                CommandOption::new(CommandOptionType::SubCommandGroup, "g", "d")
                    .option(group.clone()),
            )
            .build(),
        "options[0].options[0].type",
        ValidationErrorKind::Invalid {
            reason: "a subcommand group holds only subcommands",
        },
    );
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .option(sub("s").option(sub("t")))
            .build(),
        "options[0].options[0].type",
        ValidationErrorKind::Invalid {
            reason: "subcommands cannot nest subcommands or groups",
        },
    );
    assert_err(
        CommandBuilder::chat_input("x", "d")
            .option(sub("s").option(string_option("Bad")))
            .build(),
        "options[0].options[0].name",
        ValidationErrorKind::Invalid {
            reason: "must be lower case",
        },
    );
}

#[test]
fn command_combined_length_limit() {
    // Name (1) + description (100) + 25 options of name 32 + description 100 + choices.
    let build = |extra_choices: usize, value_len: usize| {
        let mut builder = CommandBuilder::chat_input("x", "d".repeat(100));
        for i in 0..25 {
            let mut option = CommandOption::new(
                CommandOptionType::String,
                format!("{i:0>32}"),
                "d".repeat(100),
            );
            for j in 0..extra_choices {
                option = option.choice(CommandOptionChoice::new(
                    format!("{j}"),
                    "v".repeat(value_len),
                ));
            }
            builder = builder.option(option);
        }
        builder.build()
    };
    // 101 + 25 * 132 = 3401 characters.
    build(0, 0).unwrap();
    // Each choice adds 1 (name) + value_len; 25 options * 2 choices * (1 + 91) = 4600 → 8001.
    let err = build(2, 91).unwrap_err();
    assert_eq!(err.field(), "command");
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooLong {
            len: 8001,
            max: 8000
        }
    );
    // One character less fits exactly: 3401 + 50 * 91 = 7951 ≤ 8000.
    build(2, 90).unwrap();
}

// ---- Interaction response builders ----

#[test]
fn autocomplete_response_limit() {
    let choices = |n: usize| (0..n).map(|i| CommandOptionChoice::new(format!("c{i}"), i as i64));
    let ok = InteractionResponse::autocomplete(choices(25)).unwrap();
    assert_eq!(
        ok.kind,
        InteractionCallbackType::ApplicationCommandAutocompleteResult
    );
    assert_err(
        InteractionResponse::autocomplete(choices(26)),
        "data.choices",
        ValidationErrorKind::TooMany { count: 26, max: 25 },
    );
}

#[test]
fn message_response_limits() {
    InteractionResponse::message(InteractionCallbackData::new().content("c".repeat(2000))).unwrap();
    assert_err(
        InteractionResponse::message(InteractionCallbackData::new().content("c".repeat(2001))),
        "data.content",
        ValidationErrorKind::TooLong {
            len: 2001,
            max: 2000,
        },
    );
    assert_err(
        InteractionResponse::update(InteractionCallbackData::new().content("c".repeat(2001))),
        "data.content",
        ValidationErrorKind::TooLong {
            len: 2001,
            max: 2000,
        },
    );
    let deferred = serde_json::to_string(&InteractionResponse::deferred(true)).unwrap();
    assert_eq!(deferred, r#"{"type":5,"data":{"flags":64}}"#);
    assert_eq!(
        serde_json::to_string(&InteractionResponse::deferred_update()).unwrap(),
        r#"{"type":6}"#
    );
    assert_eq!(
        serde_json::to_string(&InteractionResponse::pong()).unwrap(),
        r#"{"type":1}"#
    );
}

fn input(custom_id: &str) -> TextInput {
    TextInput::new(custom_id, TextInputStyle::Short)
}

#[test]
fn modal_limits() {
    let modal = |title: String, custom_id: String| {
        ModalBuilder::new(custom_id, title).component(Label::new("l", input("i")))
    };
    InteractionResponse::modal(modal("t".repeat(45), "c".repeat(100))).unwrap();
    assert_err(
        InteractionResponse::modal(modal("t".repeat(46), "c".into())),
        "data.title",
        ValidationErrorKind::TooLong { len: 46, max: 45 },
    );
    assert_err(
        InteractionResponse::modal(modal("t".into(), "c".repeat(101))),
        "data.custom_id",
        ValidationErrorKind::TooLong { len: 101, max: 100 },
    );
    assert_err(
        InteractionResponse::modal(modal(String::new(), "c".into())),
        "data.title",
        ValidationErrorKind::TooShort { len: 0, min: 1 },
    );

    let count = |n: usize| {
        (0..n).fold(ModalBuilder::new("m", "t"), |m, i| {
            m.component(Label::new("l", input(&format!("i{i}"))))
        })
    };
    count(5).build().unwrap();
    assert_err(
        count(6).build(),
        "data.components",
        ValidationErrorKind::TooMany { count: 6, max: 5 },
    );
    assert_err(
        count(0).build(),
        "data.components",
        ValidationErrorKind::TooFew { count: 0, min: 1 },
    );
    ModalBuilder::new("m", "t")
        .component(TextDisplay::new("Hello"))
        .build()
        .unwrap();

    let with = |text_input: TextInput| {
        ModalBuilder::new("m", "t")
            .component(Label::new("l", text_input))
            .build()
    };
    with(input("i").min_length(0).max_length(4000)).unwrap();
    assert_err(
        with(input("i").max_length(4001)),
        "data.components[0].component.max_length",
        ValidationErrorKind::OutOfRange {
            value: 4001,
            min: 1,
            max: 4000,
        },
    );
    assert_err(
        with(input("i").min_length(4001)),
        "data.components[0].component.min_length",
        ValidationErrorKind::OutOfRange {
            value: 4001,
            min: 0,
            max: 4000,
        },
    );
    assert_err(
        with(input(&"c".repeat(101))),
        "data.components[0].component.custom_id",
        ValidationErrorKind::TooLong { len: 101, max: 100 },
    );
    assert_err(
        with(input("i").placeholder("p".repeat(101))),
        "data.components[0].component.placeholder",
        ValidationErrorKind::TooLong { len: 101, max: 100 },
    );
    with(input("i").value("v".repeat(4000))).unwrap();
    assert_err(
        with(input("i").value("v".repeat(4001))),
        "data.components[0].component.value",
        ValidationErrorKind::TooLong {
            len: 4001,
            max: 4000,
        },
    );
    // Legacy action rows holding text inputs are checked too.
    let legacy = ModalBuilder::new("m", "t")
        .component(ActionRow::new().push(input("i").max_length(5000)))
        .build();
    assert_err(
        legacy,
        "data.components[0].components[0].max_length",
        ValidationErrorKind::OutOfRange {
            value: 5000,
            min: 1,
            max: 4000,
        },
    );
}
