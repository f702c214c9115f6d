//! Guild members: a user's membership in a guild.

use serde::{Deserialize, Serialize};

use crate::{
    Permissions, Timestamp,
    id::{RoleId, UserId},
    user::{AvatarDecorationData, Collectibles, User},
    util::ImageHash,
};

flags! {
    /// Flags of a guild member.
    pub struct MemberFlags: u32 {
        /// The member has left and rejoined the guild.
        const DID_REJOIN = 1 << 0;
        /// The member has completed onboarding.
        const COMPLETED_ONBOARDING = 1 << 1;
        /// The member is exempt from the guild's verification requirements (editable).
        const BYPASSES_VERIFICATION = 1 << 2;
        /// The member has started onboarding.
        const STARTED_ONBOARDING = 1 << 3;
        /// The member is a guest and can only access the voice channel they were invited to.
        const IS_GUEST = 1 << 4;
        /// The member has started the Server Guide new member actions.
        const STARTED_HOME_ACTIONS = 1 << 5;
        /// The member has completed the Server Guide new member actions.
        const COMPLETED_HOME_ACTIONS = 1 << 6;
        /// The member's username, display name or nickname is blocked by AutoMod.
        const AUTOMOD_QUARANTINED_USERNAME = 1 << 7;
        /// The member has dismissed the DM settings upsell.
        const DM_SETTINGS_UPSELL_ACKNOWLEDGED = 1 << 9;
        /// The member's guild tag is blocked by AutoMod.
        const AUTOMOD_QUARANTINED_GUILD_TAG = 1 << 10;
    }
}

/// A user's membership in a guild.
///
/// `user` is present everywhere but in the member attached to MESSAGE_CREATE,
/// MESSAGE_UPDATE and interactions, which decode into [`PartialMember`].
///
/// ```
/// use kokoro_model::guild::Member;
///
/// let member: Member = serde_json::from_str(r#"{"user":{"id":"80351110224678912","username":"nelly"},
///     "nick":"NOT API SUPPORT","avatar":null,"roles":[],"joined_at":"2015-04-26T06:26:56.936000+00:00",
///     "deaf":false,"mute":false,"flags":0}"#).unwrap();
/// assert_eq!(member.display_name(), Some("NOT API SUPPORT"));
/// assert_eq!(member.user_id().map(|id| id.get()), Some(80351110224678912));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The user this membership is of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The guild nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nick: Option<String>,
    /// The guild avatar hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<ImageHash>,
    /// The guild banner hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banner: Option<ImageHash>,
    /// The ids of the member's roles (`@everyone` is implied, never listed).
    #[serde(default)]
    pub roles: Vec<RoleId>,
    /// When the user joined the guild; `None` for a guest invited to voice.
    #[serde(default)]
    pub joined_at: Option<Timestamp>,
    /// When the member started boosting the guild.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_since: Option<Timestamp>,
    /// Whether the member is deafened in voice channels.
    #[serde(default)]
    pub deaf: bool,
    /// Whether the member is muted in voice channels.
    #[serde(default)]
    pub mute: bool,
    /// The member's flags.
    #[serde(default)]
    pub flags: MemberFlags,
    /// Whether the member has not yet passed Membership Screening.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub pending: bool,
    /// The member's permissions in the channel, overwrites included (interactions only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// When the member's timeout ends; `None` or a past time when not timed out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication_disabled_until: Option<Timestamp>,
    /// The member's guild avatar decoration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_decoration_data: Option<AvatarDecorationData>,
    /// The member's collectibles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collectibles: Option<Collectibles>,
}

impl Member {
    /// The member's user id, when the user is attached.
    pub fn user_id(&self) -> Option<UserId> {
        self.user.as_ref().map(|user| user.id)
    }

    /// The name shown in the guild: the nickname, else the user's display name.
    pub fn display_name(&self) -> Option<&str> {
        self.nick
            .as_deref()
            .or_else(|| self.user.as_ref().map(User::display_name))
    }

    /// Whether the member is timed out at `now`.
    pub fn is_timed_out(&self, now: Timestamp) -> bool {
        self.communication_disabled_until
            .is_some_and(|until| until > now)
    }
}

/// A member without its user, as attached to MESSAGE_CREATE, mentions and
/// interactions' resolved data; every field but `roles` may be missing.
///
/// ```
/// use kokoro_model::{guild::PartialMember, user::User};
///
/// let partial: PartialMember = serde_json::from_str(r#"{"roles":["41771983423143936"],
///     "joined_at":"2015-04-26T06:26:56.936000+00:00","nick":null}"#).unwrap();
/// let user: User = serde_json::from_str(r#"{"id":"80351110224678912","username":"nelly"}"#).unwrap();
/// let member = partial.into_member(user);
/// assert_eq!(member.roles.len(), 1);
/// assert!(member.user.is_some());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialMember {
    /// The guild nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nick: Option<String>,
    /// The guild avatar hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<ImageHash>,
    /// The guild banner hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banner: Option<ImageHash>,
    /// The ids of the member's roles.
    #[serde(default)]
    pub roles: Vec<RoleId>,
    /// When the user joined the guild.
    #[serde(default)]
    pub joined_at: Option<Timestamp>,
    /// When the member started boosting the guild.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_since: Option<Timestamp>,
    /// Whether the member is deafened in voice channels, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deaf: Option<bool>,
    /// Whether the member is muted in voice channels, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mute: Option<bool>,
    /// The member's flags, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<MemberFlags>,
    /// Whether the member has not yet passed Membership Screening.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub pending: bool,
    /// The member's permissions in the channel, overwrites included (interactions only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// When the member's timeout ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication_disabled_until: Option<Timestamp>,
    /// The member's guild avatar decoration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_decoration_data: Option<AvatarDecorationData>,
    /// The member's collectibles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collectibles: Option<Collectibles>,
}

impl PartialMember {
    /// Completes this member with its user (from the message author or the interaction).
    pub fn into_member(self, user: User) -> Member {
        Member {
            user: Some(user),
            nick: self.nick,
            avatar: self.avatar,
            banner: self.banner,
            roles: self.roles,
            joined_at: self.joined_at,
            premium_since: self.premium_since,
            deaf: self.deaf.unwrap_or(false),
            mute: self.mute.unwrap_or(false),
            flags: self.flags.unwrap_or_default(),
            pending: self.pending,
            permissions: self.permissions,
            communication_disabled_until: self.communication_disabled_until,
            avatar_decoration_data: self.avatar_decoration_data,
            collectibles: self.collectibles,
        }
    }
}
