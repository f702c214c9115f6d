//! Operation markers of the lobby, partner-SDK, invite-target-user, webhook-by-token
//! and current-user families (see [`crate::typed`]).

use kokoro_model as model;

ops! {
    /// `GET /invites/{code}/target-users` (a CSV, decoded to the user ids)
    GetInviteTargetUsers => Vec<model::id::UserId> [GetInviteTargetUsers];
    /// `PUT /invites/{code}/target-users`
    UpdateInviteTargetUsers => () [UpdateInviteTargetUsers];
    /// `GET /invites/{code}/target-users/job-status`
    GetInviteTargetUsersJobStatus => model::invite::TargetUsersJobStatus [GetInviteTargetUsersJobStatus];

    /// `POST /lobbies`
    CreateLobby => model::lobby::Lobby [CreateLobby];
    /// `PUT /lobbies`
    CreateOrJoinLobby => model::lobby::Lobby [CreateOrJoinLobby];
    /// `GET /lobbies/{lobby_id}`
    GetLobby => model::lobby::Lobby [GetLobby];
    /// `PATCH /lobbies/{lobby_id}`
    EditLobby => model::lobby::Lobby [EditLobby];
    /// `DELETE /lobbies/{lobby_id}`
    DeleteLobby => () [DeleteLobby];
    /// `PATCH /lobbies/{lobby_id}/channel-linking`
    LinkLobbyChannel => model::lobby::Lobby [EditLobbyChannelLink];
    /// `DELETE /lobbies/{lobby_id}/members/@me`
    LeaveLobby => () [LeaveLobby];
    /// `POST /lobbies/{lobby_id}/members/@me/invites` (or `/{user_id}/invites`)
    CreateLobbyGuildInvite => model::lobby::LobbyGuildInvite [CreateLinkedLobbyGuildInviteForSelf, CreateLinkedLobbyGuildInviteForUser];
    /// `POST /lobbies/{lobby_id}/members/bulk`
    UpdateLobbyMembers => Vec<model::lobby::LobbyMember> [BulkUpdateLobbyMembers];
    /// `PUT /lobbies/{lobby_id}/members/{user_id}`
    AddLobbyMember => model::lobby::LobbyMember [AddLobbyMember];
    /// `DELETE /lobbies/{lobby_id}/members/{user_id}`
    DeleteLobbyMember => () [DeleteLobbyMember];
    /// `GET /lobbies/{lobby_id}/messages`
    ListLobbyMessages => Vec<model::lobby::LobbyMessage> [GetLobbyMessages];
    /// `POST /lobbies/{lobby_id}/messages`
    CreateLobbyMessage => model::lobby::LobbyMessage [CreateLobbyMessage];
    /// `PUT /lobbies/{lobby_id}/messages/{message_id}/moderation-metadata` (or a DM
    /// message's, `PUT /partner-sdk/dms/{user_id_1}/{user_id_2}/messages/{message_id}/moderation-metadata`)
    UpdateModerationMetadata => () [UpdateLobbyMessageExternalModerationMetadata, UpdateUserMessageExternalModerationMetadata];

    /// `POST /partner-sdk/provisional-accounts/unmerge` (or `/unmerge/bot`)
    UnmergeProvisionalAccount => () [PartnerSdkUnmergeProvisionalAccount, BotPartnerSdkUnmergeProvisionalAccount];
    /// `POST /partner-sdk/token` (or `/token/bot`)
    PartnerSdkToken => model::oauth::ProvisionalToken [PartnerSdkToken, BotPartnerSdkToken];

    /// `PATCH /webhooks/{webhook_id}`
    UpdateWebhook => model::webhook::Webhook [UpdateWebhook], audited;
    /// `PATCH /webhooks/{webhook_id}/{webhook_token}`
    UpdateWebhookWithToken => model::webhook::Webhook [UpdateWebhookByToken];
    /// `DELETE /webhooks/{webhook_id}/{webhook_token}`
    DeleteWebhookWithToken => () [DeleteWebhookByToken];
    /// `POST /webhooks/{webhook_id}/{webhook_token}/slack?wait=true` (or `/github`)
    ExecuteCompatibleWebhook => model::message::Message [ExecuteSlackCompatibleWebhook, ExecuteGithubCompatibleWebhook];
    /// `GET /webhooks/{webhook_id}/{webhook_token}/messages/@original`
    GetOriginalWebhookMessage => model::message::Message [GetOriginalWebhookMessage];
    /// `PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original`
    EditOriginalWebhookMessage => model::message::Message [UpdateOriginalWebhookMessage];
    /// `DELETE /webhooks/{webhook_id}/{webhook_token}/messages/@original`
    DeleteOriginalWebhookMessage => () [DeleteOriginalWebhookMessage];

    /// `PATCH /users/@me`
    UpdateCurrentUser => model::user::CurrentUser [UpdateMyUser];
    /// `POST /users/@me/channels`
    CreateDm => model::channel::Channel [CreateDm];
    /// `GET /users/@me/connections`
    ListConnections => Vec<model::user::Connection> [ListMyConnections];
    /// `DELETE /users/@me/guilds/{guild_id}`
    LeaveGuild => () [LeaveGuild];
    /// `GET /users/@me/guilds/{guild_id}/member`
    GetCurrentUserGuildMember => model::guild::Member [GetMyGuildMember];
}
