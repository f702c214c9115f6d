//! The enums and flags of a guild's settings.

int_enum! {
    /// What a member must have done before they may talk in the guild.
    pub enum VerificationLevel: u8 {
        /// Unrestricted.
        None = 0,
        /// A verified e-mail address.
        Low = 1,
        /// Registered on Discord for longer than 5 minutes.
        Medium = 2,
        /// A member of the guild for longer than 10 minutes.
        High = 3,
        /// A verified phone number.
        VeryHigh = 4,
    }
}

int_enum! {
    /// Which messages notify members by default.
    pub enum DefaultMessageNotificationLevel: u8 {
        /// All messages.
        AllMessages = 0,
        /// Only messages that mention the member.
        OnlyMentions = 1,
    }
}

int_enum! {
    /// Whose media is scanned for explicit content.
    pub enum ExplicitContentFilter: u8 {
        /// Nobody's.
        Disabled = 0,
        /// That of members without roles.
        MembersWithoutRoles = 1,
        /// Everyone's.
        AllMembers = 2,
    }
}

int_enum! {
    /// Whether moderators must have two-factor authentication on.
    pub enum MfaLevel: u8 {
        /// No requirement.
        None = 0,
        /// Moderation actions need 2FA.
        Elevated = 1,
    }
}

int_enum! {
    /// The age restriction of a guild.
    pub enum NsfwLevel: u8 {
        /// Not set.
        Default = 0,
        /// Explicit.
        Explicit = 1,
        /// Safe.
        Safe = 2,
        /// Age-restricted.
        AgeRestricted = 3,
    }
}

int_enum! {
    /// The Server Boost level of a guild.
    pub enum PremiumTier: u8 {
        /// No perks unlocked.
        None = 0,
        /// Level 1.
        Tier1 = 1,
        /// Level 2.
        Tier2 = 2,
        /// Level 3.
        Tier3 = 3,
    }
}

macro_rules! default_variant {
    ($($name:ident => $variant:ident),* $(,)?) => {
        $(
            impl Default for $name {
                fn default() -> Self {
                    Self::$variant
                }
            }
        )*
    };
}

default_variant! {
    VerificationLevel => None,
    DefaultMessageNotificationLevel => AllMessages,
    ExplicitContentFilter => Disabled,
    MfaLevel => None,
    NsfwLevel => Default,
    PremiumTier => None,
}

flags! {
    /// Which notices the system channel does not show.
    pub struct SystemChannelFlags: u32 {
        /// No member join notifications.
        const SUPPRESS_JOIN_NOTIFICATIONS = 1 << 0;
        /// No Server Boost notifications.
        const SUPPRESS_PREMIUM_SUBSCRIPTIONS = 1 << 1;
        /// No server setup tips.
        const SUPPRESS_GUILD_REMINDER_NOTIFICATIONS = 1 << 2;
        /// No sticker reply buttons on member joins.
        const SUPPRESS_JOIN_NOTIFICATION_REPLIES = 1 << 3;
        /// No role subscription purchase and renewal notifications.
        const SUPPRESS_ROLE_SUBSCRIPTION_PURCHASE_NOTIFICATIONS = 1 << 4;
        /// No sticker reply buttons on role subscription purchases.
        const SUPPRESS_ROLE_SUBSCRIPTION_PURCHASE_NOTIFICATION_REPLIES = 1 << 5;
    }
}

