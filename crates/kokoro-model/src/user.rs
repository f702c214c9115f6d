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
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::util::nullable")]
    pub banner: Option<Option<ImageHash>>,
    /// The banner color as an integer.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::util::nullable")]
    pub accent_color: Option<Option<u32>>,
    /// The user's chosen language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Whether the e-mail address is verified (`email` scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// The e-mail address (`email` scope).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::util::nullable")]
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
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::util::nullable")]
    pub avatar_decoration_data: Option<Option<AvatarDecorationData>>,
    /// The user's collectibles.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::util::nullable")]
    pub collectibles: Option<Option<Collectibles>>,
    /// The user's primary guild and its tag.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::util::nullable")]
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
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::util::nullable")]
    pub global_name: Option<Option<String>>,
    /// The avatar hash, when sent (`Some(None)`: cleared).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::util::nullable")]
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
    /// The decoration's SKU.
    pub sku_id: SkuId,
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
    /// The nameplate's SKU.
    pub sku_id: SkuId,
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
