//! Lobbies, the partner SDK, invite target users, webhooks by token and the current
//! user.

use std::{
    collections::HashMap,
    future::{Future, IntoFuture},
    pin::Pin,
};

use kokoro_model::{
    id::{ChannelId, GuildId, LobbyId, MessageId, UserId, WebhookId},
    lobby::{
        ExternalAuthType, Lobby, LobbyMember, LobbyMemberFlags, LobbyMemberUpdate,
        validate_metadata,
    },
    message::{EditMessage, Embed},
    validate::{self, ValidationError, ValidationErrorKind},
};
use serde_json::Value;

use super::{Builder, Payload, op};
use crate::{Attachment, Body, Client, Error, ImageData, Multipart, Request, routes::Route};

/// The most key/value pairs of a message's moderation metadata.
const MODERATION_METADATA_MAX: usize = 5;
/// The most characters of a moderation metadata key.
const MODERATION_METADATA_KEY_MAX: usize = 1024;
/// The most characters of a moderation metadata value.
const MODERATION_METADATA_VALUE_MAX: usize = 2000;

fn metadata_check(field: &'static str, m: &HashMap<String, String>) -> Result<(), ValidationError> {
    validate_metadata(field, m)
}

fn members_check(members: &[LobbyMember]) -> Result<(), ValidationError> {
    validate::max_items("members", members.len(), Lobby::MEMBERS_MAX)?;
    members
        .iter()
        .enumerate()
        .try_for_each(|(i, m)| m.validate().map_err(|e| e.within(format!("members[{i}]"))))
}

fn moderation_check(m: &HashMap<String, String>) -> Result<(), ValidationError> {
    validate::max_items("metadata", m.len(), MODERATION_METADATA_MAX)?;
    m.iter().try_for_each(|(k, v)| {
        validate::max_chars("metadata", k, MODERATION_METADATA_KEY_MAX)?;
        validate::max_chars("metadata", v, MODERATION_METADATA_VALUE_MAX)
    })
}

fn idle_timeout<O>(b: Builder<'_, O, Value>, seconds: u32) -> Builder<'_, O, Value> {
    b.number(
        "idle_timeout_seconds",
        seconds.into(),
        Lobby::IDLE_TIMEOUT_MIN.into(),
        Lobby::IDLE_TIMEOUT_MAX.into(),
    )
}

impl Builder<'_, op::CreateLobby, Value> {
    /// String key/value pairs (at most 25, 1000 characters in total).
    pub fn metadata(self, metadata: HashMap<String, String>) -> Self {
        self.check(metadata_check("metadata", &metadata))
            .field("metadata", metadata)
    }

    /// The first members (at most 25), each with its own metadata and flags.
    pub fn members(self, members: Vec<LobbyMember>) -> Self {
        self.check(members_check(&members))
            .field("members", members)
    }

    /// Seconds the lobby lives on without members online (5 to 604,800).
    pub fn idle_timeout_seconds(self, seconds: u32) -> Self {
        idle_timeout(self, seconds)
    }

    /// The lobby's flags (`1`: every member can link a channel).
    pub fn flags(self, flags: u32) -> Self {
        self.field("flags", flags)
    }

    /// Sends this lobby's events to another URL than the app's (at most 512 characters).
    pub fn override_event_webhooks_url(self, url: impl Into<String>) -> Self {
        self.text("override_event_webhooks_url", url.into(), 1, 512)
    }
}

impl Builder<'_, op::EditLobby, Value> {
    /// Replaces the metadata (at most 25 pairs, 1000 characters in total).
    pub fn metadata(self, metadata: HashMap<String, String>) -> Self {
        self.check(metadata_check("metadata", &metadata))
            .field("metadata", metadata)
    }

    /// Replaces the members (at most 25).
    pub fn members(self, members: Vec<LobbyMember>) -> Self {
        self.check(members_check(&members))
            .field("members", members)
    }

    /// Seconds the lobby lives on without members online (5 to 604,800).
    pub fn idle_timeout_seconds(self, seconds: u32) -> Self {
        idle_timeout(self, seconds)
    }

    /// The lobby's flags.
    pub fn flags(self, flags: u32) -> Self {
        self.field("flags", flags)
    }

    /// Sends this lobby's events to another URL than the app's (at most 512 characters).
    pub fn override_event_webhooks_url(self, url: impl Into<String>) -> Self {
        self.text("override_event_webhooks_url", url.into(), 1, 512)
    }
}

