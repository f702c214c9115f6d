//! Applications, application emojis and commands' permissions, entitlements, SKUs, role connections and OAuth2.
