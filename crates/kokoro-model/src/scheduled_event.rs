//! Guild scheduled events, with recurrence rules.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{
    Timestamp,
    guild::Member,
    id::{ChannelId, GenericId, GuildId, ScheduledEventId, UserId},
    user::User,
    util::ImageHash,
    validate::{self, ValidationError, ValidationErrorKind},
};

int_enum! {
    /// Who can access a scheduled event.
    pub enum GuildScheduledEventPrivacyLevel: u8 {
        /// Only guild members.
        GuildOnly = 2,
    }
}

int_enum! {
    /// The status of a scheduled event.
    pub enum GuildScheduledEventStatus: u8 {
        /// Scheduled.
        Scheduled = 1,
        /// Happening now.
        Active = 2,
        /// Over (final).
        Completed = 3,
        /// Canceled (final).
        Canceled = 4,
    }
}

int_enum! {
    /// Where a scheduled event takes place.
    pub enum GuildScheduledEventEntityType: u8 {
        /// In a stage channel.
        StageInstance = 1,
        /// In a voice channel.
        Voice = 2,
        /// Somewhere else (`entity_metadata.location`).
        External = 3,
    }
}

int_enum! {
    /// How often a recurring event occurs.
    pub enum RecurrenceRuleFrequency: u8 {
        /// Every year.
        Yearly = 0,
        /// Every month.
        Monthly = 1,
        /// Every week.
        Weekly = 2,
        /// Every day.
        Daily = 3,
    }
}

int_enum! {
    /// A day of the week.
    pub enum RecurrenceRuleWeekday: u8 {
        /// Monday.
        Monday = 0,
        /// Tuesday.
        Tuesday = 1,
        /// Wednesday.
        Wednesday = 2,
        /// Thursday.
        Thursday = 3,
        /// Friday.
        Friday = 4,
        /// Saturday.
        Saturday = 5,
        /// Sunday.
        Sunday = 6,
    }
}

int_enum! {
    /// A month.
    pub enum RecurrenceRuleMonth: u8 {
        /// January.
        January = 1,
        /// February.
        February = 2,
        /// March.
        March = 3,
        /// April.
        April = 4,
        /// May.
        May = 5,
        /// June.
        June = 6,
        /// July.
        July = 7,
        /// August.
        August = 8,
        /// September.
        September = 9,
        /// October.
        October = 10,
        /// November.
        November = 11,
        /// December.
        December = 12,
    }
}

int_enum! {
    /// A user's RSVP to a scheduled event.
    pub enum GuildScheduledEventUserResponse: u8 {
        /// Not interested.
        Uninterested = 0,
        /// Interested.
        Interested = 1,
    }
}

/// An event scheduled in a guild.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildScheduledEvent {
    /// The event's id.
    pub id: ScheduledEventId,
    /// The guild the event belongs to.
    pub guild_id: GuildId,
    /// The channel hosting the event; `None` for external events.
    #[serde(default)]
    pub channel_id: Option<ChannelId>,
    /// The user who created the event (`None` for events created before October 25th, 2021).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<UserId>,
    /// The event's name (1-100 characters).
    pub name: String,
    /// The event's description (1-1000 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When the event starts.
    pub scheduled_start_time: Timestamp,
    /// When the event ends (required for external events).
    #[serde(default)]
    pub scheduled_end_time: Option<Timestamp>,
    /// Who can access the event.
    pub privacy_level: GuildScheduledEventPrivacyLevel,
    /// The event's status.
    pub status: GuildScheduledEventStatus,
    /// Where the event takes place.
    pub entity_type: GuildScheduledEventEntityType,
    /// The entity associated with the event (a stage instance).
    #[serde(default)]
    pub entity_id: Option<GenericId>,
    /// Additional metadata (the location of external events).
    #[serde(default)]
    pub entity_metadata: Option<GuildScheduledEventEntityMetadata>,
    /// The user who created the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<User>,
    /// How many users subscribed (with `with_user_count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_count: Option<u32>,
    /// The cover image hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageHash>,
    /// How often the event recurs; `None` when it does not.
    #[serde(default)]
    pub recurrence_rule: Option<RecurrenceRule>,
    /// The current user's RSVP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_rsvp: Option<GuildScheduledEventUser>,
    /// Exceptions to the recurrence: moved or canceled occurrences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guild_scheduled_event_exceptions: Vec<GuildScheduledEventException>,
}

