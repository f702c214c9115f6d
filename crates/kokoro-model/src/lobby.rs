//! Lobbies of the Social SDK.
