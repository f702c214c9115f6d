//! Messages and what they carry: embeds, attachments, reactions, references, snapshots, mentions.
