//! Invites to guilds, group DMs and friends.
