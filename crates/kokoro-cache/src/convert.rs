//! From kokoro-model objects to compact records.

use kokoro_model::{
    channel::{Channel, PermissionOverwrite, PermissionOverwriteType, ThreadMember},
    emoji::Emoji,
    guild::{Guild, Member, MemberFlags, PartialMember, Role},
    id::GuildId,
    message::Message,
    scheduled_event::GuildScheduledEvent,
    soundboard::SoundboardSound,
    stage_instance::StageInstance,
    sticker::Sticker,
    user::AvatarDecorationData,
    voice::VoiceState,
};
use smallvec::SmallVec;

use crate::{
    intern::Interner,
    record::{
        CachedAttachment, CachedChannel, CachedEmoji, CachedGuild, CachedMember, CachedReaction,
        CachedRole, CachedScheduledEvent, CachedSoundboardSound, CachedStageInstance,
        CachedSticker, CachedThreadMember, CachedUser, CachedVoiceState, MemberExtras, Overwrite,
        OverwriteTarget, RoleTagsRecord, ThreadInfo,
    },
};

fn decoration(
    d: &Option<AvatarDecorationData>,
    strings: &Interner,
) -> Option<(std::sync::Arc<str>, Option<kokoro_model::id::SkuId>)> {
    d.as_ref().map(|d| (strings.intern(&d.asset), d.sku_id))
}

fn boxed_extras(extras: MemberExtras) -> Option<Box<MemberExtras>> {
    (!extras.is_empty()).then(|| Box::new(extras))
}

pub(crate) fn member(
    m: &Member,
    user_id: kokoro_model::id::UserId,
    strings: &Interner,
) -> CachedMember {
    CachedMember {
        user_id,
        nick: m.nick.as_deref().map(Into::into),
        avatar: m.avatar,
        roles: SmallVec::from_slice(&m.roles),
        joined_at: m.joined_at,
        flags: m.flags,
        deaf: m.deaf,
        mute: m.mute,
        pending: m.pending,
        extras: boxed_extras(MemberExtras {
            premium_since: m.premium_since,
            communication_disabled_until: m.communication_disabled_until,
            banner: m.banner,
            avatar_decoration: decoration(&m.avatar_decoration_data, strings),
        }),
    }
}

/// Whether `c` already holds what `m` says (so nothing needs writing).
pub(crate) fn member_matches(c: &CachedMember, m: &Member) -> bool {
    let extras = c.extras.as_deref();
    c.nick.as_deref() == m.nick.as_deref()
        && c.avatar == m.avatar
        && c.roles.as_slice() == m.roles.as_slice()
        && c.joined_at == m.joined_at
        && c.flags == m.flags
        && c.deaf == m.deaf
        && c.mute == m.mute
        && c.pending == m.pending
        && c.premium_since() == m.premium_since
        && c.communication_disabled_until() == m.communication_disabled_until
        && extras.and_then(|e| e.banner) == m.banner
        && match (
            &m.avatar_decoration_data,
            extras.and_then(|e| e.avatar_decoration.as_ref()),
        ) {
            (Some(d), Some((asset, sku))) => **asset == *d.asset && *sku == d.sku_id,
            (None, None) => true,
            _ => false,
        }
}

/// Applies a partial member (MESSAGE_CREATE's `member`) to a cached one:
/// what it carries replaces, what it lacks stays.
pub(crate) fn apply_partial_member(
    target: &mut CachedMember,
    m: &PartialMember,
    strings: &Interner,
) {
    target.nick = m.nick.as_deref().map(Into::into);
    target.avatar = m.avatar;
    target.roles = SmallVec::from_slice(&m.roles);
    if m.joined_at.is_some() {
        target.joined_at = m.joined_at;
    }
    if let Some(deaf) = m.deaf {
        target.deaf = deaf;
    }
    if let Some(mute) = m.mute {
        target.mute = mute;
    }
    if let Some(flags) = m.flags {
        target.flags = flags;
    }
    target.pending = m.pending;
    let mut extras = target.extras.take().map(|e| *e).unwrap_or_default();
    extras.premium_since = m.premium_since;
    extras.communication_disabled_until = m.communication_disabled_until;
    if m.banner.is_some() {
        extras.banner = m.banner;
    }
    if m.avatar_decoration_data.is_some() {
        extras.avatar_decoration = decoration(&m.avatar_decoration_data, strings);
    }
    target.extras = boxed_extras(extras);
}

