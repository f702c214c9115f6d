//! Every `*Response` schema of Discord's OpenAPI description decodes into its kokoro-model type.
//!
//! For each schema the test generates two instances from the schema itself:
//! one with every optional property present (arrays of unions get one item per
//! variant), and one with only the required properties (nullable ones set to
//! null). Each must decode, with serde_json and with simd-json, into the type
//! the schema is mapped to below. A schema left unmapped fails the test, by name.
//!
//! The spec is read from `KOKORO_OPENAPI`, else `../shared/discord-api-spec/openapi.json`
//! beside the repository.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

/// Decodes `value` into `T` with both decoders.
fn decode_as<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    let text = serde_json::to_vec(value).map_err(|e| e.to_string())?;
    serde_json::from_slice::<T>(&text).map_err(|e| format!("serde_json: {e}"))?;
    let mut buf = text.clone();
    simd_json::serde::from_slice::<T>(&mut buf).map_err(|e| format!("simd-json: {e}"))?;
    Ok(())
}

type Decoder = fn(&Value) -> Result<(), String>;

macro_rules! mapping {
    ($($schema:literal => $ty:ty,)*) => {
        /// Schema name → (kokoro type name, decoder).
        fn mapping() -> BTreeMap<&'static str, (&'static str, Decoder)> {
            let mut m: BTreeMap<&'static str, (&'static str, Decoder)> = BTreeMap::new();
            $( m.insert($schema, (stringify!($ty), decode_as::<$ty> as Decoder)); )*
            m
        }
    };
}

// The table lives in a subfolder so cargo does not build it as a test of its own.
include!("openapi/mapping.rs");

fn spec_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KOKORO_OPENAPI") {
        return Some(PathBuf::from(p));
    }
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let p = here.join("../../../shared/discord-api-spec/openapi.json");
    p.exists().then_some(p)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// Every property, optional ones included.
    All,
    /// Only required properties; nullable ones are null.
    Required,
}

struct Generator<'a> {
    schemas: &'a Map<String, Value>,
    counter: u64,
}

const MAX_DEPTH: usize = 6;

