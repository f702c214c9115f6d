//! Computing a member's permissions from cached state, as Discord does.

use std::fmt;

use kokoro_model::{
    Permissions, Timestamp,
    id::{ChannelId, GuildId, RoleId, UserId},
};

use crate::{
    CacheRead,
    record::{CachedMember, Overwrite, OverwriteTarget},
};

/// What a timed-out member keeps.
const TIMED_OUT_KEEPS: Permissions =
    Permissions::VIEW_CHANNEL.union(Permissions::READ_MESSAGE_HISTORY);

/// What denying `SEND_MESSAGES` implicitly denies too.
const NEEDS_SEND: Permissions = Permissions::MENTION_EVERYONE
    .union(Permissions::SEND_TTS_MESSAGES)
    .union(Permissions::ATTACH_FILES)
    .union(Permissions::EMBED_LINKS);

/// The inputs of a guild-level computation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GuildInputs {
    pub(crate) is_owner: bool,
    pub(crate) everyone: Permissions,
    /// The union of the member's role permissions.
    pub(crate) roles: Permissions,
    pub(crate) timed_out: bool,
}

/// Guild-level permissions: owner, `@everyone` and roles, administrator, timeout.
pub(crate) fn guild_level(inputs: GuildInputs) -> Permissions {
    if inputs.is_owner {
        return Permissions::all();
    }
    let base = inputs.everyone | inputs.roles;
    if base.contains(Permissions::ADMINISTRATOR) {
        return Permissions::all();
    }
    if inputs.timed_out {
        return base & TIMED_OUT_KEEPS;
    }
    base
}

/// Channel-level permissions: applies the overwrites (`@everyone`, then the
/// member's roles together, then the member) on top of guild-level ones.
pub(crate) fn channel_level(
    inputs: GuildInputs,
    guild_id: GuildId,
    user_id: UserId,
    member_roles: &[RoleId],
    overwrites: &[Overwrite],
    is_thread: bool,
) -> Permissions {
    if inputs.is_owner {
        return Permissions::all();
    }
    let base = inputs.everyone | inputs.roles;
    if base.contains(Permissions::ADMINISTRATOR) {
        return Permissions::all();
    }
    let mut perms = base;
    let everyone_id: RoleId = guild_id.cast();
    if let Some(o) = overwrites
        .iter()
        .find(|o| o.target == OverwriteTarget::Role(everyone_id))
    {
        perms = (perms & !o.deny) | o.allow;
    }
    let (mut allow, mut deny) = (Permissions::empty(), Permissions::empty());
    for o in overwrites {
        if let OverwriteTarget::Role(role) = o.target
            && role != everyone_id
            && member_roles.contains(&role)
        {
            allow |= o.allow;
            deny |= o.deny;
        }
    }
    perms = (perms & !deny) | allow;
    if let Some(o) = overwrites
        .iter()
        .find(|o| o.target == OverwriteTarget::Member(user_id))
    {
        perms = (perms & !o.deny) | o.allow;
    }
    if !perms.contains(Permissions::VIEW_CHANNEL) {
        return Permissions::empty();
    }
    if is_thread {
        // SEND_MESSAGES is not inherited by threads; SEND_MESSAGES_IN_THREADS governs.
        perms.set(
            Permissions::SEND_MESSAGES,
            perms.contains(Permissions::SEND_MESSAGES_IN_THREADS),
        );
    }
    if !perms.contains(Permissions::SEND_MESSAGES) {
        perms &= !NEEDS_SEND;
    }
    if inputs.timed_out {
        perms &= TIMED_OUT_KEEPS;
    }
    perms
}

/// Why permissions could not be computed from the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PermissionError {
    /// The channel is not cached (or is not a guild channel).
    ChannelUnavailable(ChannelId),
    /// The guild is not cached.
    GuildUnavailable(GuildId),
    /// The member is not cached.
    MemberUnavailable(GuildId, UserId),
    /// The guild's `@everyone` role is not cached.
    EveryoneRoleUnavailable(GuildId),
}

impl fmt::Display for PermissionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ChannelUnavailable(id) => write!(f, "channel {id} is not cached"),
            Self::GuildUnavailable(id) => write!(f, "guild {id} is not cached"),
            Self::MemberUnavailable(g, u) => write!(f, "member {u} of guild {g} is not cached"),
            Self::EveryoneRoleUnavailable(id) => {
                write!(f, "the @everyone role of guild {id} is not cached")
            }
        }
    }
}

