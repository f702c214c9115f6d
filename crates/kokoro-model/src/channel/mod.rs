//! Channels of every type, threads, forum and media channels, permission overwrites.
