//! Applications, application emojis and commands' permissions, entitlements, SKUs, role connections and OAuth2.

use std::collections::HashMap;

use kokoro_model::{
    application::{
        ApplicationExplicitContentFilter, ApplicationFlags, ApplicationIntegrationType,
        ApplicationIntegrationTypeConfig, ApplicationRoleConnectionMetadata, CommandPermission,
        EventWebhookStatus, InstallParams,
    },
    id::{
        ApplicationId, CommandId, EmojiId, EntitlementId, GuildId, SkuId, SubscriptionId, UserId,
    },
    monetization::EntitlementOwner,
    oauth::Scope,
    user::ApplicationRoleConnection,
    validate::{self, ValidationError, ValidationErrorKind},
};
use serde_json::{Map, Value};

use super::{Builder, Payload, op};
use crate::{Attachment, Body, Client, Error, ImageData, Multipart, routes::Route};

/// Most bytes of an application emoji's image (256 KiB).
const EMOJI_IMAGE_MAX: usize = 256 * 1024;
/// Most characters of the URLs an application takes.
const URL_MAX: usize = 2048;

/// Discord's rule for emoji names: 2 to 32 characters among letters, digits and `_`.
fn emoji_name(name: &str) -> Result<(), ValidationError> {
    validate::chars_between("name", name, 2, 32)?;
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        Ok(())
    } else {
        Err(ValidationError::invalid(
            "name",
            "may only contain letters, digits and _",
        ))
    }
}