impl Builder<'_, op::CreateOrJoinLobby, Value> {
    /// The lobby's metadata when it is created (at most 25 pairs, 1000 characters).
    pub fn lobby_metadata(self, metadata: HashMap<String, String>) -> Self {
        self.check(metadata_check("lobby_metadata", &metadata))
            .field("lobby_metadata", metadata)
    }

    /// The joining member's metadata (at most 25 pairs, 1000 characters).
    pub fn member_metadata(self, metadata: HashMap<String, String>) -> Self {
        self.check(metadata_check("member_metadata", &metadata))
            .field("member_metadata", metadata)
    }

    /// Seconds the lobby lives on without members online (5 to 604,800).
    pub fn idle_timeout_seconds(self, seconds: u32) -> Self {
        idle_timeout(self, seconds)
    }

    /// The lobby's flags.
    pub fn flags(self, flags: u32) -> Self {
        self.field("flags", flags)
    }
}

impl Builder<'_, op::AddLobbyMember, Value> {
    /// The member's metadata (at most 25 pairs, 1000 characters in total).
    pub fn metadata(self, metadata: HashMap<String, String>) -> Self {
        self.check(metadata_check("metadata", &metadata))
            .field("metadata", metadata)
    }

    /// The member's flags (`CAN_LINK_LOBBY`).
    pub fn flags(self, flags: LobbyMemberFlags) -> Self {
        self.field("flags", flags)
    }

    /// An additional display name, such as a character's (1 to 80 characters).
    pub fn additional_name(self, name: impl Into<String>) -> Self {
        self.text(
            "additional_name",
            name.into(),
            1,
            LobbyMember::ADDITIONAL_NAME_MAX,
        )
    }
}

impl Builder<'_, op::ListLobbyMessages> {
    /// How many (1 to 200; Discord's default 50).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 200)
    }
}

/// The most characters of a lobby message.
const LOBBY_MESSAGE_MAX: usize = 4000;

impl Builder<'_, op::CreateLobbyMessage, Value> {
    /// The text (at most 4,000 characters).
    pub fn content(self, content: impl Into<String>) -> Self {
        self.text("content", content.into(), 0, LOBBY_MESSAGE_MAX)
    }

    /// Adds an embed (at most 10).
    pub fn embed(mut self, embed: Embed) -> Self {
        let mut embeds = match &mut self.body {
            Value::Object(o) => o
                .remove("embeds")
                .and_then(|v| serde_json::from_value::<Vec<Embed>>(v).ok())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        embeds.push(embed);
        let check = validate::max_items("embeds", embeds.len(), 10);
        self.check(check).field("embeds", embeds)
    }

    /// Metadata sent with the message's gateway dispatch only (at most 25 pairs, 1000
    /// characters in total).
    pub fn metadata(self, metadata: HashMap<String, String>) -> Self {
        self.check(metadata_check("metadata", &metadata))
            .field("metadata", metadata)
    }
}

impl Builder<'_, op::PartnerSdkToken, Value> {
    /// The application's client secret, when the client sends no bot token.
    pub fn client_secret(self, secret: impl Into<String>) -> Self {
        self.text("client_secret", secret.into(), 1, 1024)
    }

    /// The display name of a new provisional account (1 to 32 characters; bot variant).
    pub fn preferred_global_name(self, name: impl Into<String>) -> Self {
        self.text("preferred_global_name", name.into(), 1, 32)
    }

    /// The provisional account to issue the token for (bot variant).
    pub fn provisional_user_id(self, id: UserId) -> Self {
        self.field("provisional_user_id", id)
    }
}

