//! Users: people and bots.

use serde::{Deserialize, Serialize};

use crate::{
    id::{GuildId, SkuId, UserId},
    util::ImageHash,
};

flags! {
    /// Badges and properties of a user's account.
    pub struct UserFlags: u64 {
        /// Discord employee.
        const STAFF = 1 << 0;
        /// Partnered server owner.
        const PARTNER = 1 << 1;
        /// HypeSquad events member.
        const HYPESQUAD = 1 << 2;
        /// Bug hunter level 1.
        const BUG_HUNTER_LEVEL_1 = 1 << 3;
        /// House Bravery member.
        const HYPESQUAD_ONLINE_HOUSE_1 = 1 << 6;
        /// House Brilliance member.
        const HYPESQUAD_ONLINE_HOUSE_2 = 1 << 7;
        /// House Balance member.
        const HYPESQUAD_ONLINE_HOUSE_3 = 1 << 8;
        /// Early Nitro supporter.
        const PREMIUM_EARLY_SUPPORTER = 1 << 9;
        /// The user is a team.
        const TEAM_PSEUDO_USER = 1 << 10;
        /// Bug hunter level 2.
        const BUG_HUNTER_LEVEL_2 = 1 << 14;
        /// Verified bot.
        const VERIFIED_BOT = 1 << 16;
        /// Early verified bot developer.
        const VERIFIED_DEVELOPER = 1 << 17;
        /// Moderator programs alumni.
        const CERTIFIED_MODERATOR = 1 << 18;
        /// The bot uses only HTTP interactions and is shown in the online member list.
        const BOT_HTTP_INTERACTIONS = 1 << 19;
    }
}

int_enum! {
    /// The Nitro subscription of a user.
    pub enum PremiumType: u8 {
        /// No subscription.
        None = 0,
        /// Nitro Classic.
        NitroClassic = 1,
        /// Nitro.
        Nitro = 2,
        /// Nitro Basic.
        NitroBasic = 3,
    }
}

/// A Discord user, as embedded in most objects.
///
/// ```
/// use kokoro_model::user::User;
///
/// let json = r#"{"id":"80351110224678912","username":"Nelly","discriminator":"1337",
///     "global_name":null,"avatar":"8342729096ea3675442027381ff50dfe"}"#;
/// let user: User = serde_json::from_str(json).unwrap();
/// assert_eq!(user.username, "Nelly");
/// assert!(!user.bot);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The user's id.
    pub id: UserId,
    /// The user's name, not unique across the platform.
    pub username: String,
    /// The legacy Discord tag, `"0"` for migrated users.
    #[serde(default = "default_discriminator")]
    pub discriminator: String,
    /// The display name, if set.
    #[serde(default)]
    pub global_name: Option<String>,
    /// The avatar hash.
    #[serde(default)]
    pub avatar: Option<ImageHash>,
    /// Whether the user belongs to an OAuth2 application.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub bot: bool,
    /// Whether the user is an official Discord system user.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub system: bool,
    /// Whether two-factor authentication is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_enabled: Option<bool>,
    /// The banner hash.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub banner: Option<Option<ImageHash>>,
    /// The banner color as an integer.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub accent_color: Option<Option<u32>>,
    /// The user's chosen language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Whether the e-mail address is verified (`email` scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// The e-mail address (`email` scope).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub email: Option<Option<String>>,
    /// The flags on the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<UserFlags>,
    /// The Nitro subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_type: Option<PremiumType>,
    /// The public flags on the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_flags: Option<UserFlags>,
    /// The avatar decoration.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub avatar_decoration_data: Option<Option<AvatarDecorationData>>,
    /// The user's collectibles.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub collectibles: Option<Option<Collectibles>>,
    /// The user's primary guild and its tag.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub primary_guild: Option<Option<PrimaryGuild>>,
}

fn default_discriminator() -> String {
    "0".to_owned()
}

impl User {
    /// The name to show: the display name when set, else the username.
    pub fn display_name(&self) -> &str {
        self.global_name.as_deref().unwrap_or(&self.username)
    }

    /// A `<@id>` mention of this user.
    pub fn mention(&self) -> String {
        format!("<@{}>", self.id)
    }
}

/// A user of whom only the id is guaranteed, as in presences and some updates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialUser {
    /// The user's id.
    pub id: UserId,
    /// The user's name, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The legacy tag, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<String>,
    /// The display name, when sent (`Some(None)`: cleared).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub global_name: Option<Option<String>>,
    /// The avatar hash, when sent (`Some(None)`: cleared).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::nullable"
    )]
    pub avatar: Option<Option<ImageHash>>,
    /// Whether the user is a bot, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot: Option<bool>,
    /// The public flags, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_flags: Option<UserFlags>,
}

