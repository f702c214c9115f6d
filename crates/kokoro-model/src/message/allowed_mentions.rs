//! Which mentions in an outgoing message notify anyone.

use serde::{Deserialize, Serialize};

use crate::{
    id::{RoleId, UserId},
    validate::{ValidationError, ValidationErrorKind, max_items},
};

str_enum! {
    /// A kind of mention Discord may parse from the content.
    pub enum MentionType {
        /// Role mentions.
        Roles = "roles",
        /// User mentions.
        Users = "users",
        /// `@everyone` and `@here`.
        Everyone = "everyone",
    }
}

/// Which mentions in a message notify anyone.
///
/// `parse` is always written, so [`AllowedMentions::default`] (nothing parsed,
/// nothing listed) suppresses every mention.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowedMentions {
    /// Kinds of mentions parsed from the content.
    #[serde(default)]
    pub parse: Vec<MentionType>,
    /// Roles that may be mentioned (max 100).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleId>,
    /// Users that may be mentioned (max 100).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<UserId>,
    /// For replies, whether to mention the replied-to author.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub replied_user: bool,
}

impl AllowedMentions {
    /// The most ids in `roles` and in `users`.
    pub const IDS_MAX: usize = 100;

    /// Suppresses every mention.
    pub fn none() -> Self {
        Self::default()
    }

    /// Parses every kind of mention.
    pub fn all() -> Self {
        Self {
            parse: vec![
                MentionType::Users,
                MentionType::Roles,
                MentionType::Everyone,
            ],
            ..Self::default()
        }
    }

    /// Parses a kind of mention.
    pub fn parse(mut self, kind: MentionType) -> Self {
        if !self.parse.contains(&kind) {
            self.parse.push(kind);
        }
        self
    }

    /// Allows mentioning a user.
    pub fn user(mut self, id: UserId) -> Self {
        self.users.push(id);
        self
    }

    /// Allows mentioning a role.
    pub fn role(mut self, id: RoleId) -> Self {
        self.roles.push(id);
        self
    }

    /// Sets whether the replied-to author is mentioned.
    pub fn replied_user(mut self, mention: bool) -> Self {
        self.replied_user = mention;
        self
    }

    /// Checks the limits: at most 100 ids each, and `parse` may not contain a
    /// kind whose ids are listed explicitly.
    pub fn validate(&self) -> Result<(), ValidationError> {
        max_items("roles", self.roles.len(), Self::IDS_MAX)?;
        max_items("users", self.users.len(), Self::IDS_MAX)?;
        if !self.users.is_empty() && self.parse.contains(&MentionType::Users) {
            return Err(ValidationError::new(
                "users",
                ValidationErrorKind::Conflict { other: "parse" },
            ));
        }
        if !self.roles.is_empty() && self.parse.contains(&MentionType::Roles) {
            return Err(ValidationError::new(
                "roles",
                ValidationErrorKind::Conflict { other: "parse" },
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::Id;

    #[test]
    fn none_writes_empty_parse() {
        assert_eq!(
            serde_json::to_string(&AllowedMentions::none()).unwrap(),
            r#"{"parse":[]}"#
        );
    }

    #[test]
    fn limits_and_conflicts() {
        let mut m = AllowedMentions::none();
        for i in 1..=100 {
            m = m.user(Id::new(i));
        }
        assert!(m.validate().is_ok());
        let err = m.clone().user(Id::new(101)).validate().unwrap_err();
        assert_eq!(err.field(), "users");
        assert_eq!(
            err.kind(),
            &ValidationErrorKind::TooMany {
                count: 101,
                max: 100
            }
        );
        let err = m.parse(MentionType::Users).validate().unwrap_err();
        assert_eq!(err.field(), "users");
        assert_eq!(
            err.kind(),
            &ValidationErrorKind::Conflict { other: "parse" }
        );
        let mut r = AllowedMentions::none();
        for i in 1..=101 {
            r = r.role(Id::new(i));
        }
        assert_eq!(r.validate().unwrap_err().field(), "roles");
        let err = AllowedMentions::all()
            .role(Id::new(1))
            .validate()
            .unwrap_err();
        assert_eq!(err.field(), "roles");
        assert!(
            AllowedMentions::none()
                .parse(MentionType::Everyone)
                .user(Id::new(5))
                .validate()
                .is_ok()
        );
    }
}