impl Builder<'_, op::UnmergeProvisionalAccount, Value> {
    /// The application's client secret, when the client sends no bot token.
    pub fn client_secret(self, secret: impl Into<String>) -> Self {
        self.text("client_secret", secret.into(), 1, 1024)
    }
}

impl Builder<'_, op::UpdateWebhook, Value> {
    /// The default name (1 to 80 characters).
    pub fn name(self, name: impl Into<String>) -> Self {
        self.text("name", name.into(), 1, 80)
    }

    /// The default avatar (`None` removes it).
    pub fn avatar(self, avatar: Option<ImageData>) -> Self {
        self.field("avatar", avatar)
    }

    /// Moves the webhook to this channel (of the same guild).
    pub fn channel_id(self, channel_id: ChannelId) -> Self {
        self.field("channel_id", channel_id)
    }
}

impl Builder<'_, op::UpdateWebhookWithToken, Value> {
    /// The default name (1 to 80 characters).
    pub fn name(self, name: impl Into<String>) -> Self {
        self.text("name", name.into(), 1, 80)
    }

    /// The default avatar (`None` removes it).
    pub fn avatar(self, avatar: Option<ImageData>) -> Self {
        self.field("avatar", avatar)
    }
}

impl Builder<'_, op::ExecuteCompatibleWebhook, Value> {
    /// Posts in this thread of the webhook's channel.
    pub fn thread_id(self, thread_id: ChannelId) -> Self {
        self.query("thread_id", thread_id)
    }
}

impl Builder<'_, op::GetOriginalWebhookMessage> {
    /// The message is in this thread of the webhook's channel.
    pub fn thread_id(self, thread_id: ChannelId) -> Self {
        self.query("thread_id", thread_id)
    }
}

impl Builder<'_, op::EditOriginalWebhookMessage, EditMessage> {
    /// The message is in this thread of the webhook's channel.
    pub fn thread_id(self, thread_id: ChannelId) -> Self {
        self.query("thread_id", thread_id)
    }
}

impl Builder<'_, op::DeleteOriginalWebhookMessage> {
    /// The message is in this thread of the webhook's channel.
    pub fn thread_id(self, thread_id: ChannelId) -> Self {
        self.query("thread_id", thread_id)
    }
}

impl Builder<'_, op::UpdateCurrentUser, Value> {
    /// The username (2 to 32 characters).
    pub fn username(self, username: impl Into<String>) -> Self {
        self.text("username", username.into(), 2, 32)
    }

    /// The avatar (`None` removes it).
    pub fn avatar(self, avatar: Option<ImageData>) -> Self {
        self.field("avatar", avatar)
    }

    /// The profile banner (`None` removes it).
    pub fn banner(self, banner: Option<ImageData>) -> Self {
        self.field("banner", banner)
    }
}

impl Builder<'_, op::CreateDm, Value> {
    /// Nicknames of the group DM's users, by user id (group DMs only).
    pub fn nicks(self, nicks: HashMap<UserId, String>) -> Self {
        let nicks: HashMap<String, String> =
            nicks.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        self.field("nicks", nicks)
    }
}

/// The body of `PUT /invites/{code}/target-users`: a CSV file of user ids, sent as
/// `target_users_file`.
#[derive(Clone, Debug, Default)]
pub struct TargetUsersFile {
    users: Vec<UserId>,
}

impl TargetUsersFile {
    /// The CSV Discord reads: a `user_id` header, then one id a line.
    pub fn csv(&self) -> String {
        self.users
            .iter()
            .fold(String::from("user_id\n"), |mut out, id| {
                out.push_str(&id.to_string());
                out.push('\n');
                out
            })
    }
}

impl Payload for TargetUsersFile {
    fn check(&self) -> Result<(), ValidationError> {
        if self.users.is_empty() {
            return Err(ValidationError::new(
                "target_users_file",
                ValidationErrorKind::Missing,
            ));
        }
        Ok(())
    }

    fn encode(self, _: Vec<Attachment>) -> Result<Body, Error> {
        let file = Attachment::new("target_users.csv", self.csv().into_bytes());
        Ok(Multipart::new().file("target_users_file", file).into())
    }
}

