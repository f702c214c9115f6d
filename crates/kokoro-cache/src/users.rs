//! One record per user, shared and reference counted.

use std::sync::Arc;

use dashmap::{DashMap, mapref::entry::Entry};
use kokoro_model::{
    id::UserId,
    user::{PartialUser, User, UserFlags},
};
use rustc_hash::FxBuildHasher;

use crate::{
    intern::Interner,
    record::{CachedUser, UserCosmetics},
};

#[derive(Debug)]
struct Slot {
    user: Arc<CachedUser>,
    /// How many cached memberships (guild, user) name this user.
    refs: u32,
}

/// The users of the cache: each stored once, counted by the memberships that
/// hold it, and dropped when the last one goes.
#[derive(Debug)]
pub(crate) struct UserStore {
    map: DashMap<UserId, Slot, FxBuildHasher>,
}

impl Default for UserStore {
    fn default() -> Self {
        Self {
            map: DashMap::with_hasher(FxBuildHasher),
        }
    }
}

fn parse_discriminator(s: &str) -> u16 {
    s.parse().unwrap_or(0)
}

pub(crate) fn build_user(user: &User, strings: &Interner) -> CachedUser {
    let mut cosmetics = UserCosmetics::default();
    if let Some(Some(d)) = &user.avatar_decoration_data {
        cosmetics.avatar_decoration = Some((strings.intern(&d.asset), d.sku_id));
    }
    if let Some(Some(c)) = &user.collectibles
        && let Some(n) = &c.nameplate
    {
        cosmetics.nameplate = Some((
            n.sku_id,
            strings.intern(&n.asset),
            strings.intern(&n.palette),
        ));
    }
    if let Some(Some(g)) = &user.primary_guild {
        cosmetics.primary_guild_id = g.identity_guild_id;
        cosmetics.primary_guild_enabled = g.identity_enabled;
        cosmetics.primary_guild_tag = g.tag.as_deref().map(|t| strings.intern(t));
        cosmetics.primary_guild_badge = g.badge.as_deref().map(|b| strings.intern(b));
    }
    CachedUser {
        id: user.id,
        username: user.username.as_str().into(),
        global_name: user.global_name.as_deref().map(Into::into),
        discriminator: parse_discriminator(&user.discriminator),
        avatar: user.avatar,
        bot: user.bot,
        system: user.system,
        public_flags: user
            .public_flags
            .or(user.flags)
            .unwrap_or(UserFlags::empty()),
        cosmetics: (cosmetics != UserCosmetics::default()).then(|| Box::new(cosmetics)),
    }
}

/// Whether `cached` already says everything `user` says (no rebuild needed).
fn same(cached: &CachedUser, user: &User) -> bool {
    let cosmetics = cached.cosmetics.as_deref();
    let decoration_same = match (
        &user.avatar_decoration_data,
        cosmetics.and_then(|c| c.avatar_decoration.as_ref()),
    ) {
        (Some(Some(d)), Some((asset, sku))) => *d.asset == **asset && d.sku_id == *sku,
        (Some(Some(_)), None) | (None | Some(None), Some(_)) => false,
        (None | Some(None), None) => true,
    };
    let nameplate_same = match (
        user.collectibles
            .as_ref()
            .and_then(|c| c.as_ref())
            .and_then(|c| c.nameplate.as_ref()),
        cosmetics.and_then(|c| c.nameplate.as_ref()),
    ) {
        (Some(n), Some((sku, asset, palette))) => {
            n.sku_id == *sku && *n.asset == **asset && *n.palette == **palette
        }
        (None, None) => true,
        _ => false,
    };
    let guild_same = match (
        user.primary_guild.as_ref().and_then(|g| g.as_ref()),
        cosmetics,
    ) {
        (Some(g), Some(c)) => {
            g.identity_guild_id == c.primary_guild_id
                && g.identity_enabled == c.primary_guild_enabled
                && g.tag.as_deref() == c.primary_guild_tag.as_deref()
                && g.badge.as_deref() == c.primary_guild_badge.as_deref()
        }
        (None, Some(c)) => c.primary_guild_id.is_none() && c.primary_guild_tag.is_none(),
        (Some(_), None) => false,
        (None, None) => true,
    };
    *cached.username == *user.username
        && cached.global_name.as_deref() == user.global_name.as_deref()
        && cached.discriminator == parse_discriminator(&user.discriminator)
        && cached.avatar == user.avatar
        && cached.bot == user.bot
        && cached.system == user.system
        && cached.public_flags
            == user
                .public_flags
                .or(user.flags)
                .unwrap_or(UserFlags::empty())
        && decoration_same
        && nameplate_same
        && guild_same
}

impl UserStore {
    /// Takes one reference on `user`, storing or refreshing its record.
    pub(crate) fn acquire(&self, user: &User, strings: &Interner) {
        match self.map.entry(user.id) {
            Entry::Occupied(mut e) => {
                let slot = e.get_mut();
                slot.refs += 1;
                if !same(&slot.user, user) {
                    slot.user = Arc::new(build_user(user, strings));
                }
            }
            Entry::Vacant(e) => {
                e.insert(Slot {
                    user: Arc::new(build_user(user, strings)),
                    refs: 1,
                });
            }
        }
    }

