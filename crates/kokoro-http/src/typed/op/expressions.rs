//! Operation markers of the emoji, sticker, soundboard, scheduled-event and stage families (see [`crate::typed`]).

use kokoro_model::{
    emoji::Emoji,
    scheduled_event::{
        GuildScheduledEvent, GuildScheduledEventException, GuildScheduledEventUser,
        GuildScheduledEventUserCounts,
    },
    soundboard::{GuildSoundboardSounds, SoundboardSound},
    stage_instance::StageInstance,
    sticker::{Sticker, StickerPack, StickerPacks},
};

ops! {
    /// `GET /guilds/{guild_id}/emojis`
    ListGuildEmojis => Vec<Emoji> [ListGuildEmojis];
    /// `GET /guilds/{guild_id}/emojis/{emoji_id}`
    GetGuildEmoji => Emoji [GetGuildEmoji];
    /// `POST /guilds/{guild_id}/emojis`
    CreateGuildEmoji => Emoji [CreateGuildEmoji], audited;
    /// `PATCH /guilds/{guild_id}/emojis/{emoji_id}`
    UpdateGuildEmoji => Emoji [UpdateGuildEmoji], audited;
    /// `DELETE /guilds/{guild_id}/emojis/{emoji_id}`
    DeleteGuildEmoji => () [DeleteGuildEmoji], audited;

    /// `GET /guilds/{guild_id}/stickers`
    ListGuildStickers => Vec<Sticker> [ListGuildStickers];
    /// `GET /guilds/{guild_id}/stickers/{sticker_id}`
    GetGuildSticker => Sticker [GetGuildSticker];
    /// `POST /guilds/{guild_id}/stickers` (multipart)
    CreateGuildSticker => Sticker [CreateGuildSticker], audited;
    /// `PATCH /guilds/{guild_id}/stickers/{sticker_id}`
    UpdateGuildSticker => Sticker [UpdateGuildSticker], audited;
    /// `DELETE /guilds/{guild_id}/stickers/{sticker_id}`
    DeleteGuildSticker => () [DeleteGuildSticker], audited;
    /// `GET /stickers/{sticker_id}`
    GetSticker => Sticker [GetSticker];
    /// `GET /sticker-packs`
    ListStickerPacks => StickerPacks [ListStickerPacks];
    /// `GET /sticker-packs/{pack_id}`
    GetStickerPack => StickerPack [GetStickerPack];

    /// `GET /soundboard-default-sounds`
    ListDefaultSoundboardSounds => Vec<SoundboardSound> [GetSoundboardDefaultSounds];
    /// `GET /guilds/{guild_id}/soundboard-sounds`
    ListGuildSoundboardSounds => GuildSoundboardSounds [ListGuildSoundboardSounds];
    /// `GET /guilds/{guild_id}/soundboard-sounds/{sound_id}`
    GetGuildSoundboardSound => SoundboardSound [GetGuildSoundboardSound];
    /// `POST /guilds/{guild_id}/soundboard-sounds`
    CreateGuildSoundboardSound => SoundboardSound [CreateGuildSoundboardSound], audited;
    /// `PATCH /guilds/{guild_id}/soundboard-sounds/{sound_id}`
    UpdateGuildSoundboardSound => SoundboardSound [UpdateGuildSoundboardSound], audited;
    /// `DELETE /guilds/{guild_id}/soundboard-sounds/{sound_id}`
    DeleteGuildSoundboardSound => () [DeleteGuildSoundboardSound], audited;
    /// `POST /channels/{channel_id}/send-soundboard-sound`
    SendSoundboardSound => () [SendSoundboardSound];

    /// `GET /guilds/{guild_id}/scheduled-events`
    ListScheduledEvents => Vec<GuildScheduledEvent> [ListGuildScheduledEvents];
    /// `GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}`
    GetScheduledEvent => GuildScheduledEvent [GetGuildScheduledEvent];
    /// `POST /guilds/{guild_id}/scheduled-events`
    CreateScheduledEvent => GuildScheduledEvent [CreateGuildScheduledEvent], audited;
    /// `PATCH /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}`
    UpdateScheduledEvent => GuildScheduledEvent [UpdateGuildScheduledEvent], audited;
    /// `DELETE /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}`
    DeleteScheduledEvent => () [DeleteGuildScheduledEvent], audited;
    /// `GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}[/{guild_scheduled_event_exception_id}]/users`
    ListScheduledEventUsers => Vec<GuildScheduledEventUser>
        [ListGuildScheduledEventUsers, ListGuildScheduledEventExceptionUsers];
    /// `GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users/counts`
    CountScheduledEventUsers => GuildScheduledEventUserCounts [CountGuildScheduledEventUsers];
    /// `POST /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions`
    CreateScheduledEventException => GuildScheduledEventException
        [CreateGuildScheduledEventException], audited;
    /// `PATCH /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id}`
    UpdateScheduledEventException => GuildScheduledEventException
        [UpdateGuildScheduledEventException], audited;
    /// `DELETE /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id}`
    DeleteScheduledEventException => () [DeleteGuildScheduledEventException], audited;

    /// `POST /stage-instances`
    CreateStageInstance => StageInstance [CreateStageInstance], audited;
    /// `GET /stage-instances/{channel_id}`
    GetStageInstance => StageInstance [GetStageInstance];
    /// `PATCH /stage-instances/{channel_id}`
    UpdateStageInstance => StageInstance [UpdateStageInstance], audited;
    /// `DELETE /stage-instances/{channel_id}`
    DeleteStageInstance => () [DeleteStageInstance], audited;
}
