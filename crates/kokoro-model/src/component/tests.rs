use serde_json::json;

use super::*;
use crate::validate::ValidationErrorKind;

fn both(value: &serde_json::Value) -> Component {
    let text = serde_json::to_string(value).unwrap();
    let a: Component = serde_json::from_str(&text).unwrap();
    let mut bytes = text.into_bytes();
    let b: Component = simd_json::serde::from_slice(&mut bytes).unwrap();
    assert_eq!(a, b);
    a
}

#[test]
fn round_trips_every_known_type() {
    let values = [
        json!({"type":1,"id":1,"components":[{"type":2,"style":1,"label":"A","custom_id":"a"}]}),
        json!({"type":2,"style":5,"label":"L","url":"https://x.y","disabled":true}),
        json!({"type":2,"style":6,"sku_id":"1180218955160375406"}),
        json!({"type":3,"custom_id":"s","options":[{"label":"L","value":"v","default":true,"emoji":{"id":null,"name":"🔥"}}],"placeholder":"p","min_values":1,"max_values":2}),
        json!({"type":4,"custom_id":"t","style":2,"label":"x","min_length":1,"max_length":4000,"required":false,"value":"v","placeholder":"p"}),
        json!({"type":5,"custom_id":"u","default_values":[{"id":"1","type":"user"}]}),
        json!({"type":6,"custom_id":"r","disabled":true}),
        json!({"type":7,"custom_id":"m","required":true}),
        json!({"type":8,"custom_id":"c","channel_types":[0,5,99]}),
        json!({"type":9,"components":[{"type":10,"content":"hi"}],"accessory":{"type":11,"media":{"url":"https://x/y.png"},"description":"d","spoiler":true}}),
        json!({"type":12,"items":[{"media":{"url":"https://x/y.png","proxy_url":"https://p","width":10,"height":20,"content_type":"image/png","flags":1,"attachment_id":"5"},"description":"d","spoiler":true}]}),
        json!({"type":13,"file":{"url":"attachment://a.txt"},"spoiler":true,"name":"a.txt","size":12}),
        json!({"type":14,"divider":false,"spacing":2}),
        json!({"type":17,"accent_color":16711680,"spoiler":true,"components":[{"type":10,"content":"x"},{"type":14}]}),
        json!({"type":18,"label":"L","description":"D","component":{"type":4,"custom_id":"t","style":1}}),
        json!({"type":19,"custom_id":"f","min_values":0,"max_values":10,"required":false,"file_types":["image",".pdf"]}),
        json!({"type":21,"custom_id":"r","options":[{"value":"a","label":"A"},{"value":"b","label":"B","description":"d","default":true}],"required":true}),
        json!({"type":22,"custom_id":"c","options":[{"value":"a","label":"A"}],"min_values":0,"max_values":1}),
        json!({"type":23,"custom_id":"c","default":true}),
    ];
    for value in values {
        let c = both(&value);
        assert!(
            !matches!(c, Component::Unknown { .. }),
            "{value} decoded as unknown"
        );
        assert_eq!(serde_json::to_value(&c).unwrap(), value);
    }
}

#[test]
fn unknown_type_keeps_everything() {
    let value = json!({"type":99,"id":3,"custom_id":"x","brand_new":{"a":[1,2]},"components":[{"type":10,"content":"t"}]});
    let c = both(&value);
    match &c {
        Component::Unknown { kind, raw } => {
            assert_eq!(*kind, 99);
            assert_eq!(raw, &value);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(c.id(), Some(3));
    assert_eq!(serde_json::to_value(&c).unwrap(), value);
}

#[test]
fn known_type_missing_required_field_is_unknown() {
    let value = json!({"type":10});
    assert!(matches!(both(&value), Component::Unknown { kind: 10, .. }));
}

#[test]
fn missing_type_is_an_error() {
    assert!(serde_json::from_str::<Component>(r#"{"content":"x"}"#).is_err());
}

#[test]
fn button_limits() {
    let ok = Button::new(ButtonStyle::Primary, "a".repeat(100)).label("l".repeat(80));
    assert!(ok.build().is_ok());
    let err = Button::new(ButtonStyle::Primary, "a")
        .label("l".repeat(81))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "label");
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooLong { len: 81, max: 80 }
    );
    let err = Button::new(ButtonStyle::Danger, "a".repeat(101))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "custom_id");
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooLong { len: 101, max: 100 }
    );
    let err = Button::new(ButtonStyle::Danger, "").build().unwrap_err();
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooShort { len: 0, min: 1 }
    );
    assert!(Button::link("u".repeat(512)).build().is_ok());
    let err = Button::link("u".repeat(513)).build().unwrap_err();
    assert_eq!(err.field(), "url");
    let err = Button::premium(crate::id::Id::new(1))
        .label("x")
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "label");
    assert!(matches!(err.kind(), ValidationErrorKind::Conflict { .. }));
}

#[test]
fn action_row_limits() {
    let button = || Button::new(ButtonStyle::Secondary, "b").build().unwrap();
    let mut row = ActionRow::new();
    for _ in 0..5 {
        row = row.push(button());
    }
    assert!(row.clone().build().is_ok());
    let err = row.push(button()).build().unwrap_err();
    assert_eq!(err.field(), "components");
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooMany { count: 6, max: 5 }
    );

    let select = SelectMenu::new("s").build_user().unwrap();
    let err = ActionRow::new()
        .push(select)
        .push(button())
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "components");
    let err = ActionRow::new().build().unwrap_err();
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooFew { count: 0, min: 1 }
    );
    let err = ActionRow::new()
        .push(Button::new(ButtonStyle::Primary, "x").label("y".repeat(81)))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "components[0].label");
}

