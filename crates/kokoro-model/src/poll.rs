//! Polls in messages.
//!
//! [`Poll`] is what Discord sends; [`PollCreate`] is what you send, built and
//! checked against Discord's limits:
//!
//! ```
//! use kokoro_model::poll::PollCreate;
//!
//! let poll = PollCreate::new("Best fruit?")
//!     .answer("Apple")
//!     .answer("Mango")
//!     .duration_hours(48)
//!     .build()
//!     .unwrap();
//! assert_eq!(poll.answers.len(), 2);
//! ```

use serde::{Deserialize, Serialize};

use crate::{
    Timestamp,
    emoji::PartialEmoji,
    validate::{ValidationError, ValidationErrorKind, in_range, max_chars},
};

int_enum! {
    /// How a poll is laid out.
    #[derive(Default)]
    pub enum PollLayoutType: u8 {
        /// The default layout.
        #[default]
        Default = 1,
    }
}

/// The text and emoji of a poll's question or of one answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollMedia {
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The emoji (answers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<PartialEmoji>,
}

impl PollMedia {
    /// Media with only text.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: Some(text.into()),
            emoji: None,
        }
    }
}

/// One answer of a poll.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollAnswer {
    /// The answer's id (only in what Discord sends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_id: Option<u32>,
    /// The answer's text and emoji.
    pub poll_media: PollMedia,
}

/// The vote count of one answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollAnswerCount {
    /// The `answer_id`.
    pub id: u32,
    /// The number of votes.
    pub count: u32,
    /// Whether the current user voted for this answer.
    #[serde(default)]
    pub me_voted: bool,
}

/// The votes of a poll so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollResults {
    /// Whether the votes have been precisely counted.
    #[serde(default)]
    pub is_finalized: bool,
    /// The counts of each answer with at least one vote.
    #[serde(default)]
    pub answer_counts: Vec<PollAnswerCount>,
}

/// The users who voted for one answer of a poll
/// (`GET /channels/{channel.id}/polls/{message.id}/answers/{answer_id}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollAnswerVoters {
    /// The voters.
    #[serde(default)]
    pub users: Vec<crate::user::User>,
}

/// A poll in a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poll {
    /// The question (text only).
    pub question: PollMedia,
    /// The answers.
    pub answers: Vec<PollAnswer>,
    /// When the poll ends.
    #[serde(default)]
    pub expiry: Option<Timestamp>,
    /// Whether a user can select several answers.
    #[serde(default)]
    pub allow_multiselect: bool,
    /// The layout.
    #[serde(default)]
    pub layout_type: PollLayoutType,
    /// The results; absent means unknown, not "no votes".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<PollResults>,
}

/// The poll of a message you send, checked against Discord's limits by [`PollCreate::build`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollCreate {
    /// The question (text only).
    pub question: PollMedia,
    /// The answers, up to 10.
    pub answers: Vec<PollAnswer>,
    /// Hours the poll stays open, up to 768 (32 days); Discord defaults to 24.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    /// Whether a user can select several answers.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub allow_multiselect: bool,
    /// The layout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout_type: Option<PollLayoutType>,
}

impl PollCreate {
    /// The most characters of the question.
    pub const QUESTION_MAX: usize = 300;
    /// The most characters of an answer.
    pub const ANSWER_TEXT_MAX: usize = 55;
    /// The most answers.
    pub const ANSWERS_MAX: usize = 10;
    /// The fewest answers.
    pub const ANSWERS_MIN: usize = 1;
    /// The longest duration, in hours (32 days).
    pub const DURATION_MAX_HOURS: u32 = 768;

    /// A poll asking `question`, with no answers yet.
    pub fn new(question: impl Into<String>) -> Self {
        Self {
            question: PollMedia::text(question),
            answers: Vec::new(),
            duration: None,
            allow_multiselect: false,
            layout_type: None,
        }
    }

    /// Adds a text answer.
    pub fn answer(self, text: impl Into<String>) -> Self {
        self.answer_media(PollMedia::text(text))
    }

    /// Adds a text answer with an emoji.
    pub fn answer_with_emoji(self, text: impl Into<String>, emoji: PartialEmoji) -> Self {
        self.answer_media(PollMedia {
            text: Some(text.into()),
            emoji: Some(emoji),
        })
    }