/// Whether applying `m` would leave `c` as it is.
pub(crate) fn partial_member_matches(c: &CachedMember, m: &PartialMember) -> bool {
    let extras = c.extras.as_deref();
    c.nick.as_deref() == m.nick.as_deref()
        && c.avatar == m.avatar
        && c.roles.as_slice() == m.roles.as_slice()
        && (m.joined_at.is_none() || c.joined_at == m.joined_at)
        && m.deaf.is_none_or(|d| d == c.deaf)
        && m.mute.is_none_or(|d| d == c.mute)
        && m.flags.is_none_or(|f| f == c.flags)
        && c.pending == m.pending
        && c.premium_since() == m.premium_since
        && c.communication_disabled_until() == m.communication_disabled_until
        && (m.banner.is_none() || extras.and_then(|e| e.banner) == m.banner)
        && m.avatar_decoration_data.as_ref().is_none_or(|d| {
            extras
                .and_then(|e| e.avatar_decoration.as_ref())
                .is_some_and(|(asset, sku)| **asset == *d.asset && *sku == d.sku_id)
        })
}

/// Applies GUILD_MEMBER_UPDATE to a member (a default one when not cached).
pub(crate) fn apply_member_update(
    target: &mut CachedMember,
    u: &kokoro_model::gateway::event::GuildMemberUpdate,
    strings: &Interner,
) {
    target.roles = SmallVec::from_slice(&u.roles);
    if let Some(nick) = &u.nick {
        target.nick = nick.as_deref().map(Into::into);
    }
    target.avatar = u.avatar;
    if u.joined_at.is_some() {
        target.joined_at = u.joined_at;
    }
    if let Some(deaf) = u.deaf {
        target.deaf = deaf;
    }
    if let Some(mute) = u.mute {
        target.mute = mute;
    }
    if let Some(pending) = u.pending {
        target.pending = pending;
    }
    if let Some(flags) = u.flags {
        target.flags = flags;
    }
    let mut extras = target.extras.take().map(|e| *e).unwrap_or_default();
    if let Some(premium_since) = u.premium_since {
        extras.premium_since = premium_since;
    }
    if let Some(until) = u.communication_disabled_until {
        extras.communication_disabled_until = until;
    }
    extras.banner = u.banner;
    if let Some(d) = &u.avatar_decoration_data {
        extras.avatar_decoration = decoration(d, strings);
    }
    target.extras = boxed_extras(extras);
}

pub(crate) fn empty_member(user_id: kokoro_model::id::UserId) -> CachedMember {
    CachedMember {
        user_id,
        nick: None,
        avatar: None,
        roles: SmallVec::new(),
        joined_at: None,
        flags: MemberFlags::empty(),
        deaf: false,
        mute: false,
        pending: false,
        extras: None,
    }
}

pub(crate) fn role(guild_id: GuildId, r: &Role) -> CachedRole {
    let extra_colors = r
        .colors
        .secondary_color
        .map(|second| (second, r.colors.tertiary_color));
    CachedRole {
        id: r.id,
        guild_id,
        name: r.name.as_str().into(),
        color: r.color,
        extra_colors,
        hoist: r.hoist,
        icon: r.icon,
        unicode_emoji: r.unicode_emoji.as_deref().map(Into::into),
        position: r.position,
        permissions: r.permissions,
        managed: r.managed,
        mentionable: r.mentionable,
        flags: r.flags,
        tags: r.tags.as_ref().map(|t| {
            Box::new(RoleTagsRecord {
                bot_id: t.bot_id,
                integration_id: t.integration_id.map(|i| i.cast()),
                premium_subscriber: t.premium_subscriber,
                subscription_listing_id: t.subscription_listing_id.map(|i| i.cast()),
                available_for_purchase: t.available_for_purchase,
                guild_connections: t.guild_connections,
            })
        }),
    }
}

fn overwrite(o: &PermissionOverwrite) -> Option<Overwrite> {
    let target = match o.kind {
        PermissionOverwriteType::Role => OverwriteTarget::Role(o.id.cast()),
        PermissionOverwriteType::Member => OverwriteTarget::Member(o.id.cast()),
        // An overwrite of a kind Discord may add later: it cannot be applied.
        _ => return None,
    };
    Some(Overwrite {
        target,
        allow: o.allow,
        deny: o.deny,
    })
}

