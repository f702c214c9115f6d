//! Emojis, stickers, soundboard sounds, scheduled events and stage instances.

use kokoro_model::{
    Timestamp,
    id::{
        ChannelId, EmojiId, GenericId, GuildId, RoleId, ScheduledEventId, SoundboardSoundId,
        StickerId, StickerPackId, UserId,
    },
    scheduled_event::{
        GuildScheduledEventPrivacyLevel, GuildScheduledEventStatus, RecurrenceRule,
        ScheduledEventLocation,
    },
    stage_instance::StageInstancePrivacyLevel,
    validate::{self, ValidationError},
};
use serde_json::{Value, json};

use super::{Builder, Payload, op};
use crate::{Attachment, Body, Client, Error, ImageData, Multipart, routes::Route};

/// Largest emoji image, in bytes (256 KiB).
const EMOJI_IMAGE_MAX: usize = 256 * 1024;
/// Largest sticker file or soundboard sound, in bytes (512 KiB).
const FILE_MAX: usize = 512 * 1024;

/// `field` holds at most `max` bytes.
fn max_bytes(field: &'static str, len: usize, max: usize) -> Result<(), ValidationError> {
    validate::in_range(
        field,
        i64::try_from(len).unwrap_or(i64::MAX),
        0,
        i64::try_from(max).unwrap_or(i64::MAX),
    )
}

/// Roles of an emoji: at most 1,521 (Discord's `maxItems`).
fn roles_check(roles: &[RoleId]) -> Result<(), ValidationError> {
    validate::max_items("roles", roles.len(), 1521)
}

// ---------------------------------------------------------------- emojis

macro_rules! emoji_setters {
    ($op:ty) => {
        impl Builder<'_, $op, Value> {
            /// The name (2 to 32 characters).
            pub fn name(self, name: impl Into<String>) -> Self {
                self.text("name", name.into(), 2, 32)
            }

            /// The roles allowed to use the emoji (at most 1,521; empty: everyone).
            pub fn roles(self, roles: &[RoleId]) -> Self {
                self.check(roles_check(roles)).field("roles", roles)
            }
        }
    };
}
emoji_setters!(op::CreateGuildEmoji);
emoji_setters!(op::UpdateGuildEmoji);

// ---------------------------------------------------------------- stickers

/// The multipart body of `POST /guilds/{guild_id}/stickers`: `name`, `description`,
/// `tags` and the `file` (PNG, APNG, GIF or Lottie JSON, at most 512 KiB).
#[derive(Clone, Debug)]
pub struct StickerUpload {
    name: String,
    description: String,
    tags: String,
    file: Attachment,
}

impl Payload for StickerUpload {
    fn check(&self) -> Result<(), ValidationError> {
        validate::chars_between("name", &self.name, 2, 30)?;
        if !self.description.is_empty() {
            validate::chars_between("description", &self.description, 2, 100)?;
        }
        validate::chars_between("tags", &self.tags, 1, 200)?;
        max_bytes("file", self.file.data.len(), FILE_MAX)
    }

    fn encode(self, _: Vec<Attachment>) -> Result<Body, Error> {
        Ok(Multipart::new()
            .text("name", self.name)
            .text("description", self.description)
            .text("tags", self.tags)
            .file("file", self.file)
            .into())
    }
}

impl Builder<'_, op::CreateGuildSticker, StickerUpload> {
    /// The description (empty, or 2 to 100 characters).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.body.description = description.into();
        self
    }
}

impl Builder<'_, op::UpdateGuildSticker, Value> {
    /// The name (2 to 30 characters).
    pub fn name(self, name: impl Into<String>) -> Self {
        self.text("name", name.into(), 2, 30)
    }

    /// The description (2 to 100 characters; `None` removes it).
    pub fn description(self, description: Option<&str>) -> Self {
        let check = description.map_or(Ok(()), |d| {
            validate::chars_between("description", d, 2, 100)
        });
        self.check(check).field("description", description)
    }

    /// The autocomplete tags (1 to 200 characters; for guild stickers, the name of a
    /// unicode emoji).
    pub fn tags(self, tags: impl Into<String>) -> Self {
        self.text("tags", tags.into(), 1, 200)
    }
}

