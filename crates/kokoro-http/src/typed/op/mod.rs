//! The operations of the typed requests: one marker type per route, naming what
//! `.await` decodes ([`Op::Output`]) and whether Discord takes an audit-log reason
//! ([`Audited`]).

use crate::routes::Operation;
use kokoro_model::{
    application::ApplicationCommand,
    channel::{Channel, ThreadMember},
    gateway_info::{GatewayBotInfo, GatewayInfo},
    guild::{Ban, Member, PartialGuild, Role},
    interaction::InteractionCallbackResponse,
    invite::Invite,
    message::{Message, PinnedMessages},
    user::User,
    webhook::Webhook,
};

/// A REST operation with a typed response.
pub trait Op {
    /// What a successful response decodes into (`()` for 204 No Content).
    type Output;
    /// The routes this operation sends (a global and a guild variant share one
    /// operation, for example).
    const OPERATIONS: &'static [Operation];
}

/// An operation that takes `X-Audit-Log-Reason`.
pub trait Audited: Op {}

/// Declares operation markers: `Name => Output [Route, …] (, audited)?;`.
///
/// Each invocation also defines `OPERATIONS`, every route its markers send, which
/// [`typed_operations`] gathers for `cargo xtask routes` and the coverage test.
macro_rules! ops {
    (@audited $name:ident) => {
        impl $crate::typed::op::Audited for $name {}
    };
    ($( $(#[$doc:meta])* $name:ident => $out:ty [$($route:ident),+ $(,)?] $(, $audited:ident)? ; )*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug)]
            pub enum $name {}

            impl $crate::typed::op::Op for $name {
                type Output = $out;
                const OPERATIONS: &'static [$crate::routes::Operation] =
                    &[$($crate::routes::Operation::$route),+];
            }

            $( ops!(@$audited $name); )?
        )*

        /// Every route the markers of this module send.
        pub(super) const OPERATIONS: &[&[$crate::routes::Operation]] =
            &[$(<$name as $crate::typed::op::Op>::OPERATIONS),*];
    };
}

mod applications;
mod channels;
mod expressions;
mod guilds;
mod lobbies;

pub use applications::*;
pub use channels::*;
pub use expressions::*;
pub use guilds::*;
pub use lobbies::*;

/// Every operation that has a typed request, sorted, each once.
///
/// ```
/// use kokoro_http::{routes::Operation, typed::op::typed_operations};
///
/// assert!(typed_operations().contains(&Operation::CreateMessage));
/// ```
pub fn typed_operations() -> Vec<Operation> {
    let mut all: Vec<Operation> = [
        OPERATIONS,
        applications::OPERATIONS,
        channels::OPERATIONS,
        expressions::OPERATIONS,
        guilds::OPERATIONS,
        lobbies::OPERATIONS,
    ]
    .into_iter()
    .flatten()
    .flat_map(|ops| ops.iter().copied())
    .collect();
    all.sort_unstable();
    all.dedup();
    all
}

ops! {
    /// `POST /channels/{channel_id}/messages`
    CreateMessage => Message [CreateMessage];
    /// `GET /channels/{channel_id}/messages/{message_id}`
    GetMessage => Message [GetMessage];
    /// `GET /channels/{channel_id}/messages`
    ListMessages => Vec<Message> [ListMessages];
    /// `PATCH /channels/{channel_id}/messages/{message_id}`
    EditMessage => Message [UpdateMessage];
    /// `DELETE /channels/{channel_id}/messages/{message_id}`
    DeleteMessage => () [DeleteMessage], audited;
    /// `POST /channels/{channel_id}/messages/bulk-delete`
    BulkDeleteMessages => () [BulkDeleteMessages], audited;
    /// `PUT /channels/{channel_id}/messages/pins/{message_id}`
    PinMessage => () [CreatePin], audited;
    /// `DELETE /channels/{channel_id}/messages/pins/{message_id}`
    UnpinMessage => () [DeletePin], audited;
    /// `GET /channels/{channel_id}/messages/pins`
    ListPins => PinnedMessages [ListPins];
    /// `POST /channels/{channel_id}/typing`
    TriggerTyping => () [TriggerTypingIndicator];

    /// `PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me`
    AddReaction => () [AddMyMessageReaction];
    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me`
    DeleteOwnReaction => () [DeleteMyMessageReaction];
    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/{user_id}`
    DeleteUserReaction => () [DeleteUserMessageReaction];
    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions`
    DeleteAllReactions => () [DeleteAllMessageReactions];
    /// `DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji}`
    DeleteAllReactionsForEmoji => () [DeleteAllMessageReactionsByEmoji];
    /// `GET /channels/{channel_id}/messages/{message_id}/reactions/{emoji}`
    ListReactions => Vec<User> [ListMessageReactionsByEmoji];

    /// `GET /channels/{channel_id}`
    GetChannel => Channel [GetChannel];
    /// `PATCH /channels/{channel_id}`
    UpdateChannel => Channel [UpdateChannel], audited;
    /// `DELETE /channels/{channel_id}`
    DeleteChannel => Channel [DeleteChannel], audited;

    /// `POST /channels/{channel_id}/messages/{message_id}/threads`
    CreateThreadFromMessage => Channel [CreateThreadFromMessage], audited;
    /// `POST /channels/{channel_id}/threads`
    CreateThread => Channel [CreateThread], audited;
    /// `PUT /channels/{channel_id}/thread-members/@me`
    JoinThread => () [JoinThread];
    /// `DELETE /channels/{channel_id}/thread-members/@me`
    LeaveThread => () [LeaveThread];
    /// `GET /channels/{channel_id}/thread-members`
    ListThreadMembers => Vec<ThreadMember> [ListThreadMembers];

    /// `GET /guilds/{guild_id}/members/{user_id}`
    GetMember => Member [GetGuildMember];
    /// `GET /guilds/{guild_id}/members`
    ListMembers => Vec<Member> [ListGuildMembers];
    /// `PATCH /guilds/{guild_id}/members/{user_id}`
    UpdateMember => Member [UpdateGuildMember], audited;
    /// `DELETE /guilds/{guild_id}/members/{user_id}`
    KickMember => () [DeleteGuildMember], audited;
    /// `PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}`
    AddMemberRole => () [AddGuildMemberRole], audited;
    /// `DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}`
    RemoveMemberRole => () [DeleteGuildMemberRole], audited;

    /// `GET /guilds/{guild_id}/roles`
    ListRoles => Vec<Role> [ListGuildRoles];
    /// `POST /guilds/{guild_id}/roles`
    CreateRole => Role [CreateGuildRole], audited;
    /// `PATCH /guilds/{guild_id}/roles/{role_id}`
    UpdateRole => Role [UpdateGuildRole], audited;
    /// `DELETE /guilds/{guild_id}/roles/{role_id}`
    DeleteRole => () [DeleteGuildRole], audited;

    /// `PUT /guilds/{guild_id}/bans/{user_id}`
    CreateBan => () [BanUserFromGuild], audited;
    /// `DELETE /guilds/{guild_id}/bans/{user_id}`
    DeleteBan => () [UnbanUserFromGuild], audited;
    /// `GET /guilds/{guild_id}/bans`
    ListBans => Vec<Ban> [ListGuildBans];

    /// `POST /channels/{channel_id}/webhooks`
    CreateWebhook => Webhook [CreateWebhook], audited;
    /// `GET /webhooks/{webhook_id}` (or with its token)
    GetWebhook => Webhook [GetWebhook, GetWebhookByToken];
    /// `DELETE /webhooks/{webhook_id}`
    DeleteWebhook => () [DeleteWebhook], audited;
    /// `POST /webhooks/{webhook_id}/{webhook_token}?wait=true`
    ExecuteWebhook => Message [ExecuteWebhook];
    /// `GET /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}`
    GetWebhookMessage => Message [GetWebhookMessage];
    /// `PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}`
    EditWebhookMessage => Message [UpdateWebhookMessage];
    /// `DELETE /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}`
    DeleteWebhookMessage => () [DeleteWebhookMessage];

    /// `POST /interactions/{interaction_id}/{interaction_token}/callback`
    CreateInteractionResponse => () [CreateInteractionResponse];
    /// `POST /interactions/{interaction_id}/{interaction_token}/callback?with_response=true`
    CreateInteractionResponseWithResponse => InteractionCallbackResponse [CreateInteractionResponse];
    /// `GET /webhooks/{application_id}/{interaction_token}/messages/@original`
    GetOriginalResponse => Message [GetOriginalInteractionResponse];
    /// `PATCH /webhooks/{application_id}/{interaction_token}/messages/@original`
    EditOriginalResponse => Message [UpdateOriginalInteractionResponse];
    /// `DELETE /webhooks/{application_id}/{interaction_token}/messages/@original`
    DeleteOriginalResponse => () [DeleteOriginalInteractionResponse];
    /// `POST /webhooks/{application_id}/{interaction_token}`
    CreateFollowup => Message [CreateFollowupMessage];
    /// `GET /webhooks/{application_id}/{interaction_token}/messages/{message_id}`
    GetFollowup => Message [GetFollowupMessage];
    /// `PATCH /webhooks/{application_id}/{interaction_token}/messages/{message_id}`
    EditFollowup => Message [UpdateFollowupMessage];
    /// `DELETE /webhooks/{application_id}/{interaction_token}/messages/{message_id}`
    DeleteFollowup => () [DeleteFollowupMessage];

    /// `GET /applications/{application_id}[/guilds/{guild_id}]/commands`
    ListCommands => Vec<ApplicationCommand> [ListApplicationCommands, ListGuildApplicationCommands];
    /// `GET /applications/{application_id}[/guilds/{guild_id}]/commands/{command_id}`
    GetCommand => ApplicationCommand [GetApplicationCommand, GetGuildApplicationCommand];
    /// `POST /applications/{application_id}[/guilds/{guild_id}]/commands`
    CreateCommand => ApplicationCommand [CreateApplicationCommand, CreateGuildApplicationCommand];
    /// `PATCH /applications/{application_id}[/guilds/{guild_id}]/commands/{command_id}`
    EditCommand => ApplicationCommand [UpdateApplicationCommand, UpdateGuildApplicationCommand];
    /// `DELETE /applications/{application_id}[/guilds/{guild_id}]/commands/{command_id}`
    DeleteCommand => () [DeleteApplicationCommand, DeleteGuildApplicationCommand];
    /// `PUT /applications/{application_id}[/guilds/{guild_id}]/commands`
    SetCommands => Vec<ApplicationCommand> [BulkSetApplicationCommands, BulkSetGuildApplicationCommands];

    /// `GET /users/@me`
    GetCurrentUser => User [GetMyUser];
    /// `GET /users/{user_id}`
    GetUser => User [GetUser];
    /// `GET /gateway`
    GetGateway => GatewayInfo [GetGateway];
    /// `GET /gateway/bot`
    GetGatewayBot => GatewayBotInfo [GetBotGateway];
    /// `GET /users/@me/guilds`
    ListCurrentUserGuilds => Vec<PartialGuild> [ListMyGuilds];

    /// `POST /channels/{channel_id}/invites`
    CreateInvite => Invite [CreateChannelInvite], audited;
    /// `GET /invites/{code}`
    GetInvite => Invite [InviteResolve];
    /// `DELETE /invites/{code}`
    DeleteInvite => Invite [InviteRevoke], audited;
}