/// `GET /invites/{code}/target-users`: `.await` reads the CSV Discord answers with and
/// gives its user ids.
#[must_use = "a request does nothing until awaited"]
#[derive(Debug)]
pub struct InviteTargetUsers<'a> {
    client: &'a Client,
    request: Request<'a>,
}

/// Reads the user ids of a target-users CSV: every line's first column that is a
/// snowflake (a header line is skipped).
fn parse_target_users(csv: &str) -> Result<Vec<UserId>, Error> {
    let mut cells = csv
        .lines()
        .map(|line| {
            line.split(',')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"')
        })
        .filter(|cell| !cell.is_empty())
        .peekable();
    // The header names the column.
    if cells
        .peek()
        .is_some_and(|c| !c.bytes().all(|b| b.is_ascii_digit()))
    {
        cells.next();
    }
    cells
        .map(|cell| {
            cell.parse::<u64>()
                .ok()
                .filter(|n| *n != 0)
                .map(UserId::new)
                .ok_or_else(|| {
                    // The cell comes from the network: quote a bounded part of it.
                    let shown: String = cell.chars().take(32).collect();
                    Error::Request(format!("not a user id in the CSV: {shown:?}"))
                })
        })
        .collect()
}

impl<'a> IntoFuture for InviteTargetUsers<'a> {
    type Output = Result<Vec<UserId>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let response = self.client.send(self.request).await?;
            parse_target_users(&response.text())
        })
    }
}

impl Client {
    /// `GET /invites/{code}/target-users`: the users an invite targets. Discord answers
    /// with a CSV; `.await` gives its user ids.
    pub fn invite_target_users<'a>(&'a self, code: &'a str) -> InviteTargetUsers<'a> {
        InviteTargetUsers {
            client: self,
            request: Request::new(Route::GetInviteTargetUsers { code }),
        }
    }

