//! Operation markers of the guild, guild-settings, template, member, role and ban families (see [`crate::typed`]).

#[allow(unused_imports)]
use kokoro_model as model;

ops! {}