/// A list of snowflakes as Discord's query strings take them (`1,2,3`).
fn id_list<T: ToString>(ids: &[T]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The body of `POST /applications/{id}/attachment`: one file, sent as `file`.
#[derive(Clone, Copy, Debug, Default)]
pub struct FileForm;

impl Payload for FileForm {
    fn encode(self, files: Vec<Attachment>) -> Result<Body, Error> {
        let file = files.into_iter().next().ok_or_else(|| {
            Error::Validation(ValidationError::new("file", ValidationErrorKind::Missing))
        })?;
        Ok(Multipart::new().file("file", file).into())
    }
}

/// The body of `PUT /applications/{id}/role-connections/metadata`: the whole list.
#[derive(Clone, Debug, Default)]
pub struct MetadataRecords(Vec<ApplicationRoleConnectionMetadata>);

impl Payload for MetadataRecords {
    fn check(&self) -> Result<(), ValidationError> {
        validate::max_items(
            "metadata",
            self.0.len(),
            ApplicationRoleConnectionMetadata::RECORDS_MAX,
        )?;
        for (i, record) in self.0.iter().enumerate() {
            record
                .validate()
                .map_err(|e| e.within(format!("metadata[{i}]")))?;
        }
        Ok(())
    }

    fn encode(self, _: Vec<Attachment>) -> Result<Body, Error> {
        Body::json(&self.0)
    }
}

impl Client {
    /// `GET /applications/@me`: the application of the bot token.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// let app = client.current_application().await?;
    /// println!("{} ({} guilds)", app.name, app.approximate_guild_count.unwrap_or(0));
    /// # Ok(()) }
    /// ```
    pub fn current_application(&self) -> Builder<'_, op::GetCurrentApplication> {
        Builder::new(self, Route::GetMyApplication)
    }

    /// `PATCH /applications/@me`: edits the application of the bot token; only the
    /// fields set change.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::application::ApplicationFlags;
    ///
    /// let app = client
    ///     .update_current_application()
    ///     .description("Plays music")
    ///     .tags(["music", "radio"])
    ///     .flags(ApplicationFlags::GATEWAY_MESSAGE_CONTENT_LIMITED)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn update_current_application(&self) -> Builder<'_, op::UpdateCurrentApplication, Value> {
        Builder::json(self, Route::UpdateMyApplication)
    }

    /// `GET /applications/{application_id}`: an application of the token's owner.
    pub fn application(&self, application_id: ApplicationId) -> Builder<'_, op::GetApplication> {
        Builder::new(self, Route::GetApplication { application_id })
    }

    /// `PATCH /applications/{application_id}`: edits an application; the same fields as
    /// [`update_current_application`](Self::update_current_application).
    pub fn update_application(
        &self,
        application_id: ApplicationId,
    ) -> Builder<'_, op::UpdateApplication, Value> {
        Builder::json(self, Route::UpdateApplication { application_id })
    }

    /// `GET /applications/{application_id}/activity-instances/{instance_id}`: a running
    /// instance of the application's Activity.
    pub fn activity_instance<'a>(
        &'a self,
        application_id: ApplicationId,
        instance_id: &'a str,
    ) -> Builder<'a, op::GetActivityInstance> {
        Builder::new(
            self,
            Route::ApplicationsGetActivityInstance {
                application_id,
                instance_id,
            },
        )
    }

    /// `POST /applications/{application_id}/attachment`: uploads a file for the
    /// application's Activity (sent as the multipart part `file`).
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client, app: kokoro_model::id::ApplicationId) -> Result<(), kokoro_http::Error> {
    /// let up = client
    ///     .upload_application_attachment(app, kokoro_http::Attachment::new("map.png", vec![0u8; 16]))
    ///     .await?;
    /// println!("{}", up.attachment.url);
    /// # Ok(()) }
    /// ```
    pub fn upload_application_attachment(
        &self,
        application_id: ApplicationId,
        file: Attachment,
    ) -> Builder<'_, op::UploadApplicationAttachment, FileForm> {
        let mut b = Builder::with_body(
            self,
            Route::UploadApplicationAttachment { application_id },
            FileForm,
        );
        b.files.push(file);
        b
    }

    /// `GET /applications/{application_id}/emojis`: the application's emojis
    /// (`{"items": [...]}`).
    pub fn application_emojis(
        &self,
        application_id: ApplicationId,
    ) -> Builder<'_, op::ListApplicationEmojis> {
        Builder::new(self, Route::ListApplicationEmojis { application_id })
    }

    /// `GET /applications/{application_id}/emojis/{emoji_id}`: one emoji of the
    /// application.
    pub fn application_emoji(
        &self,
        application_id: ApplicationId,
        emoji_id: EmojiId,
    ) -> Builder<'_, op::GetApplicationEmoji> {
        Builder::new(
            self,
            Route::GetApplicationEmoji {
                application_id,
                emoji_id,
            },
        )
    }

    /// `POST /applications/{application_id}/emojis`: uploads an emoji (name of 2 to 32
    /// letters, digits and `_`; image at most 256 KiB).
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client, app: kokoro_model::id::ApplicationId, png: Vec<u8>) -> Result<(), kokoro_http::Error> {
    /// let image = kokoro_http::ImageData::from_bytes(&png).expect("a PNG");
    /// let emoji = client.create_application_emoji(app, "kokoro", image).await?;
    /// println!("{}", emoji.mention());
    /// # Ok(()) }
    /// ```
    pub fn create_application_emoji(
        &self,
        application_id: ApplicationId,
        name: impl Into<String>,
        image: ImageData,
    ) -> Builder<'_, op::CreateApplicationEmoji, Value> {
        let name = name.into();
        let size = if image.byte_len() > EMOJI_IMAGE_MAX {
            Err(ValidationError::invalid("image", "is larger than 256 KiB"))
        } else {
            Ok(())
        };
        Builder::json(self, Route::CreateApplicationEmoji { application_id })
            .check(emoji_name(&name))
            .check(size)
            .field("name", name)
            .field("image", image)
    }

    /// `PATCH /applications/{application_id}/emojis/{emoji_id}`: renames an emoji.
    pub fn update_application_emoji(
        &self,
        application_id: ApplicationId,
        emoji_id: EmojiId,
    ) -> Builder<'_, op::UpdateApplicationEmoji, Value> {
        Builder::json(
            self,
            Route::UpdateApplicationEmoji {
                application_id,
                emoji_id,
            },
        )
    }

    /// `DELETE /applications/{application_id}/emojis/{emoji_id}`: deletes an emoji.
    pub fn delete_application_emoji(
        &self,
        application_id: ApplicationId,
        emoji_id: EmojiId,
    ) -> Builder<'_, op::DeleteApplicationEmoji> {
        Builder::new(
            self,
            Route::DeleteApplicationEmoji {
                application_id,
                emoji_id,
            },
        )
    }

    /// `GET /applications/{application_id}/guilds/{guild_id}/commands/permissions`: the
    /// permissions of the application's commands in a guild (only commands that have
    /// some, and the app-wide defaults under the application's id).
    pub fn guild_command_permissions(
        &self,
        application_id: ApplicationId,
        guild_id: GuildId,
    ) -> Builder<'_, op::ListCommandPermissions> {
        Builder::new(
            self,
            Route::ListGuildApplicationCommandPermissions {
                application_id,
                guild_id,
            },
        )
    }

    /// `GET /applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions`:
    /// the permissions of one command in a guild (the application's id as `command_id`
    /// gives the app-wide defaults).
    pub fn command_permissions(
        &self,
        application_id: ApplicationId,
        guild_id: GuildId,
        command_id: CommandId,
    ) -> Builder<'_, op::GetCommandPermissions> {
        Builder::new(
            self,
            Route::GetGuildApplicationCommandPermissions {
                application_id,
                guild_id,
                command_id,
            },
        )
    }

    /// `PUT /applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions`:
    /// replaces the permissions of one command in a guild (at most 100).
    ///
    /// Discord only takes this from a client built with an OAuth2 Bearer token
    /// ([`ClientBuilder::bearer_token`](crate::ClientBuilder::bearer_token)) carrying
    /// the `applications.commands.permissions.update` scope, of a user who can manage
    /// the guild and its roles; a bot token fails with code 20001.
    ///
    /// ```no_run
    /// # async fn run(user_client: kokoro_http::Client) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::application::{CommandPermission, CommandPermissionType};
    /// use kokoro_model::id::{ApplicationId, CommandId, GenericId, GuildId};
    ///
    /// let (app, guild, command) = (ApplicationId::new(1), GuildId::new(2), CommandId::new(3));
    /// let deny_everyone = CommandPermission {
    ///     id: GenericId::new(guild.get()),
    ///     kind: CommandPermissionType::Role,
    ///     permission: false,
    /// };
    /// user_client.set_command_permissions(app, guild, command, &[deny_everyone]).await?;
    /// # Ok(()) }
    /// ```
    pub fn set_command_permissions(
        &self,
        application_id: ApplicationId,
        guild_id: GuildId,
        command_id: CommandId,
        permissions: &[CommandPermission],
    ) -> Builder<'_, op::SetCommandPermissions, Value> {
        Builder::json(
            self,
            Route::SetGuildApplicationCommandPermissions {
                application_id,
                guild_id,
                command_id,
            },
        )
        .check(validate::max_items(
            "permissions",
            permissions.len(),
            CommandPermission::MAX,
        ))
        .field("permissions", permissions)
    }

    /// `GET /applications/{application_id}/entitlements`: the application's
    /// entitlements, filtered and paginated with the setters.
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client, app: kokoro_model::id::ApplicationId, user: kokoro_model::id::UserId) -> Result<(), kokoro_http::Error> {
    /// let active = client
    ///     .entitlements(app)
    ///     .user_id(user)
    ///     .exclude_ended(true)
    ///     .exclude_deleted(true)
    ///     .limit(50)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn entitlements(&self, application_id: ApplicationId) -> Builder<'_, op::ListEntitlements> {
        Builder::new(self, Route::GetEntitlements { application_id })
    }

    /// `GET /applications/{application_id}/entitlements/{entitlement_id}`: one
    /// entitlement.
    pub fn entitlement(
        &self,
        application_id: ApplicationId,
        entitlement_id: EntitlementId,
    ) -> Builder<'_, op::GetEntitlement> {
        Builder::new(
            self,
            Route::GetEntitlement {
                application_id,
                entitlement_id,
            },
        )
    }

    /// `POST /applications/{application_id}/entitlements`: grants a test entitlement to
    /// a guild or a user (no payment; for testing premium offerings).
    pub fn create_test_entitlement(
        &self,
        application_id: ApplicationId,
        sku_id: SkuId,
        owner: EntitlementOwner,
    ) -> Builder<'_, op::CreateTestEntitlement, Value> {
        Builder::json(self, Route::CreateEntitlement { application_id })
            .field("sku_id", sku_id)
            .field("owner_id", owner.id().to_string())
            .field("owner_type", owner.kind())
    }

    /// `DELETE /applications/{application_id}/entitlements/{entitlement_id}`: deletes a
    /// test entitlement.
    pub fn delete_test_entitlement(
        &self,
        application_id: ApplicationId,
        entitlement_id: EntitlementId,
    ) -> Builder<'_, op::DeleteTestEntitlement> {
        Builder::new(
            self,
            Route::DeleteEntitlement {
                application_id,
                entitlement_id,
            },
        )
    }

    /// `POST /applications/{application_id}/entitlements/{entitlement_id}/consume`:
    /// marks a one-time purchase consumed (`consumed: true` afterwards).
    pub fn consume_entitlement(
        &self,
        application_id: ApplicationId,
        entitlement_id: EntitlementId,
    ) -> Builder<'_, op::ConsumeEntitlement> {
        Builder::new(
            self,
            Route::ConsumeEntitlement {
                application_id,
                entitlement_id,
            },
        )
    }

    /// `GET /users/@me/applications/{application_id}/entitlements`: the entitlements of
    /// the token's user for an application (an OAuth2 Bearer token).
    pub fn current_user_entitlements(
        &self,
        application_id: ApplicationId,
    ) -> Builder<'_, op::ListCurrentUserEntitlements> {
        Builder::new(
            self,
            Route::GetCurrentUserApplicationEntitlements { application_id },
        )
    }

    /// `GET /skus/{sku_id}/subscriptions`: the subscriptions to a SKU, newest first (for
    /// a bot token, Discord requires `user_id`).
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client, sku: kokoro_model::id::SkuId, user: kokoro_model::id::UserId) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::monetization::SubscriptionStatus;
    ///
    /// let subscriptions = client.sku_subscriptions(sku).user_id(user).limit(10).await?;
    /// let active = subscriptions.iter().any(|s| s.status == SubscriptionStatus::Active);
    /// # Ok(()) }
    /// ```
    pub fn sku_subscriptions(&self, sku_id: SkuId) -> Builder<'_, op::ListSkuSubscriptions> {
        Builder::new(self, Route::GetSkuSubscriptions { sku_id })
    }

    /// `GET /skus/{sku_id}/subscriptions/{subscription_id}`: one subscription to a SKU.
    pub fn sku_subscription(
        &self,
        sku_id: SkuId,
        subscription_id: SubscriptionId,
    ) -> Builder<'_, op::GetSkuSubscription> {
        Builder::new(
            self,
            Route::GetSkuSubscription {
                sku_id,
                subscription_id,
            },
        )
    }

    /// `GET /applications/{application_id}/role-connections/metadata`: the application's
    /// role connection metadata records.
    pub fn role_connection_metadata(
        &self,
        application_id: ApplicationId,
    ) -> Builder<'_, op::GetRoleConnectionMetadata> {
        Builder::new(
            self,
            Route::GetApplicationRoleConnectionsMetadata { application_id },
        )
    }

    /// `PUT /applications/{application_id}/role-connections/metadata`: replaces the
    /// application's role connection metadata records (at most 5; keys of 1-50
    /// characters among `a-z`, `0-9`, `_`; names of 1-100; descriptions of 1-200).
    ///
    /// ```no_run
    /// # async fn run(client: kokoro_http::Client, app: kokoro_model::id::ApplicationId) -> Result<(), kokoro_http::Error> {
    /// use kokoro_model::application::{
    ///     ApplicationRoleConnectionMetadata as Field, ApplicationRoleConnectionMetadataType as Kind,
    /// };
    ///
    /// client
    ///     .set_role_connection_metadata(app, vec![
    ///         Field::new(Kind::IntegerGreaterThanOrEqual, "level", "Level", "Minimum level"),
    ///         Field::new(Kind::BooleanEqual, "verified", "Verified", "Has a verified account"),
    ///     ])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn set_role_connection_metadata(
        &self,
        application_id: ApplicationId,
        records: Vec<ApplicationRoleConnectionMetadata>,
    ) -> Builder<'_, op::SetRoleConnectionMetadata, MetadataRecords> {
        Builder::with_body(
            self,
            Route::UpdateApplicationRoleConnectionsMetadata { application_id },
            MetadataRecords(records),
        )
    }

    /// `GET /users/@me/applications/{application_id}/role-connection`: the token's
    /// user's role connection for an application (an OAuth2 Bearer token with
    /// `role_connections.write`).
    pub fn role_connection(
        &self,
        application_id: ApplicationId,
    ) -> Builder<'_, op::GetRoleConnection> {
        Builder::new(
            self,
            Route::GetApplicationUserRoleConnection { application_id },
        )
    }

    /// `PUT /users/@me/applications/{application_id}/role-connection`: replaces the
    /// token's user's role connection for an application (an OAuth2 Bearer token with
    /// `role_connections.write`).
    ///
    /// ```no_run
    /// # async fn run(user_client: kokoro_http::Client, app: kokoro_model::id::ApplicationId) -> Result<(), kokoro_http::Error> {
    /// let connection = user_client
    ///     .update_role_connection(app)
    ///     .platform_name("Kokoro Quest")
    ///     .platform_username("alice")
    ///     .metadata("level", "42")
    ///     .await?;
    /// assert_eq!(connection.metadata["level"], "42");
    /// # Ok(()) }
    /// ```
    pub fn update_role_connection(
        &self,
        application_id: ApplicationId,
    ) -> Builder<'_, op::UpdateRoleConnection, Value> {
        Builder::json(
            self,
            Route::UpdateApplicationUserRoleConnection { application_id },
        )
    }

    /// `DELETE /users/@me/applications/{application_id}/role-connection`: removes the
    /// token's user's role connection for an application (an OAuth2 Bearer token with
    /// `role_connections.write`).
    pub fn delete_role_connection(
        &self,
        application_id: ApplicationId,
    ) -> Builder<'_, op::DeleteRoleConnection> {
        Builder::new(
            self,
            Route::DeleteApplicationUserRoleConnection { application_id },
        )
    }

    /// `GET /oauth2/@me`: the current authorization: its application, scopes, expiry
    /// and (with `identify`) user.
    ///
    /// ```no_run
    /// # async fn run(access_token: &str) -> Result<(), kokoro_http::Error> {
    /// let user_client = kokoro_http::Client::builder().bearer_token(access_token).build();
    /// let auth = user_client.oauth2_authorization().await?;
    /// println!("{:?} until {}", auth.scopes, auth.expires);
    /// # Ok(()) }
    /// ```
    pub fn oauth2_authorization(&self) -> Builder<'_, op::GetOAuth2Authorization> {
        Builder::new(self, Route::GetMyOauth2Authorization)
    }

    /// `GET /oauth2/applications/@me`: the bot's application.
    pub fn oauth2_application(&self) -> Builder<'_, op::GetOAuth2Application> {
        Builder::new(self, Route::GetMyOauth2Application)
    }

    /// `GET /oauth2/keys`: Discord's public keys for verifying OpenID Connect ID tokens
    /// (a JSON Web Key Set; needs no token).
    pub fn oauth2_keys(&self) -> Builder<'_, op::GetOAuth2Keys> {
        Builder::new(self, Route::GetPublicKeys)
    }

    /// `GET /oauth2/userinfo`: OpenID Connect claims about the token's user (an OAuth2
    /// Bearer token with `openid`).
    pub fn openid_userinfo(&self) -> Builder<'_, op::GetOpenIdUserInfo> {
        Builder::new(self, Route::GetOpenidConnectUserinfo)
    }
}