/// The avatar decoration of a user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvatarDecorationData {
    /// The decoration's asset hash.
    pub asset: String,
    /// The decoration's SKU (the spec allows null).
    #[serde(default)]
    pub sku_id: Option<SkuId>,
}

/// Collectibles a user has.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collectibles {
    /// The user's nameplate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nameplate: Option<Nameplate>,
}

/// A nameplate collectible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nameplate {
    /// The nameplate's SKU (the spec allows null).
    #[serde(default)]
    pub sku_id: Option<SkuId>,
    /// The path to the nameplate asset.
    pub asset: String,
    /// The label (currently unused).
    #[serde(default)]
    pub label: String,
    /// The background color: crimson, berry, sky, teal, forest, …
    #[serde(default)]
    pub palette: String,
}

/// The primary guild a user displays a tag of.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimaryGuild {
    /// The guild's id.
    #[serde(default)]
    pub identity_guild_id: Option<GuildId>,
    /// Whether the user shows the tag (`None` when the system cleared it).
    #[serde(default)]
    pub identity_enabled: Option<bool>,
    /// The tag's text, at most 4 characters.
    #[serde(default)]
    pub tag: Option<String>,
    /// The badge hash.
    #[serde(default)]
    pub badge: Option<String>,
}

/// The user an access token belongs to, as returned by `GET /users/@me`.
///
/// Unlike [`User`], the account's private settings are here: `mfa_enabled`,
/// `locale`, `flags`, and `email`/`verified` with the `email` scope.
///
/// ```
/// use kokoro_model::user::{CurrentUser, User};
///
/// let me: CurrentUser = serde_json::from_str(r#"{"id":"80351110224678912","username":"Nelly",
///     "discriminator":"0","global_name":null,"avatar":null,"mfa_enabled":true,"locale":"en-US",
///     "flags":64,"public_flags":64,"verified":true,"email":"nelly@discord.com"}"#).unwrap();
/// assert_eq!(me.email.as_deref(), Some("nelly@discord.com"));
/// let user = User::from(me);
/// assert_eq!(user.display_name(), "Nelly");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// The user's id.
    pub id: UserId,
    /// The user's name.
    pub username: String,
    /// The legacy Discord tag, `"0"` for migrated users.
    #[serde(default = "default_discriminator")]
    pub discriminator: String,
    /// The display name, if set.
    #[serde(default)]
    pub global_name: Option<String>,
    /// The avatar hash.
    #[serde(default)]
    pub avatar: Option<ImageHash>,
    /// Whether the user belongs to an OAuth2 application.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub bot: bool,
    /// Whether the user is an official Discord system user.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub system: bool,
    /// Whether two-factor authentication is on.
    #[serde(default)]
    pub mfa_enabled: bool,
    /// The banner hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banner: Option<ImageHash>,
    /// The banner color as an integer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent_color: Option<u32>,
    /// The user's chosen language.
    #[serde(default)]
    pub locale: String,
    /// Whether the e-mail address is verified (`email` scope; absent without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// The e-mail address (`email` scope; `None` without it or when there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The flags on the account.
    #[serde(default)]
    pub flags: UserFlags,
    /// The Nitro subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_type: Option<PremiumType>,
    /// The public flags on the account.
    #[serde(default)]
    pub public_flags: UserFlags,
    /// The avatar decoration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_decoration_data: Option<AvatarDecorationData>,
    /// The user's collectibles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collectibles: Option<Collectibles>,
    /// The user's primary guild and its tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_guild: Option<PrimaryGuild>,
}

impl CurrentUser {
    /// The name to show: the display name when set, else the username.
    pub fn display_name(&self) -> &str {
        self.global_name.as_deref().unwrap_or(&self.username)
    }
}

impl From<CurrentUser> for User {
    fn from(me: CurrentUser) -> Self {
        User {
            id: me.id,
            username: me.username,
            discriminator: me.discriminator,
            global_name: me.global_name,
            avatar: me.avatar,
            bot: me.bot,
            system: me.system,
            mfa_enabled: Some(me.mfa_enabled),
            banner: Some(me.banner),
            accent_color: Some(me.accent_color),
            locale: Some(me.locale),
            verified: me.verified,
            email: me.email.map(Some),
            flags: Some(me.flags),
            premium_type: me.premium_type,
            public_flags: Some(me.public_flags),
            avatar_decoration_data: Some(me.avatar_decoration_data),
            collectibles: Some(me.collectibles),
            primary_guild: Some(me.primary_guild),
        }
    }
}

