//! Entitlements, SKUs and subscriptions.
