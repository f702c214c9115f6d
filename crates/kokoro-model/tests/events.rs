//! Gateway dispatch events: one fixture per event type decoded with both
//! decoders and re-encoded, unknown events, hostile frames, and (when a corpus
//! is available) a whole synthetic session.

use std::{
    collections::BTreeSet,
    fs,
    path::{Path, PathBuf},
};

use kokoro_model::{
    Timestamp,
    gateway::{
        GatewayEvent, decode, decode_event, decode_event_json, decode_json,
        event::{Event, EventType, GuildCreate, MessageUpdate},
    },
};
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events")
}

/// Every fixture: (file stem, raw bytes).
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = fs::read_dir(fixtures_dir())
        .expect("tests/fixtures/events exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, fs::read(&path).unwrap())
        })
        .collect();
    all.sort();
    all
}

/// Decodes with both decoders, checks they agree, and returns the result.
fn decode_both(raw: &[u8]) -> GatewayEvent {
    let json = decode_json(raw).unwrap_or_else(|e| panic!("serde_json: {e}"));
    let simd = decode(&mut raw.to_vec()).unwrap_or_else(|e| panic!("simd-json: {e}"));
    assert_eq!(json, simd, "the decoders disagree");
    json
}

/// Drops keys whose value is null, `false` or an empty array (absent and
/// default are the same on Discord's wire), and writes timestamps and
/// numbers in one canonical form.
fn normalize(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| {
                !(v.is_null()
                    || *v == Value::Bool(false)
                    || v.as_array().is_some_and(Vec::is_empty))
            });
            map.values_mut().for_each(normalize);
        }
        Value::Array(items) => items.iter_mut().for_each(normalize),
        Value::String(s) => {
            if s.len() >= 19
                && s.as_bytes()[4] == b'-'
                && s.as_bytes()[10] == b'T'
                && let Ok(ts) = s.parse::<Timestamp>()
            {
                *s = ts.to_string();
            }
        }
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15)
                && !n.is_u64()
                && !n.is_i64()
            {
                *value = Value::from(f as i64);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

/// The first place two JSON values differ, as a path.
fn first_difference(path: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                match (x.get(key), y.get(key)) {
                    (Some(u), Some(v)) => {
                        if let Some(d) = first_difference(&format!("{path}.{key}"), u, v) {
                            return Some(d);
                        }
                    }
                    (u, v) => {
                        return Some(format!("{path}.{key}: fixture {u:?} / re-encoded {v:?}"));
                    }
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (u, v))| first_difference(&format!("{path}[{i}]"), u, v)),
        _ if a == b => None,
        _ => Some(format!("{path}: fixture {a} / re-encoded {b}")),
    }
}

#[test]
fn every_fixture_decodes_to_its_type_and_round_trips() {
    let mut failures = Vec::new();
    for (name, raw) in fixtures() {
        let fixture: Value = serde_json::from_slice(&raw).unwrap();
        assert_eq!(
            fixture["t"],
            Value::from(name.as_str()),
            "{name}.json names another event"
        );
        let GatewayEvent::Dispatch { sequence, event } = decode_both(&raw) else {
            panic!("{name}: not a dispatch");
        };
        assert_eq!(Some(sequence), fixture["s"].as_u64(), "{name}");
        assert_ne!(
            event.kind(),
            EventType::Unknown,
            "{name} decoded as Unknown"
        );
        assert_eq!(event.kind(), EventType::from_name(&name), "{name}");
        assert_eq!(event.name(), name);

        // The payload alone decodes the same way.
        let d = serde_json::to_vec(&fixture["d"]).unwrap();
        assert_eq!(decode_event_json(&name, &d).unwrap(), event, "{name}");
        assert_eq!(
            decode_event(&name, &mut d.clone()).unwrap(),
            event,
            "{name}"
        );

        let mut expected = fixture["d"].clone();
        let mut encoded = event.to_json_value().unwrap();
        normalize(&mut expected);
        normalize(&mut encoded);
        if let Some(diff) = first_difference("d", &expected, &encoded) {
            failures.push(format!("{name}: {diff}"));
        }
    }
    assert!(
        failures.is_empty(),
        "re-encoding differs:\n{}",
        failures.join("\n")
    );
}

#[test]
fn fixtures_cover_every_event_type() {
    let have: BTreeSet<String> = fixtures().into_iter().map(|(name, _)| name).collect();
    let want: BTreeSet<String> = EventType::ALL
        .iter()
        .map(|kind| kind.as_str().to_owned())
        .collect();
    let missing: Vec<_> = want.difference(&have).collect();
    let extra: Vec<_> = have.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, unknown {extra:?}"
    );
    assert_eq!(
        EventType::ALL.len(),
        79,
        "Discord's docs list 79 dispatch events"
    );
}