pub(crate) fn channel(c: &Channel, guild_id: Option<GuildId>, strings: &Interner) -> CachedChannel {
    let thread = c.thread_metadata.as_ref().map(|t| {
        Box::new(ThreadInfo {
            archived: t.archived,
            locked: t.locked,
            invitable: t.invitable,
            auto_archive_duration: t.auto_archive_duration.minutes(),
            archive_timestamp: t.archive_timestamp,
            create_timestamp: t.create_timestamp,
            message_count: c.message_count.unwrap_or(0),
            member_count: c.member_count.unwrap_or(0),
            applied_tags: c.applied_tags.iter().copied().collect(),
        })
    });
    CachedChannel {
        id: c.id,
        kind: c.kind,
        guild_id: c.guild_id.or(guild_id),
        position: c.position.unwrap_or(0),
        name: c.name.as_deref().map(Into::into),
        topic: c.topic.as_deref().map(Into::into),
        nsfw: c.nsfw,
        parent_id: c.parent_id,
        permission_overwrites: c
            .permission_overwrites
            .iter()
            .filter_map(overwrite)
            .collect(),
        last_message_id: c.last_message_id,
        last_pin_timestamp: c.last_pin_timestamp,
        rate_limit_per_user: c.rate_limit_per_user.unwrap_or(0),
        bitrate: c.bitrate.unwrap_or(0),
        user_limit: c.user_limit.unwrap_or(0),
        flags: c.flags(),
        rtc_region: c.rtc_region.as_deref().map(|r| strings.intern(r)),
        owner_id: c.owner_id,
        thread,
        available_tags: c
            .available_tags
            .iter()
            .map(|t| (t.id, strings.intern(&t.name)))
            .collect(),
    }
}

pub(crate) fn thread_member(m: &ThreadMember) -> Option<CachedThreadMember> {
    Some(CachedThreadMember {
        user_id: m
            .user_id
            .or_else(|| m.member.as_ref().and_then(|m| m.user_id()))?,
        join_timestamp: m.join_timestamp,
        flags: m.flags,
    })
}

pub(crate) fn guild(g: &Guild, strings: &Interner) -> CachedGuild {
    CachedGuild {
        id: g.id,
        name: g.name.as_str().into(),
        icon: g.icon,
        splash: g.splash,
        discovery_splash: g.discovery_splash,
        banner: g.banner,
        owner_id: g.owner_id,
        afk_channel_id: g.afk_channel_id,
        afk_timeout: g.afk_timeout,
        widget_enabled: g.widget_enabled,
        widget_channel_id: g.widget_channel_id,
        verification_level: g.verification_level,
        default_message_notifications: g.default_message_notifications,
        explicit_content_filter: g.explicit_content_filter,
        mfa_level: g.mfa_level,
        nsfw_level: g.nsfw_level,
        premium_tier: g.premium_tier,
        features: g
            .features
            .iter()
            .map(|f| strings.intern(f.as_str()))
            .collect(),
        application_id: g.application_id,
        system_channel_id: g.system_channel_id,
        system_channel_flags: g.system_channel_flags,
        rules_channel_id: g.rules_channel_id,
        public_updates_channel_id: g.public_updates_channel_id,
        safety_alerts_channel_id: g.safety_alerts_channel_id,
        max_members: g.max_members,
        vanity_url_code: g.vanity_url_code.as_deref().map(Into::into),
        description: g.description.as_deref().map(Into::into),
        premium_subscription_count: g.premium_subscription_count,
        preferred_locale: strings.intern(&g.preferred_locale),
        max_video_channel_users: g.max_video_channel_users,
        nsfw: g.nsfw,
        premium_progress_bar_enabled: g.premium_progress_bar_enabled,
        joined_at: g.joined_at,
        large: g.large,
        member_count: g.member_count,
        unavailable: false,
    }
}

pub(crate) fn emoji(guild_id: GuildId, e: &Emoji) -> CachedEmoji {
    CachedEmoji {
        id: e.id,
        guild_id,
        name: e.name.as_str().into(),
        roles: e.roles.iter().copied().collect(),
        user_id: e.user.as_ref().map(|u| u.id),
        require_colons: e.require_colons,
        managed: e.managed,
        animated: e.animated,
        available: e.available,
    }
}

