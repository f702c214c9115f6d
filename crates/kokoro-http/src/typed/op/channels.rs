//! Operation markers of the channel, thread, webhook, user, voice, auto-moderation and poll families (see [`crate::typed`]).

use kokoro_model::{
    auto_moderation::AutoModerationRule,
    channel::{Channel, FollowedChannel, ThreadList, ThreadMember},
    invite::Invite,
    message::Message,
    poll::PollAnswerVoters,
    voice::{VoiceRegion, VoiceState},
    webhook::Webhook,
};

ops! {
    /// `POST /channels/{channel_id}/followers`
    FollowChannel => FollowedChannel [FollowChannel], audited;
    /// `GET /channels/{channel_id}/invites`
    ListChannelInvites => Vec<Invite> [ListChannelInvites];
    /// `POST /channels/{channel_id}/messages/{message_id}/crosspost`
    CrosspostMessage => Message [CrosspostMessage];
    /// `PUT /channels/{channel_id}/permissions/{overwrite_id}`
    SetPermissionOverwrite => () [SetChannelPermissionOverwrite], audited;
    /// `DELETE /channels/{channel_id}/permissions/{overwrite_id}`
    DeletePermissionOverwrite => () [DeleteChannelPermissionOverwrite], audited;
    /// `GET /channels/{channel_id}/pins` (deprecated: `GET /channels/{channel_id}/messages/pins`)
    DeprecatedListPins => Vec<Message> [DeprecatedListPins];
    /// `PUT /channels/{channel_id}/pins/{message_id}` (deprecated: `PUT /channels/{channel_id}/messages/pins/{message_id}`)
    DeprecatedPinMessage => () [DeprecatedCreatePin], audited;
    /// `DELETE /channels/{channel_id}/pins/{message_id}` (deprecated: `DELETE /channels/{channel_id}/messages/pins/{message_id}`)
    DeprecatedUnpinMessage => () [DeprecatedDeletePin], audited;
    /// `PUT /channels/{channel_id}/recipients/{user_id}` (a channel when the user was
    /// added, nothing when they already were a recipient)
    AddGroupDmRecipient => Option<Channel> [AddGroupDmUser];
    /// `DELETE /channels/{channel_id}/recipients/{user_id}`
    RemoveGroupDmRecipient => () [DeleteGroupDmUser];
    /// `GET /channels/{channel_id}/webhooks`
    ListChannelWebhooks => Vec<Webhook> [ListChannelWebhooks];
    /// `PUT /channels/{channel_id}/voice-status`
    SetVoiceChannelStatus => () [UpdateVoiceChannelStatus];

    /// `GET /channels/{channel_id}/thread-members/{user_id}`
    GetThreadMember => ThreadMember [GetThreadMember];
    /// `PUT /channels/{channel_id}/thread-members/{user_id}`
    AddThreadMember => () [AddThreadMember];
    /// `DELETE /channels/{channel_id}/thread-members/{user_id}`
    RemoveThreadMember => () [DeleteThreadMember];
    /// `GET /channels/{channel_id}/threads/archived/public`
    ListPublicArchivedThreads => ThreadList [ListPublicArchivedThreads];
    /// `GET /channels/{channel_id}/threads/archived/private`
    ListPrivateArchivedThreads => ThreadList [ListPrivateArchivedThreads];
    /// `GET /channels/{channel_id}/users/@me/threads/archived/private`
    ListJoinedPrivateArchivedThreads => ThreadList [ListMyPrivateArchivedThreads];
    /// `GET /channels/{channel_id}/threads/search`
    SearchThreads => ThreadList [ThreadSearch];

    /// `GET /channels/{channel_id}/polls/{message_id}/answers/{answer_id}`
    GetAnswerVoters => PollAnswerVoters [GetAnswerVoters];
    /// `POST /channels/{channel_id}/polls/{message_id}/expire`
    ExpirePoll => Message [PollExpire];

    /// `GET /guilds/{guild_id}/auto-moderation/rules`
    ListAutoModerationRules => Vec<AutoModerationRule> [ListAutoModerationRules];
    /// `GET /guilds/{guild_id}/auto-moderation/rules/{rule_id}`
    GetAutoModerationRule => AutoModerationRule [GetAutoModerationRule];
    /// `POST /guilds/{guild_id}/auto-moderation/rules`
    CreateAutoModerationRule => AutoModerationRule [CreateAutoModerationRule], audited;
    /// `PATCH /guilds/{guild_id}/auto-moderation/rules/{rule_id}`
    UpdateAutoModerationRule => AutoModerationRule [UpdateAutoModerationRule], audited;
    /// `DELETE /guilds/{guild_id}/auto-moderation/rules/{rule_id}`
    DeleteAutoModerationRule => () [DeleteAutoModerationRule], audited;

    /// `GET /voice/regions`
    ListVoiceRegions => Vec<VoiceRegion> [ListVoiceRegions];
    /// `GET /guilds/{guild_id}/regions`
    ListGuildVoiceRegions => Vec<VoiceRegion> [ListGuildVoiceRegions];
    /// `GET /guilds/{guild_id}/voice-states/@me`
    GetCurrentUserVoiceState => VoiceState [GetSelfVoiceState];
    /// `GET /guilds/{guild_id}/voice-states/{user_id}`
    GetVoiceState => VoiceState [GetVoiceState];
    /// `PATCH /guilds/{guild_id}/voice-states/@me`
    UpdateCurrentUserVoiceState => () [UpdateSelfVoiceState];
    /// `PATCH /guilds/{guild_id}/voice-states/{user_id}`
    UpdateVoiceState => () [UpdateVoiceState];
}