impl std::error::Error for PermissionError {}

/// Computes permissions from a cache; see
/// [`InMemoryCache::permissions`](crate::InMemoryCache::permissions).
///
/// Timeouts are judged against the current time unless [`Self::at`] sets another.
#[derive(Clone, Copy)]
pub struct PermissionCalculator<'a> {
    cache: &'a dyn CacheRead,
    now: Option<Timestamp>,
}

impl fmt::Debug for PermissionCalculator<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PermissionCalculator")
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

impl<'a> PermissionCalculator<'a> {
    /// A calculator reading `cache`.
    pub fn new(cache: &'a dyn CacheRead) -> Self {
        Self { cache, now: None }
    }

    /// Judges timeouts as of `now` instead of the current time.
    #[must_use]
    pub fn at(mut self, now: Timestamp) -> Self {
        self.now = Some(now);
        self
    }

    fn inputs(
        &self,
        user_id: UserId,
        guild_id: GuildId,
    ) -> Result<(GuildInputs, CachedMember), PermissionError> {
        let owner_id = self
            .cache
            .guild(guild_id)
            .ok_or(PermissionError::GuildUnavailable(guild_id))?
            .owner_id;
        let member = self
            .cache
            .member(guild_id, user_id)
            .ok_or(PermissionError::MemberUnavailable(guild_id, user_id))?;
        let everyone = self
            .cache
            .role(guild_id.cast())
            .ok_or(PermissionError::EveryoneRoleUnavailable(guild_id))?
            .permissions;
        let roles = member
            .roles
            .iter()
            .filter_map(|r| self.cache.role(*r))
            .filter(|r| r.guild_id == guild_id)
            .fold(Permissions::empty(), |acc, r| acc | r.permissions);
        let now = self.now.unwrap_or_else(Timestamp::now);
        let inputs = GuildInputs {
            is_owner: owner_id == user_id,
            everyone,
            roles,
            timed_out: member.is_timed_out_at(now),
        };
        Ok((inputs, member))
    }

    /// A member's guild-level permissions (roles, owner, administrator, timeout).
    pub fn in_guild(
        &self,
        user_id: UserId,
        guild_id: GuildId,
    ) -> Result<Permissions, PermissionError> {
        self.inputs(user_id, guild_id)
            .map(|(inputs, _)| guild_level(inputs))
    }

