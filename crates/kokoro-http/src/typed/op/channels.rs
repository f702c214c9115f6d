//! Operation markers of the channel, thread, webhook, user, voice, auto-moderation and poll families (see [`crate::typed`]).

#[allow(unused_imports)]
use kokoro_model as model;

ops! {}
