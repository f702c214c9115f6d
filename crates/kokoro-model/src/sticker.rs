//! Stickers and sticker packs.

use serde::{Deserialize, Serialize};

use crate::{
    Id,
    id::{GuildId, SkuId, StickerId, StickerPackId, marker::StickerBannerAssetMarker},
    user::User,
};

int_enum! {
    /// Where a sticker comes from.
    pub enum StickerType: u8 {
        /// An official sticker in a pack.
        Standard = 1,
        /// A sticker uploaded to a guild.
        Guild = 2,
    }
}

int_enum! {
    /// The file format of a sticker.
    pub enum StickerFormatType: u8 {
        /// PNG.
        Png = 1,
        /// Animated PNG.
        Apng = 2,
        /// Lottie JSON.
        Lottie = 3,
        /// GIF.
        Gif = 4,
    }
}

/// A sticker that can be sent in messages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sticker {
    /// The sticker's id.
    pub id: StickerId,
    /// The pack of a standard sticker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack_id: Option<StickerPackId>,
    /// The sticker's name.
    pub name: String,
    /// The sticker's description.
    #[serde(default)]
    pub description: Option<String>,
    /// Autocomplete and suggestion tags (a comma-separated list for standard
    /// stickers, the name of a unicode emoji for guild stickers).
    #[serde(default)]
    pub tags: String,
    /// Where the sticker comes from.
    #[serde(rename = "type")]
    pub kind: StickerType,
    /// The file format (`null` in the OpenAPI spec when unknown).
    #[serde(default)]
    pub format_type: Option<StickerFormatType>,
    /// Whether a guild sticker can be used (false after losing Server Boosts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<bool>,
    /// The guild that owns the sticker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// Who uploaded the guild sticker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The standard sticker's position in its pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_value: Option<u32>,
}

/// The smallest form of a sticker, as attached to messages.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StickerItem {
    /// The sticker's id.
    pub id: StickerId,
    /// The sticker's name.
    pub name: String,
    /// The file format.
    pub format_type: StickerFormatType,
}

/// A pack of standard stickers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StickerPack {
    /// The pack's id.
    pub id: StickerPackId,
    /// The stickers.
    #[serde(default)]
    pub stickers: Vec<Sticker>,
    /// The pack's name.
    pub name: String,
    /// The pack's SKU.
    pub sku_id: SkuId,
    /// The sticker shown as the pack's icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_sticker_id: Option<StickerId>,
    /// The pack's description (`null` in the OpenAPI spec decodes as empty).
    #[serde(
        default,
        deserialize_with = "crate::guild::null_as_default::deserialize"
    )]
    pub description: String,
    /// The pack's banner image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banner_asset_id: Option<Id<StickerBannerAssetMarker>>,
}

/// The answer of `GET /sticker-packs`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StickerPacks {
    /// The packs.
    #[serde(default)]
    pub sticker_packs: Vec<StickerPack>,
}

impl Sticker {
    /// The sticker as attached to messages; `None` when its format is unknown.
    pub fn item(&self) -> Option<StickerItem> {
        self.format_type.map(|format_type| StickerItem {
            id: self.id,
            name: self.name.clone(),
            format_type,
        })
    }
}
