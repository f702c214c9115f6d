//! The operations of the typed requests: one marker type per route, naming what
//! `.await` decodes ([`Op::Output`]) and whether Discord takes an audit-log reason
//! ([`Audited`]).

use kokoro_model::{
    application::ApplicationCommand,
    channel::{Channel, ThreadMember},
    gateway_info::{GatewayBotInfo, GatewayInfo},
    guild::{Ban, Member, PartialGuild, Role},
    invite::Invite,
    message::{Message, PinnedMessages},
    user::User,
    webhook::Webhook,
};

/// A REST operation with a typed response.
pub trait Op {
    /// What a successful response decodes into (`()` for 204 No Content).
    type Output;
}

/// An operation that takes `X-Audit-Log-Reason`.
pub trait Audited: Op {}

macro_rules! ops {
    (@audited $name:ident) => {
        impl Audited for $name {}
    };
    ($( $(#[$doc:meta])* $name:ident => $out:ty $(, $audited:ident)? ; )*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug)]
        pub enum $name {}

        impl Op for $name {
            type Output = $out;
        }

        $( ops!(@$audited $name); )?
    )*};
}

ops! {
    /// `POST /channels/{channel_id}/messages`
    CreateMessage => Message;
    /// `GET /channels/{channel_id}/messages/{message_id}`
    GetMessage => Message;
    /// `GET /channels/{channel_id}/messages`
    ListMessages => Vec<Message>;
    /// `PATCH /channels/{channel_id}/messages/{message_id}`
    EditMessage => Message;
    /// `DELETE /channels/{channel_id}/messages/{message_id}`
    DeleteMessage => (), audited;
    /// `POST /channels/{channel_id}/messages/bulk-delete`
    BulkDeleteMessages => (), audited;
    /// `PUT /channels/{channel_id}/messages/pins/{message_id}`
    PinMessage => (), audited;
    /// `DELETE /channels/{channel_id}/messages/pins/{message_id}`
    UnpinMessage => (), audited;
    /// `GET /channels/{channel_id}/messages/pins`
    ListPins => PinnedMessages;
    /// `POST /channels/{channel_id}/typing`
    TriggerTyping => ();

    /// `PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me`
    AddReaction => ();
    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me`
    DeleteOwnReaction => ();
    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/{user_id}`
    DeleteUserReaction => ();
    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions`
    DeleteAllReactions => ();
    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji}`
    DeleteAllReactionsForEmoji => ();
    /// `GET /channels/{channel_id}/messages/{message_id}/reactions/{emoji}`
    ListReactions => Vec<User>;

    /// `GET /channels/{channel_id}`
    GetChannel => Channel;
    /// `PATCH /channels/{channel_id}`
    UpdateChannel => Channel, audited;
    /// `DELETE /channels/{channel_id}`
    DeleteChannel => Channel, audited;

    /// `POST /channels/{channel_id}/messages/{message_id}/threads`
    CreateThreadFromMessage => Channel, audited;
    /// `POST /channels/{channel_id}/threads`
    CreateThread => Channel, audited;
    /// `PUT /channels/{channel_id}/thread-members/@me`
    JoinThread => ();
    /// `DELETE /channels/{channel_id}/thread-members/@me`
    LeaveThread => ();
    /// `GET /channels/{channel_id}/thread-members`
    ListThreadMembers => Vec<ThreadMember>;

    /// `GET /guilds/{guild_id}/members/{user_id}`
    GetMember => Member;
    /// `GET /guilds/{guild_id}/members`
    ListMembers => Vec<Member>;
    /// `PATCH /guilds/{guild_id}/members/{user_id}`
    UpdateMember => Member, audited;
    /// `DELETE /guilds/{guild_id}/members/{user_id}`
    KickMember => (), audited;
    /// `PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}`
    AddMemberRole => (), audited;
    /// `DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}`
    RemoveMemberRole => (), audited;

    /// `GET /guilds/{guild_id}/roles`
    ListRoles => Vec<Role>;
    /// `POST /guilds/{guild_id}/roles`
    CreateRole => Role, audited;
    /// `PATCH /guilds/{guild_id}/roles/{role_id}`
    UpdateRole => Role, audited;
    /// `DELETE /guilds/{guild_id}/roles/{role_id}`
    DeleteRole => (), audited;

    /// `PUT /guilds/{guild_id}/bans/{user_id}`
    CreateBan => (), audited;
    /// `DELETE /guilds/{guild_id}/bans/{user_id}`
    DeleteBan => (), audited;
    /// `GET /guilds/{guild_id}/bans`
    ListBans => Vec<Ban>;

    /// `POST /channels/{channel_id}/webhooks`
    CreateWebhook => Webhook, audited;
    /// `GET /webhooks/{webhook_id}` (or with its token)
    GetWebhook => Webhook;
    /// `DELETE /webhooks/{webhook_id}`
    DeleteWebhook => (), audited;
    /// `POST /webhooks/{webhook_id}/{webhook_token}?wait=true`
    ExecuteWebhook => Message;
    /// `GET /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}`
    GetWebhookMessage => Message;
    /// `PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}`
    EditWebhookMessage => Message;
    /// `DELETE /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}`
    DeleteWebhookMessage => ();

    /// `POST /interactions/{interaction_id}/{interaction_token}/callback`
    CreateInteractionResponse => ();
    /// `GET /webhooks/{application_id}/{interaction_token}/messages/@original`
    GetOriginalResponse => Message;
    /// `PATCH /webhooks/{application_id}/{interaction_token}/messages/@original`
    EditOriginalResponse => Message;
    /// `DELETE /webhooks/{application_id}/{interaction_token}/messages/@original`
    DeleteOriginalResponse => ();
    /// `POST /webhooks/{application_id}/{interaction_token}`
    CreateFollowup => Message;
    /// `GET /webhooks/{application_id}/{interaction_token}/messages/{message_id}`
    GetFollowup => Message;
    /// `PATCH /webhooks/{application_id}/{interaction_token}/messages/{message_id}`
    EditFollowup => Message;
    /// `DELETE /webhooks/{application_id}/{interaction_token}/messages/{message_id}`
    DeleteFollowup => ();

    /// `GET /applications/{application_id}[/guilds/{guild_id}]/commands`
    ListCommands => Vec<ApplicationCommand>;
    /// `GET /applications/{application_id}[/guilds/{guild_id}]/commands/{command_id}`
    GetCommand => ApplicationCommand;
    /// `POST /applications/{application_id}[/guilds/{guild_id}]/commands`
    CreateCommand => ApplicationCommand;
    /// `PATCH /applications/{application_id}[/guilds/{guild_id}]/commands/{command_id}`
    EditCommand => ApplicationCommand;
    /// `DELETE /applications/{application_id}[/guilds/{guild_id}]/commands/{command_id}`
    DeleteCommand => ();
    /// `PUT /applications/{application_id}[/guilds/{guild_id}]/commands`
    SetCommands => Vec<ApplicationCommand>;

    /// `GET /gateway`
    GetGateway => GatewayInfo;
    /// `GET /gateway/bot`
    GetGatewayBot => GatewayBotInfo;
    /// `GET /users/@me/guilds`
    ListCurrentUserGuilds => Vec<PartialGuild>;

    /// `POST /channels/{channel_id}/invites`
    CreateInvite => Invite, audited;
    /// `GET /invites/{code}`
    GetInvite => Invite;
    /// `DELETE /invites/{code}`
    DeleteInvite => Invite, audited;
}
