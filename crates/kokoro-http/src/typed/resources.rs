//! Channels, threads, members, roles, bans, webhooks, application commands, gateway,
//! the current user and invites.

use kokoro_model::{
    Permissions, Timestamp,
    application::CommandBuilder,
    channel::{AutoArchiveDuration, ChannelType},
    id::{ApplicationId, ChannelId, CommandId, GuildId, MessageId, RoleId, UserId, WebhookId},
    validate::{self, ValidationError},
};
use serde_json::Value;

use super::{Builder, op};
use crate::{Client, routes::Route};

/// Discord's rule for names: `name` between `min` and `max` characters.
fn name_check(name: &str, min: usize, max: usize) -> Result<(), ValidationError> {
    validate::chars_between("name", name, min, max)
}

impl Builder<'_, op::UpdateChannel, Value> {
    /// The name (1 to 100 characters).
    pub fn name(self, name: impl Into<String>) -> Self {
        self.text("name", name.into(), 1, 100)
    }

    /// The topic (at most 1,024 characters; 4,096 in forum and media channels).
    pub fn topic(self, topic: impl Into<String>) -> Self {
        self.text("topic", topic.into(), 0, 4096)
    }

    /// Whether the channel is age-restricted.
    pub fn nsfw(self, nsfw: bool) -> Self {
        self.field("nsfw", nsfw)
    }

    /// Slow mode: seconds between a user's messages (0 to 21,600).
    pub fn rate_limit_per_user(self, seconds: u32) -> Self {
        self.number("rate_limit_per_user", seconds.into(), 0, 21_600)
    }

    /// The position in the channel list.
    pub fn position(self, position: i32) -> Self {
        self.field("position", position)
    }

    /// The category (`None` to take it out of its category).
    pub fn parent_id(self, parent: Option<ChannelId>) -> Self {
        self.field("parent_id", parent)
    }

    /// Threads only: archives or unarchives it.
    pub fn archived(self, archived: bool) -> Self {
        self.field("archived", archived)
    }

    /// Threads only: locks or unlocks it.
    pub fn locked(self, locked: bool) -> Self {
        self.field("locked", locked)
    }
}

impl<O: ThreadOp> Builder<'_, O, Value> {
    /// Archives the thread after this much inactivity.
    pub fn auto_archive_duration(self, duration: AutoArchiveDuration) -> Self {
        self.field("auto_archive_duration", duration.minutes())
    }

    /// Slow mode: seconds between a user's messages (0 to 21,600).
    pub fn rate_limit_per_user(self, seconds: u32) -> Self {
        self.number("rate_limit_per_user", seconds.into(), 0, 21_600)
    }
}

/// The two thread-creating operations (their shared setters).
pub trait ThreadOp: op::Op {}
impl ThreadOp for op::CreateThread {}
impl ThreadOp for op::CreateThreadFromMessage {}

impl Builder<'_, op::CreateThread, Value> {
    /// The kind of thread: `PublicThread` (default), `PrivateThread` or
    /// `AnnouncementThread`.
    pub fn kind(self, kind: ChannelType) -> Self {
        self.field("type", kind)
    }

    /// Private threads: whether non-moderators can add members.
    pub fn invitable(self, invitable: bool) -> Self {
        self.field("invitable", invitable)
    }
}

impl Builder<'_, op::ListThreadMembers> {
    /// Includes each member's guild member object.
    pub fn with_member(self) -> Self {
        self.query("with_member", true)
    }

    /// Members after this user (needs `with_member`).
    pub fn after(self, id: UserId) -> Self {
        self.query("after", id)
    }

    /// How many (1 to 100, needs `with_member`).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 100)
    }
}

impl Builder<'_, op::ListMembers> {
    /// How many (1 to 1,000; Discord's default 1).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 1000)
    }

    /// Members whose id is above this one.
    pub fn after(self, id: UserId) -> Self {
        self.query("after", id)
    }
}