// ---------------------------------------------------------------- soundboard

macro_rules! sound_setters {
    ($op:ty) => {
        impl Builder<'_, $op, Value> {
            /// The name (2 to 32 characters).
            pub fn name(self, name: impl Into<String>) -> Self {
                self.text("name", name.into(), 2, 32)
            }

            /// The volume, from 0 to 1 (Discord's default 1).
            pub fn volume(self, volume: f64) -> Self {
                let check = if (0.0..=1.0).contains(&volume) {
                    Ok(())
                } else {
                    Err(ValidationError::invalid("volume", "is outside 0..=1"))
                };
                self.check(check).field("volume", volume)
            }

            /// The sound's custom emoji (replaces a standard emoji).
            pub fn emoji_id(self, emoji: EmojiId) -> Self {
                self.field("emoji_id", emoji)
                    .field("emoji_name", Value::Null)
            }

            /// The sound's standard emoji, such as `"🦆"` (1 to 32 characters; replaces a
            /// custom emoji).
            pub fn emoji_name(self, emoji: impl Into<String>) -> Self {
                self.text("emoji_name", emoji.into(), 1, 32)
                    .field("emoji_id", Value::Null)
            }
        }
    };
}
sound_setters!(op::CreateGuildSoundboardSound);
sound_setters!(op::UpdateGuildSoundboardSound);

impl Builder<'_, op::SendSoundboardSound, Value> {
    /// The guild the sound is from, when it is not the voice channel's guild (needs
    /// `USE_EXTERNAL_SOUNDS`).
    pub fn source_guild_id(self, guild: GuildId) -> Self {
        self.field("source_guild_id", guild)
    }
}

// ---------------------------------------------------------------- scheduled events

/// Sets where an event takes place, with the fields its entity type requires.
fn set_location<'a, O>(
    builder: Builder<'a, O, Value>,
    at: &ScheduledEventLocation,
) -> Builder<'a, O, Value> {
    let builder = builder
        .check(at.validate())
        .field("entity_type", at.entity_type())
        .field("channel_id", at.channel_id());
    match at {
        ScheduledEventLocation::External { location, end } => builder
            .field("entity_metadata", json!({ "location": location }))
            .field("scheduled_end_time", end),
        ScheduledEventLocation::Stage(_) | ScheduledEventLocation::Voice(_) => builder,
    }
}

macro_rules! event_setters {
    ($op:ty) => {
        impl Builder<'_, $op, Value> {
            /// The name (1 to 100 characters).
            pub fn name(self, name: impl Into<String>) -> Self {
                self.text("name", name.into(), 1, 100)
            }

            /// The description (1 to 1,000 characters).
            pub fn description(self, description: impl Into<String>) -> Self {
                self.text("description", description.into(), 1, 1000)
            }

            /// When it ends (required for external events, which [`location`](Self::location)
            /// sets).
            pub fn scheduled_end_time(self, end: Timestamp) -> Self {
                self.field("scheduled_end_time", end)
            }

            /// The cover image, as a data URI.
            pub fn image(self, image: &ImageData) -> Self {
                self.field("image", image)
            }

            /// Who can see it (only `GuildOnly` today, the default).
            pub fn privacy_level(self, level: GuildScheduledEventPrivacyLevel) -> Self {
                self.field("privacy_level", level)
            }

            /// How it recurs, checked with [`RecurrenceRule::validate`] (`None` on updates:
            /// it no longer recurs).
            pub fn recurrence_rule(self, rule: Option<RecurrenceRule>) -> Self {
                let check = rule.as_ref().map_or(Ok(()), RecurrenceRule::validate);
                self.check(check).field("recurrence_rule", rule)
            }
        }
    };
}
event_setters!(op::CreateScheduledEvent);
event_setters!(op::UpdateScheduledEvent);

