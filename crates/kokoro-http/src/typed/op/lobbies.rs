//! Operation markers of the lobby, partner-SDK and invite-target-user families (see
//! [`crate::typed`]).

#[allow(unused_imports)]
use kokoro_model as model;

ops! {}