/// The two operations that edit an application (their shared setters).
pub trait ApplicationUpdateOp: op::Op {}
impl ApplicationUpdateOp for op::UpdateCurrentApplication {}
impl ApplicationUpdateOp for op::UpdateApplication {}

impl<O: ApplicationUpdateOp> Builder<'_, O, Value> {
    fn url(self, name: &'static str, url: String) -> Self {
        let scheme = if url.starts_with("https://") || url.starts_with("http://") {
            Ok(())
        } else {
            Err(ValidationError::invalid(name, "is not an http(s) URL"))
        };
        self.check(validate::max_chars(name, &url, URL_MAX))
            .check(scheme)
            .field(name, url)
    }

    /// The description (at most 400 characters).
    pub fn description(self, description: impl Into<String>) -> Self {
        self.text("description", description.into(), 0, 400)
    }

    /// The default custom authorization URL (at most 2,048 characters).
    pub fn custom_install_url(self, url: impl Into<String>) -> Self {
        self.url("custom_install_url", url.into())
    }

    /// The role connection verification URL (at most 2,048 characters).
    pub fn role_connections_verification_url(self, url: impl Into<String>) -> Self {
        self.url("role_connections_verification_url", url.into())
    }

    /// The interactions endpoint URL (at most 2,048 characters; Discord checks that it
    /// answers PINGs).
    pub fn interactions_endpoint_url(self, url: impl Into<String>) -> Self {
        self.url("interactions_endpoint_url", url.into())
    }

    /// The URL receiving webhook events (at most 2,048 characters).
    pub fn event_webhooks_url(self, url: impl Into<String>) -> Self {
        self.url("event_webhooks_url", url.into())
    }

    /// Enables (`Enabled`) or disables (`Disabled`) webhook events.
    pub fn event_webhooks_status(self, status: EventWebhookStatus) -> Self {
        let check = match status {
            EventWebhookStatus::Enabled | EventWebhookStatus::Disabled => Ok(()),
            _ => Err(ValidationError::invalid(
                "event_webhooks_status",
                "must be Enabled or Disabled",
            )),
        };
        self.check(check).field("event_webhooks_status", status)
    }

    /// The webhook event types to subscribe to (`ENTITLEMENT_CREATE`, …).
    pub fn event_webhooks_types<S: Into<String>>(self, types: impl IntoIterator<Item = S>) -> Self {
        let types: Vec<String> = types.into_iter().map(Into::into).collect();
        self.field("event_webhooks_types", types)
    }

    /// The settings of the default in-app authorization link (scopes among
    /// `applications.commands` and `bot`).
    pub fn install_params(self, params: InstallParams) -> Self {
        let check = install_scopes("install_params.scopes", &params.scopes);
        self.check(check).field("install_params", params)
    }

    /// The default scopes and permissions of each installation context (one or both).
    pub fn integration_types_config(
        self,
        config: HashMap<ApplicationIntegrationType, ApplicationIntegrationTypeConfig>,
    ) -> Self {
        let mut check = if config.is_empty() {
            Err(ValidationError::new(
                "integration_types_config",
                ValidationErrorKind::TooFew { count: 0, min: 1 },
            ))
        } else {
            validate::max_items("integration_types_config", config.len(), 2)
        };
        let mut map = Map::new();
        let mut entries: Vec<_> = config.into_iter().collect();
        entries.sort_by_key(|(k, _)| k.value());
        for (kind, value) in entries {
            if let Some(params) = &value.oauth2_install_params {
                check = check.and(install_scopes(
                    "integration_types_config.oauth2_install_params.scopes",
                    &params.scopes,
                ));
            }
            map.insert(
                kind.value().to_string(),
                serde_json::to_value(value).unwrap_or(Value::Null),
            );
        }
        self.check(check)
            .field("integration_types_config", Value::Object(map))
    }

    /// The public flags; only `GATEWAY_PRESENCE_LIMITED`, `GATEWAY_GUILD_MEMBERS_LIMITED`
    /// and `GATEWAY_MESSAGE_CONTENT_LIMITED` can be set through the API.
    pub fn flags(self, flags: ApplicationFlags) -> Self {
        let settable = ApplicationFlags::GATEWAY_PRESENCE_LIMITED
            | ApplicationFlags::GATEWAY_GUILD_MEMBERS_LIMITED
            | ApplicationFlags::GATEWAY_MESSAGE_CONTENT_LIMITED;
        let check = if settable.contains(flags) {
            Ok(())
        } else {
            Err(ValidationError::invalid(
                "flags",
                "only the limited gateway intent flags can be set",
            ))
        };
        self.check(check).field("flags", flags.bits())
    }

    /// The icon (`None` removes it).
    pub fn icon(self, icon: Option<ImageData>) -> Self {
        self.field("icon", icon)
    }

    /// The default rich presence invite cover image (`None` removes it).
    pub fn cover_image(self, image: Option<ImageData>) -> Self {
        self.field("cover_image", image)
    }

    /// Tags describing the app (at most 5, each at most 20 characters).
    pub fn tags<S: Into<String>>(self, tags: impl IntoIterator<Item = S>) -> Self {
        let tags: Vec<String> = tags.into_iter().map(Into::into).collect();
        let mut check = validate::max_items("tags", tags.len(), 5);
        for tag in &tags {
            check = check.and(validate::chars_between("tags", tag, 1, 20));
        }
        self.check(check).field("tags", tags)
    }

    /// Whether interactions are scanned for explicit content.
    pub fn explicit_content_filter(self, filter: ApplicationExplicitContentFilter) -> Self {
        self.field("explicit_content_filter", filter)
    }

    /// The most participants of the Activity (-1 for no limit).
    pub fn max_participants(self, max: i32) -> Self {
        self.number("max_participants", max.into(), -1, i64::from(i32::MAX))
    }
}

