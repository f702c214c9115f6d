//! OAuth2 objects: authorization information.