pub(crate) fn sticker(guild_id: GuildId, s: &Sticker) -> CachedSticker {
    CachedSticker {
        id: s.id,
        guild_id: s.guild_id.unwrap_or(guild_id),
        name: s.name.as_str().into(),
        description: s.description.as_deref().map(Into::into),
        tags: s.tags.as_str().into(),
        format_type: s.format_type,
        available: s.available.unwrap_or(true),
        user_id: s.user.as_ref().map(|u| u.id),
    }
}

pub(crate) fn stage_instance(s: &StageInstance) -> CachedStageInstance {
    CachedStageInstance {
        id: s.id,
        guild_id: s.guild_id,
        channel_id: s.channel_id,
        topic: s.topic.as_str().into(),
        privacy_level: s.privacy_level,
        guild_scheduled_event_id: s.guild_scheduled_event_id,
    }
}

pub(crate) fn scheduled_event(e: &GuildScheduledEvent) -> CachedScheduledEvent {
    CachedScheduledEvent {
        id: e.id,
        guild_id: e.guild_id,
        channel_id: e.channel_id,
        creator_id: e.creator_id.or_else(|| e.creator.as_ref().map(|u| u.id)),
        name: e.name.as_str().into(),
        description: e.description.as_deref().map(Into::into),
        scheduled_start_time: e.scheduled_start_time,
        scheduled_end_time: e.scheduled_end_time,
        privacy_level: e.privacy_level,
        status: e.status,
        entity_type: e.entity_type,
        location: e
            .entity_metadata
            .as_ref()
            .and_then(|m| m.location.as_deref())
            .map(Into::into),
        user_count: e.user_count,
        image: e.image,
    }
}

pub(crate) fn soundboard_sound(guild_id: GuildId, s: &SoundboardSound) -> CachedSoundboardSound {
    CachedSoundboardSound {
        id: s.sound_id,
        guild_id: s.guild_id.unwrap_or(guild_id),
        name: s.name.as_str().into(),
        volume: s.volume,
        emoji_id: s.emoji_id,
        emoji_name: s.emoji_name.as_deref().map(Into::into),
        available: s.available,
        user_id: s.user.as_ref().map(|u| u.id),
    }
}

pub(crate) fn voice_state(v: &VoiceState) -> Option<CachedVoiceState> {
    Some(CachedVoiceState {
        user_id: v.user_id,
        channel_id: v.channel_id?,
        session_id: v.session_id.as_str().into(),
        deaf: v.deaf,
        mute: v.mute,
        self_deaf: v.self_deaf,
        self_mute: v.self_mute,
        self_stream: v.self_stream,
        self_video: v.self_video,
        suppress: v.suppress,
        request_to_speak_timestamp: v.request_to_speak_timestamp,
    })
}

pub(crate) fn message(
    m: &Message,
    author: std::sync::Arc<CachedUser>,
    strings: &Interner,
) -> crate::record::CachedMessage {
    crate::record::CachedMessage {
        id: m.id,
        channel_id: m.channel_id,
        guild_id: m.guild_id,
        author,
        content: m.content.as_str().into(),
        timestamp: m.timestamp,
        edited_timestamp: m.edited_timestamp,
        kind: m.kind,
        flags: m.flags(),
        tts: m.tts,
        mention_everyone: m.mention_everyone,
        pinned: m.pinned,
        mentions: m.mentions.iter().map(|u| u.id).collect(),
        mention_roles: m.mention_roles.iter().copied().collect(),
        attachments: m
            .attachments
            .iter()
            .map(|a| CachedAttachment {
                filename: a.filename.as_str().into(),
                size: a.size,
                url: a.url.as_str().into(),
                content_type: a.content_type.as_deref().map(|t| strings.intern(t)),
                dimensions: a.width.zip(a.height),
            })
            .collect(),
        embeds: m.embeds.iter().cloned().collect(),
        reactions: m
            .reactions
            .iter()
            .map(|r| CachedReaction {
                emoji_id: r.emoji.id,
                emoji_name: r.emoji.name.as_deref().map(|n| strings.intern(n)),
                count: r.count,
            })
            .collect(),
        referenced_message_id: m.message_reference.as_ref().and_then(|r| r.message_id),
        webhook_id: m.webhook_id,
        application_id: m.application_id,
        sticker_ids: m.sticker_items.iter().map(|s| s.id).collect(),
        thread_id: m.thread.as_ref().map(|t| t.id),
    }
}