impl Builder<'_, op::UpdateScheduledEvent, Value> {
    /// Moves the event: a stage or voice channel, or somewhere else with an end time
    /// (which sets `channel_id` to null, as Discord requires).
    pub fn location(self, at: &ScheduledEventLocation) -> Self {
        set_location(self, at)
    }

    /// When it starts.
    pub fn scheduled_start_time(self, start: Timestamp) -> Self {
        self.field("scheduled_start_time", start)
    }

    /// Starts (`Active`), ends (`Completed`) or cancels (`Canceled`) the event.
    pub fn status(self, status: GuildScheduledEventStatus) -> Self {
        self.field("status", status)
    }
}

impl Builder<'_, op::ListScheduledEventUsers> {
    /// How many (1 to 100; Discord's default 100).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 100)
    }

    /// Includes each user's guild member object.
    pub fn with_member(self) -> Self {
        self.query("with_member", true)
    }

    /// Users whose id is below this one.
    pub fn before(self, id: UserId) -> Self {
        self.query("before", id)
    }

    /// Users whose id is above this one.
    pub fn after(self, id: UserId) -> Self {
        self.query("after", id)
    }
}

impl Builder<'_, op::ListScheduledEvents> {
    /// Includes each event's `user_count`.
    pub fn with_user_count(self) -> Self {
        self.query("with_user_count", true)
    }
}

impl Builder<'_, op::GetScheduledEvent> {
    /// Includes the event's `user_count`.
    pub fn with_user_count(self) -> Self {
        self.query("with_user_count", true)
    }
}

impl Builder<'_, op::CountScheduledEventUsers> {
    /// Also counts the users of these exceptions (at most 10).
    pub fn exception_ids(mut self, ids: &[GenericId]) -> Self {
        self = self.check(validate::max_items(
            "guild_scheduled_event_exception_ids",
            ids.len(),
            10,
        ));
        for id in ids {
            self = self.query("guild_scheduled_event_exception_ids", id);
        }
        self
    }
}

macro_rules! exception_setters {
    ($op:ty) => {
        impl Builder<'_, $op, Value> {
            /// The occurrence's new start time (`None`: back to the rule's).
            pub fn scheduled_start_time(self, start: Option<Timestamp>) -> Self {
                self.field("scheduled_start_time", start)
            }

            /// The occurrence's new end time.
            pub fn scheduled_end_time(self, end: Option<Timestamp>) -> Self {
                self.field("scheduled_end_time", end)
            }

            /// Skips (or restores) the occurrence.
            pub fn canceled(self, canceled: bool) -> Self {
                self.field("is_canceled", canceled)
            }
        }
    };
}
exception_setters!(op::CreateScheduledEventException);
exception_setters!(op::UpdateScheduledEventException);

// ---------------------------------------------------------------- stage instances

macro_rules! stage_setters {
    ($op:ty) => {
        impl Builder<'_, $op, Value> {
            /// The topic (1 to 120 characters).
            pub fn topic(self, topic: impl Into<String>) -> Self {
                self.text("topic", topic.into(), 1, 120)
            }

            /// Who can see it (`GuildOnly`, the default; `Public` is deprecated).
            pub fn privacy_level(self, level: StageInstancePrivacyLevel) -> Self {
                self.field("privacy_level", level)
            }
        }
    };
}
stage_setters!(op::CreateStageInstance);
stage_setters!(op::UpdateStageInstance);

impl Builder<'_, op::CreateStageInstance, Value> {
    /// Notifies `@everyone` that the stage started (needs `MENTION_EVERYONE`).
    pub fn send_start_notification(self, notify: bool) -> Self {
        self.field("send_start_notification", notify)
    }

    /// The scheduled event the stage belongs to.
    pub fn guild_scheduled_event_id(self, event: ScheduledEventId) -> Self {
        self.field("guild_scheduled_event_id", event)
    }
}