    /// A member's permissions in a channel or thread, overwrites applied.
    ///
    /// ```
    /// use kokoro_cache::{InMemoryCache, PermissionError};
    /// use kokoro_model::id::{ChannelId, UserId};
    ///
    /// let cache = InMemoryCache::new();
    /// let err = cache.permissions().in_channel(UserId::new(1), ChannelId::new(2));
    /// assert_eq!(err, Err(PermissionError::ChannelUnavailable(ChannelId::new(2))));
    /// ```
    pub fn in_channel(
        &self,
        user_id: UserId,
        channel_id: ChannelId,
    ) -> Result<Permissions, PermissionError> {
        let channel = self
            .cache
            .channel(channel_id)
            .ok_or(PermissionError::ChannelUnavailable(channel_id))?;
        let guild_id = channel
            .guild_id
            .ok_or(PermissionError::ChannelUnavailable(channel_id))?;
        let is_thread = channel.thread.is_some();
        // A thread's permissions are its parent's.
        let overwrites_of = if is_thread {
            let parent = channel
                .parent_id
                .ok_or(PermissionError::ChannelUnavailable(channel_id))?;
            self.cache
                .channel(parent)
                .ok_or(PermissionError::ChannelUnavailable(parent))?
        } else {
            channel
        };
        let (inputs, member) = self.inputs(user_id, guild_id)?;
        Ok(channel_level(
            inputs,
            guild_id,
            user_id,
            &member.roles,
            &overwrites_of.permission_overwrites,
            is_thread,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUILD: GuildId = GuildId::new(100);
    const USER: UserId = UserId::new(7);
    const MOD: RoleId = RoleId::new(8);
    const OTHER: RoleId = RoleId::new(9);

    fn inputs(everyone: Permissions, roles: Permissions) -> GuildInputs {
        GuildInputs {
            is_owner: false,
            everyone,
            roles,
            timed_out: false,
        }
    }

    fn ow(target: OverwriteTarget, allow: Permissions, deny: Permissions) -> Overwrite {
        Overwrite {
            target,
            allow,
            deny,
        }
    }

    #[test]
    fn owner_and_admin_get_everything() {
        let mut i = inputs(Permissions::empty(), Permissions::empty());
        i.is_owner = true;
        i.timed_out = true;
        assert_eq!(guild_level(i), Permissions::all());
        let admin = inputs(Permissions::VIEW_CHANNEL, Permissions::ADMINISTRATOR);
        let deny_all = [ow(
            OverwriteTarget::Role(GUILD.cast()),
            Permissions::empty(),
            Permissions::all(),
        )];
        assert_eq!(
            channel_level(admin, GUILD, USER, &[], &deny_all, false),
            Permissions::all()
        );
    }

    #[test]
    fn overwrites_apply_everyone_then_roles_then_member() {
        let base =
            Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES | Permissions::EMBED_LINKS;
        let overwrites = [
            // @everyone cannot send here…
            ow(
                OverwriteTarget::Role(GUILD.cast()),
                Permissions::empty(),
                Permissions::SEND_MESSAGES,
            ),
            // …a role the member has may, another denies it (allow wins over deny among roles)…
            ow(
                OverwriteTarget::Role(MOD),
                Permissions::SEND_MESSAGES,
                Permissions::empty(),
            ),
            ow(
                OverwriteTarget::Role(OTHER),
                Permissions::empty(),
                Permissions::SEND_MESSAGES,
            ),
        ];
        let p = channel_level(
            inputs(base, Permissions::empty()),
            GUILD,
            USER,
            &[MOD, OTHER],
            &overwrites,
            false,
        );
        assert!(p.contains(Permissions::SEND_MESSAGES | Permissions::EMBED_LINKS));
        // …but a member overwrite beats the roles.
        let mut with_member = overwrites.to_vec();
        with_member.push(ow(
            OverwriteTarget::Member(USER),
            Permissions::empty(),
            Permissions::SEND_MESSAGES,
        ));
        let p = channel_level(
            inputs(base, Permissions::empty()),
            GUILD,
            USER,
            &[MOD],
            &with_member,
            false,
        );
        assert!(!p.contains(Permissions::SEND_MESSAGES));
        // Implicitly: no sending, no embedding.
        assert!(!p.contains(Permissions::EMBED_LINKS));
        assert!(p.contains(Permissions::VIEW_CHANNEL));
    }

    #[test]
    fn no_view_channel_means_nothing() {
        let overwrites = [ow(
            OverwriteTarget::Member(USER),
            Permissions::empty(),
            Permissions::VIEW_CHANNEL,
        )];
        let p = channel_level(
            inputs(
                Permissions::all() - Permissions::ADMINISTRATOR,
                Permissions::empty(),
            ),
            GUILD,
            USER,
            &[],
            &overwrites,
            false,
        );
        assert_eq!(p, Permissions::empty());
    }

    #[test]
    fn timeouts_keep_only_view_and_history() {
        let mut i = inputs(
            Permissions::VIEW_CHANNEL
                | Permissions::SEND_MESSAGES
                | Permissions::READ_MESSAGE_HISTORY,
            Permissions::KICK_MEMBERS,
        );
        i.timed_out = true;
        assert_eq!(
            guild_level(i),
            Permissions::VIEW_CHANNEL | Permissions::READ_MESSAGE_HISTORY
        );
        assert_eq!(
            channel_level(i, GUILD, USER, &[], &[], false),
            Permissions::VIEW_CHANNEL | Permissions::READ_MESSAGE_HISTORY
        );
    }

    #[test]
    fn threads_need_send_messages_in_threads() {
        let base = Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES;
        let p = channel_level(
            inputs(base, Permissions::empty()),
            GUILD,
            USER,
            &[],
            &[],
            true,
        );
        assert!(!p.contains(Permissions::SEND_MESSAGES));
        let p = channel_level(
            inputs(
                base | Permissions::SEND_MESSAGES_IN_THREADS,
                Permissions::empty(),
            ),
            GUILD,
            USER,
            &[],
            &[],
            true,
        );
        assert!(p.contains(Permissions::SEND_MESSAGES));
    }
}