/// Install links take only the `applications.commands` and `bot` scopes.
fn install_scopes(field: &'static str, scopes: &[Scope]) -> Result<(), ValidationError> {
    if scopes.is_empty() {
        return Err(ValidationError::new(
            field,
            ValidationErrorKind::TooFew { count: 0, min: 1 },
        ));
    }
    if scopes
        .iter()
        .all(|s| matches!(s, Scope::ApplicationsCommands | Scope::Bot))
    {
        Ok(())
    } else {
        Err(ValidationError::invalid(
            field,
            "may only be applications.commands and bot",
        ))
    }
}

impl Builder<'_, op::UpdateApplicationEmoji, Value> {
    /// The new name (2 to 32 letters, digits and `_`).
    pub fn name(self, name: impl Into<String>) -> Self {
        let name = name.into();
        self.check(emoji_name(&name)).field("name", name)
    }
}

impl Builder<'_, op::ListEntitlements> {
    /// Entitlements of this user.
    pub fn user_id(self, user: UserId) -> Self {
        self.query("user_id", user)
    }

    /// Entitlements of these SKUs (at most 100).
    pub fn sku_ids(self, skus: &[SkuId]) -> Self {
        self.check(validate::max_items("sku_ids", skus.len(), 100))
            .query("sku_ids", id_list(skus))
    }

    /// Entitlements of this guild.
    pub fn guild_id(self, guild: GuildId) -> Self {
        self.query("guild_id", guild)
    }

    /// Entitlements before this one.
    pub fn before(self, id: EntitlementId) -> Self {
        self.query("before", id)
    }

    /// Entitlements after this one.
    pub fn after(self, id: EntitlementId) -> Self {
        self.query("after", id)
    }

    /// How many (1 to 100; Discord's default 100).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 100)
    }

    /// Leaves out entitlements that have ended.
    pub fn exclude_ended(self, exclude: bool) -> Self {
        self.query("exclude_ended", exclude)
    }

    /// Leaves out deleted entitlements (Discord's default `true`).
    pub fn exclude_deleted(self, exclude: bool) -> Self {
        self.query("exclude_deleted", exclude)
    }
}

