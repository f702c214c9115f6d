//! Operation markers of the emoji, sticker, soundboard, scheduled-event and stage families (see [`crate::typed`]).

#[allow(unused_imports)]
use kokoro_model as model;

ops! {}
