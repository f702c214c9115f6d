//! Serde helpers for fields that may be absent, null, or a value.
//!
//! Use `Option<Option<T>>` with
//! `#[serde(default, skip_serializing_if = "Option::is_none", with = "crate::util::nullable")]`:
//! `None` is absent (leave unchanged), `Some(None)` is `null` (clear it),
//! `Some(Some(v))` sets it. Plain serde would fold `null` into `None`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Serializes `Some(None)` as `null` and `Some(Some(v))` as `v`.
pub fn serialize<T: Serialize, S: Serializer>(
    value: &Option<Option<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(inner) => inner.serialize(serializer),
        // Only reached without `skip_serializing_if`; absent cannot be written.
        None => serializer.serialize_none(),
    }
}

/// Deserializes a present field: `null` becomes `Some(None)`.
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}