impl Builder<'_, op::ListCurrentUserEntitlements> {
    /// Entitlements of these SKUs (at most 100).
    pub fn sku_ids(self, skus: &[SkuId]) -> Self {
        self.check(validate::max_items("sku_ids", skus.len(), 100))
            .query("sku_ids", id_list(skus))
    }

    /// Leaves out consumed entitlements.
    pub fn exclude_consumed(self, exclude: bool) -> Self {
        self.query("exclude_consumed", exclude)
    }
}

impl Builder<'_, op::ListSkuSubscriptions> {
    /// Subscriptions before this one.
    pub fn before(self, id: SubscriptionId) -> Self {
        self.query("before", id)
    }

    /// Subscriptions after this one.
    pub fn after(self, id: SubscriptionId) -> Self {
        self.query("after", id)
    }

    /// How many (1 to 100; Discord's default 50).
    pub fn limit(self, limit: u32) -> Self {
        self.query_in_range("limit", limit, 1, 100)
    }

    /// Subscriptions of this user (required with a bot token).
    pub fn user_id(self, user: UserId) -> Self {
        self.query("user_id", user)
    }
}

impl Builder<'_, op::GetSkuSubscription> {
    /// The subscription's user.
    pub fn user_id(self, user: UserId) -> Self {
        self.query("user_id", user)
    }
}

