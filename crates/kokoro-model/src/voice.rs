//! Voice states and voice regions.