impl GuildScheduledEvent {
    /// Most characters of a name.
    pub const NAME_MAX: usize = 100;
    /// Most characters of a description.
    pub const DESCRIPTION_MAX: usize = 1000;
}

/// Additional metadata of a scheduled event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildScheduledEventEntityMetadata {
    /// The location of an external event (1-100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// How often a scheduled event recurs (a subset of iCalendar's RRULE).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecurrenceRule {
    /// Start of the recurrence interval.
    pub start: Timestamp,
    /// End of the recurrence interval (set by Discord only).
    #[serde(default)]
    pub end: Option<Timestamp>,
    /// How often the event occurs.
    pub frequency: RecurrenceRuleFrequency,
    /// The spacing between events in units of `frequency` (other than 1 only weekly).
    #[serde(default = "default_interval")]
    pub interval: u16,
    /// Days within a week to recur on.
    #[serde(default)]
    pub by_weekday: Option<Vec<RecurrenceRuleWeekday>>,
    /// Days within a given week of the month to recur on.
    #[serde(default)]
    pub by_n_weekday: Option<Vec<NWeekday>>,
    /// Months to recur on.
    #[serde(default)]
    pub by_month: Option<Vec<RecurrenceRuleMonth>>,
    /// Dates within a month to recur on.
    #[serde(default)]
    pub by_month_day: Option<Vec<u8>>,
    /// Days within a year to recur on, 1-364 (set by Discord only).
    #[serde(default)]
    pub by_year_day: Option<Vec<u16>>,
    /// How many times the event recurs before stopping (set by Discord only).
    #[serde(default)]
    pub count: Option<u32>,
}

impl RecurrenceRule {
    /// A rule recurring every `frequency` from `start` (refine it with the `by_*`
    /// fields and `interval`).
    ///
    /// ```
    /// use kokoro_model::{Timestamp, scheduled_event::*};
    ///
    /// let mut every_wednesday = RecurrenceRule::new(Timestamp::now(), RecurrenceRuleFrequency::Weekly);
    /// every_wednesday.by_weekday = Some(vec![RecurrenceRuleWeekday::Wednesday]);
    /// assert!(every_wednesday.validate().is_ok());
    /// every_wednesday.interval = 3;
    /// assert_eq!(every_wednesday.validate().unwrap_err().to_string(),
    ///     "recurrence_rule.interval is 3, outside 1..=2");
    /// ```
    pub fn new(start: Timestamp, frequency: RecurrenceRuleFrequency) -> Self {
        Self {
            start,
            end: None,
            frequency,
            interval: 1,
            by_weekday: None,
            by_n_weekday: None,
            by_month: None,
            by_month_day: None,
            by_year_day: None,
            count: None,
        }
    }

