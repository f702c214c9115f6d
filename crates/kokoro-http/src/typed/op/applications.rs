//! Operation markers of the application, entitlement, SKU, role-connection and OAuth2 families (see [`crate::typed`]).

use kokoro_model::{
    application::{
        ActivityAttachment, ActivityInstance, Application, ApplicationRoleConnectionMetadata,
        GuildCommandPermissions,
    },
    emoji::{ApplicationEmojis, Emoji},
    monetization::{Entitlement, Subscription},
    oauth::{AuthorizationInformation, JsonWebKeySet, OpenIdUserInfo},
    user::ApplicationRoleConnection,
};

ops! {
    /// `GET /applications/@me`
    GetCurrentApplication => Application [GetMyApplication];
    /// `PATCH /applications/@me`
    UpdateCurrentApplication => Application [UpdateMyApplication];
    /// `GET /applications/{application_id}`
    GetApplication => Application [GetApplication];
    /// `PATCH /applications/{application_id}`
    UpdateApplication => Application [UpdateApplication];
    /// `GET /applications/{application_id}/activity-instances/{instance_id}`
    GetActivityInstance => ActivityInstance [ApplicationsGetActivityInstance];
    /// `POST /applications/{application_id}/attachment`
    UploadApplicationAttachment => ActivityAttachment [UploadApplicationAttachment];

    /// `GET /applications/{application_id}/emojis`
    ListApplicationEmojis => ApplicationEmojis [ListApplicationEmojis];
    /// `GET /applications/{application_id}/emojis/{emoji_id}`
    GetApplicationEmoji => Emoji [GetApplicationEmoji];
    /// `POST /applications/{application_id}/emojis`
    CreateApplicationEmoji => Emoji [CreateApplicationEmoji];
    /// `PATCH /applications/{application_id}/emojis/{emoji_id}`
    UpdateApplicationEmoji => Emoji [UpdateApplicationEmoji];
    /// `DELETE /applications/{application_id}/emojis/{emoji_id}`
    DeleteApplicationEmoji => () [DeleteApplicationEmoji];

    /// `GET /applications/{application_id}/guilds/{guild_id}/commands/permissions`
    ListCommandPermissions => Vec<GuildCommandPermissions> [ListGuildApplicationCommandPermissions];
    /// `GET /applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions`
    GetCommandPermissions => GuildCommandPermissions [GetGuildApplicationCommandPermissions];
    /// `PUT /applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions`
    SetCommandPermissions => GuildCommandPermissions [SetGuildApplicationCommandPermissions];

    /// `GET /applications/{application_id}/entitlements`
    ListEntitlements => Vec<Entitlement> [GetEntitlements];
    /// `GET /applications/{application_id}/entitlements/{entitlement_id}`
    GetEntitlement => Entitlement [GetEntitlement];
    /// `POST /applications/{application_id}/entitlements`
    CreateTestEntitlement => Entitlement [CreateEntitlement];
    /// `DELETE /applications/{application_id}/entitlements/{entitlement_id}`
    DeleteTestEntitlement => () [DeleteEntitlement];
    /// `POST /applications/{application_id}/entitlements/{entitlement_id}/consume`
    ConsumeEntitlement => () [ConsumeEntitlement];
    /// `GET /users/@me/applications/{application_id}/entitlements`
    ListCurrentUserEntitlements => Vec<Entitlement> [GetCurrentUserApplicationEntitlements];

    /// `GET /skus/{sku_id}/subscriptions`
    ListSkuSubscriptions => Vec<Subscription> [GetSkuSubscriptions];
    /// `GET /skus/{sku_id}/subscriptions/{subscription_id}`
    GetSkuSubscription => Subscription [GetSkuSubscription];

    /// `GET /applications/{application_id}/role-connections/metadata`
    GetRoleConnectionMetadata => Vec<ApplicationRoleConnectionMetadata> [GetApplicationRoleConnectionsMetadata];
    /// `PUT /applications/{application_id}/role-connections/metadata`
    SetRoleConnectionMetadata => Vec<ApplicationRoleConnectionMetadata> [UpdateApplicationRoleConnectionsMetadata];
    /// `GET /users/@me/applications/{application_id}/role-connection`
    GetRoleConnection => ApplicationRoleConnection [GetApplicationUserRoleConnection];
    /// `PUT /users/@me/applications/{application_id}/role-connection`
    UpdateRoleConnection => ApplicationRoleConnection [UpdateApplicationUserRoleConnection];
    /// `DELETE /users/@me/applications/{application_id}/role-connection`
    DeleteRoleConnection => () [DeleteApplicationUserRoleConnection];

    /// `GET /oauth2/@me`
    GetOAuth2Authorization => AuthorizationInformation [GetMyOauth2Authorization];
    /// `GET /oauth2/applications/@me`
    GetOAuth2Application => Application [GetMyOauth2Application];
    /// `GET /oauth2/keys`
    GetOAuth2Keys => JsonWebKeySet [GetPublicKeys];
    /// `GET /oauth2/userinfo`
    GetOpenIdUserInfo => OpenIdUserInfo [GetOpenidConnectUserinfo];
}
