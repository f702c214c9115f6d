//! Lobbies, partner-SDK routes and invite target users.