#[test]
fn unknown_events_keep_name_and_data() {
    let raw =
        br#"{"t":"SOMETHING_NEW","s":42,"op":0,"d":{"id":"1","nested":{"list":[1,2.5,null,"x"]}}}"#;
    let GatewayEvent::Dispatch { sequence, event } = decode_both(raw) else {
        panic!()
    };
    assert_eq!(sequence, 42);
    let Event::Unknown(unknown) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(unknown.name, "SOMETHING_NEW");
    assert_eq!(
        unknown.data,
        serde_json::json!({"id": "1", "nested": {"list": [1, 2.5, null, "x"]}})
    );
    assert_eq!(event.kind(), EventType::Unknown);
    assert_eq!(
        serde_json::to_vec(&GatewayEvent::Dispatch { sequence, event }).unwrap(),
        raw.to_vec()
    );
}

#[test]
fn guild_create_stub_and_partial_message_update() {
    let raw =
        br#"{"t":"GUILD_CREATE","s":2,"op":0,"d":{"id":"41771983423143937","unavailable":true}}"#;
    let GatewayEvent::Dispatch {
        event: Event::GuildCreate(create),
        ..
    } = decode_both(raw)
    else {
        panic!()
    };
    let GuildCreate::Unavailable(stub) = *create else {
        panic!("{create:?}")
    };
    assert!(stub.unavailable);

    let raw = br#"{"t":"MESSAGE_UPDATE","s":3,"op":0,"d":{"id":"1104478823532310588","channel_id":"41771983423143938","guild_id":"41771983423143937","embeds":[{"type":"rich","title":"unfurled"}]}}"#;
    let GatewayEvent::Dispatch {
        event: Event::MessageUpdate(update),
        ..
    } = decode_both(raw)
    else {
        panic!()
    };
    let MessageUpdate::Partial(partial) = *update else {
        panic!("{update:?}")
    };
    assert_eq!(partial.id.get(), 1104478823532310588);
    assert_eq!(partial.guild_id.map(|id| id.get()), Some(41771983423143937));
    assert_eq!(partial.fields["embeds"][0]["title"], "unfurled");
    assert!(decode_event_json("MESSAGE_UPDATE", br#"{"id":"1","channel_id":"2"}"#).is_ok());
    // Not a message at all: the error is about the full message.
    let err =
        decode_json(br#"{"t":"MESSAGE_UPDATE","s":3,"op":0,"d":{"channel_id":"2"}}"#).unwrap_err();
    assert_eq!(err.event(), Some("MESSAGE_UPDATE"));
}

#[test]
fn truncated_and_garbage_frames_are_errors() {
    let (_, raw) = fixtures()
        .into_iter()
        .find(|(name, _)| name == "MESSAGE_CREATE")
        .unwrap();
    // Every strict prefix of a payload is invalid JSON.
    for cut in (0..raw.len()).step_by(7) {
        let frame = &raw[..cut];
        assert!(decode_json(frame).is_err(), "prefix of {cut} bytes");
        assert!(
            decode(&mut frame.to_vec()).is_err(),
            "prefix of {cut} bytes"
        );
    }
    // Flipped bytes: any result but a panic.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..2000 {
        let mut frame = raw.clone();
        for _ in 0..3 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state % frame.len() as u64) as usize;
            frame[at] = (state >> 32) as u8;
        }
        let _ = decode_json(&frame);
        let _ = decode(&mut frame);
    }
    for garbage in [
        &b"\xff\xfe\x00"[..],
        b"{\"t\":\"\xff\",\"s\":1,\"op\":0,\"d\":{}}",
        b"{\"op\":0,\"t\":\"READY\",\"s\":1,\"d\":[]}",
    ] {
        assert!(decode_json(garbage).is_err());
        assert!(decode(&mut garbage.to_vec()).is_err());
    }
}

/// The corpus directory: `$KOKORO_CORPUS`, else `target/corpus-small` in the workspace.
fn corpus_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("KOKORO_CORPUS") {
        return Some(PathBuf::from(dir));
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2)?;
    let dir = workspace.join("target/corpus-small");
    dir.join("events.jsonl").is_file().then_some(dir)
}

#[test]
fn corpus_session_decodes_with_both_decoders() {
    let Some(dir) = corpus_dir() else {
        eprintln!(
            "skipped: no corpus (set KOKORO_CORPUS or generate target/corpus-small with gen.py)"
        );
        return;
    };
    let path = dir.join("events.jsonl");
    let Ok(text) = fs::read(&path) else {
        eprintln!("skipped: {} is missing", path.display());
        return;
    };
    let mut buf = Vec::new();
    let (mut lines, mut dispatches) = (0usize, 0usize);
    for (i, line) in text
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        lines += 1;
        let json = decode_json(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        buf.clear();
        buf.extend_from_slice(line);
        let simd = decode(&mut buf).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        if let GatewayEvent::Dispatch { event, .. } = &json {
            dispatches += 1;
            assert_ne!(
                event.kind(),
                EventType::Unknown,
                "line {}: {}",
                i + 1,
                event.name()
            );
        }
        assert!(json == simd, "line {}: the decoders disagree", i + 1);
    }
    eprintln!(
        "{lines} payloads ({dispatches} dispatches) from {} decoded",
        path.display()
    );
    assert!(lines > 0);
}
