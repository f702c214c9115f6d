//! Guilds and what belongs to them: members, roles, bans, integrations, previews, widgets, welcome screens, onboarding, templates.
