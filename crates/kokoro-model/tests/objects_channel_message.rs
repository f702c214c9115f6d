//! Channel, message, component and poll fixtures decode with serde_json and
//! simd-json, and re-encode to the same JSON (null-valued keys aside); the
//! builders accept each documented limit and reject one past it.

use std::path::Path;

use kokoro_model::{
    channel::{Channel, ChannelType, FollowedChannel, ForumTag, ThreadList, ThreadMember},
    component::{Component, ComponentType},
    message::{
        AllowedMentions, CreateMessage, EditMessage, Embed, EmbedBuilder, EmbedType, Message,
        MessageFlags, MessageReference, MessageType, Nonce, PartialAttachment, PinnedMessages,
    },
    poll::{Poll, PollCreate, PollLayoutType},
    validate::ValidationErrorKind,
};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

fn read(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/objects")
        .join(format!("{name}.json"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Removes every key whose value is null, recursively.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// Decodes fixture `name` as `T` with both decoders, checks they agree, and
/// checks the re-encoding matches the fixture.
fn check<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(name: &str) -> T {
    let bytes = read(name);
    let a: T = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: serde_json: {e}"));
    let mut buf = bytes.clone();
    let b: T =
        simd_json::serde::from_slice(&mut buf).unwrap_or_else(|e| panic!("{name}: simd-json: {e}"));
    assert_eq!(a, b, "{name}: decoders disagree");
    let mut expected: Value = serde_json::from_slice(&bytes).unwrap();
    let mut actual = serde_json::to_value(&a).unwrap();
    drop_nulls(&mut expected);
    drop_nulls(&mut actual);
    assert_eq!(
        actual,
        expected,
        "{name}: re-encoding differs\nactual:   {}\nexpected: {}",
        serde_json::to_string(&actual).unwrap(),
        serde_json::to_string(&expected).unwrap()
    );
    a
}

#[test]
fn every_channel_type() {
    let cases = [
        ("channel_guild_text", ChannelType::GuildText),
        ("channel_guild_announcement", ChannelType::GuildAnnouncement),
        ("channel_guild_voice", ChannelType::GuildVoice),
        ("channel_dm", ChannelType::Dm),
        ("channel_group_dm", ChannelType::GroupDm),
        ("channel_category", ChannelType::GuildCategory),
        ("channel_thread_public", ChannelType::PublicThread),
        ("channel_thread_private", ChannelType::PrivateThread),
        (
            "channel_thread_announcement",
            ChannelType::AnnouncementThread,
        ),
        ("channel_stage", ChannelType::GuildStageVoice),
        ("channel_forum", ChannelType::GuildForum),
        ("channel_media", ChannelType::GuildMedia),
        ("channel_directory", ChannelType::GuildDirectory),
        ("channel_unknown_type", ChannelType::Unknown(42)),
        ("channel_resolved_interaction", ChannelType::GuildText),
    ];
    for (name, kind) in cases {
        let channel: Channel = check(name);
        assert_eq!(channel.kind, kind, "{name}");
    }
}

#[test]
fn channel_details() {
    let forum: Channel = check("channel_forum");
    assert_eq!(forum.available_tags.len(), 2);
    assert!(
        forum
            .flags()
            .contains(kokoro_model::channel::ChannelFlags::REQUIRE_TAG)
    );
    let private: Channel = check("channel_thread_private");
    let meta = private.thread_metadata.unwrap();
    assert!(meta.archived && meta.locked);
    assert_eq!(meta.invitable, Some(false));
    assert!(private.member.is_some());
    let unknown: Channel = check("channel_unknown_type");
    assert_eq!(unknown.flags().bits(), 1 << 40);
    // Unknown fields are skipped.
    let mut raw: Value = serde_json::from_slice(&read("channel_guild_text")).unwrap();
    raw["brand_new_field"] = serde_json::json!({"x": [1, 2]});
    let c: Channel = serde_json::from_value(raw).unwrap();
    assert_eq!(c.name.as_deref(), Some("general"));
}

#[test]
fn thread_objects() {
    let member: ThreadMember = check("thread_member");
    assert!(member.guild_id.is_some());
    let bare: ThreadMember = check("thread_member_guild_create");
    assert!(bare.id.is_none() && bare.user_id.is_none());
    let list: ThreadList = check("thread_list");
    assert!(list.has_more);
    assert_eq!(list.threads.len(), 1);
    let _: FollowedChannel = check("followed_channel");
    let _: ForumTag = check("forum_tag");
}

#[test]
fn messages() {
    let m: Message = check("message_default");
    assert_eq!(m.kind, MessageType::Default);
    assert_eq!(m.reactions[0].count_details.normal, 1);

    let m: Message = check("message_crosspost");
    assert!(m.flags().contains(MessageFlags::IS_CROSSPOST));
    assert_eq!(m.mention_channels[0].kind, ChannelType::GuildAnnouncement);

    let m: Message = check("message_full");
    assert_eq!(m.attachments.len(), 3);
    assert_eq!(m.embeds[1].kind, Some(EmbedType::Video));
    assert_eq!(m.embeds[2].kind, Some(EmbedType::PollResult));
    assert_eq!(m.referenced_message, Some(None));
    assert_eq!(m.nonce, Some(Nonce::String("1100000000000000000".into())));
    let kinds: Vec<ComponentType> = m
        .components
        .iter()
        .flat_map(|row| row.children().into_iter().map(Component::kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ComponentType::Button,
            ComponentType::Button,
            ComponentType::Button,
            ComponentType::StringSelect,
            ComponentType::UserSelect,
            ComponentType::RoleSelect,
            ComponentType::MentionableSelect,
            ComponentType::ChannelSelect,
        ]
    );

    let m: Message = check("message_forward");
    assert!(m.is_forward());
    assert_eq!(m.message_snapshots[0].message.content, "original words");

    let m: Message = check("message_create_event");
    assert!(m.guild_id.is_some() && m.member.is_some());
    assert!(m.mentions[0].member.is_some());
    assert_eq!(m.nonce, Some(Nonce::Integer(1100000000000000000)));
    let referenced = m.referenced_message.clone().flatten().unwrap();
    assert_eq!(referenced.content, "the original");
    assert_eq!(m.thread.as_ref().unwrap().kind, ChannelType::PublicThread);

    let m: Message = check("message_poll");
    let poll = m.poll.unwrap();
    assert_eq!(poll.answers.len(), 3);
    assert!(poll.results.unwrap().answer_counts[0].me_voted);

    let m: Message = check("message_components_v2");
    assert!(m.flags().contains(MessageFlags::IS_COMPONENTS_V2));
    let total: usize = m.components.iter().map(Component::count).sum();
    assert_eq!(total, 18);
    let kinds: Vec<ComponentType> = m.components.iter().map(Component::kind).collect();
    for kind in [
        ComponentType::TextDisplay,
        ComponentType::Section,
        ComponentType::MediaGallery,
        ComponentType::Separator,
        ComponentType::File,
        ComponentType::Container,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} missing");
    }

    let m: Message = check("message_unknown_values");
    assert_eq!(m.kind, MessageType::Unknown(250));
    assert_eq!(
        m.embeds[0].kind,
        Some(EmbedType::Unknown("hologram".into()))
    );
    assert!(matches!(
        m.components[0],
        Component::Unknown { kind: 99, .. }
    ));

    let m: Message = check("message_interaction_legacy");
    assert_eq!(m.interaction.unwrap().name, "ping");

    let pins: PinnedMessages = check("message_pins");
    assert_eq!(pins.items.len(), 1);
}

#[test]
fn polls_and_modal_components() {
    let poll: Poll = check("poll");
    assert_eq!(poll.layout_type, PollLayoutType::Unknown(7));
    assert!(poll.results.is_none());
    let components: Vec<Component> = check("components_modal");
    let inner: Vec<ComponentType> = components
        .iter()
        .flat_map(|c| c.children().into_iter().map(Component::kind))
        .collect();
    for kind in [
        ComponentType::StringSelect,
        ComponentType::TextInput,
        ComponentType::FileUpload,
        ComponentType::RadioGroup,
        ComponentType::CheckboxGroup,
        ComponentType::Checkbox,
    ] {
        assert!(inner.contains(&kind), "{kind:?} missing");
    }
    for c in &components {
        c.validate().unwrap();
    }
}

fn assert_err<T: std::fmt::Debug>(
    result: Result<T, kokoro_model::validate::ValidationError>,
    field: &str,
    kind: ValidationErrorKind,
) {
    let err = result.unwrap_err();
    assert_eq!(err.field(), field, "{err}");
    assert_eq!(err.kind(), &kind, "{err}");
}

#[test]
fn create_message_content_nonce_stickers() {
    assert!(
        CreateMessage::new()
            .content("a".repeat(2000))
            .build()
            .is_ok()
    );
    assert_err(
        CreateMessage::new().content("a".repeat(2001)).build(),
        "content",
        ValidationErrorKind::TooLong {
            len: 2001,
            max: 2000,
        },
    );
    assert!(
        CreateMessage::new()
            .content("x")
            .nonce("n".repeat(25))
            .build()
            .is_ok()
    );
    assert_err(
        CreateMessage::new()
            .content("x")
            .nonce("n".repeat(26))
            .build(),
        "nonce",
        ValidationErrorKind::TooLong { len: 26, max: 25 },
    );
    let stickers = |n: u64| {
        (1..=n).fold(CreateMessage::new(), |m, i| {
            m.sticker(kokoro_model::Id::new(i))
        })
    };
    assert!(stickers(3).build().is_ok());
    assert_err(
        stickers(4).build(),
        "sticker_ids",
        ValidationErrorKind::TooMany { count: 4, max: 3 },
    );
    assert_err(
        CreateMessage::new().build(),
        "content",
        ValidationErrorKind::Missing,
    );
    let forward = CreateMessage::new().message_reference(MessageReference::forward(
        kokoro_model::Id::new(1),
        kokoro_model::Id::new(2),
    ));
    assert!(forward.build().is_ok());
}

#[test]
fn create_message_embeds() {
    let embed = |title: &str| EmbedBuilder::new().title(title).build().unwrap();
    let ten = (0..10).fold(CreateMessage::new(), |m, _| m.embed(embed("t")));
    assert!(ten.clone().build().is_ok());
    assert_err(
        ten.embed(embed("t")).build(),
        "embeds",
        ValidationErrorKind::TooMany { count: 11, max: 10 },
    );

    // 6000 characters across embeds: exactly at the limit, then one past.
    let big = |n: usize| {
        EmbedBuilder::new()
            .description("d".repeat(n))
            .build()
            .unwrap()
    };
    let at = CreateMessage::new().embed(big(4000)).embed(big(2000));
    assert!(at.build().is_ok());
    let past = CreateMessage::new().embed(big(4000)).embed(big(2001));
    assert_err(
        past.build(),
        "embeds",
        ValidationErrorKind::TooLong {
            len: 6001,
            max: 6000,
        },
    );

    let too_long = Embed {
        title: Some("t".repeat(257)),
        ..Embed::default()
    };
    assert_err(
        CreateMessage::new()
            .embed(Embed::default())
            .embed(too_long)
            .build(),
        "embeds[1].title",
        ValidationErrorKind::TooLong { len: 257, max: 256 },
    );
}

#[test]
fn embed_builder_limits() {
    let ok = EmbedBuilder::new()
        .title("t".repeat(256))
        .author("a".repeat(256))
        .footer("f".repeat(2048))
        .build();
    assert!(ok.is_ok());
    assert!(
        EmbedBuilder::new()
            .description("d".repeat(4096))
            .build()
            .is_ok()
    );
    assert_err(
        EmbedBuilder::new().title("t".repeat(257)).build(),
        "title",
        ValidationErrorKind::TooLong { len: 257, max: 256 },
    );
    assert_err(
        EmbedBuilder::new().description("d".repeat(4097)).build(),
        "description",
        ValidationErrorKind::TooLong {
            len: 4097,
            max: 4096,
        },
    );
    assert_err(
        EmbedBuilder::new().footer("f".repeat(2049)).build(),
        "footer.text",
        ValidationErrorKind::TooLong {
            len: 2049,
            max: 2048,
        },
    );
    assert_err(
        EmbedBuilder::new().author("a".repeat(257)).build(),
        "author.name",
        ValidationErrorKind::TooLong { len: 257, max: 256 },
    );
    let fields = |n: usize| (0..n).fold(EmbedBuilder::new(), |b, _| b.field("n", "v", false));
    assert!(fields(25).build().is_ok());
    assert_err(
        fields(26).build(),
        "fields",
        ValidationErrorKind::TooMany { count: 26, max: 25 },
    );
    assert!(
        EmbedBuilder::new()
            .field("n".repeat(256), "v".repeat(1024), true)
            .build()
            .is_ok()
    );
    assert_err(
        EmbedBuilder::new()
            .field("n", "v", true)
            .field("n".repeat(257), "v", true)
            .build(),
        "fields[1].name",
        ValidationErrorKind::TooLong { len: 257, max: 256 },
    );
    assert_err(
        EmbedBuilder::new()
            .field("n", "v".repeat(1025), true)
            .build(),
        "fields[0].value",
        ValidationErrorKind::TooLong {
            len: 1025,
            max: 1024,
        },
    );
    // A single embed over 6000 characters.
    let over = (0..5).fold(EmbedBuilder::new(), |b, _| {
        b.field("n".repeat(256), "v".repeat(1024), false)
    });
    assert_err(
        over.description("d".repeat(4096)).build(),
        "embed",
        ValidationErrorKind::TooLong {
            len: 6400 + 4096,
            max: 6000,
        },
    );
}

#[test]
fn create_message_mentions_flags_attachments_components() {
    let ids = |n: u64| {
        (1..=n).fold(AllowedMentions::none(), |m, i| {
            m.user(kokoro_model::Id::new(i))
        })
    };
    assert!(
        CreateMessage::new()
            .content("x")
            .allowed_mentions(ids(100))
            .build()
            .is_ok()
    );
    assert_err(
        CreateMessage::new()
            .content("x")
            .allowed_mentions(ids(101))
            .build(),
        "allowed_mentions.users",
        ValidationErrorKind::TooMany {
            count: 101,
            max: 100,
        },
    );
    assert_err(
        CreateMessage::new()
            .content("x")
            .allowed_mentions(AllowedMentions::all().user(kokoro_model::Id::new(1)))
            .build(),
        "allowed_mentions.users",
        ValidationErrorKind::Conflict { other: "parse" },
    );

    assert!(
        CreateMessage::new()
            .content("x")
            .flags(MessageFlags::SUPPRESS_NOTIFICATIONS | MessageFlags::SUPPRESS_EMBEDS)
            .build()
            .is_ok()
    );
    let err = CreateMessage::new()
        .content("x")
        .flags(MessageFlags::EPHEMERAL)
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "flags");

    assert!(
        CreateMessage::new()
            .attachment(PartialAttachment::new(0, "a.png").description("d".repeat(1024)))
            .build()
            .is_ok()
    );
    assert_err(
        CreateMessage::new()
            .attachment(PartialAttachment::new(0, "a.png"))
            .attachment(PartialAttachment::new(1, "b.png").description("d".repeat(1025)))
            .build(),
        "attachments[1].description",
        ValidationErrorKind::TooLong {
            len: 1025,
            max: 1024,
        },
    );

    use kokoro_model::component::{ActionRow, Button, ButtonStyle, TextDisplay};
    let row = || {
        ActionRow::new()
            .push(Button::new(ButtonStyle::Primary, "b"))
            .build()
            .unwrap()
    };
    let five = (0..5).fold(CreateMessage::new(), |m, _| m.component(row()));
    assert!(five.clone().build().is_ok());
    assert_err(
        five.component(row()).build(),
        "components",
        ValidationErrorKind::TooMany { count: 6, max: 5 },
    );
    let bad_button = ActionRow::new().push(Button::new(ButtonStyle::Primary, "b".repeat(101)));
    assert_err(
        CreateMessage::new().component(bad_button).build(),
        "components[0].components[0].custom_id",
        ValidationErrorKind::TooLong { len: 101, max: 100 },
    );
    let v2 = |n: usize| {
        (0..n).fold(
            CreateMessage::new().flags(MessageFlags::IS_COMPONENTS_V2),
            |m, _| m.component(TextDisplay::new("t")),
        )
    };
    assert!(v2(40).build().is_ok());
    assert_err(
        v2(41).build(),
        "components",
        ValidationErrorKind::TooMany { count: 41, max: 40 },
    );
    assert_err(
        v2(1).content("x").build(),
        "content",
        ValidationErrorKind::Conflict { other: "flags" },
    );

    assert_err(
        CreateMessage::new()
            .poll(PollCreate::new("q".repeat(301)).answer("a"))
            .build(),
        "poll.question.text",
        ValidationErrorKind::TooLong { len: 301, max: 300 },
    );
}

#[test]
fn edit_message_nullable_fields() {
    let edit = EditMessage::new()
        .clear_content()
        .embeds(vec![])
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_string(&edit).unwrap(),
        r#"{"content":null,"embeds":[]}"#
    );
    assert_eq!(serde_json::to_string(&EditMessage::new()).unwrap(), "{}");
    let back: EditMessage = serde_json::from_str(r#"{"content":null,"components":null}"#).unwrap();
    assert_eq!(back.content, Some(None));
    assert_eq!(back.components, Some(None));
    assert_eq!(back.embeds, None);

    assert!(EditMessage::new().content("a".repeat(2000)).build().is_ok());
    assert_err(
        EditMessage::new().content("a".repeat(2001)).build(),
        "content",
        ValidationErrorKind::TooLong {
            len: 2001,
            max: 2000,
        },
    );
    let err = EditMessage::new()
        .flags(MessageFlags::SUPPRESS_NOTIFICATIONS)
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "flags");
    assert!(
        EditMessage::new()
            .flags(MessageFlags::SUPPRESS_EMBEDS)
            .build()
            .is_ok()
    );
}