impl Client {
    // ------------------------------------------------------------ emojis

    /// `GET /guilds/{guild_id}/emojis`: the guild's custom emojis.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_http::ImageData;
    /// use kokoro_model::id::GuildId;
    ///
    /// let guild = GuildId::new(1);
    /// let png = ImageData::new("image/png", &std::fs::read("blob.png").unwrap());
    /// let blob = client.create_emoji(guild, "blob", &png).reason("new emoji").await?;
    /// client.update_emoji(guild, blob.id).name("blobby").await?;
    /// assert!(client.emojis(guild).await?.iter().any(|e| e.id == blob.id));
    /// # Ok(()) }
    /// ```
    pub fn emojis(&self, guild_id: GuildId) -> Builder<'_, op::ListGuildEmojis> {
        Builder::new(self, Route::ListGuildEmojis { guild_id })
    }

    /// `GET /guilds/{guild_id}/emojis/{emoji_id}`: one custom emoji.
    pub fn emoji(&self, guild_id: GuildId, emoji_id: EmojiId) -> Builder<'_, op::GetGuildEmoji> {
        Builder::new(self, Route::GetGuildEmoji { guild_id, emoji_id })
    }

    /// `POST /guilds/{guild_id}/emojis`: a custom emoji named `name` (2 to 32
    /// characters) from an image of at most 256 KiB (`.roles()` limits who may use it).
    pub fn create_emoji(
        &self,
        guild_id: GuildId,
        name: impl Into<String>,
        image: &ImageData,
    ) -> Builder<'_, op::CreateGuildEmoji, Value> {
        Builder::<'_, op::CreateGuildEmoji, Value>::json(self, Route::CreateGuildEmoji { guild_id })
            .name(name)
            .check(max_bytes("image", image.byte_len(), EMOJI_IMAGE_MAX))
            .field("image", image)
    }

    /// `PATCH /guilds/{guild_id}/emojis/{emoji_id}`: renames it or changes its roles.
    pub fn update_emoji(
        &self,
        guild_id: GuildId,
        emoji_id: EmojiId,
    ) -> Builder<'_, op::UpdateGuildEmoji, Value> {
        Builder::json(self, Route::UpdateGuildEmoji { guild_id, emoji_id })
    }

    /// `DELETE /guilds/{guild_id}/emojis/{emoji_id}`.
    pub fn delete_emoji(
        &self,
        guild_id: GuildId,
        emoji_id: EmojiId,
    ) -> Builder<'_, op::DeleteGuildEmoji> {
        Builder::new(self, Route::DeleteGuildEmoji { guild_id, emoji_id })
    }

    // ------------------------------------------------------------ stickers

    /// `GET /guilds/{guild_id}/stickers`: the guild's stickers.
    pub fn guild_stickers(&self, guild_id: GuildId) -> Builder<'_, op::ListGuildStickers> {
        Builder::new(self, Route::ListGuildStickers { guild_id })
    }

    /// `GET /guilds/{guild_id}/stickers/{sticker_id}`: one of the guild's stickers.
    pub fn guild_sticker(
        &self,
        guild_id: GuildId,
        sticker_id: StickerId,
    ) -> Builder<'_, op::GetGuildSticker> {
        Builder::new(
            self,
            Route::GetGuildSticker {
                guild_id,
                sticker_id,
            },
        )
    }

    /// `POST /guilds/{guild_id}/stickers`: uploads a sticker (multipart) named `name`
    /// (2 to 30 characters), with autocomplete `tags` (1 to 200 characters, the name
    /// of a unicode emoji) and a PNG, APNG, GIF or Lottie `file` of at most 512 KiB.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_http::Attachment;
    /// use kokoro_model::id::GuildId;
    ///
    /// let file = Attachment::new("wave.png", std::fs::read("wave.png").unwrap());
    /// let sticker = client
    ///     .create_guild_sticker(GuildId::new(1), "wave", "wave", file)
    ///     .description("hello there")
    ///     .await?;
    /// println!("{}", sticker.name);
    /// # Ok(()) }
    /// ```
    pub fn create_guild_sticker(
        &self,
        guild_id: GuildId,
        name: impl Into<String>,
        tags: impl Into<String>,
        file: Attachment,
    ) -> Builder<'_, op::CreateGuildSticker, StickerUpload> {
        let body = StickerUpload {
            name: name.into(),
            description: String::new(),
            tags: tags.into(),
            file,
        };
        Builder::with_body(self, Route::CreateGuildSticker { guild_id }, body)
    }

    /// `PATCH /guilds/{guild_id}/stickers/{sticker_id}`: name, description, tags.
    pub fn update_guild_sticker(
        &self,
        guild_id: GuildId,
        sticker_id: StickerId,
    ) -> Builder<'_, op::UpdateGuildSticker, Value> {
        Builder::json(
            self,
            Route::UpdateGuildSticker {
                guild_id,
                sticker_id,
            },
        )
    }

    /// `DELETE /guilds/{guild_id}/stickers/{sticker_id}`.
    pub fn delete_guild_sticker(
        &self,
        guild_id: GuildId,
        sticker_id: StickerId,
    ) -> Builder<'_, op::DeleteGuildSticker> {
        Builder::new(
            self,
            Route::DeleteGuildSticker {
                guild_id,
                sticker_id,
            },
        )
    }

    /// `GET /stickers/{sticker_id}`: any sticker, standard or of a guild.
    pub fn sticker(&self, sticker_id: StickerId) -> Builder<'_, op::GetSticker> {
        Builder::new(self, Route::GetSticker { sticker_id })
    }

    /// `GET /sticker-packs`: the packs of standard stickers.
    pub fn sticker_packs(&self) -> Builder<'_, op::ListStickerPacks> {
        Builder::new(self, Route::ListStickerPacks)
    }

    /// `GET /sticker-packs/{pack_id}`: one pack of standard stickers.
    pub fn sticker_pack(&self, pack_id: StickerPackId) -> Builder<'_, op::GetStickerPack> {
        Builder::new(self, Route::GetStickerPack { pack_id })
    }

    // ------------------------------------------------------------ soundboard

    /// `GET /soundboard-default-sounds`: the sounds every guild has.
    pub fn default_soundboard_sounds(&self) -> Builder<'_, op::ListDefaultSoundboardSounds> {
        Builder::new(self, Route::GetSoundboardDefaultSounds)
    }

    /// `GET /guilds/{guild_id}/soundboard-sounds`: the guild's sounds.
    pub fn guild_soundboard_sounds(
        &self,
        guild_id: GuildId,
    ) -> Builder<'_, op::ListGuildSoundboardSounds> {
        Builder::new(self, Route::ListGuildSoundboardSounds { guild_id })
    }

    /// `GET /guilds/{guild_id}/soundboard-sounds/{sound_id}`: one of the guild's sounds.
    pub fn guild_soundboard_sound(
        &self,
        guild_id: GuildId,
        sound_id: SoundboardSoundId,
    ) -> Builder<'_, op::GetGuildSoundboardSound> {
        Builder::new(self, Route::GetGuildSoundboardSound { guild_id, sound_id })
    }

    /// `POST /guilds/{guild_id}/soundboard-sounds`: a sound named `name` (2 to 32
    /// characters) from an MP3 or Ogg file of at most 512 KiB.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_http::ImageData;
    /// use kokoro_model::id::{ChannelId, GuildId};
    ///
    /// let ogg = ImageData::new("audio/ogg", &std::fs::read("quack.ogg").unwrap());
    /// let sound = client
    ///     .create_guild_soundboard_sound(GuildId::new(1), "quack", &ogg)
    ///     .volume(0.5)
    ///     .emoji_name("🦆")
    ///     .await?;
    /// client.send_soundboard_sound(ChannelId::new(2), sound.sound_id).await?;
    /// # Ok(()) }
    /// ```
    pub fn create_guild_soundboard_sound(
        &self,
        guild_id: GuildId,
        name: impl Into<String>,
        sound: &ImageData,
    ) -> Builder<'_, op::CreateGuildSoundboardSound, Value> {
        Builder::<'_, op::CreateGuildSoundboardSound, Value>::json(
            self,
            Route::CreateGuildSoundboardSound { guild_id },
        )
        .name(name)
        .check(max_bytes("sound", sound.byte_len(), FILE_MAX))
        .field("sound", sound)
    }

    /// `PATCH /guilds/{guild_id}/soundboard-sounds/{sound_id}`: name, volume, emoji.
    pub fn update_guild_soundboard_sound(
        &self,
        guild_id: GuildId,
        sound_id: SoundboardSoundId,
    ) -> Builder<'_, op::UpdateGuildSoundboardSound, Value> {
        Builder::json(
            self,
            Route::UpdateGuildSoundboardSound { guild_id, sound_id },
        )
    }

    /// `DELETE /guilds/{guild_id}/soundboard-sounds/{sound_id}`.
    pub fn delete_guild_soundboard_sound(
        &self,
        guild_id: GuildId,
        sound_id: SoundboardSoundId,
    ) -> Builder<'_, op::DeleteGuildSoundboardSound> {
        Builder::new(
            self,
            Route::DeleteGuildSoundboardSound { guild_id, sound_id },
        )
    }

    /// `POST /channels/{channel_id}/send-soundboard-sound`: plays a sound in the voice
    /// channel the bot is connected to (needs `SPEAK` and `USE_SOUNDBOARD`).
    pub fn send_soundboard_sound(
        &self,
        channel_id: ChannelId,
        sound_id: SoundboardSoundId,
    ) -> Builder<'_, op::SendSoundboardSound, Value> {
        Builder::json(self, Route::SendSoundboardSound { channel_id }).field("sound_id", sound_id)
    }

    // ------------------------------------------------------------ scheduled events

    /// `GET /guilds/{guild_id}/scheduled-events`: the guild's events.
    pub fn scheduled_events(&self, guild_id: GuildId) -> Builder<'_, op::ListScheduledEvents> {
        Builder::new(self, Route::ListGuildScheduledEvents { guild_id })
    }

    /// `GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}`.
    pub fn scheduled_event(
        &self,
        guild_id: GuildId,
        guild_scheduled_event_id: ScheduledEventId,
    ) -> Builder<'_, op::GetScheduledEvent> {
        let route = Route::GetGuildScheduledEvent {
            guild_id,
            guild_scheduled_event_id,
        };
        Builder::new(self, route)
    }

    /// `POST /guilds/{guild_id}/scheduled-events`: an event named `name` (1 to 100
    /// characters) starting at `start`, in a stage or voice channel or somewhere else
    /// (with its end time): `at` carries what its entity type requires.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::{Timestamp, id::GuildId, scheduled_event::*};
    ///
    /// let start = Timestamp::parse("2030-01-01T18:00:00Z").unwrap();
    /// let end = Timestamp::parse("2030-01-01T20:00:00Z").unwrap();
    /// let mut weekly = RecurrenceRule::new(start, RecurrenceRuleFrequency::Weekly);
    /// weekly.by_weekday = Some(vec![RecurrenceRuleWeekday::Tuesday]);
    /// let event = client
    ///     .create_scheduled_event(GuildId::new(1), "book club", start,
    ///         &ScheduledEventLocation::external("the library", end))
    ///     .description("chapter 3")
    ///     .recurrence_rule(Some(weekly))
    ///     .await?;
    /// println!("{}", event.id);
    /// # Ok(()) }
    /// ```
    pub fn create_scheduled_event(
        &self,
        guild_id: GuildId,
        name: impl Into<String>,
        start: Timestamp,
        at: &ScheduledEventLocation,
    ) -> Builder<'_, op::CreateScheduledEvent, Value> {
        let builder = Builder::<'_, op::CreateScheduledEvent, Value>::json(
            self,
            Route::CreateGuildScheduledEvent { guild_id },
        )
        .name(name)
        .field("scheduled_start_time", start)
        .field("privacy_level", GuildScheduledEventPrivacyLevel::GuildOnly);
        let ends_before = match at {
            ScheduledEventLocation::External { end, .. }
                if end.as_millis() <= start.as_millis() =>
            {
                Err(ValidationError::invalid(
                    "scheduled_end_time",
                    "is not after scheduled_start_time",
                ))
            }
            _ => Ok(()),
        };
        set_location(builder, at).check(ends_before)
    }

    /// `PATCH /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}`: any
    /// field, the location, or the status (start, end, cancel).
    pub fn update_scheduled_event(
        &self,
        guild_id: GuildId,
        guild_scheduled_event_id: ScheduledEventId,
    ) -> Builder<'_, op::UpdateScheduledEvent, Value> {
        let route = Route::UpdateGuildScheduledEvent {
            guild_id,
            guild_scheduled_event_id,
        };
        Builder::json(self, route)
    }

    /// `DELETE /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}`.
    pub fn delete_scheduled_event(
        &self,
        guild_id: GuildId,
        guild_scheduled_event_id: ScheduledEventId,
    ) -> Builder<'_, op::DeleteScheduledEvent> {
        let route = Route::DeleteGuildScheduledEvent {
            guild_id,
            guild_scheduled_event_id,
        };
        Builder::new(self, route)
    }

    /// `GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users`: the
    /// users interested in the event, by ascending id (`.limit()`, `.before()`,
    /// `.after()`, `.with_member()`).
    pub fn scheduled_event_users(
        &self,
        guild_id: GuildId,
        guild_scheduled_event_id: ScheduledEventId,
    ) -> Builder<'_, op::ListScheduledEventUsers> {
        let route = Route::ListGuildScheduledEventUsers {
            guild_id,
            guild_scheduled_event_id,
        };
        Builder::new(self, route)
    }

    /// `GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/{guild_scheduled_event_exception_id}/users`:
    /// the users interested in one occurrence of a recurring event.
    pub fn scheduled_event_exception_users(
        &self,
        guild_id: GuildId,
        guild_scheduled_event_id: ScheduledEventId,
        guild_scheduled_event_exception_id: GenericId,
    ) -> Builder<'_, op::ListScheduledEventUsers> {
        let route = Route::ListGuildScheduledEventExceptionUsers {
            guild_id,
            guild_scheduled_event_id,
            guild_scheduled_event_exception_id,
        };
        Builder::new(self, route)
    }

    /// `GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users/counts`:
    /// how many users are interested (and in which exceptions: `.exception_ids()`).
    pub fn scheduled_event_user_counts(
        &self,
        guild_id: GuildId,
        guild_scheduled_event_id: ScheduledEventId,
    ) -> Builder<'_, op::CountScheduledEventUsers> {
        let route = Route::CountGuildScheduledEventUsers {
            guild_id,
            guild_scheduled_event_id,
        };
        Builder::new(self, route)
    }

    /// `POST /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions`:
    /// moves or cancels the occurrence of a recurring event that would start at
    /// `original_start` (set at least one of `.canceled()`, `.scheduled_start_time()`,
    /// `.scheduled_end_time()`).
    pub fn create_scheduled_event_exception(
        &self,
        guild_id: GuildId,
        guild_scheduled_event_id: ScheduledEventId,
        original_start: Timestamp,
    ) -> Builder<'_, op::CreateScheduledEventException, Value> {
        let route = Route::CreateGuildScheduledEventException {
            guild_id,
            guild_scheduled_event_id,
        };
        Builder::json(self, route).field("original_scheduled_start_time", original_start)
    }

    /// `PATCH /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id}`.
    pub fn update_scheduled_event_exception(
        &self,
        guild_id: GuildId,
        guild_scheduled_event_id: ScheduledEventId,
        exception_id: GenericId,
    ) -> Builder<'_, op::UpdateScheduledEventException, Value> {
        let route = Route::UpdateGuildScheduledEventException {
            guild_id,
            guild_scheduled_event_id,
            exception_id,
        };
        Builder::json(self, route)
    }

    /// `DELETE /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id}`.
    pub fn delete_scheduled_event_exception(
        &self,
        guild_id: GuildId,
        guild_scheduled_event_id: ScheduledEventId,
        exception_id: GenericId,
    ) -> Builder<'_, op::DeleteScheduledEventException> {
        let route = Route::DeleteGuildScheduledEventException {
            guild_id,
            guild_scheduled_event_id,
            exception_id,
        };
        Builder::new(self, route)
    }

    // ------------------------------------------------------------ stage instances

    /// `POST /stage-instances`: makes the stage channel live with a `topic` (1 to 120
    /// characters); the bot must be a stage moderator (`MANAGE_CHANNELS`,
    /// `MUTE_MEMBERS` and `MOVE_MEMBERS`).
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::id::ChannelId;
    ///
    /// let stage = client.create_stage_instance(ChannelId::new(1), "Q&A").await?;
    /// client.update_stage_instance(stage.channel_id).topic("Q&A, part 2").await?;
    /// client.delete_stage_instance(stage.channel_id).reason("over").await?;
    /// # Ok(()) }
    /// ```
    pub fn create_stage_instance(
        &self,
        channel_id: ChannelId,
        topic: impl Into<String>,
    ) -> Builder<'_, op::CreateStageInstance, Value> {
        Builder::<'_, op::CreateStageInstance, Value>::json(self, Route::CreateStageInstance)
            .field("channel_id", channel_id)
            .topic(topic)
    }

    /// `GET /stage-instances/{channel_id}`: the live stage of a channel.
    pub fn stage_instance(&self, channel_id: ChannelId) -> Builder<'_, op::GetStageInstance> {
        Builder::new(self, Route::GetStageInstance { channel_id })
    }

    /// `PATCH /stage-instances/{channel_id}`: topic, privacy level.
    pub fn update_stage_instance(
        &self,
        channel_id: ChannelId,
    ) -> Builder<'_, op::UpdateStageInstance, Value> {
        Builder::json(self, Route::UpdateStageInstance { channel_id })
    }

    /// `DELETE /stage-instances/{channel_id}`: ends the stage.
    pub fn delete_stage_instance(
        &self,
        channel_id: ChannelId,
    ) -> Builder<'_, op::DeleteStageInstance> {
        Builder::new(self, Route::DeleteStageInstance { channel_id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offline() -> Client {
        Client::builder()
            .base_url("http://127.0.0.1:9/api/v10")
            .max_retries(0)
            .build()
    }

    #[tokio::test]
    async fn limits_fail_before_sending() {
        let client = offline();
        let g = GuildId::new(1);
        let png = ImageData::new("image/png", &[0; 16]);
        let err = client.create_emoji(g, "x", &png).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "name is 1 characters long, less than the minimum of 2"
        );
        let big = ImageData::new("image/png", &vec![0; EMOJI_IMAGE_MAX + 1]);
        let err = client.create_emoji(g, "ok", &big).await.unwrap_err();
        assert_eq!(err.to_string(), "image is 262145, outside 0..=262144");
        let err = client
            .create_guild_sticker(g, "ok", "", Attachment::new("a.png", &b"x"[..]))
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "tags is 0 characters long, less than the minimum of 1"
        );
        let err = client
            .update_guild_soundboard_sound(g, SoundboardSoundId::new(2))
            .volume(1.5)
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "volume is invalid: is outside 0..=1");
        let start = Timestamp::parse("2030-01-01T00:00:00Z").unwrap();
        let err = client
            .create_scheduled_event(g, "x", start, &ScheduledEventLocation::external("", start))
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "entity_metadata.location is 0 characters long, less than the minimum of 1"
        );
    }
}
