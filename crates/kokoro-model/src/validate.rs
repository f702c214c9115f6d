//! The errors builders return when an outgoing payload breaks one of Discord's limits.

use std::{borrow::Cow, fmt};

/// An outgoing payload broke one of Discord's documented limits.
///
/// It names the field (a path such as `embeds[0].fields[2].name`) and the
/// limit, so the message says exactly what to fix:
///
/// ```
/// use kokoro_model::validate::{ValidationError, ValidationErrorKind};
///
/// let err = ValidationError::new("content", ValidationErrorKind::TooLong { len: 2001, max: 2000 });
/// assert_eq!(err.to_string(), "content is 2001 characters long, more than the limit of 2000");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field} {kind}")]
pub struct ValidationError {
    field: Cow<'static, str>,
    kind: ValidationErrorKind,
}

impl ValidationError {
    /// An error about `field`.
    pub fn new(field: impl Into<Cow<'static, str>>, kind: ValidationErrorKind) -> Self {
        Self {
            field: field.into(),
            kind,
        }
    }

    /// `field` breaks a rule that has no limit to name (`reason` says which).
    ///
    /// ```
    /// use kokoro_model::validate::ValidationError;
    ///
    /// let e = ValidationError::invalid("name", "may only contain letters, digits and _");
    /// assert_eq!(e.field(), "name");
    /// ```
    pub fn invalid(field: impl Into<Cow<'static, str>>, reason: &'static str) -> Self {
        Self::new(field, ValidationErrorKind::Invalid { reason })
    }

    /// The same error, with `prefix` put before the field path (`embeds[0].` + `title`).
    #[must_use]
    pub fn within(self, prefix: impl fmt::Display) -> Self {
        Self {
            field: Cow::Owned(format!("{prefix}.{}", self.field)),
            kind: self.kind,
        }
    }

    /// The path of the field that broke the limit.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Which limit was broken.
    pub fn kind(&self) -> &ValidationErrorKind {
        &self.kind
    }
}

/// Which of Discord's limits a field broke.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidationErrorKind {
    /// Text longer than allowed (in characters, as Discord counts them).
    #[error("is {len} characters long, more than the limit of {max}")]
    TooLong {
        /// The length given.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Text shorter than allowed.
    #[error("is {len} characters long, less than the minimum of {min}")]
    TooShort {
        /// The length given.
        len: usize,
        /// The minimum.
        min: usize,
    },
    /// More items than allowed.
    #[error("has {count} items, more than the limit of {max}")]
    TooMany {
        /// How many were given.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// Fewer items than required.
    #[error("has {count} items, fewer than the minimum of {min}")]
    TooFew {
        /// How many were given.
        count: usize,
        /// The minimum.
        min: usize,
    },
    /// A number outside its range.
    #[error("is {value}, outside {min}..={max}")]
    OutOfRange {
        /// The value given.
        value: i64,
        /// The least allowed.
        min: i64,
        /// The most allowed.
        max: i64,
    },
    /// A required field was not set.
    #[error("is required")]
    Missing,
    /// Two fields that cannot be set together were.
    #[error("cannot be set together with {other}")]
    Conflict {
        /// The other field.
        other: &'static str,
    },
    /// Any other rule, described.
    #[error("is invalid: {reason}")]
    Invalid {
        /// What the rule is.
        reason: &'static str,
    },
}

/// Checks that `value` has at most `max` characters.
pub fn max_chars(field: &'static str, value: &str, max: usize) -> Result<(), ValidationError> {
    let len = value.chars().count();
    if len > max {
        return Err(ValidationError::new(
            field,
            ValidationErrorKind::TooLong { len, max },
        ));
    }
    Ok(())
}

/// Checks that `value` has between `min` and `max` characters.
pub fn chars_between(
    field: &'static str,
    value: &str,
    min: usize,
    max: usize,
) -> Result<(), ValidationError> {
    let len = value.chars().count();
    if len < min {
        return Err(ValidationError::new(
            field,
            ValidationErrorKind::TooShort { len, min },
        ));
    }
    if len > max {
        return Err(ValidationError::new(
            field,
            ValidationErrorKind::TooLong { len, max },
        ));
    }
    Ok(())
}

/// Checks that a list has at most `max` items.
pub fn max_items(field: &'static str, count: usize, max: usize) -> Result<(), ValidationError> {
    if count > max {
        return Err(ValidationError::new(
            field,
            ValidationErrorKind::TooMany { count, max },
        ));
    }
    Ok(())
}

/// Checks that `value` lies in `min..=max`.
pub fn in_range(
    field: &'static str,
    value: i64,
    min: i64,
    max: i64,
) -> Result<(), ValidationError> {
    if value < min || value > max {
        return Err(ValidationError::new(
            field,
            ValidationErrorKind::OutOfRange { value, min, max },
        ));
    }
    Ok(())
}
