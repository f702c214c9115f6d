//! Entitlements, SKUs, subscriptions and purchase notifications.

use serde::{Deserialize, Serialize};

use crate::{
    Timestamp,
    id::{ApplicationId, EntitlementId, GenericId, GuildId, SkuId, SubscriptionId, UserId},
};

int_enum! {
    /// How an entitlement was granted.
    pub enum EntitlementType: u8 {
        /// Purchased by the user.
        Purchase = 1,
        /// A Discord Nitro subscription.
        PremiumSubscription = 2,
        /// Gifted by the developer.
        DeveloperGift = 3,
        /// Purchased by a developer in application test mode.
        TestModePurchase = 4,
        /// Granted while the SKU was free.
        FreePurchase = 5,
        /// Gifted by another user.
        UserGift = 6,
        /// Claimed for free by a Nitro subscriber.
        PremiumPurchase = 7,
        /// Purchased as an app subscription.
        ApplicationSubscription = 8,
        /// Granted as a quest reward.
        QuestReward = 10,
    }
}

int_enum! {
    /// Who a test entitlement is granted to.
    pub enum EntitlementOwnerType: u8 {
        /// A guild (a guild subscription).
        Guild = 1,
        /// A user (a user subscription).
        User = 2,
    }
}

/// Who a test entitlement is granted to: a guild or a user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntitlementOwner {
    /// A guild (a guild subscription SKU).
    Guild(GuildId),
    /// A user (a user subscription SKU).
    User(UserId),
}

impl EntitlementOwner {
    /// The owner's id, as sent in `owner_id`.
    pub fn id(self) -> u64 {
        match self {
            Self::Guild(g) => g.get(),
            Self::User(u) => u.get(),
        }
    }

    /// The owner's type, as sent in `owner_type`.
    pub fn kind(self) -> EntitlementOwnerType {
        match self {
            Self::Guild(_) => EntitlementOwnerType::Guild,
            Self::User(_) => EntitlementOwnerType::User,
        }
    }
}

/// Access of a user or guild to a premium offering of an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entitlement {
    /// The entitlement's id.
    pub id: EntitlementId,
    /// The SKU granted.
    pub sku_id: SkuId,
    /// The application the SKU belongs to.
    pub application_id: ApplicationId,
    /// The user granted access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
    /// How it was granted.
    #[serde(rename = "type")]
    pub kind: EntitlementType,
    /// Whether it was deleted.
    #[serde(default)]
    pub deleted: bool,
    /// When it starts being valid.
    #[serde(default)]
    pub starts_at: Option<Timestamp>,
    /// When it stops being valid.
    #[serde(default)]
    pub ends_at: Option<Timestamp>,
    /// The guild granted access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<GuildId>,
    /// Whether a consumable item was consumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumed: Option<bool>,
    /// The subscription that granted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<SubscriptionId>,
    /// The promotion that granted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_id: Option<String>,
    /// Flags of the gift code that granted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gift_code_flags: Option<u64>,
    /// The user who gifted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gifter_user_id: Option<UserId>,
    /// The parent entitlement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<EntitlementId>,
    /// When it was fulfilled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfilled_at: Option<Timestamp>,
    /// Where fulfillment of the entitlement stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfillment_status: Option<EntitlementFulfillmentStatus>,
}

int_enum! {
    /// Where fulfillment of an entitlement stands.
    pub enum EntitlementFulfillmentStatus: u8 {
        /// Not specified.
        Unspecified = 0,
        /// No fulfillment needed.
        FulfillmentNotNeeded = 1,
        /// Fulfillment needed.
        FulfillmentNeeded = 2,
        /// Fulfilled.
        Fulfilled = 3,
        /// Fulfillment failed.
        FulfillmentFailed = 4,
        /// Unfulfillment needed.
        UnfulfillmentNeeded = 5,
        /// Unfulfilled.
        Unfulfilled = 6,
        /// Unfulfillment failed.
        UnfulfillmentFailed = 7,
    }
}