    /// Adds an answer.
    pub fn answer_media(mut self, media: PollMedia) -> Self {
        self.answers.push(PollAnswer {
            answer_id: None,
            poll_media: media,
        });
        self
    }

    /// Sets how many hours the poll stays open.
    pub fn duration_hours(mut self, hours: u32) -> Self {
        self.duration = Some(hours);
        self
    }

    /// Sets whether a user can select several answers.
    pub fn allow_multiselect(mut self, allow: bool) -> Self {
        self.allow_multiselect = allow;
        self
    }

    /// Sets the layout.
    pub fn layout_type(mut self, layout: PollLayoutType) -> Self {
        self.layout_type = Some(layout);
        self
    }

    /// Checks Discord's limits without consuming the poll.
    pub fn validate(&self) -> Result<(), ValidationError> {
        match &self.question.text {
            Some(text) => {
                max_chars("text", text, Self::QUESTION_MAX).map_err(|e| e.within("question"))?
            }
            None => {
                return Err(ValidationError::new(
                    "question.text",
                    ValidationErrorKind::Missing,
                ));
            }
        }
        let count = self.answers.len();
        if count < Self::ANSWERS_MIN {
            return Err(ValidationError::new(
                "answers",
                ValidationErrorKind::TooFew {
                    count,
                    min: Self::ANSWERS_MIN,
                },
            ));
        }
        crate::validate::max_items("answers", count, Self::ANSWERS_MAX)?;
        for (i, answer) in self.answers.iter().enumerate() {
            let prefix = format_args!("answers[{i}].poll_media");
            match &answer.poll_media.text {
                Some(text) => {
                    max_chars("text", text, Self::ANSWER_TEXT_MAX).map_err(|e| e.within(prefix))?
                }
                None => {
                    return Err(
                        ValidationError::new("text", ValidationErrorKind::Missing).within(prefix)
                    );
                }
            }
        }
        if let Some(hours) = self.duration {
            in_range("duration", hours.into(), 1, Self::DURATION_MAX_HOURS.into())?;
        }
        Ok(())
    }

    /// Checks Discord's limits and returns the poll.
    pub fn build(self) -> Result<Self, ValidationError> {
        self.validate()?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_limit() {
        let ok = PollCreate::new("q".repeat(300)).answer("a");
        assert!(ok.build().is_ok());
        let err = PollCreate::new("q".repeat(301))
            .answer("a")
            .build()
            .unwrap_err();
        assert_eq!(err.field(), "question.text");
        assert_eq!(
            err.kind(),
            &ValidationErrorKind::TooLong { len: 301, max: 300 }
        );
    }

    #[test]
    fn answers_limits() {
        let mut poll = PollCreate::new("q");
        for _ in 0..10 {
            poll = poll.answer("a".repeat(55));
        }
        assert!(poll.clone().build().is_ok());
        let err = poll.clone().answer("b").build().unwrap_err();
        assert_eq!(err.field(), "answers");
        assert_eq!(
            err.kind(),
            &ValidationErrorKind::TooMany { count: 11, max: 10 }
        );

        let err = PollCreate::new("q")
            .answer("a")
            .answer("x".repeat(56))
            .build()
            .unwrap_err();
        assert_eq!(err.field(), "answers[1].poll_media.text");
        assert_eq!(
            err.kind(),
            &ValidationErrorKind::TooLong { len: 56, max: 55 }
        );

        let err = PollCreate::new("q").build().unwrap_err();
        assert_eq!(
            err.kind(),
            &ValidationErrorKind::TooFew { count: 0, min: 1 }
        );
    }

    #[test]
    fn duration_limit() {
        assert!(
            PollCreate::new("q")
                .answer("a")
                .duration_hours(768)
                .build()
                .is_ok()
        );
        let err = PollCreate::new("q")
            .answer("a")
            .duration_hours(769)
            .build()
            .unwrap_err();
        assert_eq!(err.field(), "duration");
        assert_eq!(
            err.kind(),
            &ValidationErrorKind::OutOfRange {
                value: 769,
                min: 1,
                max: 768
            }
        );
    }
}
