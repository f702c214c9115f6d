//! Applications, teams, application commands and role connection metadata.