impl Generator<'_> {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        let mut s = schema;
        for _ in 0..16 {
            match s.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let name = r.rsplit('/').next().unwrap_or_default();
                    s = &self.schemas[name];
                }
                None => break,
            }
        }
        s
    }

    fn snowflake(&mut self) -> Value {
        self.counter += 1;
        Value::String((1_100_000_000_000_000_000u64 + self.counter * 4_194_304).to_string())
    }

    fn types(schema: &Value) -> Vec<&str> {
        match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        }
    }

    fn is_nullable(&self, schema: &Value) -> bool {
        let s = self.resolve(schema);
        if Self::types(s).contains(&"null") {
            return true;
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(vs)) = s.get(key)
                && vs.iter().any(|v| self.is_nullable(v))
            {
                return true;
            }
        }
        false
    }

    /// A realistic string for a property, by its name and format.
    fn string(&mut self, name: &str, schema: &Value) -> Value {
        let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
        match format {
            "snowflake" => return self.snowflake(),
            "date-time" => return json!("2024-05-01T12:34:56.789000+00:00"),
            "uri" => return json!("https://example.com/a.png"),
            _ => {}
        }
        match name {
            // The spec types a few ids as plain strings; Discord's are snowflakes.
            "id" => self.snowflake(),
            n if n.ends_with("_id") => self.snowflake(),
            "avatar" | "banner" | "icon" | "splash" | "discovery_splash" | "cover_image"
            | "image" | "icon_hash" | "avatar_hash" => json!("a_1269e74af4df7417b13759eae50c83dc"),
            "permissions" | "allow" | "deny" | "app_permissions" | "permissions_new" => {
                json!("2048")
            }
            "default_member_permissions" => json!("2048"),
            // A bitfield sent as a decimal string, like permissions.
            "flags_new" => json!("8388608"),
            _ => {
                let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
                let base = "value";
                if min > base.len() {
                    Value::String("v".repeat(min))
                } else {
                    json!(base)
                }
            }
        }
    }

    fn generate(&mut self, name: &str, schema: &Value, mode: Mode, depth: usize) -> Value {
        let s = self.resolve(schema).clone();
        if let Some(c) = s.get("const") {
            return c.clone();
        }
        if let Some(Value::Array(values)) = s.get("enum")
            && let Some(v) = values.iter().find(|v| !v.is_null())
        {
            return v.clone();
        }
        if let Some(Value::Array(parts)) = s.get("allOf") {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(o) = self.generate(name, part, mode, depth) {
                    merged.extend(o);
                }
            }
            return Value::Object(merged);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(variants)) = s.get(key) {
                let non_null: Vec<&Value> = variants
                    .iter()
                    .filter(|v| !Self::types(self.resolve(v)).eq(&["null"]))
                    .collect();
                if mode == Mode::Required && non_null.len() < variants.len() {
                    return Value::Null;
                }
                // An enum spelled as a union of consts: take its first value.
                if let Some(first) = non_null.first() {
                    let first = (*first).clone();
                    return self.generate(name, &first, mode, depth);
                }
                return Value::Null;
            }
        }
        let types = Self::types(&s);
        if mode == Mode::Required && types.contains(&"null") {
            return Value::Null;
        }
        if types == ["null"] {
            return Value::Null;
        }
        let ty = types
            .iter()
            .copied()
            .find(|t| *t != "null")
            .unwrap_or("object");
        match ty {
            "string" => self.string(name, &s),
            "integer" => {
                let min = s.get("minimum").and_then(Value::as_i64).unwrap_or(1).max(0);
                json!(min.max(1))
            }
            "number" => json!(1.5),
            "boolean" => json!(true),
            "array" => {
                let items = s.get("items").cloned().unwrap_or(json!({}));
                let min = s.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
                if depth >= MAX_DEPTH || (mode == Mode::Required && min == 0) {
                    let mut out = Vec::new();
                    for _ in 0..min {
                        out.push(self.generate(name, &items, mode, depth + 1));
                    }
                    return Value::Array(out);
                }
                let resolved = self.resolve(&items).clone();
                // One item per variant of a union, so every variant is decoded.
                let variants = resolved
                    .get("oneOf")
                    .or_else(|| resolved.get("anyOf"))
                    .and_then(Value::as_array)
                    .filter(|vs| vs.iter().all(|v| v.get("$ref").is_some()))
                    .cloned();
                let mut out = Vec::new();
                match variants {
                    Some(vs) => {
                        for v in vs {
                            out.push(self.generate(name, &v, mode, depth + 1));
                        }
                    }
                    None => out.push(self.generate(name, &items, mode, depth + 1)),
                }
                while out.len() < min {
                    out.push(self.generate(name, &items, mode, depth + 1));
                }
                Value::Array(out)
            }
            _ => self.object(name, &s, mode, depth),
        }
    }

    /// A realistic key for a map-valued property (`additionalProperties`):
    /// the docs key most maps by snowflake, but a few by something else.
    fn map_key(&mut self, name: &str) -> String {
        match name {
            // Keyed by APPLICATION_INTEGRATION_TYPE ("0" guild install, "1" user install).
            "authorizing_integration_owners" | "integration_types_config" => "0".to_owned(),
            // Keyed by locale.
            n if n.ends_with("_localizations") => "fr".to_owned(),
            // Free-form string maps.
            "metadata" | "moderation_metadata" | "options" => "key".to_owned(),
            _ => self.snowflake().as_str().unwrap_or("1").to_owned(),
        }
    }

    fn object(&mut self, name: &str, s: &Value, mode: Mode, depth: usize) -> Value {
        let mut out = Map::new();
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(Value::Object(props)) = s.get("properties") {
            for (key, prop) in props {
                let is_required = required.contains(&key.as_str());
                if !is_required && (mode == Mode::Required || depth >= MAX_DEPTH) {
                    continue;
                }
                let value = if depth >= MAX_DEPTH && self.is_nullable(prop) {
                    Value::Null
                } else {
                    self.generate(key, prop, mode, depth + 1)
                };
                out.insert(key.clone(), value);
            }
        }
        if let Some(extra) = s.get("additionalProperties").filter(|v| v.is_object())
            && mode == Mode::All
            && depth < MAX_DEPTH
        {
            let key = self.map_key(name);
            let extra = extra.clone();
            let value = self.generate(&key, &extra, mode, depth + 1);
            out.insert(key, value);
        }
        Value::Object(out)
    }
}

#[test]
fn every_response_schema_decodes_into_its_kokoro_type() {
    let Some(path) = spec_path() else {
        eprintln!("skipped: openapi.json not found (set KOKORO_OPENAPI)");
        return;
    };
    let spec: Value = serde_json::from_slice(&std::fs::read(&path).expect("read openapi.json"))
        .expect("openapi.json is JSON");
    let schemas = spec["components"]["schemas"].as_object().expect("schemas");
    let map = mapping();
    let mut unmapped = Vec::new();
    let mut failures = Vec::new();
    let mut covered = 0;
    for (name, schema) in schemas.iter().filter(|(n, _)| n.ends_with("Response")) {
        let Some((ty, decode)) = map.get(name.as_str()) else {
            unmapped.push(name.clone());
            continue;
        };
        covered += 1;
        for mode in [Mode::All, Mode::Required] {
            let mut generator = Generator {
                schemas,
                counter: 0,
            };
            let instance = generator.generate(name, schema, mode, 0);
            if let Err(e) = decode(&instance) {
                failures.push(format!(
                    "{name} ({mode:?}) -> {ty}: {e}\n  instance: {instance}"
                ));
            }
        }
    }
    for stale in map.keys().filter(|k| !schemas.contains_key(**k)) {
        failures.push(format!("{stale}: mapped but not in the spec"));
    }
    eprintln!(
        "{covered} Response schemas decoded; {} unmapped",
        unmapped.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        unmapped.is_empty(),
        "Response schemas with no kokoro type: {}",
        unmapped.join(", ")
    );
}
