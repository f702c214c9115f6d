//! OAuth2 objects: scopes, authorization information, token responses and OpenID Connect user info.

use serde::{Deserialize, Serialize};

use crate::{Timestamp, application::Application, guild::Guild, user::User, webhook::Webhook};

str_enum! {
    /// An OAuth2 scope.
    pub enum Scope {
        /// Read a user's activities (approved partners).
        ActivitiesRead = "activities.read",
        /// Update a user's activity (approved partners).
        ActivitiesWrite = "activities.write",
        /// Send activity invites.
        ActivitiesInvitesWrite = "activities.invites.write",
        /// Read build data of the user's applications.
        ApplicationsBuildsRead = "applications.builds.read",
        /// Upload builds of the user's applications.
        ApplicationsBuildsUpload = "applications.builds.upload",
        /// Use commands in a guild, or for a user-installed app.
        ApplicationsCommands = "applications.commands",
        /// Update the app's commands with a Bearer token.
        ApplicationsCommandsUpdate = "applications.commands.update",
        /// Update command permissions in guilds the user can manage.
        ApplicationsCommandsPermissionsUpdate = "applications.commands.permissions.update",
        /// Read the user's entitlements for the app.
        ApplicationsEntitlements = "applications.entitlements",
        /// Read and update store data of the user's applications.
        ApplicationsStoreUpdate = "applications.store.update",
        /// Put the bot in the user's selected guild.
        Bot = "bot",
        /// Read the user's linked third-party accounts.
        Connections = "connections",
        /// See the user's DMs and group DMs (approved partners).
        DmChannelsRead = "dm_channels.read",
        /// Read the user's e-mail address.
        Email = "email",
        /// Join users to a group DM.
        GdmJoin = "gdm.join",
        /// Read basic information about the user's guilds.
        Guilds = "guilds",
        /// Join users to a guild.
        GuildsJoin = "guilds.join",
        /// Read the user's member information in a guild.
        GuildsMembersRead = "guilds.members.read",
        /// Read the user without their e-mail.
        Identify = "identify",
        /// Read the user's Nitro status.
        IdentifyPremium = "identify.premium",
        /// Read messages from all client channels over local RPC.
        MessagesRead = "messages.read",
        /// OpenID Connect.
        OpenId = "openid",
        /// Know the user's friends and implicit relationships (approved partners).
        RelationshipsRead = "relationships.read",
        /// Update the user's role connection metadata.
        RoleConnectionsWrite = "role_connections.write",
        /// Control the user's local client over RPC (approved partners).
        Rpc = "rpc",
        /// Update activities over local RPC (approved partners).
        RpcActivitiesWrite = "rpc.activities.write",
        /// Receive notifications over local RPC (approved partners).
        RpcNotificationsRead = "rpc.notifications.read",
        /// Read screenshare settings over local RPC.
        RpcScreenshareRead = "rpc.screenshare.read",
        /// Change screenshare settings over local RPC.
        RpcScreenshareWrite = "rpc.screenshare.write",
        /// Read video settings over local RPC.
        RpcVideoRead = "rpc.video.read",
        /// Change video settings over local RPC.
        RpcVideoWrite = "rpc.video.write",
        /// Read voice settings over local RPC (approved partners).
        RpcVoiceRead = "rpc.voice.read",
        /// Change voice settings over local RPC (approved partners).
        RpcVoiceWrite = "rpc.voice.write",
        /// Connect to voice on the user's behalf (approved partners).
        Voice = "voice",
        /// Create a webhook returned in the token response.
        WebhookIncoming = "webhook.incoming",
    }
}

/// Information about the current authorization (`GET /oauth2/@me`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizationInformation {
    /// The current application (partial).
    pub application: Application,
    /// The scopes the user authorized.
    #[serde(default)]
    pub scopes: Vec<Scope>,
    /// When the access token expires.
    pub expires: Timestamp,
    /// The user who authorized, with the `identify` scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
}

/// The response of the token URL (`POST /oauth2/token`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccessTokenResponse {
    /// The access token.
    pub access_token: String,
    /// The token's type, `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: u64,
    /// The refresh token (absent for client credentials grants).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// The granted scopes, separated by spaces.
    pub scope: String,
    /// The guild the bot was added to (extended bot authorization).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild: Option<Box<Guild>>,
    /// The webhook created (`webhook.incoming`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<Webhook>,
}

impl AccessTokenResponse {
    /// The granted scopes, parsed.
    pub fn scopes(&self) -> impl Iterator<Item = Scope> + '_ {
        self.scope.split_ascii_whitespace().map(Scope::from_wire)
    }
}

/// The OpenID Connect claims about the authorizing user (`GET /oauth2/userinfo`, `openid` scope).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenIdUserInfo {
    /// The subject: the user's id.
    pub sub: String,
    /// The user's e-mail address (`email` scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the e-mail address is verified (`email` scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// The user's username.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_username: Option<String>,
    /// The user's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// The URL of the user's avatar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// The user's locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// A provisional account's token for the Social SDK (`POST /partner-sdk/token`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvisionalToken {
    /// The token's type, `Bearer`.
    pub token_type: String,
    /// The access token.
    pub access_token: String,
    /// Seconds until the token expires.
    pub expires_in: u64,
    /// The granted scopes, separated by spaces.
    pub scope: String,
    /// The OpenID Connect ID token.
    pub id_token: String,
    /// The refresh token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// The granted scopes, as a list.
    #[serde(
        default,
        deserialize_with = "crate::guild::null_as_default::deserialize",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub scopes: Vec<Scope>,
    /// When the token expires, in seconds since the Unix epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at_s: Option<u64>,
}

/// Discord's public keys for verifying OpenID Connect ID tokens (`GET /oauth2/keys`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonWebKeySet {
    /// The keys.
    #[serde(default)]
    pub keys: Vec<JsonWebKey>,
}

/// One public key of a [`JsonWebKeySet`] (an RSA key, RFC 7517).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonWebKey {
    /// The key type (`RSA`).
    pub kty: String,
    /// What the key is for (`sig`).
    #[serde(rename = "use")]
    pub usage: String,
    /// The key's id (an ID token's `kid` header names it).
    pub kid: String,
    /// The RSA modulus, base64url.
    pub n: String,
    /// The RSA exponent, base64url.
    pub e: String,
    /// The signing algorithm (`RS256`).
    pub alg: String,
}