    /// `PUT /invites/{code}/target-users`: replaces the users the invite targets,
    /// uploaded as a CSV file (`target_users_file`, multipart). Discord processes it
    /// in the background: see [`invite_target_users_job_status`](Self::invite_target_users_job_status).
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::id::UserId;
    ///
    /// client.update_invite_target_users("abc", &[UserId::new(1), UserId::new(2)]).await?;
    /// let job = client.invite_target_users_job_status("abc").await?;
    /// println!("{} of {} users", job.processed_users, job.total_users);
    /// # Ok(()) }
    /// ```
    pub fn update_invite_target_users<'a>(
        &'a self,
        code: &'a str,
        users: &[UserId],
    ) -> Builder<'a, op::UpdateInviteTargetUsers, TargetUsersFile> {
        Builder::with_body(
            self,
            Route::UpdateInviteTargetUsers { code },
            TargetUsersFile {
                users: users.to_vec(),
            },
        )
    }

    /// `GET /invites/{code}/target-users/job-status`: how far the last target-users
    /// upload got.
    pub fn invite_target_users_job_status<'a>(
        &'a self,
        code: &'a str,
    ) -> Builder<'a, op::GetInviteTargetUsersJobStatus> {
        Builder::new(self, Route::GetInviteTargetUsersJobStatus { code })
    }

    /// `POST /lobbies`: a new lobby of the bot's application, with `metadata`,
    /// `members`, `idle_timeout_seconds`, `flags`.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::{id::UserId, lobby::LobbyMember};
    ///
    /// let lobby = client
    ///     .create_lobby()
    ///     .members(vec![LobbyMember::new(UserId::new(1))])
    ///     .idle_timeout_seconds(300)
    ///     .await?;
    /// client.create_lobby_message(lobby.id, "gg").await?;
    /// # Ok(()) }
    /// ```
    pub fn create_lobby(&self) -> Builder<'_, op::CreateLobby, Value> {
        Builder::json(self, Route::CreateLobby)
    }

    /// `PUT /lobbies`: joins the lobby with this `secret` (at most 250 characters),
    /// creating it when there is none. Send it with a user's Bearer token.
    pub fn create_or_join_lobby<'a>(
        &'a self,
        secret: &'a str,
    ) -> Builder<'a, op::CreateOrJoinLobby, Value> {
        Builder::json(self, Route::CreateOrJoinLobby).text("secret", secret.to_owned(), 1, 250)
    }

    /// `GET /lobbies/{lobby_id}`.
    pub fn lobby(&self, lobby_id: LobbyId) -> Builder<'_, op::GetLobby> {
        Builder::new(self, Route::GetLobby { lobby_id })
    }

    /// `PATCH /lobbies/{lobby_id}`: `metadata`, `members`, `idle_timeout_seconds`, …
    pub fn update_lobby(&self, lobby_id: LobbyId) -> Builder<'_, op::EditLobby, Value> {
        Builder::json(self, Route::EditLobby { lobby_id })
    }

    /// `DELETE /lobbies/{lobby_id}`.
    pub fn delete_lobby(&self, lobby_id: LobbyId) -> Builder<'_, op::DeleteLobby> {
        Builder::new(self, Route::DeleteLobby { lobby_id })
    }

    /// `PATCH /lobbies/{lobby_id}/channel-linking`: links a guild text channel to the
    /// lobby, or unlinks it with `None`.
    pub fn link_lobby_channel(
        &self,
        lobby_id: LobbyId,
        channel_id: Option<ChannelId>,
    ) -> Builder<'_, op::LinkLobbyChannel, Value> {
        Builder::json(self, Route::EditLobbyChannelLink { lobby_id })
            .field("channel_id", channel_id)
    }

    /// `DELETE /lobbies/{lobby_id}/members/@me`: the token's user leaves the lobby.
    pub fn leave_lobby(&self, lobby_id: LobbyId) -> Builder<'_, op::LeaveLobby> {
        Builder::new(self, Route::LeaveLobby { lobby_id })
    }

    /// `POST /lobbies/{lobby_id}/members/@me/invites`: an invite to the guild of the
    /// lobby's linked channel, for the token's user.
    pub fn create_lobby_guild_invite(
        &self,
        lobby_id: LobbyId,
    ) -> Builder<'_, op::CreateLobbyGuildInvite> {
        Builder::new(
            self,
            Route::CreateLinkedLobbyGuildInviteForSelf { lobby_id },
        )
    }

    /// `POST /lobbies/{lobby_id}/members/{user_id}/invites`: an invite to the guild of
    /// the lobby's linked channel, for a member.
    pub fn create_lobby_member_guild_invite(
        &self,
        lobby_id: LobbyId,
        user_id: UserId,
    ) -> Builder<'_, op::CreateLobbyGuildInvite> {
        Builder::new(
            self,
            Route::CreateLinkedLobbyGuildInviteForUser { lobby_id, user_id },
        )
    }

    /// `POST /lobbies/{lobby_id}/members/bulk`: adds, updates and removes up to 25
    /// members at once; `.await` gives the members changed.
    pub fn update_lobby_members(
        &self,
        lobby_id: LobbyId,
        members: Vec<LobbyMemberUpdate>,
    ) -> Builder<'_, op::UpdateLobbyMembers, Value> {
        let count = members.len();
        let check = if count == 0 {
            Err(ValidationError::new(
                "members",
                ValidationErrorKind::TooFew { count, min: 1 },
            ))
        } else {
            validate::max_items("members", count, Lobby::MEMBERS_MAX).and_then(|()| {
                members.iter().enumerate().try_for_each(|(i, m)| {
                    m.validate().map_err(|e| e.within(format!("members[{i}]")))
                })
            })
        };
        let mut builder =
            Builder::json(self, Route::BulkUpdateLobbyMembers { lobby_id }).check(check);
        match serde_json::to_value(members) {
            Ok(v) => builder.body = v,
            Err(_) => {
                builder
                    .error
                    .get_or_insert(ValidationError::invalid("members", "does not serialize"));
            }
        }
        builder
    }

    /// `PUT /lobbies/{lobby_id}/members/{user_id}`: adds a member, or updates its
    /// `metadata`, `flags` and `additional_name`.
    pub fn add_lobby_member(
        &self,
        lobby_id: LobbyId,
        user_id: UserId,
    ) -> Builder<'_, op::AddLobbyMember, Value> {
        Builder::json(self, Route::AddLobbyMember { lobby_id, user_id })
    }

    /// `DELETE /lobbies/{lobby_id}/members/{user_id}`.
    pub fn delete_lobby_member(
        &self,
        lobby_id: LobbyId,
        user_id: UserId,
    ) -> Builder<'_, op::DeleteLobbyMember> {
        Builder::new(self, Route::DeleteLobbyMember { lobby_id, user_id })
    }

    /// `GET /lobbies/{lobby_id}/messages`, newest first, with `limit`.
    pub fn lobby_messages(&self, lobby_id: LobbyId) -> Builder<'_, op::ListLobbyMessages> {
        Builder::new(self, Route::GetLobbyMessages { lobby_id })
    }

    /// `POST /lobbies/{lobby_id}/messages`: `content` is at most 4,000 characters.
    pub fn create_lobby_message(
        &self,
        lobby_id: LobbyId,
        content: impl Into<String>,
    ) -> Builder<'_, op::CreateLobbyMessage, Value> {
        Builder::json(self, Route::CreateLobbyMessage { lobby_id }).content(content)
    }

    /// `PUT /lobbies/{lobby_id}/messages/{message_id}/moderation-metadata`: replaces
    /// the message's moderation metadata (at most 5 pairs, keys of at most 1,024 and
    /// values of at most 2,000 characters).
    pub fn update_lobby_message_moderation_metadata(
        &self,
        lobby_id: LobbyId,
        message_id: MessageId,
        metadata: HashMap<String, String>,
    ) -> Builder<'_, op::UpdateModerationMetadata, Value> {
        let route = Route::UpdateLobbyMessageExternalModerationMetadata {
            lobby_id,
            message_id,
        };
        moderation(Builder::json(self, route), metadata)
    }

    /// `PUT /partner-sdk/dms/{user_id_1}/{user_id_2}/messages/{message_id}/moderation-metadata`:
    /// the same for a message of the DM between two users.
    pub fn update_dm_message_moderation_metadata(
        &self,
        user_id_1: UserId,
        user_id_2: UserId,
        message_id: MessageId,
        metadata: HashMap<String, String>,
    ) -> Builder<'_, op::UpdateModerationMetadata, Value> {
        let route = Route::UpdateUserMessageExternalModerationMetadata {
            user_id_1,
            user_id_2,
            message_id,
        };
        moderation(Builder::json(self, route), metadata)
    }

    /// `POST /partner-sdk/token`: a provisional account's token from the game's own
    /// authentication; set `client_secret` unless the client sends a bot token.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::{id::ApplicationId, lobby::ExternalAuthType};
    ///
    /// let token = client
    ///     .partner_sdk_token(ApplicationId::new(1), ExternalAuthType::Oidc, "eyJ…")
    ///     .client_secret("secret")
    ///     .await?;
    /// println!("{} expires in {}s", token.token_type, token.expires_in);
    /// # Ok(()) }
    /// ```
    pub fn partner_sdk_token(
        &self,
        client_id: kokoro_model::id::ApplicationId,
        external_auth_type: ExternalAuthType,
        external_auth_token: impl Into<String>,
    ) -> Builder<'_, op::PartnerSdkToken, Value> {
        Builder::json(self, Route::PartnerSdkToken)
            .field("client_id", client_id)
            .field("external_auth_type", external_auth_type.as_str())
            .text("external_auth_token", external_auth_token.into(), 1, 10_240)
    }

    /// `POST /partner-sdk/token/bot`: a provisional account's token for a player the
    /// game knows as `external_user_id` (1 to 1,024 characters), with the bot token.
    pub fn bot_partner_sdk_token(
        &self,
        external_user_id: impl Into<String>,
    ) -> Builder<'_, op::PartnerSdkToken, Value> {
        Builder::json(self, Route::BotPartnerSdkToken).text(
            "external_user_id",
            external_user_id.into(),
            1,
            1024,
        )
    }

    /// `POST /partner-sdk/provisional-accounts/unmerge`: detaches a provisional
    /// account from the Discord account it was merged into.
    pub fn unmerge_provisional_account(
        &self,
        client_id: kokoro_model::id::ApplicationId,
        external_auth_type: ExternalAuthType,
        external_auth_token: impl Into<String>,
    ) -> Builder<'_, op::UnmergeProvisionalAccount, Value> {
        Builder::json(self, Route::PartnerSdkUnmergeProvisionalAccount)
            .field("client_id", client_id)
            .field("external_auth_type", external_auth_type.as_str())
            .text("external_auth_token", external_auth_token.into(), 1, 10_240)
    }

    /// `POST /partner-sdk/provisional-accounts/unmerge/bot`: the same, for the player
    /// the game knows as `external_user_id`, with the bot token.
    pub fn bot_unmerge_provisional_account(
        &self,
        external_user_id: impl Into<String>,
    ) -> Builder<'_, op::UnmergeProvisionalAccount, Value> {
        Builder::json(self, Route::BotPartnerSdkUnmergeProvisionalAccount).text(
            "external_user_id",
            external_user_id.into(),
            1,
            1024,
        )
    }

    /// `PATCH /webhooks/{webhook_id}`: `name`, `avatar` and `channel_id`, with the
    /// bot token (audited).
    pub fn update_webhook(&self, webhook_id: WebhookId) -> Builder<'_, op::UpdateWebhook, Value> {
        Builder::json(self, Route::UpdateWebhook { webhook_id })
    }

    /// `PATCH /webhooks/{webhook_id}/{webhook_token}`: `name` and `avatar`; no bot
    /// token is sent.
    pub fn update_webhook_with_token<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
    ) -> Builder<'a, op::UpdateWebhookWithToken, Value> {
        Builder::json(
            self,
            Route::UpdateWebhookByToken {
                webhook_id,
                webhook_token,
            },
        )
    }

    /// `DELETE /webhooks/{webhook_id}/{webhook_token}`: no bot token is sent.
    pub fn delete_webhook_with_token<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
    ) -> Builder<'a, op::DeleteWebhookWithToken> {
        Builder::new(
            self,
            Route::DeleteWebhookByToken {
                webhook_id,
                webhook_token,
            },
        )
    }

    /// `POST /webhooks/{webhook_id}/{webhook_token}/slack?wait=true`: a Slack-style
    /// payload (`text` of at most 2,000 characters, `username`, `icon_url`,
    /// `attachments`); `.await` gives the posted message.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client, id: kokoro_model::id::WebhookId) -> Result<(), kokoro_http::Error> {
    /// let sent = client
    ///     .execute_slack_webhook(id, "token", serde_json::json!({ "text": "deployed" }))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn execute_slack_webhook<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
        payload: Value,
    ) -> Builder<'a, op::ExecuteCompatibleWebhook, Value> {
        let check = match payload.get("text") {
            Some(Value::String(t)) => validate::max_chars("text", t, 2000),
            _ => Ok(()),
        };
        let mut builder = Builder::json(
            self,
            Route::ExecuteSlackCompatibleWebhook {
                webhook_id,
                webhook_token,
            },
        )
        .check(check)
        .check(object_check(&payload));
        builder.body = payload;
        builder.query("wait", true)
    }

    /// `POST /webhooks/{webhook_id}/{webhook_token}/github?wait=true`: a GitHub event
    /// payload (as GitHub sends it); `.await` gives the posted message.
    pub fn execute_github_webhook<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
        payload: Value,
    ) -> Builder<'a, op::ExecuteCompatibleWebhook, Value> {
        let mut builder = Builder::json(
            self,
            Route::ExecuteGithubCompatibleWebhook {
                webhook_id,
                webhook_token,
            },
        )
        .check(object_check(&payload));
        builder.body = payload;
        builder.query("wait", true)
    }

    /// `GET /webhooks/{webhook_id}/{webhook_token}/messages/@original`: the webhook's
    /// first message.
    pub fn original_webhook_message<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
    ) -> Builder<'a, op::GetOriginalWebhookMessage> {
        Builder::new(
            self,
            Route::GetOriginalWebhookMessage {
                webhook_id,
                webhook_token,
            },
        )
    }

    /// `PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original`.
    pub fn edit_original_webhook_message<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
    ) -> Builder<'a, op::EditOriginalWebhookMessage, EditMessage> {
        Builder::with_body(
            self,
            Route::UpdateOriginalWebhookMessage {
                webhook_id,
                webhook_token,
            },
            EditMessage::new(),
        )
    }

    /// `DELETE /webhooks/{webhook_id}/{webhook_token}/messages/@original`.
    pub fn delete_original_webhook_message<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
    ) -> Builder<'a, op::DeleteOriginalWebhookMessage> {
        Builder::new(
            self,
            Route::DeleteOriginalWebhookMessage {
                webhook_id,
                webhook_token,
            },
        )
    }

    /// `PATCH /users/@me`: the bot's `username` (2 to 32 characters), `avatar` and
    /// `banner`.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client, png: &[u8]) -> Result<(), kokoro_http::Error> {
    /// use kokoro_http::ImageData;
    ///
    /// let me = client
    ///     .update_current_user()
    ///     .username("kokoro")
    ///     .avatar(ImageData::from_bytes(png))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn update_current_user(&self) -> Builder<'_, op::UpdateCurrentUser, Value> {
        Builder::json(self, Route::UpdateMyUser)
    }

    /// `POST /users/@me/channels`: the DM channel with a user (created when missing).
    pub fn create_dm(&self, recipient_id: UserId) -> Builder<'_, op::CreateDm, Value> {
        Builder::json(self, Route::CreateDm).field("recipient_id", recipient_id)
    }

    /// `POST /users/@me/channels`: a group DM of the users whose OAuth2 access tokens
    /// (`gdm.join` scope) are given, with `nicks`.
    pub fn create_group_dm(&self, access_tokens: &[&str]) -> Builder<'_, op::CreateDm, Value> {
        let check = if access_tokens.is_empty() {
            Err(ValidationError::new(
                "access_tokens",
                ValidationErrorKind::TooFew { count: 0, min: 1 },
            ))
        } else {
            Ok(())
        };
        Builder::json(self, Route::CreateDm)
            .check(check)
            .field("access_tokens", access_tokens)
    }

    /// `GET /users/@me/connections`: the accounts connected to the token's user
    /// (Bearer token with the `connections` scope).
    pub fn connections(&self) -> Builder<'_, op::ListConnections> {
        Builder::new(self, Route::ListMyConnections)
    }

    /// `DELETE /users/@me/guilds/{guild_id}`: the bot leaves the guild.
    pub fn leave_guild(&self, guild_id: GuildId) -> Builder<'_, op::LeaveGuild> {
        Builder::new(self, Route::LeaveGuild { guild_id })
    }

    /// `GET /users/@me/guilds/{guild_id}/member`: the token's user's member in a guild
    /// (Bearer token with the `guilds.members.read` scope).
    pub fn current_user_guild_member(
        &self,
        guild_id: GuildId,
    ) -> Builder<'_, op::GetCurrentUserGuildMember> {
        Builder::new(self, Route::GetMyGuildMember { guild_id })
    }
}

fn object_check(payload: &Value) -> Result<(), ValidationError> {
    if payload.is_object() {
        Ok(())
    } else {
        Err(ValidationError::invalid("payload", "must be a JSON object"))
    }
}

fn moderation<O>(
    builder: Builder<'_, O, Value>,
    metadata: HashMap<String, String>,
) -> Builder<'_, O, Value> {
    let mut builder = builder.check(moderation_check(&metadata));
    builder.body = Value::Object(
        metadata
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
    );
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_users_csv_round_trips() {
        let file = TargetUsersFile {
            users: vec![UserId::new(1), UserId::new(22)],
        };
        assert_eq!(file.csv(), "user_id\n1\n22\n");
        assert_eq!(
            parse_target_users(&file.csv()).unwrap(),
            vec![UserId::new(1), UserId::new(22)]
        );
        assert!(parse_target_users("user_id\n1\nx1\n").is_err());
    }
}
