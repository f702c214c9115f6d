//! Application role connection metadata.

use serde::{Deserialize, Serialize};

use super::Localizations;

int_enum! {
    /// How a role connection metadata value compares to a guild's configured value.
    pub enum ApplicationRoleConnectionMetadataType: u8 {
        /// The integer value is less than or equal to the guild's.
        IntegerLessThanOrEqual = 1,
        /// The integer value is greater than or equal to the guild's.
        IntegerGreaterThanOrEqual = 2,
        /// The integer value equals the guild's.
        IntegerEqual = 3,
        /// The integer value differs from the guild's.
        IntegerNotEqual = 4,
        /// The ISO8601 date is at most the guild's number of days ago.
        DatetimeLessThanOrEqual = 5,
        /// The ISO8601 date is at least the guild's number of days ago.
        DatetimeGreaterThanOrEqual = 6,
        /// The boolean (integer) value equals the guild's.
        BooleanEqual = 7,
        /// The boolean (integer) value differs from the guild's.
        BooleanNotEqual = 8,
    }
}

/// A metadata field of an application's role connections.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRoleConnectionMetadata {
    /// How the value is compared.
    #[serde(rename = "type")]
    pub kind: ApplicationRoleConnectionMetadataType,
    /// The dictionary key (`a-z`, `0-9`, `_`; 1-50 characters).
    pub key: String,
    /// The field's name (1-100 characters).
    pub name: String,
    /// Translations of the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_localizations: Option<Localizations>,
    /// The field's description (1-200 characters).
    pub description: String,
    /// Translations of the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_localizations: Option<Localizations>,
}

impl ApplicationRoleConnectionMetadata {
    /// Most characters in `key`.
    pub const KEY_MAX: usize = 50;
    /// Most characters in `name`.
    pub const NAME_MAX: usize = 100;
    /// Most characters in `description`.
    pub const DESCRIPTION_MAX: usize = 200;
    /// Most metadata records per application.
    pub const RECORDS_MAX: usize = 5;
}