impl Builder<'_, op::UpdateMember, Value> {
    /// The nickname (at most 32 characters; `None` removes it).
    pub fn nick(self, nick: Option<&str>) -> Self {
        let check = nick.map_or(Ok(()), |n| validate::max_chars("nick", n, 32));
        self.check(check).field("nick", nick)
    }

    /// Replaces the member's roles.
    pub fn roles(self, roles: &[RoleId]) -> Self {
        self.field("roles", roles)
    }

    /// Times the member out until then (at most 28 days ahead; `None` ends it).
    pub fn timeout_until(self, until: Option<Timestamp>) -> Self {
        const MAX_MS: i64 = 28 * 24 * 3600 * 1000;
        let check = match until {
            Some(t) if (t.as_millis() - Timestamp::now().as_millis()) > MAX_MS => {
                Err(ValidationError::invalid(
                    "communication_disabled_until",
                    "is more than 28 days in the future",
                ))
            }
            _ => Ok(()),
        };
        self.check(check)
            .field("communication_disabled_until", until)
    }

    /// Mutes or unmutes the member in voice.
    pub fn mute(self, mute: bool) -> Self {
        self.field("mute", mute)
    }

    /// Deafens or undeafens the member in voice.
    pub fn deaf(self, deaf: bool) -> Self {
        self.field("deaf", deaf)
    }

    /// Moves the member to this voice channel (`None` disconnects).
    pub fn channel_id(self, channel: Option<ChannelId>) -> Self {
        self.field("channel_id", channel)
    }
}

/// The two role operations that take a role's fields.
pub trait RoleOp: op::Op {}
impl RoleOp for op::CreateRole {}
impl RoleOp for op::UpdateRole {}

impl<O: RoleOp> Builder<'_, O, Value> {
    /// The name (at most 100 characters).
    pub fn name(self, name: impl Into<String>) -> Self {
        self.text("name", name.into(), 1, 100)
    }

    /// The permissions.
    pub fn permissions(self, permissions: Permissions) -> Self {
        self.field("permissions", permissions)
    }

    /// The colour, `0xRRGGBB` (0 for none).
    pub fn color(self, color: u32) -> Self {
        self.number("color", color.into(), 0, 0xFF_FFFF)
    }

    /// Whether members are listed apart.
    pub fn hoist(self, hoist: bool) -> Self {
        self.field("hoist", hoist)
    }

    /// Whether anyone can mention the role.
    pub fn mentionable(self, mentionable: bool) -> Self {
        self.field("mentionable", mentionable)
    }
}

impl Builder<'_, op::CreateBan, Value> {
    /// Deletes the user's messages of the last `seconds` (0 to 604,800: a week).
    pub fn delete_message_seconds(self, seconds: u32) -> Self {
        self.number("delete_message_seconds", seconds.into(), 0, 604_800)
    }
}

impl Builder<'_, op::ListBans> {
    /// How many (1 to 1,000; Discord's default 1,000).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 1000)
    }

    /// Bans of users whose id is below this one.
    pub fn before(self, id: UserId) -> Self {
        self.query("before", id)
    }

    /// Bans of users whose id is above this one.
    pub fn after(self, id: UserId) -> Self {
        self.query("after", id)
    }
}

impl Builder<'_, op::CreateWebhook, Value> {
    /// The avatar, as a data URI (`data:image/png;base64,…`).
    pub fn avatar(self, data_uri: impl Into<String>) -> Self {
        self.field("avatar", data_uri.into())
    }
}

impl Builder<'_, op::ListCurrentUserGuilds> {
    /// Guilds whose id is below this one.
    pub fn before(self, id: GuildId) -> Self {
        self.query("before", id)
    }

    /// Guilds whose id is above this one.
    pub fn after(self, id: GuildId) -> Self {
        self.query("after", id)
    }

    /// How many (1 to 200; Discord's default 200).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 200)
    }

    /// Includes approximate member and presence counts.
    pub fn with_counts(self) -> Self {
        self.query("with_counts", true)
    }
}

