//! Teams of developers owning applications.

use serde::{Deserialize, Serialize};

use crate::{
    id::{TeamId, UserId},
    user::User,
    util::ImageHash,
};

int_enum! {
    /// Whether a team member accepted the invitation.
    pub enum MembershipState: u8 {
        /// Invited, not yet accepted.
        Invited = 1,
        /// Accepted.
        Accepted = 2,
    }
}

str_enum! {
    /// The role of a team member (the owner's role is `admin` on the wire; see [`Team::owner_user_id`]).
    pub enum TeamMemberRole {
        /// Like the owner, without destructive actions.
        Admin = "admin",
        /// Access to team-owned apps' secrets and limited actions on them.
        Developer = "developer",
        /// Read-only access to the team and its apps.
        ReadOnly = "read_only",
    }
}

/// A team of developers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// The team icon's hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The team's id.
    pub id: TeamId,
    /// The team's members.
    #[serde(default)]
    pub members: Vec<TeamMember>,
    /// The team's name.
    pub name: String,
    /// The user id of the current owner.
    pub owner_user_id: UserId,
}

/// A member of a team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// The member's membership state.
    pub membership_state: MembershipState,
    /// The id of the team.
    pub team_id: TeamId,
    /// The member (avatar, discriminator, id and username).
    pub user: User,
    /// The member's role; absent in some older payloads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<TeamMemberRole>,
    /// Legacy permissions, always `["*"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<String>,
}
