//! Application role connection metadata.

use serde::{Deserialize, Serialize};

use super::Localizations;
use crate::validate::{self, ValidationError, ValidationErrorKind};

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

    /// A metadata field, without translations.
    ///
    /// ```
    /// use kokoro_model::application::{
    ///     ApplicationRoleConnectionMetadata, ApplicationRoleConnectionMetadataType,
    /// };
    ///
    /// let field = ApplicationRoleConnectionMetadata::new(
    ///     ApplicationRoleConnectionMetadataType::IntegerGreaterThanOrEqual,
    ///     "level",
    ///     "Level",
    ///     "The player's level",
    /// );
    /// assert!(field.validate().is_ok());
    /// ```
    pub fn new(
        kind: ApplicationRoleConnectionMetadataType,
        key: impl Into<String>,
        name: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            key: key.into(),
            name: name.into(),
            description: description.into(),
            name_localizations: None,
            description_localizations: None,
        }
    }

    /// Checks Discord's limits: `key` of 1-50 characters among `a-z`, `0-9` and `_`,
    /// `name` (and its translations) of 1-100, `description` (and its translations)
    /// of 1-200.
    pub fn validate(&self) -> Result<(), ValidationError> {
        validate::chars_between("key", &self.key, 1, Self::KEY_MAX)?;
        if !self
            .key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(ValidationError::new(
                "key",
                ValidationErrorKind::Invalid {
                    reason: "may only contain a-z, 0-9 and _",
                },
            ));
        }
        validate::chars_between("name", &self.name, 1, Self::NAME_MAX)?;
        validate::chars_between("description", &self.description, 1, Self::DESCRIPTION_MAX)?;
        for (field, map, max) in [
            (
                "name_localizations",
                &self.name_localizations,
                Self::NAME_MAX,
            ),
            (
                "description_localizations",
                &self.description_localizations,
                Self::DESCRIPTION_MAX,
            ),
        ] {
            for (locale, text) in map.iter().flatten() {
                validate::chars_between(field, text, 1, max).map_err(|e| {
                    ValidationError::new(format!("{field}.{locale}"), e.kind().clone())
                })?;
            }
        }
        Ok(())
    }
}