impl Builder<'_, op::CreateInvite, Value> {
    /// Seconds before it expires (0 to 604,800; 0 never; Discord's default a day).
    pub fn max_age(self, seconds: u32) -> Self {
        self.number("max_age", seconds.into(), 0, 604_800)
    }

    /// How many uses (0 to 100; 0 unlimited).
    pub fn max_uses(self, uses: u32) -> Self {
        self.number("max_uses", uses.into(), 0, 100)
    }

    /// Members who join through it are kicked when they go offline without a role.
    pub fn temporary(self, temporary: bool) -> Self {
        self.field("temporary", temporary)
    }

    /// Always creates a new invite instead of reusing a similar one.
    pub fn unique(self, unique: bool) -> Self {
        self.field("unique", unique)
    }
}

impl Builder<'_, op::GetInvite> {
    /// Includes approximate member and presence counts.
    pub fn with_counts(self) -> Self {
        self.query("with_counts", true)
    }
}

/// A command's body: built (and checked) with kokoro-model's `CommandBuilder`.
fn command_body<'a, O: op::Op>(
    client: &'a Client,
    route: Route<'a>,
    command: CommandBuilder,
) -> Builder<'a, O, Value> {
    let mut builder = Builder::json(client, route);
    match command.build() {
        Ok(payload) => match serde_json::to_value(payload) {
            Ok(v) => builder.body = v,
            Err(_) => {
                builder.error = Some(ValidationError::invalid("command", "does not serialize"))
            }
        },
        Err(e) => builder.error = Some(e),
    }
    builder
}

fn commands_body<'a>(
    client: &'a Client,
    route: Route<'a>,
    commands: Vec<CommandBuilder>,
) -> Builder<'a, op::SetCommands, Value> {
    let mut builder = Builder::json(client, route);
    if let Err(e) = validate::max_items("commands", commands.len(), 110) {
        builder.error = Some(e);
        return builder;
    }
    let mut list = Vec::with_capacity(commands.len());
    for (i, command) in commands.into_iter().enumerate() {
        match command.build() {
            Ok(payload) => match serde_json::to_value(payload) {
                Ok(v) => list.push(v),
                Err(_) => {
                    builder.error = Some(ValidationError::invalid("command", "does not serialize"));
                    return builder;
                }
            },
            Err(e) => {
                builder.error = Some(e.within(format_args!("commands[{i}]")));
                return builder;
            }
        }
    }
    builder.body = Value::Array(list);
    builder
}

