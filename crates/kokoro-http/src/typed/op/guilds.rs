//! Operation markers of the guild, guild-settings, template, member, role and ban families (see [`crate::typed`]).

use std::collections::HashMap;

use kokoro_model::{
    audit_log::AuditLog,
    channel::{Channel, ThreadList},
    guild::{
        Ban, BulkBan, Guild, GuildHomeSettings, GuildJoinRequest, GuildJoinRequests,
        GuildOnboarding, GuildPreview, GuildPrune, GuildTemplate, GuildWidget, GuildWidgetSettings,
        IncidentsData, Integration, Member, Role, VanityUrl, WelcomeScreen,
    },
    id::RoleId,
    invite::Invite,
    search::GuildSearch,
    webhook::Webhook,
};

/// The widget image (`GET /guilds/{guild_id}/widget.png`): PNG bytes, not JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetImage {
    /// The `content-type` Discord sent (`image/png`).
    pub content_type: Option<String>,
    /// The image.
    pub bytes: bytes::Bytes,
}

/// The "body" of [`GetWidgetImage`] requests: none is sent, and the response is
/// read as bytes instead of JSON.
#[derive(Clone, Copy, Debug, Default)]
pub struct PngResponse;

ops! {
    /// `GET /guilds/{guild_id}`
    GetGuild => Guild [GetGuild];
    /// `PATCH /guilds/{guild_id}`
    UpdateGuild => Guild [UpdateGuild], audited;
    /// `GET /guilds/{guild_id}/preview`
    GetGuildPreview => GuildPreview [GetGuildPreview];

    /// `GET /guilds/{guild_id}/channels`
    ListGuildChannels => Vec<Channel> [ListGuildChannels];
    /// `POST /guilds/{guild_id}/channels`
    CreateGuildChannel => Channel [CreateGuildChannel], audited;
    /// `PATCH /guilds/{guild_id}/channels`
    UpdateChannelPositions => () [BulkUpdateGuildChannels];
    /// `GET /guilds/{guild_id}/threads/active`
    ListActiveThreads => ThreadList [GetActiveGuildThreads];

    /// `GET /guilds/{guild_id}/audit-logs`
    GetAuditLog => AuditLog [ListGuildAuditLogEntries];

    /// `GET /guilds/{guild_id}/bans/{user_id}`
    GetBan => Ban [GetGuildBan];
    /// `POST /guilds/{guild_id}/bulk-ban`
    BulkBanUsers => BulkBan [BulkBanUsersFromGuild], audited;

    /// `GET /guilds/{guild_id}/integrations`
    ListIntegrations => Vec<Integration> [ListGuildIntegrations];
    /// `DELETE /guilds/{guild_id}/integrations/{integration_id}`
    DeleteIntegration => () [DeleteGuildIntegration], audited;

    /// `GET /guilds/{guild_id}/invites`
    ListGuildInvites => Vec<Invite> [ListGuildInvites];
    /// `GET /guilds/{guild_id}/vanity-url`
    GetVanityUrl => VanityUrl [GetGuildVanityUrl];
    /// `GET /guilds/{guild_id}/webhooks`
    ListGuildWebhooks => Vec<Webhook> [GetGuildWebhooks];

    /// `GET /guilds/{guild_id}/members/search`
    SearchMembers => Vec<Member> [SearchGuildMembers];
    /// `PUT /guilds/{guild_id}/members/{user_id}` (`None`: already a member)
    AddMember => Option<Member> [AddGuildMember];
    /// `PATCH /guilds/{guild_id}/members/@me`
    UpdateCurrentMember => Member [UpdateMyGuildMember], audited;

    /// `GET /guilds/{guild_id}/roles/{role_id}`
    GetRole => Role [GetGuildRole];
    /// `PATCH /guilds/{guild_id}/roles`
    UpdateRolePositions => Vec<Role> [BulkUpdateGuildRoles], audited;
    /// `GET /guilds/{guild_id}/roles/member-counts`
    GetRoleMemberCounts => HashMap<RoleId, u64> [GuildRoleMemberCounts];

    /// `GET /guilds/{guild_id}/welcome-screen`
    GetWelcomeScreen => WelcomeScreen [GetGuildWelcomeScreen];
    /// `PATCH /guilds/{guild_id}/welcome-screen`
    UpdateWelcomeScreen => WelcomeScreen [UpdateGuildWelcomeScreen], audited;

    /// `GET /guilds/{guild_id}/widget`
    GetWidgetSettings => GuildWidgetSettings [GetGuildWidgetSettings];
    /// `PATCH /guilds/{guild_id}/widget`
    UpdateWidgetSettings => GuildWidgetSettings [UpdateGuildWidgetSettings], audited;
    /// `GET /guilds/{guild_id}/widget.json`
    GetWidget => GuildWidget [GetGuildWidget];
    /// `GET /guilds/{guild_id}/widget.png`
    GetWidgetImage => WidgetImage [GetGuildWidgetPng];

    /// `GET /guilds/{guild_id}/onboarding`
    GetOnboarding => GuildOnboarding [GetGuildsOnboarding];
    /// `PUT /guilds/{guild_id}/onboarding`
    UpdateOnboarding => GuildOnboarding [PutGuildsOnboarding], audited;

    /// `GET /guilds/{guild_id}/prune`
    GetPruneCount => GuildPrune [PreviewPruneGuild];
    /// `POST /guilds/{guild_id}/prune`
    BeginPrune => GuildPrune [PruneGuild], audited;

    /// `GET /guilds/{guild_id}/requests`
    ListJoinRequests => GuildJoinRequests [GetGuildJoinRequests];
    /// `PATCH /guilds/{guild_id}/requests/{request_id}`
    ActionJoinRequest => GuildJoinRequest [ActionGuildJoinRequest];

    /// `PUT /guilds/{guild_id}/incident-actions`
    UpdateIncidentActions => IncidentsData [UpdateGuildIncidentActions];
    /// `GET /guilds/{guild_id}/new-member-welcome` (`None`: not set up)
    GetNewMemberWelcome => Option<GuildHomeSettings> [GetGuildNewMemberWelcome];
    /// `GET /guilds/{guild_id}/messages/search`
    SearchMessages => GuildSearch [GuildSearch];

    /// `GET /guilds/templates/{code}`
    GetTemplate => GuildTemplate [GetGuildTemplate];
    /// `GET /guilds/{guild_id}/templates`
    ListTemplates => Vec<GuildTemplate> [ListGuildTemplates];
    /// `POST /guilds/{guild_id}/templates`
    CreateTemplate => GuildTemplate [CreateGuildTemplate];
    /// `PUT /guilds/{guild_id}/templates/{code}`
    SyncTemplate => GuildTemplate [SyncGuildTemplate];
    /// `PATCH /guilds/{guild_id}/templates/{code}`
    UpdateTemplate => GuildTemplate [UpdateGuildTemplate];
    /// `DELETE /guilds/{guild_id}/templates/{code}`
    DeleteTemplate => GuildTemplate [DeleteGuildTemplate];
}