    /// Refreshes a stored user from a full user object, without taking a reference.
    pub(crate) fn refresh(&self, user: &User, strings: &Interner) {
        // Check under the read lock; most users seen again did not change.
        if self
            .map
            .get(&user.id)
            .is_none_or(|slot| same(&slot.user, user))
        {
            return;
        }
        if let Some(mut slot) = self.map.get_mut(&user.id)
            && !same(&slot.user, user)
        {
            slot.user = Arc::new(build_user(user, strings));
        }
    }

    /// Applies the fields a partial user carries to a stored user; never creates one.
    pub(crate) fn refresh_partial(&self, user: &PartialUser) {
        let Some(mut slot) = self.map.get_mut(&user.id) else {
            return;
        };
        let old = &slot.user;
        let mut changed = false;
        let mut new = CachedUser::clone(old);
        if let Some(name) = &user.username
            && *new.username != **name
        {
            new.username = name.as_str().into();
            changed = true;
        }
        if let Some(global) = &user.global_name
            && new.global_name.as_deref() != global.as_deref()
        {
            new.global_name = global.as_deref().map(Into::into);
            changed = true;
        }
        if let Some(d) = &user.discriminator
            && new.discriminator != parse_discriminator(d)
        {
            new.discriminator = parse_discriminator(d);
            changed = true;
        }
        if let Some(avatar) = user.avatar
            && new.avatar != avatar
        {
            new.avatar = avatar;
            changed = true;
        }
        if let Some(bot) = user.bot
            && new.bot != bot
        {
            new.bot = bot;
            changed = true;
        }
        if let Some(flags) = user.public_flags
            && new.public_flags != flags
        {
            new.public_flags = flags;
            changed = true;
        }
        if changed {
            slot.user = Arc::new(new);
        }
    }

    /// Drops one reference; the record goes with the last one.
    pub(crate) fn release(&self, id: UserId) {
        if let Entry::Occupied(mut e) = self.map.entry(id) {
            let slot = e.get_mut();
            slot.refs = slot.refs.saturating_sub(1);
            if slot.refs == 0 {
                e.remove();
            }
        }
    }

    /// The shared record of a user.
    pub(crate) fn get(&self, id: UserId) -> Option<Arc<CachedUser>> {
        self.map.get(&id).map(|slot| Arc::clone(&slot.user))
    }

    /// How many memberships hold a user.
    pub(crate) fn refs(&self, id: UserId) -> u32 {
        self.map.get(&id).map_or(0, |slot| slot.refs)
    }

    /// How many users are stored.
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    pub(crate) fn clear(&self) {
        self.map.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: u64, name: &str) -> User {
        serde_json::from_value(serde_json::json!({
            "id": id.to_string(), "username": name, "discriminator": "0",
            "global_name": null, "avatar": null,
            "avatar_decoration_data": {"asset": "a_fed43ab12698df65902ba06727e20c0e", "sku_id": "1144058522808614923"}
        }))
        .unwrap()
    }

    #[test]
    fn one_record_counted_by_references() {
        let store = UserStore::default();
        let strings = Interner::default();
        store.acquire(&user(1, "a"), &strings);
        let first = store.get(UserId::new(1)).unwrap();
        store.acquire(&user(1, "a"), &strings);
        // Same content: same shared record, one more reference.
        assert!(Arc::ptr_eq(&first, &store.get(UserId::new(1)).unwrap()));
        assert_eq!(store.refs(UserId::new(1)), 2);
        store.release(UserId::new(1));
        assert!(store.get(UserId::new(1)).is_some());
        store.release(UserId::new(1));
        assert!(store.get(UserId::new(1)).is_none());
        assert_eq!(store.len(), 0);
    }

    #[test]
    fn decorations_are_shared_between_users() {
        let store = UserStore::default();
        let strings = Interner::default();
        store.acquire(&user(1, "a"), &strings);
        store.acquire(&user(2, "b"), &strings);
        let a = store.get(UserId::new(1)).unwrap();
        let b = store.get(UserId::new(2)).unwrap();
        let asset = |u: &CachedUser| {
            u.cosmetics
                .as_ref()
                .unwrap()
                .avatar_decoration
                .clone()
                .unwrap()
                .0
        };
        assert!(Arc::ptr_eq(&asset(&a), &asset(&b)));
    }

    #[test]
    fn partial_updates_touch_only_what_is_sent_and_never_create() {
        let store = UserStore::default();
        let strings = Interner::default();
        let partial: PartialUser =
            serde_json::from_str(r#"{"id":"1","username":"renamed"}"#).unwrap();
        store.refresh_partial(&partial);
        assert!(store.get(UserId::new(1)).is_none());
        store.acquire(&user(1, "a"), &strings);
        store.refresh_partial(&partial);
        let u = store.get(UserId::new(1)).unwrap();
        assert_eq!(&*u.username, "renamed");
        assert!(u.cosmetics.is_some());
        assert_eq!(store.refs(UserId::new(1)), 1);
    }
}