impl Client {
    /// `GET /channels/{channel_id}`.
    pub fn channel(&self, channel_id: ChannelId) -> Builder<'_, op::GetChannel> {
        Builder::new(self, Route::GetChannel { channel_id })
    }

    /// `PATCH /channels/{channel_id}`: name, topic, slow mode, category, …
    pub fn update_channel(&self, channel_id: ChannelId) -> Builder<'_, op::UpdateChannel, Value> {
        Builder::json(self, Route::UpdateChannel { channel_id })
    }

    /// `DELETE /channels/{channel_id}` (closes a DM); `.await` gives the deleted channel.
    pub fn delete_channel(&self, channel_id: ChannelId) -> Builder<'_, op::DeleteChannel> {
        Builder::new(self, Route::DeleteChannel { channel_id })
    }

    /// `POST /channels/{channel_id}/messages/{message_id}/threads`: a thread named
    /// `name` (1 to 100 characters) from a message.
    pub fn create_thread_from_message(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
        name: impl Into<String>,
    ) -> Builder<'_, op::CreateThreadFromMessage, Value> {
        let route = Route::CreateThreadFromMessage {
            channel_id,
            message_id,
        };
        Builder::json(self, route).text("name", name.into(), 1, 100)
    }

    /// `POST /channels/{channel_id}/threads`: a thread without a message (public
    /// unless `.kind()` says otherwise).
    pub fn create_thread(
        &self,
        channel_id: ChannelId,
        name: impl Into<String>,
    ) -> Builder<'_, op::CreateThread, Value> {
        Builder::json(self, Route::CreateThread { channel_id })
            .text("name", name.into(), 1, 100)
            .field("type", ChannelType::PublicThread)
    }

    /// `PUT /channels/{channel_id}/thread-members/@me`.
    pub fn join_thread(&self, channel_id: ChannelId) -> Builder<'_, op::JoinThread> {
        Builder::new(self, Route::JoinThread { channel_id })
    }

    /// `DELETE /channels/{channel_id}/thread-members/@me`.
    pub fn leave_thread(&self, channel_id: ChannelId) -> Builder<'_, op::LeaveThread> {
        Builder::new(self, Route::LeaveThread { channel_id })
    }

    /// `GET /channels/{channel_id}/thread-members`.
    pub fn thread_members(&self, channel_id: ChannelId) -> Builder<'_, op::ListThreadMembers> {
        Builder::new(self, Route::ListThreadMembers { channel_id })
    }

    /// `GET /guilds/{guild_id}/members/{user_id}`.
    pub fn member(&self, guild_id: GuildId, user_id: UserId) -> Builder<'_, op::GetMember> {
        Builder::new(self, Route::GetGuildMember { guild_id, user_id })
    }

    /// `GET /guilds/{guild_id}/members` (needs the `GUILD_MEMBERS` intent), with
    /// `limit` and `after`.
    pub fn members(&self, guild_id: GuildId) -> Builder<'_, op::ListMembers> {
        Builder::new(self, Route::ListGuildMembers { guild_id })
    }

    /// `PATCH /guilds/{guild_id}/members/{user_id}`: nickname, roles, timeout, voice.
    pub fn update_member(
        &self,
        guild_id: GuildId,
        user_id: UserId,
    ) -> Builder<'_, op::UpdateMember, Value> {
        Builder::json(self, Route::UpdateGuildMember { guild_id, user_id })
    }

    /// `DELETE /guilds/{guild_id}/members/{user_id}`: kicks the member.
    pub fn kick_member(&self, guild_id: GuildId, user_id: UserId) -> Builder<'_, op::KickMember> {
        Builder::new(self, Route::DeleteGuildMember { guild_id, user_id })
    }

    /// `PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}`.
    pub fn add_member_role(
        &self,
        guild_id: GuildId,
        user_id: UserId,
        role_id: RoleId,
    ) -> Builder<'_, op::AddMemberRole> {
        let route = Route::AddGuildMemberRole {
            guild_id,
            user_id,
            role_id,
        };
        Builder::new(self, route)
    }

    /// `DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}`.
    pub fn remove_member_role(
        &self,
        guild_id: GuildId,
        user_id: UserId,
        role_id: RoleId,
    ) -> Builder<'_, op::RemoveMemberRole> {
        let route = Route::DeleteGuildMemberRole {
            guild_id,
            user_id,
            role_id,
        };
        Builder::new(self, route)
    }

    /// `GET /guilds/{guild_id}/roles`.
    pub fn roles(&self, guild_id: GuildId) -> Builder<'_, op::ListRoles> {
        Builder::new(self, Route::ListGuildRoles { guild_id })
    }

    /// `POST /guilds/{guild_id}/roles`.
    pub fn create_role(&self, guild_id: GuildId) -> Builder<'_, op::CreateRole, Value> {
        Builder::json(self, Route::CreateGuildRole { guild_id })
    }

    /// `PATCH /guilds/{guild_id}/roles/{role_id}`.
    pub fn update_role(
        &self,
        guild_id: GuildId,
        role_id: RoleId,
    ) -> Builder<'_, op::UpdateRole, Value> {
        Builder::json(self, Route::UpdateGuildRole { guild_id, role_id })
    }

    /// `DELETE /guilds/{guild_id}/roles/{role_id}`.
    pub fn delete_role(&self, guild_id: GuildId, role_id: RoleId) -> Builder<'_, op::DeleteRole> {
        Builder::new(self, Route::DeleteGuildRole { guild_id, role_id })
    }

    /// `PUT /guilds/{guild_id}/bans/{user_id}`, with `delete_message_seconds`.
    pub fn ban(&self, guild_id: GuildId, user_id: UserId) -> Builder<'_, op::CreateBan, Value> {
        Builder::json(self, Route::BanUserFromGuild { guild_id, user_id })
    }

    /// `DELETE /guilds/{guild_id}/bans/{user_id}`.
    pub fn unban(&self, guild_id: GuildId, user_id: UserId) -> Builder<'_, op::DeleteBan> {
        Builder::new(self, Route::UnbanUserFromGuild { guild_id, user_id })
    }

    /// `GET /guilds/{guild_id}/bans`, with `limit`, `before` and `after`.
    pub fn bans(&self, guild_id: GuildId) -> Builder<'_, op::ListBans> {
        Builder::new(self, Route::ListGuildBans { guild_id })
    }

    /// `POST /channels/{channel_id}/webhooks`: `name` is 1 to 80 characters and may not
    /// contain "clyde" or "discord".
    pub fn create_webhook(
        &self,
        channel_id: ChannelId,
        name: impl Into<String>,
    ) -> Builder<'_, op::CreateWebhook, Value> {
        let name = name.into();
        let lower = name.to_lowercase();
        let check = if lower.contains("clyde") || lower.contains("discord") {
            Err(ValidationError::invalid(
                "name",
                "cannot contain \"clyde\" or \"discord\"",
            ))
        } else {
            name_check(&name, 1, 80)
        };
        Builder::json(self, Route::CreateWebhook { channel_id })
            .check(check)
            .field("name", name)
    }

    /// `GET /webhooks/{webhook_id}`.
    pub fn webhook(&self, webhook_id: WebhookId) -> Builder<'_, op::GetWebhook> {
        Builder::new(self, Route::GetWebhook { webhook_id })
    }

    /// `GET /webhooks/{webhook_id}/{webhook_token}`: no bot token is sent.
    pub fn webhook_with_token<'a>(
        &'a self,
        webhook_id: WebhookId,
        webhook_token: &'a str,
    ) -> Builder<'a, op::GetWebhook> {
        let route = Route::GetWebhookByToken {
            webhook_id,
            webhook_token,
        };
        Builder::new(self, route)
    }

    /// `DELETE /webhooks/{webhook_id}`.
    pub fn delete_webhook(&self, webhook_id: WebhookId) -> Builder<'_, op::DeleteWebhook> {
        Builder::new(self, Route::DeleteWebhook { webhook_id })
    }

    /// `GET /applications/{application_id}/commands`.
    pub fn global_commands(&self, application_id: ApplicationId) -> Builder<'_, op::ListCommands> {
        Builder::new(self, Route::ListApplicationCommands { application_id })
    }

    /// `POST /applications/{application_id}/commands`, checked by `CommandBuilder`.
    pub fn create_global_command(
        &self,
        application_id: ApplicationId,
        command: CommandBuilder,
    ) -> Builder<'_, op::CreateCommand, Value> {
        command_body(
            self,
            Route::CreateApplicationCommand { application_id },
            command,
        )
    }

    /// `PATCH /applications/{application_id}/commands/{command_id}` with the whole
    /// command.
    pub fn edit_global_command(
        &self,
        application_id: ApplicationId,
        command_id: CommandId,
        command: CommandBuilder,
    ) -> Builder<'_, op::EditCommand, Value> {
        let route = Route::UpdateApplicationCommand {
            application_id,
            command_id,
        };
        command_body(self, route, command)
    }

    /// `DELETE /applications/{application_id}/commands/{command_id}`.
    pub fn delete_global_command(
        &self,
        application_id: ApplicationId,
        command_id: CommandId,
    ) -> Builder<'_, op::DeleteCommand> {
        let route = Route::DeleteApplicationCommand {
            application_id,
            command_id,
        };
        Builder::new(self, route)
    }

    /// `PUT /applications/{application_id}/commands`: replaces every global command.
    pub fn set_global_commands(
        &self,
        application_id: ApplicationId,
        commands: Vec<CommandBuilder>,
    ) -> Builder<'_, op::SetCommands, Value> {
        commands_body(
            self,
            Route::BulkSetApplicationCommands { application_id },
            commands,
        )
    }

    /// `GET /applications/{application_id}/commands/{command_id}`.
    pub fn global_command(
        &self,
        application_id: ApplicationId,
        command_id: CommandId,
    ) -> Builder<'_, op::GetCommand> {
        let route = Route::GetApplicationCommand {
            application_id,
            command_id,
        };
        Builder::new(self, route)
    }

    /// `GET /applications/{application_id}/guilds/{guild_id}/commands/{command_id}`.
    pub fn guild_command(
        &self,
        application_id: ApplicationId,
        guild_id: GuildId,
        command_id: CommandId,
    ) -> Builder<'_, op::GetCommand> {
        let route = Route::GetGuildApplicationCommand {
            application_id,
            guild_id,
            command_id,
        };
        Builder::new(self, route)
    }

    /// `GET /applications/{application_id}/guilds/{guild_id}/commands`.
    pub fn guild_commands(
        &self,
        application_id: ApplicationId,
        guild_id: GuildId,
    ) -> Builder<'_, op::ListCommands> {
        let route = Route::ListGuildApplicationCommands {
            application_id,
            guild_id,
        };
        Builder::new(self, route)
    }

    /// `POST /applications/{application_id}/guilds/{guild_id}/commands`.
    pub fn create_guild_command(
        &self,
        application_id: ApplicationId,
        guild_id: GuildId,
        command: CommandBuilder,
    ) -> Builder<'_, op::CreateCommand, Value> {
        let route = Route::CreateGuildApplicationCommand {
            application_id,
            guild_id,
        };
        command_body(self, route, command)
    }

    /// `PATCH /applications/{application_id}/guilds/{guild_id}/commands/{command_id}`.
    pub fn edit_guild_command(
        &self,
        application_id: ApplicationId,
        guild_id: GuildId,
        command_id: CommandId,
        command: CommandBuilder,
    ) -> Builder<'_, op::EditCommand, Value> {
        let route = Route::UpdateGuildApplicationCommand {
            application_id,
            guild_id,
            command_id,
        };
        command_body(self, route, command)
    }

    /// `DELETE /applications/{application_id}/guilds/{guild_id}/commands/{command_id}`.
    pub fn delete_guild_command(
        &self,
        application_id: ApplicationId,
        guild_id: GuildId,
        command_id: CommandId,
    ) -> Builder<'_, op::DeleteCommand> {
        let route = Route::DeleteGuildApplicationCommand {
            application_id,
            guild_id,
            command_id,
        };
        Builder::new(self, route)
    }

    /// `PUT /applications/{application_id}/guilds/{guild_id}/commands`: replaces every
    /// command of the guild.
    pub fn set_guild_commands(
        &self,
        application_id: ApplicationId,
        guild_id: GuildId,
        commands: Vec<CommandBuilder>,
    ) -> Builder<'_, op::SetCommands, Value> {
        let route = Route::BulkSetGuildApplicationCommands {
            application_id,
            guild_id,
        };
        commands_body(self, route, commands)
    }

    /// `GET /gateway`: the URL to connect to (no token needed).
    pub fn gateway(&self) -> Builder<'_, op::GetGateway> {
        Builder::new(self, Route::GetGateway)
    }

    /// `GET /gateway/bot`: the URL, recommended shard count and session start limit.
    pub fn gateway_bot(&self) -> Builder<'_, op::GetGatewayBot> {
        Builder::new(self, Route::GetBotGateway)
    }

    /// `GET /users/@me/guilds`, with `before`/`after`/`limit`/`with_counts`.
    pub fn current_user_guilds(&self) -> Builder<'_, op::ListCurrentUserGuilds> {
        Builder::new(self, Route::ListMyGuilds)
    }

    /// `POST /channels/{channel_id}/invites`, with `max_age`, `max_uses`, `temporary`
    /// and `unique`.
    pub fn create_invite(&self, channel_id: ChannelId) -> Builder<'_, op::CreateInvite, Value> {
        Builder::json(self, Route::CreateChannelInvite { channel_id })
    }

    /// `GET /invites/{code}`.
    pub fn invite<'a>(&'a self, code: &'a str) -> Builder<'a, op::GetInvite> {
        Builder::new(self, Route::InviteResolve { code })
    }

    /// `DELETE /invites/{code}`; `.await` gives the deleted invite.
    pub fn delete_invite<'a>(&'a self, code: &'a str) -> Builder<'a, op::DeleteInvite> {
        Builder::new(self, Route::InviteRevoke { code })
    }
}
