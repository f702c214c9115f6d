//! Guild audit logs.