str_enum! {
    /// A feature a guild has.
    pub enum GuildFeature {
        /// Can set an animated banner.
        AnimatedBanner = "ANIMATED_BANNER",
        /// Can set an animated icon.
        AnimatedIcon = "ANIMATED_ICON",
        /// Uses the old application command permissions behavior.
        ApplicationCommandPermissionsV2 = "APPLICATION_COMMAND_PERMISSIONS_V2",
        /// Has set up auto moderation rules.
        AutoModeration = "AUTO_MODERATION",
        /// Can set a banner.
        Banner = "BANNER",
        /// Is a Community guild: welcome screen, Membership Screening, stages, discovery.
        Community = "COMMUNITY",
        /// Has enabled monetization.
        CreatorMonetizableProvisional = "CREATOR_MONETIZABLE_PROVISIONAL",
        /// Has enabled the role subscription promo page.
        CreatorStorePage = "CREATOR_STORE_PAGE",
        /// Is a support server in the App Directory.
        DeveloperSupportServer = "DEVELOPER_SUPPORT_SERVER",
        /// Can be discovered in the directory.
        Discoverable = "DISCOVERABLE",
        /// Can be featured in the directory.
        Featurable = "FEATURABLE",
        /// Has paused invites.
        InvitesDisabled = "INVITES_DISABLED",
        /// Can set an invite splash background.
        InviteSplash = "INVITE_SPLASH",
        /// Has enabled Membership Screening.
        MemberVerificationGateEnabled = "MEMBER_VERIFICATION_GATE_ENABLED",
        /// Has more custom soundboard sound slots.
        MoreSoundboard = "MORE_SOUNDBOARD",
        /// Has more custom sticker slots.
        MoreStickers = "MORE_STICKERS",
        /// Can create announcement channels.
        News = "NEWS",
        /// Is partnered.
        Partnered = "PARTNERED",
        /// Can be previewed before joining.
        PreviewEnabled = "PREVIEW_ENABLED",
        /// Has disabled join raid alerts.
        RaidAlertsDisabled = "RAID_ALERTS_DISABLED",
        /// Can set role icons.
        RoleIcons = "ROLE_ICONS",
        /// Has role subscriptions that can be purchased.
        RoleSubscriptionsAvailableForPurchase = "ROLE_SUBSCRIPTIONS_AVAILABLE_FOR_PURCHASE",
        /// Has enabled role subscriptions.
        RoleSubscriptionsEnabled = "ROLE_SUBSCRIPTIONS_ENABLED",
        /// Has created soundboard sounds.
        Soundboard = "SOUNDBOARD",
        /// Has enabled ticketed events.
        TicketedEventsEnabled = "TICKETED_EVENTS_ENABLED",
        /// Can set a vanity URL.
        VanityUrl = "VANITY_URL",
        /// Is verified.
        Verified = "VERIFIED",
        /// Can set 384kbps bitrate in voice.
        VipRegions = "VIP_REGIONS",
        /// Has enabled the welcome screen.
        WelcomeScreenEnabled = "WELCOME_SCREEN_ENABLED",
        /// Can create guest invites.
        GuestsEnabled = "GUESTS_ENABLED",
        /// Can set guild tags.
        GuildTags = "GUILD_TAGS",
        /// Can give roles gradient colors.
        EnhancedRoleColors = "ENHANCED_ROLE_COLORS",
        /// Has restricted member prune to administrators (in the OpenAPI spec only).
        PruneRequiresAdmin = "PRUNE_REQUIRES_ADMIN",
        /// Is an official guild of games (in the OpenAPI spec only).
        OfficialGameGuild = "OFFICIAL_GAME_GUILD",
        /// Has more emoji slots (legacy; in Discord's examples).
        MoreEmoji = "MORE_EMOJI",
        /// Could sell in store channels (legacy; in Discord's examples).
        Commerce = "COMMERCE",
    }
}

int_enum! {
    /// What happens to a subscriber of an integration whose subscription lapses.
    pub enum IntegrationExpireBehavior: u8 {
        /// The role is removed.
        RemoveRole = 0,
        /// The member is kicked.
        Kick = 1,
    }
}

str_enum! {
    /// The kind of an integration.
    pub enum IntegrationType {
        /// Twitch.
        Twitch = "twitch",
        /// YouTube.
        Youtube = "youtube",
        /// A Discord application (a bot).
        Discord = "discord",
        /// Guild role subscriptions.
        GuildSubscription = "guild_subscription",
    }
}

int_enum! {
    /// Which constraints onboarding must satisfy to be enabled.
    pub enum OnboardingMode: u8 {
        /// Only default channels count.
        OnboardingDefault = 0,
        /// Default channels and questions count.
        OnboardingAdvanced = 1,
    }
}

int_enum! {
    /// How an onboarding prompt shows its options.
    pub enum OnboardingPromptType: u8 {
        /// Multiple choice.
        MultipleChoice = 0,
        /// A dropdown.
        Dropdown = 1,
    }
}

default_variant! {
    OnboardingMode => OnboardingDefault,
    OnboardingPromptType => MultipleChoice,
}
