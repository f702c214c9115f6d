//! Guilds and their settings: preview, channels, widget, welcome screen, onboarding, templates, prune, integrations, join requests, search, and the remaining member, role and ban routes.