    /// Checks Discord's rules for recurrence rules an application sets: `end`,
    /// `count` and `by_year_day` are Discord's own; `interval` is 1 (2 for weekly
    /// rules); `by_weekday` only daily or weekly (one day when weekly), `by_n_weekday`
    /// only monthly (one entry, week 1-5), `by_month` with `by_month_day` only yearly
    /// (one each); those three are mutually exclusive. Errors name the field as
    /// `recurrence_rule.<field>`.
    pub fn validate(&self) -> Result<(), ValidationError> {
        use RecurrenceRuleFrequency as F;
        let invalid = |field: &'static str, reason: &'static str| {
            Err(ValidationError::new(
                field,
                ValidationErrorKind::Invalid { reason },
            ))
        };
        let result = (|| {
            if self.end.is_some() {
                return invalid("end", "is set by Discord only");
            }
            if self.count.is_some() {
                return invalid("count", "is set by Discord only");
            }
            if self.by_year_day.is_some() {
                return invalid("by_year_day", "is set by Discord only");
            }
            let max_interval = if self.frequency == F::Weekly { 2 } else { 1 };
            validate::in_range("interval", self.interval.into(), 1, max_interval)?;
            let monthly_days = self.by_month.is_some() || self.by_month_day.is_some();
            let used = [
                self.by_weekday.is_some(),
                self.by_n_weekday.is_some(),
                monthly_days,
            ];
            if used.iter().filter(|u| **u).count() > 1 {
                return Err(ValidationError::new(
                    "by_weekday",
                    ValidationErrorKind::Conflict {
                        other: "by_n_weekday or by_month",
                    },
                ));
            }
            if let Some(days) = &self.by_weekday {
                match self.frequency {
                    F::Daily => validate::max_items("by_weekday", days.len(), 7)?,
                    F::Weekly => validate::max_items("by_weekday", days.len(), 1)?,
                    _ => return invalid("by_weekday", "is only for daily and weekly rules"),
                }
            }
            if let Some(days) = &self.by_n_weekday {
                if self.frequency != F::Monthly {
                    return invalid("by_n_weekday", "is only for monthly rules");
                }
                validate::max_items("by_n_weekday", days.len(), 1)?;
                for d in days {
                    validate::in_range("by_n_weekday.n", d.n.into(), 1, 5)?;
                }
            }
            if monthly_days {
                if self.frequency != F::Yearly {
                    return invalid("by_month", "is only for yearly rules");
                }
                let months = self.by_month.as_ref().map_or(0, Vec::len);
                let days = self.by_month_day.as_ref().map_or(0, Vec::len);
                if months != 1 {
                    return invalid("by_month", "must hold one month, with by_month_day");
                }
                if days != 1 {
                    return invalid("by_month_day", "must hold one day, with by_month");
                }
                for d in self.by_month_day.iter().flatten() {
                    validate::in_range("by_month_day", (*d).into(), 1, 31)?;
                }
            }
            Ok(())
        })();
        result.map_err(|e| e.within("recurrence_rule"))
    }
}

/// Where a new scheduled event takes place, with what each entity type requires:
/// a stage or voice channel, or a location (1 to 100 characters) and an end time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduledEventLocation {
    /// In a stage channel (`entity_type` 1).
    Stage(ChannelId),
    /// In a voice channel (`entity_type` 2).
    Voice(ChannelId),
    /// Somewhere else (`entity_type` 3): `entity_metadata.location` and
    /// `scheduled_end_time` are required.
    External {
        /// Where (1 to 100 characters).
        location: String,
        /// When it ends.
        end: Timestamp,
    },
}

impl ScheduledEventLocation {
    /// Somewhere else, until `end`.
    pub fn external(location: impl Into<String>, end: Timestamp) -> Self {
        Self::External {
            location: location.into(),
            end,
        }
    }

    /// The entity type this location has.
    pub fn entity_type(&self) -> GuildScheduledEventEntityType {
        match self {
            Self::Stage(_) => GuildScheduledEventEntityType::StageInstance,
            Self::Voice(_) => GuildScheduledEventEntityType::Voice,
            Self::External { .. } => GuildScheduledEventEntityType::External,
        }
    }

    /// The channel of a stage or voice event.
    pub fn channel_id(&self) -> Option<ChannelId> {
        match self {
            Self::Stage(c) | Self::Voice(c) => Some(*c),
            Self::External { .. } => None,
        }
    }

    /// Checks the location's length (`entity_metadata.location`, 1 to 100 characters).
    pub fn validate(&self) -> Result<(), ValidationError> {
        match self {
            Self::External { location, .. } => {
                validate::chars_between("location", location, 1, 100)
                    .map_err(|e| e.within("entity_metadata"))
            }
            _ => Ok(()),
        }
    }
}

fn default_interval() -> u16 {
    1
}

/// A day within a given week of the month (the 2nd Tuesday, say).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NWeekday {
    /// The week, 1-5.
    pub n: u8,
    /// The day within the week.
    pub day: RecurrenceRuleWeekday,
}

/// A moved or canceled occurrence of a recurring event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildScheduledEventException {
    /// The scheduled event.
    pub event_id: ScheduledEventId,
    /// The exception's id.
    pub event_exception_id: GenericId,
    /// The overridden start time of the occurrence.
    #[serde(default)]
    pub scheduled_start_time: Option<Timestamp>,
    /// The overridden end time of the occurrence.
    #[serde(default)]
    pub scheduled_end_time: Option<Timestamp>,
    /// Whether the occurrence is canceled.
    #[serde(default)]
    pub is_canceled: bool,
}