impl Entitlement {
    /// Whether the entitlement grants access at `now`: not deleted, not
    /// consumed, and `now` within its validity window.
    pub fn is_active_at(&self, now: Timestamp) -> bool {
        !self.deleted
            && self.consumed != Some(true)
            && self.starts_at.is_none_or(|start| start <= now)
            && self.ends_at.is_none_or(|end| now < end)
    }
}

int_enum! {
    /// The type of a SKU.
    pub enum SkuType: u8 {
        /// A durable one-time purchase.
        Durable = 2,
        /// A consumable one-time purchase.
        Consumable = 3,
        /// A recurring subscription.
        Subscription = 5,
        /// The system-generated group of a subscription SKU.
        SubscriptionGroup = 6,
    }
}

flags! {
    /// Flags of a SKU.
    pub struct SkuFlags: u64 {
        /// Available for purchase.
        const AVAILABLE = 1 << 2;
        /// A recurring SKU applied to one server, granting every user there access.
        const GUILD_SUBSCRIPTION = 1 << 7;
        /// A recurring SKU granting the purchasing user access in every server.
        const USER_SUBSCRIPTION = 1 << 8;
    }
}

/// A premium offering of an application (a "stock keeping unit").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sku {
    /// The SKU's id.
    pub id: SkuId,
    /// The SKU's type.
    #[serde(rename = "type")]
    pub kind: SkuType,
    /// The application it belongs to.
    pub application_id: ApplicationId,
    /// The customer-facing name.
    pub name: String,
    /// The system-generated URL slug.
    #[serde(default)]
    pub slug: String,
    /// The SKU's flags.
    #[serde(default)]
    pub flags: SkuFlags,
    /// The SKU this one depends on (undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependent_sku_id: Option<SkuId>,
    /// Manifest labels (undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_labels: Option<Vec<String>>,
    /// Access type (undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_type: Option<u8>,
    /// Features (undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<String>>,
    /// Release date (undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_date: Option<Timestamp>,
    /// Whether it is a premium SKU (undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium: Option<bool>,
    /// Whether an age gate is shown (undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_age_gate: Option<bool>,
}

int_enum! {
    /// The status of a subscription.
    pub enum SubscriptionStatus: u8 {
        /// Active and scheduled to renew.
        Active = 0,
        /// Inactive and not being charged.
        Inactive = 1,
        /// Active but not renewing.
        Ending = 2,
    }
}

/// A user's recurring payment for at least one SKU.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// The subscription's id.
    pub id: SubscriptionId,
    /// The subscribed user.
    pub user_id: UserId,
    /// The SKUs subscribed to.
    #[serde(default)]
    pub sku_ids: Vec<SkuId>,
    /// The entitlements granted.
    #[serde(default)]
    pub entitlement_ids: Vec<EntitlementId>,
    /// The SKUs subscribed to at renewal.
    #[serde(default)]
    pub renewal_sku_ids: Option<Vec<SkuId>>,
    /// Start of the current period.
    pub current_period_start: Timestamp,
    /// End of the current period.
    pub current_period_end: Timestamp,
    /// The current status.
    pub status: SubscriptionStatus,
    /// When the subscription was canceled.
    #[serde(default)]
    pub canceled_at: Option<Timestamp>,
    /// ISO3166-1 alpha-2 country code of the payment source (private OAuth scope only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

int_enum! {
    /// What a purchase notification is about.
    pub enum PurchaseType: u8 {
        /// A guild product was bought.
        GuildProduct = 0,
    }
}

/// The purchase a `PURCHASE_NOTIFICATION` message announces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseNotification {
    /// What was purchased.
    #[serde(rename = "type")]
    pub kind: PurchaseType,
    /// The guild product bought (`GuildProduct`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_product_purchase: Option<GuildProductPurchase>,
}

/// A guild product bought, as announced by a purchase notification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildProductPurchase {
    /// The product listing's id.
    pub listing_id: GenericId,
    /// The product's name.
    pub product_name: String,
}