impl Builder<'_, op::UpdateRoleConnection, Value> {
    /// The vanity name of the platform (at most 50 characters).
    pub fn platform_name(self, name: impl Into<String>) -> Self {
        self.text(
            "platform_name",
            name.into(),
            0,
            ApplicationRoleConnection::PLATFORM_NAME_MAX,
        )
    }

    /// The user's name on the platform (at most 100 characters).
    pub fn platform_username(self, name: impl Into<String>) -> Self {
        self.text(
            "platform_username",
            name.into(),
            0,
            ApplicationRoleConnection::PLATFORM_USERNAME_MAX,
        )
    }

    /// Sets one metadata value, keyed by a metadata record's `key` (values of 1 to 100
    /// characters, at most 5 keys): integers and booleans (`"1"`) as decimal strings,
    /// dates as ISO8601.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let (key, value) = (key.into(), value.into());
        let mut check = validate::chars_between(
            "metadata",
            &value,
            1,
            ApplicationRoleConnection::METADATA_VALUE_MAX,
        );
        if let Value::Object(body) = &mut self.body {
            let map = body
                .entry("metadata")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(map) = map {
                map.insert(key, Value::String(value));
                check = check.and(validate::max_items(
                    "metadata",
                    map.len(),
                    ApplicationRoleConnectionMetadata::RECORDS_MAX,
                ));
            }
        }
        self.check(check)
    }
}