/// A user subscribed to a scheduled event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildScheduledEventUser {
    /// The scheduled event.
    pub guild_scheduled_event_id: ScheduledEventId,
    /// The occurrence the user responded to, for recurring events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_scheduled_event_exception_id: Option<GenericId>,
    /// The user's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
    /// The user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The user's membership in the event's guild.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Member>,
    /// The user's RSVP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<GuildScheduledEventUserResponse>,
}

/// How many users are interested in a scheduled event and in each of its
/// exceptions (`GET /guilds/{id}/scheduled-events/{event_id}/users/counts`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildScheduledEventUserCounts {
    /// Users interested in the event.
    #[serde(default)]
    pub guild_scheduled_event_count: u32,
    /// Users interested in each exception, by exception id.
    #[serde(default)]
    pub guild_scheduled_event_exception_counts: HashMap<GenericId, u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(frequency: RecurrenceRuleFrequency) -> RecurrenceRule {
        RecurrenceRule::new(Timestamp::from_micros(1_900_000_000_000_000), frequency)
    }

    #[test]
    fn recurrence_rules_follow_discords_rules() {
        let mut yearly = rule(RecurrenceRuleFrequency::Yearly);
        yearly.by_month = Some(vec![RecurrenceRuleMonth::July]);
        yearly.by_month_day = Some(vec![24]);
        assert!(yearly.validate().is_ok());
        yearly.by_month_day = None;
        assert_eq!(
            yearly.validate().unwrap_err().to_string(),
            "recurrence_rule.by_month_day is invalid: must hold one day, with by_month"
        );

        let mut monthly = rule(RecurrenceRuleFrequency::Monthly);
        monthly.by_n_weekday = Some(vec![NWeekday {
            n: 6,
            day: RecurrenceRuleWeekday::Wednesday,
        }]);
        assert_eq!(
            monthly.validate().unwrap_err().to_string(),
            "recurrence_rule.by_n_weekday.n is 6, outside 1..=5"
        );
        monthly.by_weekday = Some(vec![RecurrenceRuleWeekday::Monday]);
        assert_eq!(
            monthly.validate().unwrap_err().field(),
            "recurrence_rule.by_weekday"
        );

        let mut weekly = rule(RecurrenceRuleFrequency::Weekly);
        weekly.by_weekday = Some(vec![
            RecurrenceRuleWeekday::Monday,
            RecurrenceRuleWeekday::Friday,
        ]);
        assert_eq!(
            weekly.validate().unwrap_err().to_string(),
            "recurrence_rule.by_weekday has 2 items, more than the limit of 1"
        );
        let mut daily = rule(RecurrenceRuleFrequency::Daily);
        daily.count = Some(3);
        assert_eq!(
            daily.validate().unwrap_err().to_string(),
            "recurrence_rule.count is invalid: is set by Discord only"
        );
        daily.count = None;
        daily.by_weekday = Some(vec![
            RecurrenceRuleWeekday::Saturday,
            RecurrenceRuleWeekday::Sunday,
        ]);
        assert!(daily.validate().is_ok());
    }

    #[test]
    fn locations_carry_their_entity_type() {
        let end = Timestamp::from_micros(1_900_000_000_000_000);
        let outside = ScheduledEventLocation::external("the park", end);
        assert_eq!(
            outside.entity_type(),
            GuildScheduledEventEntityType::External
        );
        assert_eq!(outside.channel_id(), None);
        assert!(outside.validate().is_ok());
        let stage = ScheduledEventLocation::Stage(ChannelId::new(1));
        assert_eq!(
            stage.entity_type(),
            GuildScheduledEventEntityType::StageInstance
        );
        assert_eq!(stage.channel_id(), Some(ChannelId::new(1)));
        assert_eq!(
            ScheduledEventLocation::external("", end)
                .validate()
                .unwrap_err()
                .to_string(),
            "entity_metadata.location is 0 characters long, less than the minimum of 1"
        );
    }
}