str_enum! {
    /// A service a user can connect to their account.
    pub enum ConnectionService {
        /// Amazon Music.
        AmazonMusic = "amazon-music",
        /// Battle.net.
        Battlenet = "battlenet",
        /// Bungie.net.
        Bungie = "bungie",
        /// Bluesky.
        Bluesky = "bluesky",
        /// Crunchyroll.
        Crunchyroll = "crunchyroll",
        /// A domain.
        Domain = "domain",
        /// eBay.
        Ebay = "ebay",
        /// Epic Games.
        EpicGames = "epicgames",
        /// Facebook.
        Facebook = "facebook",
        /// GitHub.
        Github = "github",
        /// Instagram (cannot be added anymore).
        Instagram = "instagram",
        /// League of Legends (in the OpenAPI spec).
        LeagueOfLegends = "leagueoflegends",
        /// Mastodon.
        Mastodon = "mastodon",
        /// PayPal.
        Paypal = "paypal",
        /// PlayStation Network.
        Playstation = "playstation",
        /// Reddit.
        Reddit = "reddit",
        /// Riot Games (in the OpenAPI spec).
        RiotGames = "riotgames",
        /// Roblox.
        Roblox = "roblox",
        /// Spotify.
        Spotify = "spotify",
        /// Skype (cannot be added anymore).
        Skype = "skype",
        /// Steam.
        Steam = "steam",
        /// TikTok.
        Tiktok = "tiktok",
        /// Twitch.
        Twitch = "twitch",
        /// X (Twitter).
        Twitter = "twitter",
        /// Xbox.
        Xbox = "xbox",
        /// YouTube.
        Youtube = "youtube",
    }
}

int_enum! {
    /// Who can see a connection.
    pub enum ConnectionVisibility: u8 {
        /// Only the user.
        None = 0,
        /// Everyone.
        Everyone = 1,
    }
}

/// An account on another service connected to a user (`GET /users/@me/connections`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    /// The account's id on the service.
    pub id: String,
    /// The account's name on the service (`null` in the OpenAPI spec decodes as empty).
    #[serde(
        default,
        deserialize_with = "crate::guild::null_as_default::deserialize"
    )]
    pub name: String,
    /// The service.
    #[serde(rename = "type")]
    pub kind: ConnectionService,
    /// Whether the connection is revoked.
    #[serde(default, skip_serializing_if = "crate::util::is_false")]
    pub revoked: bool,
    /// Guild integrations using the connection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub integrations: Vec<ConnectionIntegration>,
    /// Whether the connection is verified.
    #[serde(default)]
    pub verified: bool,
    /// Whether friend sync is on.
    #[serde(default)]
    pub friend_sync: bool,
    /// Whether activities from the connection show in presences.
    #[serde(default)]
    pub show_activity: bool,
    /// Whether the connection has a matching third-party OAuth2 token.
    #[serde(default)]
    pub two_way_link: bool,
    /// Who can see the connection.
    #[serde(default = "default_visibility")]
    pub visibility: ConnectionVisibility,
}

fn default_visibility() -> ConnectionVisibility {
    ConnectionVisibility::None
}

/// A guild integration using a connection (a partial integration).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionIntegration {
    /// The integration's id.
    pub id: String,
    /// The kind of integration.
    #[serde(rename = "type")]
    pub kind: crate::guild::IntegrationType,
    /// The integrated account.
    pub account: crate::guild::IntegrationAccount,
    /// The guild of the integration.
    pub guild: ConnectionGuild,
}

/// The guild of a connection's integration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionGuild {
    /// The guild's id.
    pub id: GuildId,
    /// The guild's name.
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
}

/// The role connection an application attached to a user, for linked roles.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRoleConnection {
    /// The vanity name of the connected platform (at most 50 characters).
    #[serde(default)]
    pub platform_name: Option<String>,
    /// The user's name on the platform (at most 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_username: Option<String>,
    /// Metadata keys to their stringified values (at most 100 characters each).
    #[serde(default)]
    pub metadata: std::collections::BTreeMap<String, String>,
}

impl ApplicationRoleConnection {
    /// The most characters of `platform_name`.
    pub const PLATFORM_NAME_MAX: usize = 50;
    /// The most characters of `platform_username`.
    pub const PLATFORM_USERNAME_MAX: usize = 100;
    /// The most characters of a metadata value.
    pub const METADATA_VALUE_MAX: usize = 100;
}
