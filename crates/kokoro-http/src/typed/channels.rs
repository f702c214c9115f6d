//! Channel extras (followers, overwrites, group DMs, archived threads, thread members, voice status), webhooks by token, users, voice, auto-moderation and polls.