#[test]
fn select_limits() {
    let mut menu = SelectMenu::new("s").placeholder("p".repeat(150));
    for i in 0..25 {
        menu = menu.option(SelectMenuOption::new(format!("o{i}"), "v".repeat(100)));
    }
    assert!(menu.clone().build_string().is_ok());
    let err = menu
        .clone()
        .option(SelectMenuOption::new("x", "y"))
        .build_string()
        .unwrap_err();
    assert_eq!(err.field(), "options");
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooMany { count: 26, max: 25 }
    );
    let err = menu
        .clone()
        .placeholder("p".repeat(151))
        .build_string()
        .unwrap_err();
    assert_eq!(err.field(), "placeholder");
    let err = SelectMenu::new("s")
        .option(SelectMenuOption::new("l".repeat(101), "v"))
        .build_string()
        .unwrap_err();
    assert_eq!(err.field(), "options[0].label");
    assert!(SelectMenu::new("s").max_values(25).build_role().is_ok());
    let err = SelectMenu::new("s")
        .max_values(26)
        .build_role()
        .unwrap_err();
    assert_eq!(err.field(), "max_values");
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::OutOfRange {
            value: 26,
            min: 1,
            max: 25
        }
    );
}

#[test]
fn text_input_limits() {
    let ok = TextInput::new("t", TextInputStyle::Short)
        .label("l".repeat(45))
        .max_length(4000)
        .value("v".repeat(4000))
        .placeholder("p".repeat(100));
    assert!(ok.build().is_ok());
    let err = TextInput::new("t", TextInputStyle::Short)
        .label("l".repeat(46))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "label");
    let err = TextInput::new("t", TextInputStyle::Short)
        .max_length(4001)
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "max_length");
    let err = TextInput::new("t", TextInputStyle::Short)
        .placeholder("p".repeat(101))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "placeholder");
}

#[test]
fn layout_limits() {
    let section = Section::new(Thumbnail::new("https://x/y.png"))
        .text("a")
        .text("b")
        .text("c");
    assert!(section.clone().build().is_ok());
    let err = section.text("d").build().unwrap_err();
    assert_eq!(err.field(), "components");
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooMany { count: 4, max: 3 }
    );

    let err = Section::new(TextDisplay::new("x"))
        .text("a")
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "accessory");

    let items = |n| (0..n).map(|_| MediaGalleryItem::new("https://x")).collect();
    assert!(
        Component::from(MediaGallery::new(items(10)))
            .validate()
            .is_ok()
    );
    let err = Component::from(MediaGallery::new(items(11)))
        .validate()
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooMany { count: 11, max: 10 }
    );

    let err = Label::new("l".repeat(46), TextInput::new("t", TextInputStyle::Short))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "label");
    let err = Label::new("ok", TextInput::new("", TextInputStyle::Short))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "component.custom_id");

    let container = Container::new().push(Button::new(ButtonStyle::Primary, "x"));
    let err = Component::from(container).validate().unwrap_err();
    assert_eq!(err.field(), "components[0].type");
}

#[test]
fn message_component_totals() {
    let text = || Component::from(TextDisplay::new("t"));
    let forty: Vec<Component> = (0..40).map(|_| text()).collect();
    assert!(Component::validate_message_components(&forty, true).is_ok());
    let mut many = forty.clone();
    many.push(text());
    let err = Component::validate_message_components(&many, true).unwrap_err();
    assert_eq!(err.field(), "components");
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooMany { count: 41, max: 40 }
    );

    let err = Component::validate_message_components(&[text()], false).unwrap_err();
    assert_eq!(err.field(), "components[0].type");
    let row = || {
        ActionRow::new()
            .push(Button::new(ButtonStyle::Primary, "b"))
            .build()
            .unwrap()
    };
    let rows: Vec<Component> = (0..5).map(|_| row()).collect();
    assert!(Component::validate_message_components(&rows, false).is_ok());
    let mut rows6 = rows.clone();
    rows6.push(row());
    let err = Component::validate_message_components(&rows6, false).unwrap_err();
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooMany { count: 6, max: 5 }
    );
}

#[test]
fn modal_components_limits() {
    let opts = |n| {
        (0..n)
            .map(|i| GroupOption::new(format!("l{i}"), format!("v{i}")))
            .collect()
    };
    assert!(
        Component::from(RadioGroup::new("r", opts(2)))
            .validate()
            .is_ok()
    );
    let err = Component::from(RadioGroup::new("r", opts(1)))
        .validate()
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooFew { count: 1, min: 2 }
    );
    let err = Component::from(CheckboxGroup::new("c", opts(11)))
        .validate()
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &ValidationErrorKind::TooMany { count: 11, max: 10 }
    );
    let mut upload = FileUpload::new("f");
    upload.file_types = vec!["image".into(); 11];
    let err = Component::from(upload).validate().unwrap_err();
    assert_eq!(err.field(), "file_types");
}
